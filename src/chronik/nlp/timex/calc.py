"""Calendar arithmetic on TIMEX3 values: shifting dates, Easter, ISO weeks, and value -> [earliest,
latest]."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 14),
}  # WI runs into the next year


def add_months(day: date, months: int) -> date:
    """Month arithmetic that keeps the day where it exists (31 January + 1 month = 28/29
    February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, amount: float, unit: str) -> date:
    """`amount` units later (negative: earlier); clock units below a day move by whole days only."""
    try:
        if unit == "D":
            return day + timedelta(days=round(amount))
        if unit == "W":
            return day + timedelta(days=round(7 * amount))
        if unit in ("TH", "TM", "TS"):
            hours = {"TH": 1, "TM": 1 / 60, "TS": 1 / 3600}[unit] * amount
            return day + timedelta(days=int(hours // 24) if hours >= 0 else -int(-hours // 24))
        factor = {"M": 1, "Y": 12, "DE": 120, "CE": 1200, "Q": 3}.get(unit, 12)
        return add_months(day, round(factor * amount))
    except (OverflowError, ValueError):
        return day


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def holiday_date(spec: str, year: int) -> date:
    """`12-25` or `E+49` (days from Easter Sunday) in the given year."""
    if spec.startswith("E"):
        return easter(year) + timedelta(days=int(spec[1:]))
    month, day = spec.split("-")
    return date(year, int(month), int(day))


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_start(year: int, week: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def iso(day: date) -> str:
    return day.isoformat()


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)(?:-XX(?:T.*)?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(?:-(\d|WE))?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_YEARISH = re.compile(r"^(\d{4})(?:-(?:XX|WXX).*)?$")


def value_range(value: str) -> tuple[date, date] | None:
    """The days a DATE/TIME value can denote, or None when its year is unknown."""
    try:
        return _value_range(value)
    except ValueError:
        return None


def _value_range(value: str) -> tuple[date, date] | None:
    if m := _DAY.match(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        return date(year, month, 1), month_end(year, month)
    if m := _WEEK.match(value):
        start = week_start(int(m[1]), int(m[2]))
        if start is None:
            return None
        if m[3] == "WE":
            return start + timedelta(days=5), start + timedelta(days=6)
        if m[3]:
            day = start + timedelta(days=int(m[3]) - 1)
            return day, day
        return start, start + timedelta(days=6)
    if m := _PART.match(value):
        return _part_range(int(m[1]), m[2])
    if m := _YEARISH.match(value):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31)
    if re.fullmatch(r"\d{3}", value):
        decade = int(value) * 10
        return date(decade, 1, 1), date(decade + 9, 12, 31)
    if re.fullmatch(r"\d{2}", value):
        century = int(value) * 100
        return date(max(century, 1), 1, 1), date(century + 99, 12, 31)
    return None


def _part_range(year: int, part: str) -> tuple[date, date]:
    if part[0] == "Q":
        first = 3 * (int(part[1]) - 1) + 1
        return date(year, first, 1), month_end(year, first + 2)
    if part[0] == "H":
        first = 6 * (int(part[1]) - 1) + 1
        return date(year, first, 1), month_end(year, first + 5)
    first, last = SEASON_MONTHS[part]
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return date(year, first, 1), month_end(end_year, end_month)


def narrow(span: tuple[date, date], mod: str | None) -> tuple[date, date]:
    """Anfang/Mitte/Ende take the first, middle or last third of the span."""
    start, end = span
    days = (end - start).days + 1
    if mod not in ("START", "MID", "END") or days < 3:
        return span
    third = days // 3
    if mod == "START":
        return start, start + timedelta(days=third - 1)
    if mod == "MID":
        return start + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=third - 1), end
