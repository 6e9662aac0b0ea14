"""Dates that keep their precision: `2022-12` stays a month, never a made-up first day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources

PRECISIONS = ("year", "month", "day", "minute")

_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to `precision`; fields below it are None."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    tz: str | None = None

    @property
    def precision(self) -> str:
        if self.minute is not None:
            return "minute"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def iso(self) -> str:
        """ISO 8601 at this precision, as written in the annotation format."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        if self.minute is not None:
            out += f"T{self.hour:02d}:{self.minute:02d}"
            if self.tz:
                out += self.tz
        return out

    def earliest(self) -> date:
        """First day the date can denote (for interval queries)."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """Last day the date can denote (inclusive)."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def as_date(self) -> date | None:
        """The exact day, or None when the precision is coarser than a day."""
        return self.earliest() if self.day is not None else None

    def __str__(self) -> str:
        return self.iso


def parse_iso(value: str) -> PartialDate:
    """Parse `2022`, `2022-12`, `2022-12-05`, `2022-12-05T14:30+01:00`; raise ValueError if
    impossible."""
    text = value.strip()
    match = _ISO.match(text)
    if not match:
        raise ValueError(f"not an ISO date: {value!r} (expected e.g. 2022, 2022-12, 2022-12-05)")
    year = int(match["y"])
    if year == 0:
        raise ValueError(f"year 0 is not a date: {value!r} (years start at 0001)")
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"impossible month {month} in {value!r}")
    if day is not None:
        try:
            date(year, month or 1, day)
        except ValueError as exc:
            raise ValueError(f"impossible date {value!r}: {exc}") from None
    hour = int(match["H"]) if match["H"] else None
    minute = int(match["M"]) if match["M"] else None
    if hour is not None and (hour > 23 or (minute or 0) > 59):
        raise ValueError(f"impossible time in {value!r}")
    tz = match["tz"]
    if tz and tz != "Z" and ":" not in tz:
        tz = f"{tz[:3]}:{tz[3:]}"
    return PartialDate(year, month, day, hour, minute, tz)


def from_datetime(value: datetime | date) -> PartialDate:
    if isinstance(value, datetime):
        if value.hour or value.minute:
            return PartialDate(value.year, value.month, value.day, value.hour, value.minute)
        return PartialDate(value.year, value.month, value.day)
    return PartialDate(value.year, value.month, value.day)


@cache
def german_months() -> dict[str, int]:
    """German month names and abbreviations ("März", "Jänner", "Sept.") -> month number.

    The one month table of chronik: nlp/resources/timex/months.tsv, read here so that ingest (dates
    in datelines) and nlp (timexes) share it without ingest importing nlp.
    """
    path = resources.files("chronik") / "nlp" / "resources" / "timex" / "months.tsv"
    months: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, number = line.split("\t")
            months[form] = int(number)
    return months
