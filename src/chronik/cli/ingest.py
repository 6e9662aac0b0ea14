"""`chronik ingest`, `reanalyse` and `analyse`: the commands that run the pipeline."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from chronik.cli.common import (
    AS_JSON,
    CONFIG,
    DB,
    err,
    load_settings,
    out,
    parse_date_option,
    print_json,
)


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or directories (walked recursively)."),
    db: str | None = DB,
    config: Path | None = CONFIG,
    format: str = typer.Option(
        "auto", "--format", "-f", help="auto|dated|jsonl|csv|txt|html (auto: by extension)."
    ),
    date: str | None = typer.Option(
        None, "--date", help="Date for plain text without a dateline, e.g. 2022-12-05."
    ),
    text_column: str = typer.Option("text", help="CSV/JSONL field holding the text."),
    date_column: str = typer.Option("date", help="CSV/JSONL field holding the date."),
    lang: str = typer.Option("de", help="Language of the reports (ISO 639-1)."),
    workers: int | None = typer.Option(None, "--workers", "-w", help="NLP worker processes."),
    batch_size: int | None = typer.Option(None, help="Reports per NLP batch."),
    tier: str | None = typer.Option(None, help="NER tier: fast|accurate."),
    dask: str | None = typer.Option(
        None,
        "--dask",
        metavar="SCHEDULER",
        help="Run reading and NLP on a Dask cluster: tcp://host:8786, or local[:N].",
    ),
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
    from chronik.jobs.ingest import ingest as run_ingest

    if format not in FORMATS:
        raise typer.BadParameter(
            f"{format!r}: choose one of {', '.join(FORMATS)}", param_hint="--format"
        )
    settings = load_settings(config, db=db, workers=workers, batch_size=batch_size, tier=tier)
    options = ReadOptions(
        format=format,
        date=parse_date_option(date),
        text_column=text_column,
        date_column=date_column,
        lang=lang,
    )
    from chronik.store.db import open_store

    store = open_store(settings.db)
    shown = 0

    def on_skip(item) -> None:  # type: ignore[no-untyped-def]
        nonlocal shown
        shown += 1
        if as_json:  # every one, as it happens: the summary keeps only the first ones
            sys.stderr.write(json.dumps({"skipped": str(item)}, ensure_ascii=False) + "\n")
        elif shown <= 50:
            err.print(f"skipped: {item}", style="yellow", markup=False, highlight=False)

    with progress_line(as_json) as progress:
        task = progress.add_task("reading…")

        def on_progress(s) -> None:  # type: ignore[no-untyped-def]
            rate = s.words / s.seconds if s.seconds else 0
            progress.update(
                task,
                description=f"{s.stored:,} stored, {s.duplicates:,} known, "
                f"{s.skipped_count:,} skipped, {rate:,.0f} words/s",
            )

        if dask:
            from chronik.jobs.dask_ingest import ingest_dask

            summary = ingest_dask(
                store, paths, options, settings, dask, on_progress=on_progress, on_skip=on_skip
            )
        else:
            summary = run_ingest(
                store, paths, options, settings, on_progress=on_progress, on_skip=on_skip
            )
    if shown > 50 and not as_json:
        err.print(
            f"… and {shown - 50:,} more skipped inputs (--json lists every one on stderr)",
            style="yellow",
        )
    _deliver_alerts(store)
    if as_json:
        print_json(summary.as_dict())
    else:
        out.print(
            f"{summary.stored:,} reports stored ({summary.new_versions:,} new versions), "
            f"{summary.duplicates:,} already known, {summary.skipped_count:,} skipped; "
            f"{summary.words:,} words, {summary.mentions:,} mentions, {summary.timexes:,} timexes, "
            f"{summary.events:,} events, {summary.claims:,} claims; {summary.seconds:.1f} s"
        )
    raise typer.Exit(1 if summary.skipped_count else 0)


def reanalyse(
    db: str | None = DB,
    config: Path | None = CONFIG,
    since: str | None = typer.Option(
        None,
        "--since",
        metavar="VERSION",
        help="Only reports analysed by a chronik release older than this, e.g. 0.2.0 "
        "[default: every report whose pipeline differs from the current one].",
    ),
    dask: str | None = typer.Option(
        None, "--dask", metavar="SCHEDULER", help="tcp://host:8786, or local[:N]."
    ),
    tier: str | None = typer.Option(None, help="NER tier: fast|accurate."),
    as_json: bool = AS_JSON,
) -> None:
    """Run the current pipeline again over stored reports analysed by an older one (atomic per
    report).

    [bold]Examples[/bold]

      chronik reanalyse                # every report not analysed by the current pipeline
      chronik reanalyse --since 0.2.0 --dask local:2
    """
    from chronik.jobs.reanalyse import reanalyse as run_reanalyse

    settings = load_settings(config, db=db, tier=tier)
    from chronik.store.db import open_store

    store = open_store(settings.db)
    with progress_line(as_json) as progress:
        task = progress.add_task("selecting…")

        def on_progress(s) -> None:  # type: ignore[no-untyped-def]
            progress.update(
                task, description=f"{s.reanalysed:,} of {s.selected:,} reports re-analysed"
            )

        summary = run_reanalyse(
            store, settings, since=since, scheduler=dask, on_progress=on_progress
        )
    if as_json:
        print_json(summary.as_dict())
    else:
        out.print(
            f"{summary.reanalysed:,} reports re-analysed with {summary.pipeline}; "
            f"{summary.mentions:,} mentions, "
            f"{summary.events:,} events, {summary.claims:,} claims; {summary.seconds:.1f} s",
            highlight=False,
        )


def analyse(
    path: Path = typer.Argument(..., exists=True, help="A file of reports in any ingest format."),
    config: Path | None = CONFIG,
    format: str = typer.Option("auto", "--format", "-f", help="auto|dated|jsonl|csv|txt|html."),
    date: str | None = typer.Option(None, "--date", help="Date for plain text without a dateline."),
    tier: str | None = typer.Option(None, help="NER tier: fast|accurate."),
) -> None:
    """Run the pipeline on a file and print annotation-format JSON Lines; nothing is stored.

    [bold]Examples[/bold]

      chronik analyse ../shared/examples/report-2022-12.txt
      chronik analyse article.txt --date 2022-12-05 | jq .events
    """
    from chronik.ingest import ReadOptions, Skipped, read_paths
    from chronik.jobs.export import annotation_record
    from chronik.nlp import pipeline

    settings = load_settings(config, tier=tier)
    nlp = pipeline.build(settings)
    skipped = 0
    for item in read_paths([path], ReadOptions(format=format, date=parse_date_option(date))):
        if isinstance(item, Skipped):
            err.print(f"skipped: {item}", style="yellow", markup=False, highlight=False)
            skipped += 1
            continue
        record = annotation_record(item, pipeline.analyse(nlp, item))
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    raise typer.Exit(1 if skipped else 0)


def _deliver_alerts(store) -> None:  # type: ignore[no-untyped-def]
    """Send the webhooks of alerts the new reports fired; a receiver that does not answer is named
    and retried by the next run or watch pass, and never fails the ingest."""
    from chronik.jobs.alerts import deliver_pending

    for problem in deliver_pending(store).errors:
        err.print(f"alert: {problem}", style="yellow", markup=False, highlight=False)


def progress_line(as_json: bool) -> Progress:
    """A spinner, a description and the time so far on stderr; off for --json and when stderr is not
    a terminal (CI logs, pipes)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    )
