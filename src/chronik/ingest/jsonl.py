"""JSON Lines: one report per line as a JSON object (the annotation format is such a file).

A line that is not JSON, or not an object, is skipped with its line number; the lines around it are
read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from chronik.ingest.base import ReadOptions, Skipped
from chronik.ingest.decode import Lines
from chronik.ingest.records import record_to_report
from chronik.types import Report


def read_jsonl(lines: Lines, path: str, options: ReadOptions) -> Iterator[Report | Skipped]:
    """Yield a report (or a Skipped) for every non-blank line."""
    for text in lines:
        line = lines.line_no
        problems = lines.problems_between(line, line)
        if problems:
            yield Skipped(path, line, problems[0][1])
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Skipped(
                path,
                line,
                f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line",
            )
            continue
        except RecursionError:
            yield Skipped(
                path, line, "JSON nested too deeply to be a report; fix or remove the line"
            )
            continue
        except ValueError as exc:  # an integer of more than 4,300 digits
            yield Skipped(path, line, f"not usable JSON ({exc}); fix or remove the line")
            continue
        if not isinstance(record, dict):
            kind = type(record).__name__
            yield Skipped(
                path,
                line,
                f'a JSON {kind}, not an object like {{"text": "...", "date": "2022-12-05"}}',
            )
            continue
        yield record_to_report(record, path, line, options)
