"""`chronik export`: the store as files for other tools, with the filters of the web downloads."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import typer

from chronik.cli.common import CONFIG, DB, open_from_options
from chronik.cli.explore import AS_OF, END, ENTITY, START, filters_from_options

FORMATS = ("jsonl", "csv", "gexf", "graphml", "geojson")


def export(
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here instead of standard output."
    ),
    format: str = typer.Option(
        "jsonl",
        "--format",
        "-f",
        help="jsonl: reports with annotations; csv: timeline events; gexf, graphml: the network; "
        "geojson: places.",
    ),
    db: str | None = DB,
    config: Path | None = CONFIG,
    all_versions: bool = typer.Option(False, help="jsonl: include superseded versions of reports."),
    entity: str | None = ENTITY,
    types: list[str] | None = typer.Option(None, "--type", "-t", help="Event type (repeatable)."),
    start: str | None = START,
    end: str | None = END,
    certainty: list[str] | None = typer.Option(
        None, "--certainty", help="Of a claim (repeatable)."
    ),
    as_of: str | None = AS_OF,
    limit: int = typer.Option(10_000, "--limit", min=1, max=1_000_000, help="csv: rows at most."),
    max_edges: int = typer.Option(300, "--max-edges", min=1, max=2000, help="Network edges."),
) -> None:
    """Export the store: reports as JSON Lines in the annotation format, or the timeline, network
    and places in the formats of the web downloads (same filters).

    [bold]Examples[/bold]

      chronik export > corpus.jsonl
      chronik export -o corpus.jsonl --db news.db
      chronik export --format csv --entity Schoigu -o schoigu.csv
      chronik export --format gexf --start 2022-10 --end 2022-12 -o network.gexf
      chronik export --format geojson -o places.geojson
    """
    from chronik.store import queries
    from chronik.views import downloads

    if format not in FORMATS:
        raise typer.BadParameter(
            f"{format!r}: choose one of {', '.join(FORMATS)}", param_hint="--format"
        )
    store = open_from_options(config, db)
    filters = filters_from_options(entity, types, start, end, certainty, None, as_of)
    if format == "jsonl":

        def write(handle: IO[str]) -> None:
            for record in queries.export_records(store, include_old_versions=all_versions):
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

        _deliver(write, output, binary=False)
        return
    made: Any
    if format == "csv":
        made = downloads.timeline_csv(
            queries.timeline(store, filters, queries.Page(limit=limit, offset=0))
        )
    elif format == "geojson":
        made = downloads.geojson(queries.places(store, filters))
    else:
        data = queries.network(store, filters, max_edges=max_edges)
        made = downloads.gexf(data) if format == "gexf" else downloads.graphml(data)
    binary = isinstance(made, bytes)
    _deliver(lambda handle: handle.write(made), output, binary=binary)


def _deliver(write: Callable[[Any], Any], output: Path | None, binary: bool) -> None:
    """To standard output, or to `output` through a file beside it that is renamed at the end, so a
    failed export leaves no half-written file."""
    if output is None:
        write(sys.stdout.buffer if binary else sys.stdout)
        return
    partial = output.with_name(output.name + ".partial")
    try:
        with partial.open(
            "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})
        ) as h:
            write(h)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise typer.BadParameter(
            f"cannot write {output}: {exc.strerror or exc}; choose a folder that exists and "
            "that you may write to",
            param_hint="--output",
        ) from None
