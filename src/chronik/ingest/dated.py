"""Dated text: reports that each start with a `date <ISO date>` line, one or many per file.

    date 2022-12 Russlands Verteidigungsminister ...
    ... more lines of the same report ...
    date 2022-12-05T14:30+01:00 The next report ...

Read line by line and emitted report by report, so a file of any size streams; only one report is
held.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from chronik.dates import PartialDate, parse_iso
from chronik.ingest.base import MAX_REPORT_CHARS, ReadOptions, Skipped
from chronik.ingest.decode import Lines
from chronik.ingest.formats import DATED_START
from chronik.ingest.report import headline, make_report
from chronik.types import Report


@dataclass
class _Pending:
    """The report being collected: where it started, its date (or why that is wrong) and its
    lines."""

    line: int
    token: str
    date: PartialDate | None
    error: str | None
    parts: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, text: str) -> None:
        self.size += len(text)
        if self.size <= MAX_REPORT_CHARS:
            self.parts.append(text)
        else:
            self.parts.clear()  # over the limit: stop holding it, it will be skipped


def read_dated(lines: Lines, path: str, options: ReadOptions) -> Iterator[Report | Skipped]:
    """Yield each report of a dated-text file, or a Skipped for a report that cannot be used."""
    pending: _Pending | None = None
    first_start: int | None = None
    preamble: int | None = None  # first non-blank line before any `date` line
    for text in lines:
        match = DATED_START.match(text)
        if match:
            if pending is not None:
                yield _finish(pending, lines, lines.line_no - 1, path, options)
            elif preamble is not None:
                yield _preamble(path, preamble)
            pending = _start(lines.line_no, match["date"])
            first_start = first_start or lines.line_no
            pending.add(match["rest"])
        elif pending is not None:
            pending.add(text)
        elif preamble is None and text.strip():
            preamble = lines.line_no
    if pending is not None:
        yield _finish(pending, lines, lines.line_no, path, options)
    elif preamble is not None:
        yield _preamble(path, preamble)
    # Problems outside any report (in the preamble, or in a file with no `date` line) are still
    # reported.
    for line, problem in lines.problems_between(1, (first_start or lines.line_no + 1) - 1):
        yield Skipped(path, line, problem)


def _preamble(path: str, line: int) -> Skipped:
    return Skipped(
        path,
        line,
        "text before the first `date ...` line belongs to no report; "
        "start it with a line like `date 2022-12-05`",
    )


def _start(line: int, token: str) -> _Pending:
    try:
        return _Pending(line, token, parse_iso(token), None)
    except ValueError as exc:
        return _Pending(
            line, token, None, f"{exc}; write the date as ISO 8601, e.g. `date 2022-12-05`"
        )


def _finish(
    pending: _Pending, lines: Lines, last: int, path: str, options: ReadOptions
) -> Report | Skipped:
    """The report from `pending.line` to `last`, or the first reason it cannot be used."""
    if pending.error is not None:
        return Skipped(path, pending.line, pending.error)
    problems = lines.problems_between(pending.line, last)
    if problems:
        line, problem = problems[0]
        return Skipped(
            path, line, f"{problem}; the report starting at line {pending.line} is skipped"
        )
    if pending.size > MAX_REPORT_CHARS:
        return Skipped(
            path,
            pending.line,
            f"report has {pending.size:,} characters, over the limit of "
            f"{MAX_REPORT_CHARS:,}; is a `date` line missing?",
        )
    text = "".join(pending.parts)
    origin = f"{path}:{pending.line}"
    report = make_report(text, pending.date, title=headline(text), lang=options.lang, origin=origin)
    if not report.text:
        return Skipped(path, pending.line, f"report `date {pending.token}` has no text")
    return report
