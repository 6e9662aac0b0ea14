"""One record (a JSON object or a CSV row, as a dict) -> a Report, or a Skipped saying which field
is wrong.

JSON Lines and CSV carry the same fields, so they share this: `text` and `date` (names mapped by
--text-column/--date-column), and optional `id`, `title`, `source`, `url`, `lang`. Other keys (the
annotation format's `entities`, `events`, ...) are ignored: ingest reads reports, not annotations.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chronik.dates import PartialDate, parse_iso
from chronik.ingest.base import MAX_REPORT_CHARS, ReadOptions, Skipped
from chronik.ingest.datelines import find_dateline, parse_german_date
from chronik.ingest.report import make_report
from chronik.types import Report

OPTIONAL = ("title", "source", "url")


class BadField(Exception):
    """A field that cannot be used; the message says which and what to do."""


def record_to_report(
    record: Mapping[str, Any], path: str, line: int, options: ReadOptions
) -> Report | Skipped:
    """Build the report of one record; every problem becomes a Skipped naming the field."""
    try:
        text = _text(record, options.text_column)
        date = resolve_date(record.get(options.date_column), text, options)
        extras = {name: _string(record, name) for name in OPTIONAL}
        source_id = _string(record, "id")
        lang = _string(record, "lang") or options.lang
    except BadField as exc:
        return Skipped(path, line, str(exc))
    report = make_report(
        text, date, source_id=source_id, lang=lang, origin=f"{path}:{line}", **extras
    )
    if not report.text:  # only control characters
        return Skipped(
            path, line, f'field "{options.text_column}" is empty; the report has no text'
        )
    return report


def resolve_date(
    raw: Any, text: str, options: ReadOptions, field: str | None = None
) -> PartialDate:
    """The record's own date; if it has none, --date; if none was given, a dateline in the text.

    A date that is present but wrong is an error, not a reason to fall back: "2022-13" is a typo the
    user should fix, and silently using --date instead would file the report under the wrong month.
    """
    field = field or options.date_column
    if raw is not None and str(raw).strip():
        return parse_date_value(raw, field)
    date = options.date or find_dateline(text)
    if date is None:
        raise BadField(
            f'field "{field}" is missing and the text has no dateline; give --date or add '
            f'"{field}" to the record'
        )
    return date


def parse_date_value(raw: Any, field: str = "date") -> PartialDate:
    """ISO 8601 at any precision (2022, 2022-12, 2022-12-05, 2022-12-05T14:30+01:00), or
    5.12.2022."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise BadField(
            f'field "{field}" is {raw!r}, not a date; write it as ISO 8601, e.g. "2022-12-05"'
        )
    value = str(raw).strip()
    try:
        return parse_iso(value)
    except ValueError as exc:
        german = parse_german_date(value)
        if german is not None:
            return german
        raise BadField(f'field "{field}": {exc}; write it as ISO 8601, e.g. "2022-12-05"') from None


def _text(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None:
        raise BadField(
            f'field "{key}" is missing; add it, or name the text field with --text-column'
        )
    if not isinstance(value, str):
        raise BadField(f'field "{key}" is a {type(value).__name__}, not a string')
    if len(value) > MAX_REPORT_CHARS:
        raise BadField(
            f'field "{key}" has {len(value):,} characters, over the limit of {MAX_REPORT_CHARS:,}'
        )
    if not value.strip():
        raise BadField(f'field "{key}" is empty; the report has no text')
    return value


def _string(record: Mapping[str, Any], key: str) -> str | None:
    """Optional fields: numbers are fine (ids often are), nested structures are a mistake."""
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise BadField(f'field "{key}" is a {type(value).__name__}, expected a string')
    return str(value)
