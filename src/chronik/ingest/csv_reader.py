"""CSV (and TSV) with a header row: `text`, `date` and the optional fields, in any order.

The delimiter is taken from the header line (comma, semicolon, tab or bar, whichever it has most
of), because German spreadsheets export with `;`. Quoted fields may span lines; the line number
reported for a row is the line it starts on.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from chronik.ingest.base import MAX_REPORT_CHARS, ReadOptions, Skipped
from chronik.ingest.decode import Lines
from chronik.ingest.records import record_to_report
from chronik.types import Report

DELIMITERS = ",;\t|"


def read_csv(lines: Lines, path: str, options: ReadOptions) -> Iterator[Report | Skipped]:
    """Yield a report (or a Skipped) per data row; a header without the text column skips the
    file."""
    # Articles are longer than csv's default limit of 131,072 characters per field.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_REPORT_CHARS))
    stream = iter(lines)
    first = next(stream, "")
    reader = csv.reader(itertools.chain([first], stream), delimiter=_delimiter(first, path))
    header = [name.strip().lower() for name in next(reader, [])]
    options = replace(
        options, text_column=options.text_column.lower(), date_column=options.date_column.lower()
    )
    missing = _missing_columns(header, options)
    if missing:
        yield Skipped(path, 1, missing)
        return
    yield from _rows(reader, header, lines, path, options)


def _rows(
    reader: Any, header: list[str], lines: Lines, path: str, options: ReadOptions
) -> Iterator[Report | Skipped]:
    """Rows after the header; `reader` is a csv.reader (its type is private), read for its
    line_num."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skipped(path, start, f"cannot parse the row ({exc}); check for an unclosed quote")
            continue
        problems = lines.problems_between(start, reader.line_num)
        if problems:
            yield Skipped(path, problems[0][0], problems[0][1])
        elif not any(cell.strip() for cell in row):
            continue
        elif len(row) != len(header):
            noun = "field" if len(row) == 1 else "fields"
            yield Skipped(
                path,
                start,
                f"row has {len(row)} {noun}, the header has {len(header)}; check the quoting",
            )
        else:
            yield record_to_report(dict(zip(header, row, strict=True)), path, start, options)


def _delimiter(header_line: str, path: str) -> str:
    if path.lower().endswith(".tsv"):
        return "\t"
    counts = {sep: header_line.count(sep) for sep in DELIMITERS}
    best = max(DELIMITERS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _missing_columns(header: list[str], options: ReadOptions) -> str | None:
    """The text column is required. Without a date column rows still get --date or their
    dateline."""
    text_column = options.text_column.lower()
    if text_column not in header:
        shown = ", ".join(header) if any(header) else "nothing"
        return (
            f'column "{text_column}" is missing (the header has: {shown}); '
            "name the text column with --text-column"
        )
    return None
