"""The `chronik` command: parse flags, call one function, print. No logic of its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from chronik.cli_common import AS_JSON, CONFIG, DB, _date_option, _open, _print_json, _settings, err, out
from chronik.cli_entity import entity_app
from chronik.cli_eval import eval_app
from chronik.errors import ChronikError, ConfigError

app = typer.Typer(
    name="chronik",
    help="Turn dated news reports into a time-aware, source-attributed knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example: chronik ingest data/sample/ && chronik serve   (then open http://127.0.0.1:8000)",
)

app.add_typer(eval_app, name="eval")
app.add_typer(entity_app, name="entity")


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or directories (walked recursively)."),
    db: Optional[str] = DB,
    config: Optional[Path] = CONFIG,
    format: str = typer.Option("auto", "--format", "-f", help="auto|dated|jsonl|csv|txt|html (auto: by extension)."),
    date: Optional[str] = typer.Option(None, "--date", help="Date for plain text without a dateline, e.g. 2022-12-05."),
    text_column: str = typer.Option("text", help="CSV/JSONL field holding the text."),
    date_column: str = typer.Option("date", help="CSV/JSONL field holding the date."),
    lang: str = typer.Option("de", help="Language of the reports (ISO 639-1)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="NLP worker processes."),
    batch_size: Optional[int] = typer.Option(None, help="Reports per NLP batch."),
    tier: Optional[str] = typer.Option(None, help="NER tier: fast|accurate."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="SCHEDULER",
                                       help="Run reading and NLP on a Dask cluster: tcp://host:8786, or local[:N]."),
    as_json: bool = AS_JSON,
) -> None:
    """Read reports, analyse them and store them; already stored reports are skipped.

    [bold]Examples[/bold]

      chronik ingest data/sample/
      chronik ingest news.jsonl --db news.db --workers 2
      chronik ingest article.txt --date 2022-12-05
      chronik ingest export.csv --text-column body --date-column published
      chronik ingest archive/ --db postgresql+psycopg://user@db/chronik --dask local:2
    """
    from chronik.ingest import FORMATS, ReadOptions
    from chronik.run import ingest as run_ingest

    if format not in FORMATS:
        raise typer.BadParameter(f"{format!r}: choose one of {', '.join(FORMATS)}", param_hint="--format")
    settings = _settings(config, db=db, workers=workers, batch_size=batch_size, tier=tier)
    options = ReadOptions(format=format, date=_date_option(date), text_column=text_column,
                          date_column=date_column, lang=lang)
    from chronik.store.db import open_store

    store = open_store(settings.db)
    shown = 0

    def on_skip(item) -> None:  # type: ignore[no-untyped-def]
        nonlocal shown
        shown += 1
        if shown <= 50:
            err.print(f"skipped: {item}", style="yellow", markup=False, highlight=False)

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=as_json or not err.is_terminal) as progress:
        task = progress.add_task("reading…")

        def on_progress(s) -> None:  # type: ignore[no-untyped-def]
            rate = s.words / s.seconds if s.seconds else 0
            progress.update(task, description=f"{s.stored:,} stored, {s.duplicates:,} known, "
                                              f"{len(s.skipped):,} skipped, {rate:,.0f} words/s")

        if dask:
            from chronik.distributed import ingest_dask

            summary = ingest_dask(store, paths, options, settings, dask, on_progress=on_progress, on_skip=on_skip)
        else:
            summary = run_ingest(store, paths, options, settings, on_progress=on_progress, on_skip=on_skip)
    if shown > 50:
        err.print(f"… and {shown - 50} more skipped inputs (use --json to list them all)", style="yellow")
    if as_json:
        _print_json(summary.as_dict())
    else:
        out.print(
            f"{summary.stored:,} reports stored ({summary.new_versions:,} new versions), "
            f"{summary.duplicates:,} already known, {len(summary.skipped):,} skipped; "
            f"{summary.words:,} words, {summary.mentions:,} mentions, {summary.timexes:,} timexes, "
            f"{summary.events:,} events, {summary.claims:,} claims; {summary.seconds:.1f} s"
        )
    raise typer.Exit(1 if summary.skipped else 0)


@app.command()
def reanalyse(
    db: Optional[str] = DB,
    config: Optional[Path] = CONFIG,
    since: Optional[str] = typer.Option(None, "--since", metavar="VERSION",
                                        help="Only reports analysed by a chronik release older than this, e.g. 0.2.0 "
                                             "[default: every report whose pipeline differs from the current one]."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="SCHEDULER", help="tcp://host:8786, or local[:N]."),
    tier: Optional[str] = typer.Option(None, help="NER tier: fast|accurate."),
    as_json: bool = AS_JSON,
) -> None:
    """Run the current pipeline again over stored reports analysed by an older one (atomic per report).

    [bold]Examples[/bold]

      chronik reanalyse                      # every report whose analysis is not the current pipeline's
      chronik reanalyse --since 0.2.0 --dask local:2
    """
    from chronik.reanalyse import reanalyse as run_reanalyse

    settings = _settings(config, db=db, tier=tier)
    from chronik.store.db import open_store

    store = open_store(settings.db)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=as_json or not err.is_terminal) as progress:
        task = progress.add_task("selecting…")

        def on_progress(s) -> None:  # type: ignore[no-untyped-def]
            progress.update(task, description=f"{s.reanalysed:,} of {s.selected:,} reports re-analysed")

        summary = run_reanalyse(store, settings, since=since, scheduler=dask, on_progress=on_progress)
    if as_json:
        _print_json(summary.as_dict())
    else:
        out.print(f"{summary.reanalysed:,} reports re-analysed with {summary.pipeline}; {summary.mentions:,} mentions, "
                  f"{summary.events:,} events, {summary.claims:,} claims; {summary.seconds:.1f} s", highlight=False)


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to find; a trailing * searches by prefix."),
    db: Optional[str] = DB,
    config: Optional[Path] = CONFIG,
    limit: int = typer.Option(20, min=1, max=1000),
    offset: int = typer.Option(0, min=0),
    as_json: bool = AS_JSON,
) -> None:
    """Full-text search over the stored reports, with snippets.

    [bold]Examples[/bold]

      chronik search Lukaschenko
      chronik search "Schoigu Minsk" --limit 5 --json
      chronik search Verteidigungsminist*
    """
    from chronik.store import queries

    result = queries.search(_open(config, db), query, limit=limit, offset=offset)
    if as_json:
        _print_json(result)
        return
    table = Table(title=f"{result['total']:,} reports match {query!r}")
    for col in ("id", "date", "snippet"):
        table.add_column(col, overflow="fold")
    for row in result["results"]:
        table.add_row(row["id"][:12], row["date"] or "?", row["snippet"].replace("\n", " "))
    out.print(table)


@app.command()
def show(
    report_id: str = typer.Argument(..., metavar="ID", help="Report id (or an unambiguous prefix of ≥ 6 characters)."),
    db: Optional[str] = DB,
    config: Optional[Path] = CONFIG,
    as_json: bool = AS_JSON,
) -> None:
    """Show one report with its sentences and everything found in it.

    [bold]Examples[/bold]

      chronik show 3f2a9c1b7d4e
      chronik show 3f2a9c --json
    """
    from chronik.store import queries

    store = _open(config, db)
    full = queries.resolve_report_id(store, report_id)
    record = queries.report(store, full) if full else None
    if record is None:
        err.print(f"no report with id {report_id!r}; find ids with `chronik search` or `chronik export`", style="red")
        raise typer.Exit(1)
    if as_json:
        _print_json(record)
        return
    out.print(f"[bold]{record['id']}[/bold]  date {record['date'] or 'unknown'}  "
              f"{record.get('title') or ''}", highlight=False)
    for i, sentence in enumerate(record["sentences"], start=1):
        out.print(f"{i:>3}  {sentence['text']}", markup=False, highlight=False)
    for kind, fmt in (("entities", "{type}{sub}  {text}"), ("timexes", "{type}  {text} = {value}"),
                      ("events", "{type}  {trigger[text]}"), ("claims", "{certainty}  {text}")):
        if record[kind]:
            out.print(f"\n[bold]{kind}[/bold] ({len(record[kind])})")
            for item in record[kind]:
                item = {**item, "sub": item.get("sub", "") or "", "value": item.get("value", "")}
                out.print("  " + fmt.format(**item), markup=False, highlight=False)


def _filters(entity: Optional[str], types: Optional[list[str]], start: Optional[str], end: Optional[str],
             certainty: Optional[list[str]], source: Optional[str], as_of: Optional[str]):  # -> queries.Filters
    from chronik.store import queries

    def day(value: Optional[str], name: str):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        parsed = _date_option(value)
        return parsed.earliest() if name != "--end" else parsed.latest()

    return queries.Filters(entity=entity, types=tuple(t.upper() for t in types or ()), start=day(start, "--start"),
                           end=day(end, "--end"), certainty=tuple(certainty or ()), source=source,
                           as_of=day(as_of, "--as-of"))


ENTITY = typer.Option(None, "--entity", "-e", help="An entity id or name (Schoigu, Russland …).")
START = typer.Option(None, "--start", help="Period start, e.g. 2022-10 or 2022-10-01.")
END = typer.Option(None, "--end", help="Period end (inclusive), e.g. 2022-12.")
AS_OF = typer.Option(None, "--as-of", help="Only what reports published up to this day said.")
LIMIT = typer.Option(20, "--limit", min=1, max=200)


@app.command()
def claims(
    db: Optional[str] = DB,
    config: Optional[Path] = CONFIG,
    entity: Optional[str] = ENTITY,
    source: Optional[str] = typer.Option(None, "--source", help="How a claim's source begins (Kreml, die russische …)."),
    start: Optional[str] = START,
    end: Optional[str] = END,
    as_of: Optional[str] = AS_OF,
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

    result = queries.claims(_open(config, db), _filters(entity, None, start, end, None, source, as_of),
                            queries.Page(limit=limit, offset=offset))
    if as_json:
        _print_json(result)
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
    return (f"{claim['text']}\n— {claim.get('source') or 'no source'} ({claim['certainty']}), "
            f"{claim.get('report_date') or '?'} [{str(claim['report_id'])[:12]}]")


@app.command()
def timeline(
    db: Optional[str] = DB,
    config: Optional[Path] = CONFIG,
    entity: Optional[str] = ENTITY,
    types: Optional[list[str]] = typer.Option(None, "--type", "-t", help="Event type (repeatable): ASSAULT, CONSULT …"),
    start: Optional[str] = START,
    end: Optional[str] = END,
    certainty: Optional[list[str]] = typer.Option(None, "--certainty", help="Of a claim about the event (repeatable)."),
    as_of: Optional[str] = AS_OF,
    limit: int = LIMIT,
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = AS_JSON,
) -> None:
    """What happened, newest first: events with actors, targets, places, dates and how many reports tell them.

    [bold]Examples[/bold]

      chronik timeline --entity Schoigu
      chronik timeline --type ASSAULT --start 2022-10 --end 2022-12 --json
    """
    from chronik.store import queries

    result = queries.timeline(_open(config, db), _filters(entity, types, start, end, certainty, None, as_of),
                              queries.Page(limit=limit, offset=offset))
    if as_json:
        _print_json(result)
        return
    table = Table(title="timeline")
    for col in ("date", "type", "who", "what", "whom", "where", "reports"):
        table.add_column(col, overflow="fold")
    names = lambda items: ", ".join(x["text"] for x in items)  # noqa: E731
    for ev in result["events"]:
        negated = " (not)" if ev["negated"] else ""
        table.add_row(ev.get("time_value") or ev.get("report_date") or "?", ev["type"] + negated, names(ev["actor"]),
                      ev["trigger_text"], names(ev["target"]), names(ev["place"]), str(ev["reported_by"]["reports"]))
    out.print(table)
    if result["has_more"]:
        out.print(f"more: --offset {offset + limit}", style="dim")


@app.command()
def stats(db: Optional[str] = DB, config: Optional[Path] = CONFIG, as_json: bool = AS_JSON) -> None:
    """Counts of reports, sentences and facts in the store.

    [bold]Example[/bold]

      chronik stats --db chronik.db
    """
    from chronik.store import queries

    result = queries.stats(_open(config, db))
    if as_json:
        _print_json(result)
        return
    table = Table(title="chronik store")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in result.items():
        shown = ", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict) else f"{value:,}" if isinstance(value, int) else str(value)
        table.add_row(key, shown)
    out.print(table)


@app.command()
def export(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    db: Optional[str] = DB,
    config: Optional[Path] = CONFIG,
    all_versions: bool = typer.Option(False, help="Include superseded versions of reports."),
) -> None:
    """Export reports and their annotations as JSON Lines in the annotation format.

    [bold]Examples[/bold]

      chronik export > corpus.jsonl
      chronik export -o corpus.jsonl --db news.db
    """
    from chronik.store import queries

    store = _open(config, db)
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for record in queries.export_records(store, include_old_versions=all_versions):
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    finally:
        if output:
            handle.close()


@app.command()
def analyse(
    path: Path = typer.Argument(..., exists=True, help="A file of reports in any ingest format."),
    config: Optional[Path] = CONFIG,
    format: str = typer.Option("auto", "--format", "-f", help="auto|dated|jsonl|csv|txt|html."),
    date: Optional[str] = typer.Option(None, "--date", help="Date for plain text without a dateline."),
    tier: Optional[str] = typer.Option(None, help="NER tier: fast|accurate."),
) -> None:
    """Run the pipeline on a file and print annotation-format JSON Lines; nothing is stored.

    [bold]Examples[/bold]

      chronik analyse ../shared/examples/report-2022-12.txt
      chronik analyse article.txt --date 2022-12-05 | jq .events
    """
    from chronik.export import annotation_record
    from chronik.ingest import ReadOptions, Skipped, read_paths
    from chronik.nlp import pipeline

    settings = _settings(config, tier=tier)
    nlp = pipeline.build(settings)
    skipped = 0
    for item in read_paths([path], ReadOptions(format=format, date=_date_option(date))):
        if isinstance(item, Skipped):
            err.print(f"skipped: {item}", style="yellow", markup=False, highlight=False)
            skipped += 1
            continue
        record = annotation_record(item, pipeline.analyse(nlp, item))
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    raise typer.Exit(1 if skipped else 0)


@app.command()
def serve(
    db: Optional[str] = DB,
    config: Optional[Path] = CONFIG,
    host: Optional[str] = typer.Option(None, help="Address to listen on [default 127.0.0.1]."),
    port: Optional[int] = typer.Option(None, help="Port [default 8000]."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=64, help="Server processes (queries are CPU-bound)."),
) -> None:
    """Serve the web app and the JSON API (read-only unless api_token is set).

    [bold]Examples[/bold]

      chronik serve --db chronik.db --port 8000   # then open http://127.0.0.1:8000
      chronik serve --db news.db --workers 2      # one process per core
    """
    import os

    import uvicorn

    from chronik.api.app import create_app

    settings = _settings(config, db=db, host=host, port=port)
    out.print(f"chronik serving {settings.db} on http://{settings.host}:{settings.port} ({workers} process(es))")
    if workers == 1:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
        return
    # each process builds its own app from the environment, so pass the resolved settings on through it
    os.environ["CHRONIK_DB"] = settings.db
    if config:
        os.environ["CHRONIK_CONFIG"] = str(config)
    uvicorn.run("chronik.api.app:from_environment", factory=True, workers=workers, host=settings.host,
                port=settings.port, log_level="info")


def main() -> None:
    """Console entry point: expected errors become a message and exit status 2, not a traceback."""
    try:
        app()
    except ConfigError as exc:
        err.print(f"error: {exc}", style="red", markup=False, highlight=False)
        sys.exit(2)
    except ChronikError as exc:
        err.print(f"error: {exc}", style="red", markup=False, highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
