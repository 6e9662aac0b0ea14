"""`chronik search`, `show`, `claims`, `timeline`, `stats` and `export`: reading the store."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from chronik.cli.common import (
    AS_JSON,
    CONFIG,
    DB,
    err,
    open_from_options,
    out,
    parse_date_option,
    print_json,
)
from chronik.cli.render import RENDERERS


def search(
    query: str = typer.Argument(..., help="Words to find; a trailing * searches by prefix."),
    db: str | None = DB,
    config: Path | None = CONFIG,
    limit: int = typer.Option(20, min=1, max=1000),
    offset: int = typer.Option(0, min=0),
    as_json: bool = AS_JSON,
) -> None:
    """Full-text search over the stored reports, with snippets. German word forms and every name
    of a linked entity are found too; operators: OR, -word, "phrase", prefix*, ( ).

    [bold]Examples[/bold]

      chronik search Lukaschenko
      chronik search "Schoigu Minsk" --limit 5 --json
      chronik search "Putin OR Lukaschenko"
      chronik search Verteidigungsminist*
      chronik search -- "Russland -Putin"
    """
    from chronik.store import queries

    result = queries.search(open_from_options(config, db), query, limit=limit, offset=offset)
    if as_json:
        print_json(result)
        return
    table = Table(title=f"{result['total']:,} reports match {query!r}")
    for col in ("id", "date", "snippet"):
        table.add_column(col, overflow="fold")
    for row in result["results"]:
        table.add_row(row["id"][:12], row["date"] or "?", row["snippet"].replace("\n", " "))
    out.print(table)
    if result.get("variants"):
        out.print("also searched: " + ", ".join(result["variants"]), style="dim", markup=False)
    for notice in result.get("notices") or []:
        err.print(notice, style="yellow", markup=False, highlight=False)


def show(
    report_id: str = typer.Argument(
        ..., metavar="ID", help="Report id (or an unambiguous prefix of ≥ 6 characters)."
    ),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Show one report with its sentences and everything found in it.

    [bold]Examples[/bold]

      chronik show 3f2a9c1b7d4e
      chronik show 3f2a9c --json
    """
    from chronik.store import queries

    store = open_from_options(config, db)
    full = queries.resolve_report_id(store, report_id)
    record = queries.report(store, full) if full else None
    if record is None:
        err.print(
            f"no report with id {report_id!r}; find ids with `chronik search` or `chronik export`",
            style="red",
        )
        raise typer.Exit(1)
    if as_json:
        print_json(record)
        return
    out.print(
        f"[bold]{record['id']}[/bold]  date {record['date'] or 'unknown'}  "
        f"{record.get('title') or ''}",
        highlight=False,
    )
    for i, sentence in enumerate(record["sentences"], start=1):
        out.print(f"{i:>3}  {sentence['text']}", markup=False, highlight=False)
    for kind, render in RENDERERS.items():
        lines = render(record.get(kind) or [])
        if lines:
            out.print(f"\n[bold]{kind}[/bold] ({len(record[kind])})")
            for line in lines:
                out.print("  " + line, markup=False, highlight=False)


def filters_from_options(
    entity: str | None,
    types: list[str] | None,
    start: str | None,
    end: str | None,
    certainty: list[str] | None,
    source: str | None,
    as_of: str | None,
):  # -> queries.Filters
    from chronik.store import queries

    def day(value: str | None, name: str):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        parsed = parse_date_option(value)
        return parsed.earliest() if name != "--end" else parsed.latest()

    kinds = tuple(t.upper() for t in types or ())
    _check_choices(kinds, queries.EVENT_TYPES, "--type")
    _check_choices(tuple(certainty or ()), queries.CERTAINTIES, "--certainty")
    return queries.Filters(
        entity=entity,
        types=kinds,
        start=day(start, "--start"),
        end=day(end, "--end"),
        certainty=tuple(certainty or ()),
        source=source,
        as_of=day(as_of, "--as-of"),
    )


def _check_choices(given: tuple[str, ...], known: Iterable[str], option: str) -> None:
    unknown = [value for value in given if value not in known]
    if unknown:
        raise typer.BadParameter(
            f"{', '.join(unknown)}: choose from {', '.join(sorted(known))}", param_hint=option
        )


