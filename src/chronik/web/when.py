"""Dates in words at the precision they are known, and report headlines: what the pages print.

A month stays a month ("Dezember 2022", never "2022-12-01"), an interval is shown as one
("3.–5. Dezember 2022"), a TIMEX value with unknowns is said in words ("ein Donnerstag 2016").
Nothing here invents a day, a title or a hash for the reader.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = (
    *("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"),
    *("September", "Oktober", "November", "Dezember"),
)
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
SEASONS = {"SP": "Frühjahr", "SU": "Sommer", "FA": "Herbst", "WI": "Winter"}
HEADLINE_CHARS = 90  # a first sentence used as a title is cut at a word boundary before this

_PARTIAL = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?P<t>\d{2}:\d{2}))?)?)?$"
    r"|^(?P<wy>\d{4})-W(?P<w>\d{2}|XX)(?:-(?P<wd>[1-7]))?$"
    r"|^(?P<qy>\d{4})-(?P<q>Q[1-4]|H[12]|SP|SU|FA|WI)$"
    r"|^(?P<dec>\d{3})X$"
)


def when(value: object) -> str:
    """A partial date or TIMEX date value in words; anything else (a duration, PRESENT_REF) as
    given, and nothing as "ohne Datum"."""
    if value is None or value == "":
        return "ohne Datum"
    text = value.isoformat() if isinstance(value, date) else str(value)
    m = _PARTIAL.match(text)
    if m is None:
        return text
    if m["y"]:
        return _calendar(int(m["y"]), m["m"], m["d"], m["t"])
    if m["wy"]:
        return _week(m["wy"], m["w"], m["wd"])
    if m["qy"]:
        return _part_of_year(m["qy"], m["q"])
    return f"die {m['dec']}0er Jahre"


def _calendar(year: int, month: str | None, day: str | None, clock: str | None) -> str:
    if month is None:
        return str(year)
    if not 1 <= int(month) <= 12:
        return f"{year}-{month}"
    name = f"{MONTHS[int(month) - 1]} {year}"
    if day is None:
        return name
    out = f"{int(day)}. {name}"
    return f"{out}, {clock} Uhr" if clock else out


def _week(year: str, week: str, weekday: str | None) -> str:
    if week == "XX":
        return f"ein {WEEKDAYS[int(weekday) - 1]} {year}" if weekday else year
    out = f"Woche {int(week)}/{year}"
    return f"{WEEKDAYS[int(weekday) - 1]} der {out}" if weekday else out


def _part_of_year(year: str, part: str) -> str:
    if part in SEASONS:
        return f"{SEASONS[part]} {year}"
    if part.startswith("Q"):
        return f"{part[1]}. Quartal {year}"
    return f"{part[1]}. Halbjahr {year}"


def span(earliest: object, latest: object, value: object = None) -> str:
    """An event's interval [earliest, latest] in words at its precision: a day, a month, a year,
    or the interval itself. A TIMEX value that says more than the interval (a weekday of a year)
    is said instead."""
    if isinstance(value, str) and re.match(r"^\d{4}-WXX-[1-7]$", value):
        return when(value)
    first, last = _day(earliest), _day(latest)
    if first is None:
        return "ohne Datum"
    if last is None or last == first:
        return when(first)
    return _interval(first, last)


def _interval(first: date, last: date) -> str:
    whole_months = first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]
    if whole_months and (first.year, first.month) == (last.year, last.month):
        return when(first.isoformat()[:7])
    if whole_months and first.month == 1 and last.month == 12:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if whole_months:
        return f"{when(first.isoformat()[:7])} – {when(last.isoformat()[:7])}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}.–{when(last)}"
    if first.year == last.year:
        return f"{first.day}. {MONTHS[first.month - 1]} – {when(last)}"
    return f"{when(first)} – {when(last)}"


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def headline(title: str | None, text: str | None, limit: int = HEADLINE_CHARS) -> str:
    """The report's title, else its first sentence (or first line), cut at a word boundary with
    "…" when longer than `limit`."""
    if title and title.strip():
        return " ".join(title.split())
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return "(ohne Text)"
    first = re.split(r"(?<=[.!?])\s+(?=[\"„»A-ZÄÖÜ0-9])", " ".join(lines[0].split()), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit)
    if cut < limit // 3:  # one very long word: cut inside it rather than show nothing
        cut = limit - 1
    return first[:cut].rstrip(" ,;:–-") + " …"
