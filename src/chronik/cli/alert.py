"""`chronik alert add|list|remove|test`: saved filters that fire on new reports."""

from __future__ import annotations

from pathlib import Path

import typer

from chronik.cli.common import AS_JSON, CONFIG, DB, err, load_settings, out, print_json

alert_app = typer.Typer(
    help="Alerts: be told when a new report brings facts you watch.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def _store(config: Path | None, db: str | None):  # -> Store
    from chronik.store.db import open_store

    return open_store(load_settings(config, db=db).db)


@alert_app.command("add")
def add(
    name: str = typer.Argument(..., help="A name for the alert."),
    entity: str | None = typer.Option(None, "--entity", help="An entity's name or id."),
    types: list[str] = typer.Option([], "--type", help="Event type (repeatable), e.g. ACCUSE."),
    place: str | None = typer.Option(None, "--place", help="Where the event happens."),
    certainty: list[str] = typer.Option(
        [], "--certainty", help="Claim certainty (repeatable): asserted reported alleged ..."
    ),
    contested: bool = typer.Option(False, "--contested", help="Only contradicted claims."),
    query: str | None = typer.Option(None, "--query", help="Words the report's text must hold."),
    webhook: str | None = typer.Option(None, "--webhook", help="POST each payload (JSON) here."),
    feed: bool = typer.Option(
        True, "--feed/--no-feed", help="List firings in /alerts and /alerts.atom."
    ),
    db: str | None = DB,
    config: Path | None = CONFIG,
) -> None:
    """Save an alert; it fires once for each new report that brings matching facts.

    An entity not yet in the store is fine: the alert fires when its name is first mentioned.

    [bold]Examples[/bold]

      chronik alert add scholz --entity "Olaf Scholz" --webhook http://127.0.0.1:9000/hook
      chronik alert add dementis --certainty denied --type ACCUSE --entity Russland
      chronik alert add streit --contested --query Waffenruhe
    """
    from chronik.errors import ConfigError
    from chronik.kb.alerts import create_alert, make_filters

    try:
        filters = make_filters(entity, types, place, certainty, contested, query)
        alert = create_alert(_store(config, db), name, filters, webhook, feed)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc)) from None
    out.print(f"alert {alert.name!r} added: {alert.filters}", markup=False, highlight=False)


@alert_app.command("list")
def list_(db: str | None = DB, config: Path | None = CONFIG, as_json: bool = AS_JSON) -> None:
    """The saved alerts with their filters and delivery."""
    from chronik.store.alerts import list_alerts

    alerts = list_alerts(_store(config, db))
    rows = [
        {"name": a.name, "filters": a.filters, "webhook": a.webhook, "feed": a.feed} for a in alerts
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        out.print("no alerts (chronik alert add NAME --entity ...)")
    for row in rows:
        delivery = ", ".join(x for x in (row["webhook"], "feed" if row["feed"] else None) if x)
        out.print(f"{row['name']}: {row['filters']} -> {delivery}", markup=False, highlight=False)


@alert_app.command("remove")
def remove(
    name: str = typer.Argument(..., help="The alert's name."),
    db: str | None = DB,
    config: Path | None = CONFIG,
) -> None:
    """Delete an alert and what it fired."""
    from chronik.store.alerts import remove_alert

    if not remove_alert(_store(config, db), name):
        err.print(f"no alert named {name!r} (chronik alert list)", style="red", markup=False)
        raise typer.Exit(1)
    out.print(f"alert {name!r} removed", markup=False, highlight=False)


@alert_app.command("test")
def test(
    name: str = typer.Argument(..., help="The alert's name."),
    limit: int = typer.Option(1000, "--limit", min=1, help="Newest stored reports to try."),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Run an alert over the stored reports and print what it would send; nothing is delivered.

    [bold]Example[/bold]

      chronik alert test scholz --json
    """
    from chronik.kb.alerts import dry_run
    from chronik.store.alerts import get_alert

    store = _store(config, db)
    alert = get_alert(store, name)
    if alert is None:
        err.print(f"no alert named {name!r} (chronik alert list)", style="red", markup=False)
        raise typer.Exit(1)
    payloads = dry_run(store, alert, limit)
    if as_json:
        print_json(payloads)
        return
    for payload in payloads:
        report = payload["report"]
        out.print(
            f"{report['date']} {report['title'] or report['id']}: {payload['facts_total']} facts",
            markup=False,
            highlight=False,
        )
        for fact in payload["facts"][:5]:
            out.print(f"  {_fact_line(fact)}", markup=False, highlight=False)
    out.print(f"{len(payloads)} matching reports", style="bold")


def _fact_line(fact: dict) -> str:
    if fact["kind"] == "event":
        args = ", ".join(f"{a['role']}={a['text']}" for a in fact["args"])
        return f"event {fact['type']} '{fact['trigger']}' ({args})"
    if fact["kind"] == "claim":
        return f"claim [{fact['certainty']}] {fact['text'][:120]}"
    if fact["kind"] == "mention":
        return f"mention {fact['text']} ({fact['type']})"
    return f"text: {fact['text'][:120]}"
