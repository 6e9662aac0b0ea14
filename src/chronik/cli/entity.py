"""`chronik entity …`: show an entity, and corrections that last (merge, split, alias)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from chronik.cli.common import AS_JSON, CONFIG, DB, err, open_from_options, out, print_json

entity_app = typer.Typer(
    help="Entities: list and show them, and corrections that last (merge, split, alias).",
    no_args_is_help=True,
)
alias_app = typer.Typer(
    help="The alias table: variants the linker cannot know.", no_args_is_help=True
)
entity_app.add_typer(alias_app, name="alias")


def say(message: str) -> None:
    out.print(message, markup=False, highlight=False)


@entity_app.command("show")
def entity_show(
    name: str = typer.Argument(
        ..., help="Any name the entity was seen under (Schoigu, Shoigu, Шойгу …)."
    ),
    db: str | None = DB,
    config: Path | None = CONFIG,
    limit: int = typer.Option(50, min=1, max=10_000, help="Reports to list."),
    as_json: bool = AS_JSON,
) -> None:
    """Names with counts, roles over time, and the reports that mention an entity.

    [bold]Examples[/bold]

      chronik entity show Schoigu
      chronik entity show "Sergei Shoigu" --json
    """
    from chronik.kb import decisions as ec

    result = ec.entity_show(open_from_options(config, db), name, limit)
    if as_json:
        print_json(result)
        return
    _print_entity(result)


def _print_entity(result: dict[str, Any]) -> None:
    entity = result.get("entity", result)
    out.print(
        f"[bold]{entity.get('canonical')}[/bold] ({entity.get('type')}), "
        f"{entity.get('n_mentions', '?')} mentions, "
        f"{entity.get('first_date') or '?'} … {entity.get('last_date') or '?'}",
        highlight=False,
    )
    if result.get("names"):
        out.print(
            "names: " + ", ".join(f"{n['name']} ({n['count']})" for n in result["names"]),
            highlight=False,
        )
    for other in result.get("others", []):
        out.print(
            f"  also named so: {other['id']} {other['canonical']} ({other['type']}, "
            f"{other['n_mentions']} mentions) {other['context']}",
            markup=False,
            highlight=False,
        )
    for role in result.get("roles", []):
        out.print(
            f"  {role.get('date') or '?'}  {role.get('role')} "
            f"{role.get('of') or role.get('of_text') or ''}"
            f"  [{role.get('kind', '')}]",
            markup=False,
            highlight=False,
        )
    if result.get("reports"):
        table = Table(title="reports")
        for col in ("id", "date", "mentions", "title"):
            table.add_column(col, overflow="fold")
        for rep in result["reports"]:
            table.add_row(
                str(rep["id"])[:12],
                str(rep.get("date") or "?"),
                str(rep.get("mentions", "")),
                rep.get("title") or "",
            )
        out.print(table)


@entity_app.command("merge")
def entity_merge(
    into: str = typer.Argument(..., help="The entity that stays."),
    other: str = typer.Argument(..., help="The entity merged into it."),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Merge two entities; stored as a decision that survives re-linking.

    [bold]Example[/bold]

      chronik entity merge "Volodymyr Zelenskyy" Selensky
    """
    from chronik.kb import decisions as ec

    result = ec.entity_merge(open_from_options(config, db), into, other)
    if as_json:
        print_json(result)
    elif not result["merged"]:
        say(f"nothing to do: {result['entity']} — {result['reason']}")
    else:
        say(
            f"merged {result['from']} into {result['entity']}: {result['mentions']:,} mentions "
            f"moved (names {', '.join(result['names'])}); decision {result['decision']}"
        )


