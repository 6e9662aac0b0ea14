"""Plain text: the whole file is one report, dated by --date or by a dateline in its text."""

from __future__ import annotations

from collections.abc import Iterator

from chronik.ingest.base import MAX_REPORT_CHARS, ReadOptions, Skipped
from chronik.ingest.decode import Lines
from chronik.ingest.records import BadField, resolve_date
from chronik.ingest.report import clean_text, headline, make_report
from chronik.types import Report


def read_plain(lines: Lines, path: str, options: ReadOptions) -> Iterator[Report | Skipped]:
    """Yield the file's one report, or a Skipped for the first thing that is wrong with it."""
    text = _read_capped(lines)
    if text is None:
        yield Skipped(
            path,
            None,
            f"over {MAX_REPORT_CHARS:,} characters is too long for one report; split it "
            "into reports, e.g. in the dated format (`date 2022-12-05` before each)",
        )
    elif lines.problems:
        line, problem = lines.problems[0]
        yield Skipped(path, line, problem)
    elif not clean_text(text):
        yield Skipped(path, None, "the file has no text")
    else:
        try:
            date = resolve_date(None, text, options)
        except BadField:
            yield Skipped(
                path,
                None,
                "no date: give --date (e.g. --date 2022-12-05) or start the file with "
                '`date 2022-12-05`; no dateline like "(APA, 8.3.2016)" was found in the text',
            )
            return
        yield make_report(text, date, title=headline(text), lang=options.lang, origin=f"{path}:1")


def _read_capped(lines: Lines) -> str | None:
    """The whole text, or None as soon as it passes the limit (so a 1 GB file is never held)."""
    parts: list[str] = []
    size = 0
    for line in lines:
        size += len(line)
        if size > MAX_REPORT_CHARS:
            return None
        parts.append(line)
    return "".join(parts)
