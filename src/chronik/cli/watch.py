"""`chronik watch` and `chronik sources`: follow feeds and folders, and show how each one fares."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from pathlib import Path

import typer

from chronik.cli.common import AS_JSON, CONFIG, DB, err, load_settings, out, print_json


def watch(
    sources: list[str] = typer.Argument(
        None, help="Feed URLs (RSS/Atom) and folders; default: [[chronik.sources]] in chronik.toml."
    ),
    once: bool = typer.Option(False, "--once", help="One pass over every source, then exit."),
    interval: float = typer.Option(
        900.0,
        "--interval",
        min=1.0,
        help="Seconds between passes over a feed (folders: on change).",
    ),
    host_delay: float = typer.Option(
        1.0, "--host-delay", min=0.0, help="Seconds between two requests to one web server."
    ),
    timeout: float = typer.Option(15.0, "--timeout", min=0.1, help="HTTP timeout in seconds."),
    revisit_hours: float = typer.Option(
        48.0,
        "--revisit-hours",
        min=0.0,
        help="Ask again (conditionally) for articles stored this recently; 0: only when the feed "
        "gives an item a new date.",
    ),
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Follow news feeds and folders: new items are fetched, analysed and stored, alerts fire.

    Each pass fetches a feed (conditionally), reads the article page of every new or updated item
    with trafilatura and stores it like `chronik ingest`; a changed article becomes a new version.
    Folders are ingested as files appear or change. One failing source never stops the others;
    `chronik sources` shows each one's last fetch, status and errors.

    [bold]Examples[/bold]

      chronik watch https://example.org/feed.xml --once
      chronik watch https://example.org/feed.xml inbox/ --interval 600
      chronik watch            (the [[chronik.sources]] of chronik.toml)
    """
    from chronik.ingest.fetch import FetchOptions
    from chronik.jobs.watch import Watcher, watch_forever
    from chronik.jobs.watched import parse_source
    from chronik.store.db import open_store

    settings = load_settings(config, db=db)
    given = list(sources or []) or list(settings.sources)
    if not given:
        raise typer.BadParameter(
            "give feed URLs or folders, or list [[chronik.sources]] in chronik.toml",
            param_hint="SOURCE",
        )
    parsed = [parse_source(value) for value in given]
    store = open_store(settings.db)
    options = FetchOptions(host_delay=host_delay, timeout=timeout)
    with Watcher(store, settings, options, revisit_hours) as watcher:
        if once:
            summary = watcher.run_pass(parsed, on_source=None if as_json else _print_source)
            if as_json:
                print_json(summary.as_dict())
            else:
                _print_summary(summary)
            raise typer.Exit(1 if summary.errors else 0)
        err.print(f"watching {len(parsed)} sources; Ctrl-C stops", style="dim")
        stop = threading.Event()
        # SIGTERM (systemd, docker stop) ends the run once the current pass is done; every report
        # is its own transaction, so a harder kill loses nothing either
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with contextlib.suppress(KeyboardInterrupt):
            watch_forever(watcher, parsed, interval, on_pass=_status_line, stop=stop)
        err.print("stopped", style="dim")


def _print_source(result) -> None:  # type: ignore[no-untyped-def]
    style = None if result.ok and not result.errors else "yellow"
    out.print(
        f"{result.source}: {result.status}; {result.added} new, {result.new_versions} new "
        f"versions, {result.unchanged} known, {len(result.errors)} errors",
        style=style,
        markup=False,
        highlight=False,
    )
    for message in result.errors[:10]:
        err.print(f"  {message}", style="yellow", markup=False, highlight=False)


def _print_summary(summary) -> None:  # type: ignore[no-untyped-def]
    hooks = summary.deliveries
    out.print(
        f"{len(summary.sources)} sources, {summary.added} new reports, {summary.new_versions} new "
        f"versions, {summary.errors} errors, alerts: {hooks.delivered} delivered, "
        f"{hooks.retrying} to retry, {summary.seconds:.1f} s",
        markup=False,
        highlight=False,
    )
    for message in hooks.errors:
        err.print(message, style="yellow", markup=False, highlight=False)


def _status_line(summary) -> None:  # type: ignore[no-untyped-def]
    stamp = time.strftime("%H:%M:%S")
    failing = sum(1 for r in summary.sources if not r.ok)
    sys.stderr.write(
        f"{stamp} {len(summary.sources)} sources read, {summary.added} new, "
        f"{summary.new_versions} new versions, {summary.errors} errors"
        f"{f', {failing} failing' if failing else ''}\n"
    )


def sources(
    db: str | None = DB,
    config: Path | None = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Watched feeds and folders: last fetch, status, reports stored, errors.

    [bold]Example[/bold]

      chronik sources --json
    """
    from rich.table import Table

    from chronik.store.db import open_store
    from chronik.store.sources import list_sources

    rows = list_sources(open_store(load_settings(config, db=db).db))
    if as_json:
        print_json(rows)
        return
    table = Table("source", "kind", "last fetch", "status", "items", "errors")
    for row in rows:
        table.add_row(
            row["name"] or row["source"],
            row["kind"],
            (row["last_fetch"] or "never")[:19],
            row["status"] or "",
            str(row["items"]),
            str(row["errors"]),
        )
    out.print(table)
    for row in rows:
        for error in row["recent_errors"]:
            err.print(
                f"{row['source']}: {error['at'][:19]} {error['message']}",
                style="yellow",
                markup=False,
                highlight=False,
            )