@entity_app.command("split")
def entity_split(
    entity: str = typer.Argument(..., help="The entity to split."),
    names: str = typer.Option(
        ..., "--names", help="Comma-separated names that go to a new entity."
    ),
    as_: str | None = typer.Option(None, "--as", help="Canonical name of the new entity."),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Move the mentions with some names to an entity of their own; stored as a decision.

    [bold]Example[/bold]

      chronik entity split Georgia --names "Georgia (USA)" --as "Georgia (U.S. state)"
    """
    from chronik.kb import decisions as ec

    parts = [n.strip() for n in names.split(",") if n.strip()]
    if not parts:
        raise typer.BadParameter("give at least one name", param_hint="--names")
    result = ec.entity_split(open_from_options(config, db), entity, parts, as_)
    if as_json:
        print_json(result)
    else:
        say(
            f"split {result['mentions']:,} mentions of {result['entity']} off as {result['new']}; "
            f"decision {result['decision']}"
        )


@alias_app.command("add")
def alias_add(
    variant: str = typer.Argument(..., help="The variant spelling, e.g. Weißrussland."),
    canonical: str = typer.Argument(..., help="What it names, e.g. Belarus."),
    type_: str | None = typer.Option(None, "--type", help="PER, LOC, ORG or OTH."),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Add an alias; conflicts and cycles are refused and nothing changes.

    [bold]Example[/bold]

      chronik entity alias add "Kyjiw" Kyiv --type LOC
    """
    from chronik.kb import decisions as ec

    result = ec.alias_add(open_from_options(config, db), variant, canonical, type_)
    if as_json:
        print_json(result)
    else:
        kind = f" ({result['type']})" if result.get("type") else ""
        say(
            f"{result['variant']} now names {result['canonical']}{kind}; "
            f"{result['mentions']:,} mentions re-linked; decision {result['decision']}"
        )
    for warning in result.get("warnings", []):
        err.print(f"warning: {warning}", style="yellow", markup=False, highlight=False)


@alias_app.command("list")
def alias_list(
    all_: bool = typer.Option(
        False, "--all", help="Also the aliases chronik ships (aliases.tsv, with their source)."
    ),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """The aliases added with `entity alias add` (and with --all the shipped ones).

    [bold]Examples[/bold]

      chronik entity alias list
      chronik entity alias list --all --json
    """
    from chronik.kb import decisions as ec

    rows = ec.alias_list(open_from_options(config, db), all_)
    if as_json:
        print_json(rows)
        return
    if not rows:
        say("no aliases added yet (`chronik entity alias add VARIANT CANONICAL`)")
        return
    table = Table(title="aliases")
    for col in ("variant", "canonical", "type", "origin"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(row["variant"], row["canonical"], row["type"], row["origin"])
    out.print(table)


@alias_app.command("remove")
def alias_remove(
    variant: str = typer.Argument(..., help="The variant as added, e.g. Weißrussland."),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Withdraw an alias added with `entity alias add` and re-link the store without it.

    [bold]Example[/bold]

      chronik entity alias remove Weißrussland
    """
    from chronik.kb import decisions as ec

    result = ec.alias_remove(open_from_options(config, db), variant)
    if as_json:
        print_json(result)
    else:
        say(
            f"alias {result['variant']} removed (decision "
            f"{', '.join(map(str, result['decisions']))}); "
            f"{result['relinked_reports']:,} reports re-linked"
        )


@entity_app.command("list")
def entity_list(
    type_: str | None = typer.Option(None, "--type", help="PER, LOC, ORG or OTH."),
    name: str | None = typer.Option(
        None, "--name", help="How the name (or any spelling of it) begins, case-insensitively."
    ),
    min_mentions: int = typer.Option(0, "--min-mentions", min=0, help="At least this many."),
    limit: int = typer.Option(50, min=1, max=100_000, help="Entities to list."),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Entities, most mentioned first.

    [bold]Examples[/bold]

      chronik entity list --type PER --min-mentions 3
      chronik entity list --name Scho --json
    """
    from chronik.kb import decisions as ec

    kind = type_.upper() if type_ else None
    if kind not in (None, "PER", "LOC", "ORG", "OTH"):
        raise typer.BadParameter(f"{type_}: choose PER, LOC, ORG or OTH", param_hint="--type")
    rows = ec.entity_list(open_from_options(config, db), kind, name, min_mentions, limit)
    if as_json:
        print_json(rows)
        return
    if not rows:
        say("no entity matches")
        return
    table = Table(title="entities")
    for col in ("id", "name", "type", "mentions", "first", "last"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["canonical"],
            r["type"],
            str(r["n_mentions"]),
            r["first_date"] or "",
            r["last_date"] or "",
        )
    out.print(table)


@entity_app.command("decisions")
def entity_decisions(
    db: str | None = DB, config: Path | None = CONFIG, as_json: bool = AS_JSON
) -> None:
    """List the user decisions (merges, splits, aliases) in the order they were made.

    [bold]Example[/bold]

      chronik entity decisions
    """
    from chronik.kb import decisions as ec

    rows = ec.decisions(open_from_options(config, db))
    if as_json:
        print_json(rows)
        return
    if not rows:
        say("no decisions yet (entity merge, split and alias add make them)")
        return
    table = Table(title="decisions")
    for col in ("id", "action", "what", "made"):
        table.add_column(col, overflow="fold")
    for row in rows:
        what = ", ".join(f"{k}={v}" for k, v in (row["args"] or {}).items())
        table.add_row(str(row["id"]), row["action"], what, row["created_at"][:19])
    out.print(table)


@entity_app.command("undo")
def entity_undo(
    decision_id: int = typer.Argument(..., help="Id from `chronik entity decisions`."),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Take a decision back and re-link the store.

    [bold]Example[/bold]

      chronik entity undo 3
    """
    from chronik.kb import decisions as ec

    result = ec.decision_undo(open_from_options(config, db), decision_id)
    if as_json:
        print_json(result)
    else:
        say(
            f"decision {result['undone']} ({result['action']}) undone; "
            f"{result['relinked_reports']:,} reports re-linked"
        )


@entity_app.command("relink")
def entity_relink(
    db: str | None = DB, config: Path | None = CONFIG, as_json: bool = AS_JSON
) -> None:
    """Drop all links and link every report again (decisions are kept and applied).

    [bold]Example[/bold]

      chronik entity relink --db chronik.db
    """
    from chronik.kb import decisions as ec

    result = ec.relink(open_from_options(config, db))
    if as_json:
        print_json(result)
    else:
        say(f"{result['reports']:,} reports re-linked into {result['entities']:,} entities")
