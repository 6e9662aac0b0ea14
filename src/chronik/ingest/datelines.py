"""Find a report's own date in its text: the dateline at the top or the signature at the bottom.

German agency and newspaper copy dates itself in a few fixed places:
  - a place dateline opening the text: "Minsk, 5. Dezember 2022 – ...", "Wien, 8.3.2016 (APA) –
...";
  - a signature closing it (der Standard, APA): "... (APA, 8.3.2016)", "(red, 16. 5. 2016)",
"(1.3.2016)";
  - a date line of its own near the top: "Montag, 5. Dezember 2022", "Stand: 05.12.2022".
Only the first and last ~300 characters are searched (a date in the body is about an event, not the
report), except for an attributed signature "(APA, 8.3.2016)", which der Standard puts before
appended result tables, so it is taken from anywhere (the last one). A place-only dateline ("Wien –
") has no date and gives None. Two-digit years are 20yy below 70, else 19yy.
"""

from __future__ import annotations

import re
from datetime import date

from chronik.dates import PartialDate, german_months

WINDOW = 300

# Month names and abbreviations, lower case, without the abbreviation dot (the regex allows one).
MONTHS = {form.lower().rstrip("."): number for form, number in german_months().items()}

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?P<y>\d{4}|\d{2})(?!\d)"
_NUMERIC = rf"(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?{_YEAR}"
_NAMED = rf"(?P<d2>\d{{1,2}})\.\s*(?P<mn>(?i:{_MONTH_NAMES}))\.?\s+(?P<y2>\d{{4}})(?!\d)"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
DATE = rf"(?:{_NUMERIC}|{_NAMED}|{_ISO})"
_WEEKDAY = (
    r"(?:(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag"
    r"|Mo|Di|Mi|Do|Fr|Sa|So)\.?,?\s+)"
)
_PLACE = r"[A-ZÄÖÜ][\w.'’-]*(?:[ /][A-ZÄÖÜ(][\w.'’()-]*){0,3}"

# "Minsk, 5. Dezember 2022", "Wien/Kiew, Montag, 8.3.2016", "Berlin (dpa), 5.12.2022"
_PLACE_LINE = re.compile(
    rf"(?m)^[ \t]*{_PLACE}(?:\s*\([^()\n]{{1,30}}\))?\s*,\s*(?:am\s+)?{_WEEKDAY}?{DATE}"
)
# "(APA, 8.3.2016)", "(red, 16. 5. 2016)", "(fid; 7.3.2016)", "(Name/Name – 8.8. 2015)",
# "(1.3.2016)"
_SIGNATURE = re.compile(rf"\((?:[^()\n]{{1,80}}?(?:[,;/–—-]\s*|\s))?{DATE}\s*(?:\)|$)")
# Anywhere in the text, only with an attribution: der Standard appends result tables after the
# signature.
_ATTRIBUTED = re.compile(rf"\((?:[^()\n]{{1,80}}?[,;–—-]\s*){DATE}\s*\)")
# A line that is only a date, or a "Stand:"/"Veröffentlicht am" line.
_DATE_LINE = re.compile(
    r"(?m)^[ \t]*(?:(?i:Stand|Datum|Veröffentlicht|Aktualisiert|Erschienen)(?:\s+am)?\s*:?\s*)?"
    rf"{_WEEKDAY}?{DATE}"
    r"(?:,?\s*(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?[ \t]*$"
)


def find_dateline(text: str) -> PartialDate | None:
    """The report's date from its dateline or signature, or None when it has neither."""
    head, tail = text[:WINDOW], text[-WINDOW:]
    searches = (
        (_PLACE_LINE, head, False),
        (_SIGNATURE, tail, True),
        (_ATTRIBUTED, text, True),
        (_SIGNATURE, head, False),
        (_DATE_LINE, head, False),
    )
    for pattern, part, last in searches:
        found = _first_valid(pattern, part, last)
        if found is not None:
            return found
    return None


def _first_valid(pattern: re.Pattern[str], text: str, last: bool) -> PartialDate | None:
    """The first (or, for signatures at the end, the last) match that is a real calendar date."""
    matches = list(pattern.finditer(text))
    for match in reversed(matches) if last else matches:
        found = _to_date(match)
        if found is not None:
            return found
    return None


def _to_date(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    if groups["d"]:
        day, month, year = int(groups["d"]), int(groups["m"]), expand_year(groups["y"])
    elif groups["d2"]:
        day, month, year = int(groups["d2"]), MONTHS[groups["mn"].lower()], int(groups["y2"])
    else:
        day, month, year = int(groups["id"]), int(groups["im"]), int(groups["iy"])
    if not 1900 <= year <= 2100:
        return None
    try:
        date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def expand_year(text: str) -> int:
    """'16' -> 2016, '98' -> 1998: news archives rarely reach back before 1970."""
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 70 else 1900 + year
    return year


_WHOLE_DATE = re.compile(rf"\s*{_WEEKDAY}?{DATE}\s*")


def parse_german_date(value: str) -> PartialDate | None:
    """A date field written the German way ("5.12.2022", "5. Dezember 2022"), or None if it is
    not one."""
    match = _WHOLE_DATE.fullmatch(value)
    return _to_date(match) if match else None
