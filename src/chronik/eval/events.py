"""`chronik eval events GOLD.jsonl`: run the whole pipeline over gold reports and score it as the
spec says.

Prints events, arguments, claims, sources, certainty and contradiction links, plus the mention and
timex figures and the B-cubed grouping of mentions by `canonical` (the entities issue is scored
through here).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from chronik.dates import parse_iso
from chronik.eval import scoring
from chronik.eval.format import validate_record
from chronik.jobs.export import annotation_record
from chronik.nlp import pipeline
from chronik.settings import load as load_settings
from chronik.types import Report


def read_gold(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Valid records and one message per line that is not."""
    records, problems = [], []
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path}:{n}: not JSON ({exc.msg}); fix or remove the line")
                continue
            found = validate_record(record)
            if found:
                problems.append(
                    f"{path}:{n}: {found[0]}"
                    + (f" (+{len(found) - 1} more)" if len(found) > 1 else "")
                )
                continue
            records.append(record)
    return records, problems


def to_report(record: dict[str, Any]) -> Report:
    date = parse_iso(str(record["date"])) if record.get("date") else None
    return Report(
        id=str(record["id"]),
        text=record["text"],
        date=date,
        source_id=str(record["id"]),
        lang=record.get("lang", "de"),
    )


def predict(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Prediction records in the annotation format, and throughput of the whole pipeline."""
    nlp = pipeline.build(load_settings())
    reports = [to_report(r) for r in records]
    if reports:
        pipeline.analyse(
            nlp, reports[0]
        )  # lexicons and models load lazily: keep that out of the speed
    started = time.perf_counter()
    out = [annotation_record(report, ann) for report, ann in pipeline.analyse_many(nlp, reports)]
    seconds = time.perf_counter() - started
    tokens = sum(len(nlp.make_doc(r.text)) for r in reports)
    speed = {
        "seconds": round(seconds, 3),
        "tokens": tokens,
        "tokens_per_s": round(tokens / seconds, 1) if seconds > 0 else 0.0,
    }
    return out, speed


def run(gold: Path, predictions: Path | None, as_json: bool) -> int:
    records, problems = read_gold(gold)
    predicted, speed = predict(records)
    if predictions is not None:
        with predictions.open("w", encoding="utf-8") as handle:
            for record in predicted:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    figures = scoring.score_corpus(zip(predicted, records))
    figures["skipped"] = problems
    figures["speed"] = speed
    if as_json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print_table(figures, gold)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def print_table(figures: dict[str, Any], gold: Path) -> None:
    table = Table(title=f"chronik eval events {gold}")
    for column in ("figure", "P", "R", "F1 / acc", "tp / pred / gold"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for key in (
        "events",
        "arguments",
        "claims",
        "source",
        "contradicts",
        "mentions_strict",
        "mentions_relaxed",
        "timex_strict",
        "timex_relaxed",
    ):
        f = figures[key]
        table.add_row(
            key,
            f"{f['p']:.3f}",
            f"{f['r']:.3f}",
            f"{f['f1']:.3f}",
            f"{f['tp']} / {f['pred']} / {f['gold']}",
        )
    for key in ("certainty", "timex_value", "timex_type"):
        f = figures[key]
        table.add_row(key, "", "", f"{f['acc']:.3f}", f"{f['correct']} / {f['total']}")
    for key, label, what in (
        ("canonical_bcubed", "canonical B-cubed", "matched mentions"),
        ("grouping_bcubed", "grouping B-cubed", "gold mentions, missed alone"),
    ):
        b = figures[key]
        table.add_row(label, f"{b['p']:.3f}", f"{b['r']:.3f}", f"{b['f1']:.3f}", f"{b['n']} {what}")
    console = Console()
    console.print(table)
    speed = figures["speed"]
    console.print(
        f"{figures['reports']:,} reports, {len(figures['skipped'])} skipped, "
        f"{speed['tokens']:,} tokens, "
        f"{speed['seconds']:.2f} s ({speed['tokens_per_s']:,.0f} tokens/s)"
    )