ENTITY = typer.Option(None, "--entity", "-e", help="An entity id or name (Schoigu, Russland …).")
START = typer.Option(None, "--start", help="Period start, e.g. 2022-10 or 2022-10-01.")
END = typer.Option(None, "--end", help="Period end (inclusive), e.g. 2022-12.")
AS_OF = typer.Option(None, "--as-of", help="Only what reports published up to this day said.")
LIMIT = typer.Option(20, "--limit", min=1, max=200)


def claims(
    db: str | None = DB,
    config: Path | None = CONFIG,
    entity: str | None = ENTITY,
    source: str | None = typer.Option(
        None, "--source", help="How a claim's source begins (Kreml, die russische …)."
    ),
    start: str | None = START,
    end: str | None = END,
    as_of: str | None = AS_OF,
    limit: int = LIMIT,
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = AS_JSON,
) -> None:
    """Contested claims: each claim beside the claim that contradicts it, with sources and dates.

    [bold]Examples[/bold]

      chronik claims
      chronik claims --entity Russland --as-of 2022-12-31 --json
    """
    from chronik.store import queries

    result = queries.claims(
        open_from_options(config, db),
        filters_from_options(entity, None, start, end, None, source, as_of),
        queries.Page(limit=limit, offset=offset),
    )
    if as_json:
        print_json(result)
        return
    table = Table(title="contested claims", show_lines=True)
    for col in ("claim", "contradicted by"):
        table.add_column(col, overflow="fold", ratio=1)
    for pair in result["pairs"]:
        table.add_row(*(_claim_cell(pair[side]) for side in ("a", "b")))
    out.print(table)
    if result["has_more"]:
        out.print(f"more: --offset {offset + limit}", style="dim")


def _claim_cell(claim: dict[str, Any]) -> str:
    return (
        f"{claim['text']}\n— {claim.get('source') or 'no source'} ({claim['certainty']}), "
        f"{claim.get('report_date') or '?'} [{str(claim['report_id'])[:12]}]"
    )


def timeline(
    db: str | None = DB,
    config: Path | None = CONFIG,
    entity: str | None = ENTITY,
    types: list[str] | None = typer.Option(
        None, "--type", "-t", help="Event type (repeatable): ASSAULT, CONSULT …"
    ),
    start: str | None = START,
    end: str | None = END,
    certainty: list[str] | None = typer.Option(
        None, "--certainty", help="Of a claim about the event (repeatable)."
    ),
    as_of: str | None = AS_OF,
    limit: int = LIMIT,
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = AS_JSON,
) -> None:
    """What happened, newest first: events with actors, targets, places, dates and how many reports
    tell them.

    [bold]Examples[/bold]

      chronik timeline --entity Schoigu
      chronik timeline --type ASSAULT --start 2022-10 --end 2022-12 --json
    """
    from chronik.store import queries

    result = queries.timeline(
        open_from_options(config, db),
        filters_from_options(entity, types, start, end, certainty, None, as_of),
        queries.Page(limit=limit, offset=offset),
    )
    if as_json:
        print_json(result)
        return
    table = Table(title="timeline")
    for col in ("date", "type", "who", "what", "whom", "where", "reports"):
        table.add_column(col, overflow="fold")
    names = lambda items: ", ".join(x["text"] for x in items)  # noqa: E731
    for ev in result["events"]:
        negated = " (not)" if ev["negated"] else ""
        table.add_row(
            ev.get("time_value") or ev.get("report_date") or "?",
            ev["type"] + negated,
            names(ev["actor"]),
            ev["trigger_text"],
            names(ev["target"]),
            names(ev["place"]),
            str(ev["reported_by"]["reports"]),
        )
    out.print(table)
    if result["has_more"]:
        out.print(f"more: --offset {offset + limit}", style="dim")


def stats(db: str | None = DB, config: Path | None = CONFIG, as_json: bool = AS_JSON) -> None:
    """Counts of reports, sentences and facts in the store.

    [bold]Example[/bold]

      chronik stats --db chronik.db
    """
    from chronik.store import queries

    result = queries.stats(open_from_options(config, db))
    if as_json:
        print_json(result)
        return
    table = Table(title="chronik store")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in result.items():
        shown = (
            ", ".join(f"{k} {v}" for k, v in value.items())
            if isinstance(value, dict)
            else f"{value:,}"
            if isinstance(value, int)
            else str(value)
        )
        table.add_row(key, shown)
    out.print(table)
