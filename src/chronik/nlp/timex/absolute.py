"""Handlers for expressions that name their date: calendar dates, months, years, decades, centuries,
seasons, quarters, calendar weeks, holidays."""

from __future__ import annotations

import re
from datetime import date, timedelta

from chronik.nlp.lang import de
from chronik.nlp.timex import calc
from chronik.nlp.timex.context import (
    BLOCK,
    MODS,
    Context,
    Found,
    forced_tense,
    rel_offset,
    relyear_offset,
    year_of,
)
from chronik.nlp.timex.generic import is_habitual_month
from chronik.nlp.timex.tense import PAST
from chronik.nlp.timex.years import choose_year, year_for

# Unit words and symbols after a number: "2000 km", "1500 m", "2000 Euro" (capitals are caught
# anyway).
_AFTER_COUNT = re.compile(
    r"\s*(?:%|‰|€|\$|(?:m|km|cm|mm|ha|kg|g|t|l|ml|kW|MW|GW|kWh|mal|x)\b|davon\b|bis\s+\d+\s+[A-ZÄÖÜ])"
)

# nouns of what is counted: a number right before one is an amount, never a year, also after
# "bis" or "zwischen" ("1500 bis 2000 Euro")
_COUNTED_NOUNS = (
    r"(?:Euro|Dollar|Franken|Pfund|Schilling|Rubel|Yen|Menschen|Personen|Leute|Einwohner"
    r"|Besucher|Zuschauer|Mitarbeiter|Beschäftigte|Soldaten|Flüchtlinge|Stück|Tonnen|Liter"
    r"|Meter|Kilometer|Kilogramm|Hektar|Quadratmeter)(?![\wÄÖÜäöüß])"
)
_COUNTED = re.compile(r"\s+" + _COUNTED_NOUNS)
_COUNTED_PAIR = re.compile(r"\s+(?:bis|und|oder|-|–)\s*[\d.,]+\s+" + _COUNTED_NOUNS)
_FROM_TO_COUNT = re.compile(r"\s+auf\s+[\d.,]+")  # after "von"/"um": "sank von 2000 auf 1800"

_BEFORE_COUNT = re.compile(r"\b(?:von|um)\s+[\d.,]+\s+auf\s+$")  # "sank von 2000 auf 1800"

SEASON_CONTEXT = de.MONTH_CONTEXT | frozenset(["über", "Über", "diesem", "dieses"])


# A year nobody writes after a day and month: a short number that ends the phrase (not "am 21. Mai
# 3.900 Menschen"), or a bare 0 anywhere ("Am 1. Jänner 0 wurde ..."; year 0 does not exist).
_BAD_YEAR = re.compile(
    r"\s+(?:\d{1,3}(?=\s*(?:[.,;:!?)](?!\d)|$))|0+(?![\d.,:]*\d|\s*(?:Uhr|h\b)))"
)


def h_date(m: re.Match, ctx: Context) -> Found | object | None:
    found = _h_date(m, ctx)
    podw = m.groupdict().get("podw")
    if podw is None or not isinstance(found, Found):
        return found
    code = ctx.lex.words["pod"][podw]
    value = found.value
    if m.group("eve") and podw == "Nacht":
        if value[:4].isdigit():
            value = (date.fromisoformat(value) - timedelta(days=1)).isoformat()
        else:
            value = "XXXX-XX-XX"  # the night before a day of an unknown year
    # "Am Morgen des 3. Juli 1998 ... am selben Tag": the day counts on as if named alone
    return Found(
        f"{value}T{code}", type="TIME", approx=found.approx, sets_reference=found.sets_reference
    )


def _h_date(m: re.Match, ctx: Context) -> Found | object | None:
    g = m.groupdict()
    if g.get("mon") and ctx.previous_word() in de.NUMBERED:
        return None
    month = int(g["mon"]) if g.get("mon") else ctx.lex.months[" ".join(g["mname"].split())]
    day = int(g["day"])
    year = year_of(g)
    ry = relyear_offset(g.get("ry"), ctx.lex)
    if year is None and ry is not None and ctx.anchor is not None:
        return Found(f"{ctx.anchor.year + ry:04d}-{month:02d}-{day:02d}")  # "des Vorjahres"
    if year is not None and len(g["year"]) == 2:
        limit = (ctx.anchor.year % 100 + 20) if ctx.anchor else 40
        year += 2000 if year <= limit else 1900
    if day > (29 if month == 2 else calc.month_end(2001, month).day):
        return BLOCK
    if year is None and _BAD_YEAR.match(ctx.text, ctx.end):
        return Found(f"XXXX-{month:02d}-{day:02d}", approx=True)  # "1. Jänner 0": no such year
    if year is None and g.get("wd") and m.group(0)[m.end("wd") - m.start() :].startswith(","):
        # "Freitag, den 4. September" (without the comma, "am Dienstag den 1. November als Termin
        # festgelegt" may name two days)
        year = _year_of_weekday(ctx, ctx.lex.weekdays[g["wd"]], month, day)
    if year is None and is_habitual_month(ctx):
        return Found(f"XXXX-{month:02d}-{day:02d}", approx=True)  # "stets am 1. Mai"
    if year is None:
        year = year_for(ctx, month, day)
    if year is None:
        ctx.reference, ctx.reference_year, ctx.reference_at = (
            date(2000, month, day),
            False,
            ctx.start,
        )
        return Found(f"XXXX-{month:02d}-{day:02d}", approx=True)
    try:
        exact = date(year, month, day)
    except ValueError:
        return BLOCK
    return Found(exact.isoformat(), sets_reference=True)


def _year_of_weekday(ctx: Context, weekday: int, month: int, day: int) -> int | None:
    """ "Freitag, den 4. September": of the years around the report's, the one in which that day
    is that weekday (None when no year, or more than one, fits)."""
    if ctx.anchor is None:
        return None
    fits = []
    for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
        try:
            if date(year, month, day).isoweekday() == weekday:
                fits.append(year)
        except ValueError:
            continue
    return fits[0] if len(fits) == 1 else None


def h_month(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    name = " ".join((g.get("mname") or "").split())
    month = int(g["mon"]) if g.get("mon") else ctx.lex.months[name]
    mod = MODS.get(g.get("mod") or "")
    rel = rel_offset(g.get("rel"), ctx.lex)
    year = year_of(g)
    ry = relyear_offset(g.get("ry"), ctx.lex)
    bare = year is None and mod is None and rel is None and ry is None
    if bare and (name.endswith(".") or not _month_context(ctx)):
        return None
    if year is None and ry is not None and ctx.anchor is not None:
        year = ctx.anchor.year + ry
    if year is None and rel is None and is_habitual_month(ctx):
        return Found(f"XXXX-{month:02d}", mod=mod, approx=True)
    if year is None:
        year = year_for(ctx, month, forced=forced_tense(rel))
        # "Mitte/Ende Jänner" told in the past on 4 January has not come yet this year: then the
        # part's first day decides, as a day and month would (only ever back: a part under way
        # is still ahead)
        first = _PART_FIRST_DAY.get(mod) if ctx.anchor and ctx.anchor.month == month else None
        if year is not None and first is not None:
            year = min(year, year_for(ctx, month, day=first, forced=forced_tense(rel)) or year)
    if year is None:
        return Found(f"XXXX-{month:02d}", mod=mod, approx=True)
    return Found(f"{year:04d}-{month:02d}", mod=mod)


_PART_FIRST_DAY = {"MID": 11, "END": 21}


# "für März/April", "Juli–August": a month right after another and a slash or dash
_MONTH_PAIR = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:Jänner|Januar|Feber|Februar|März|April|Mai|Juni|Juli|August|September"
    r"|Oktober|November|Dezember)\s?[/–-]\s?\Z"
)


def _month_context(ctx: Context) -> bool:
    """Whether the words before a bare month name make it a month (not "Mai" or "August" as a
    name): a preposition or article, a month and a slash before it ("März/April"), or a noun of
    months ("in den Sommermonaten Juli und August")."""
    previous = ctx.previous_word()
    if previous in de.MONTH_CONTEXT:
        return True
    if previous.endswith(("monate", "monaten", "monat")):
        return True
    return bool(_MONTH_PAIR.search(ctx.text, max(0, ctx.start - 12), ctx.start))


# a compound that opens with a number is a noun ("Formel 1-Weltmeister 1970", "3-Zimmer-Wohnung")
_NUMBER_COMPOUND = re.compile(r"\d+-[A-ZÄÖÜ][a-zäöüß]")


def h_year(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    if g.get("yy"):
        first = int(g["y1"])
        following = [y for y in range(first + 1, first + 11) if y % 100 == int(g["yy"])]
        return Found(f"{following[0]:04d}") if following else None  # "2022/23"; not "2022-12"
    year = int(g["year"])
    mod = MODS.get(g.get("mod") or "")
    if mod is None and not g.get("yw"):
        previous = ctx.previous_word()
        if (
            previous in de.NUMBER_CONTEXT
            or previous.split("-")[-1] in de.NUMBERED
            or (previous[:1].isdigit() and not _NUMBER_COMPOUND.match(previous))
        ):
            return None
        if previous == "als" and ctx.previous_words(2)[0] in ("mehr", "weniger", "Mehr", "Weniger"):
            return None
        if previous == "um" and ctx.previous_words(2)[0] in de.CHANGE_VERBS:
            return None  # "stieg um 2000" is a difference, not the year
        if previous not in de.YEAR_CONTEXT and previous.lower() not in de.YEAR_CONTEXT:
            following = ctx.next_char()
            if following.isupper() or following in ("%", "€", "$"):
                return None
        if (
            _AFTER_COUNT.match(ctx.text, ctx.end) and not _year_range(ctx, year, previous)
        ) or _BEFORE_COUNT.search(ctx.text, max(0, ctx.start - 30), ctx.start):
            return None
        if previous in ("von", "um") and _FROM_TO_COUNT.match(ctx.text, ctx.end):
            return None
        if _COUNTED.match(ctx.text, ctx.end) or _COUNTED_PAIR.match(ctx.text, ctx.end):
            return None  # "1500 bis 2000 Euro", "zwischen 1500 und 2000 Menschen": amounts
    slash = re.match(r"/(\d+)", ctx.text[ctx.end : ctx.end + 6])
    if slash and not _continues_year(year, slash.group(1)):
        return None  # "Richtlinie 2012/34/EU", not the years 2012 and 2034
    if mod is None and ctx.previous_word().lower() in de.APPROX_BEFORE:
        mod = "APPROX"
    return Found(f"{year:04d}", mod=mod)


_RANGE_END = re.compile(r"\s*(?:bis|BIS|-|–)\s*(\d{4})(?!\d)")


def _year_range(ctx: Context, year: int, previous: str) -> bool:
    """ "von 1999 bis 2008 Professor": two years, not a count ("von 2000 bis 3000 Euro")."""
    found = _RANGE_END.match(ctx.text, ctx.end)
    return (
        previous.lower() in ("von", "zwischen", "seit", "ab")
        and found is not None
        and 1800 <= year < int(found.group(1)) <= year + 150
    )


def _continues_year(year: int, following: str) -> bool:
    if len(following) == 2:
        return any(y % 100 == int(following) for y in range(year + 1, year + 11))
    return len(following) == 4 and year < int(following) <= year + 10


_DECADE_WORDS = {
    "zwanziger": 2,
    "dreißiger": 3,
    "vierziger": 4,
    "fünfziger": 5,
    "sechziger": 6,
    "siebziger": 7,
    "achtziger": 8,
    "neunziger": 9,
}


def h_decade(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    mod = MODS.get(g.get("mod") or "")
    if g.get("decw"):
        if not g.get("decsuf") and not (g["decw"][0].isupper() and (g.get("det") or mod)):
            return None  # "Mitte der Achtziger", "die Sechziger" are decades; a bare "achtziger" no
        value = f"19{_DECADE_WORDS[g['decw'].lower()]}"
    else:
        digits = g["dec"]
        if len(digits) == 2 and not (g.get("det") or mod or "ahre" in m.group(0)):
            return None
        value = digits[:3] if len(digits) == 4 else ("20" if digits == "00" else "19") + digits[0]
    return Found(value, mod=mod)


_ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_value(numeral: str) -> int:
    """XIX = 19; an ill-formed numeral (IIX) still gives a number, checked by the caller's range."""
    total = 0
    for letter, following in zip(numeral, numeral[1:] + " "):
        value = _ROMAN[letter]
        total += -value if following != " " and _ROMAN[following] > value else value
    return total


def h_century(m: re.Match, ctx: Context) -> Found | None:
    number = int(m.group("cent")) if m.group("cent") else roman_value(m.group("roman"))
    if not 1 <= number <= 22:
        return None
    return Found(f"{number - 1:02d}", mod=MODS.get(m.group("mod") or ""))


def h_season(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    spec = ctx.lex.words["season"][" ".join(g["season"].split())].split(":")
    code, centre = spec[0], int(spec[1])
    mod = MODS.get(g.get("mod") or "") or (spec[2] if len(spec) > 2 else None)
    rel = rel_offset(g.get("rel"), ctx.lex)
    year = year_of(g)
    ry = relyear_offset(g.get("ry"), ctx.lex)
    bare = year is None and g.get("mod") is None and rel is None and ry is None
    if bare and ctx.previous_word() not in SEASON_CONTEXT:
        return None
    if year is None and ry is not None and ctx.anchor is not None:
        year = ctx.anchor.year + ry
    if year is None and (rel is not None or not is_habitual_month(ctx)):
        year = year_for(ctx, centre, forced=forced_tense(rel))
    return Found(f"{year:04d}-{code}" if year else f"XXXX-{code}", mod=mod, approx=year is None)


def h_quarter(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    number = int(g["qnum"]) if g.get("qnum") else ctx.lex.ordinals.get(g["qord"], 0)
    letter = "Q" if g["qh"].startswith("Q") else "H"
    if not 1 <= number <= (4 if letter == "Q" else 2):
        return None
    year = year_of(g)
    ry = relyear_offset(g.get("ry"), ctx.lex)
    if year is None and ry is not None and ctx.anchor is not None:
        year = ctx.anchor.year + ry
    if year is None:
        size = 3 if letter == "Q" else 6
        # told in the past, a quarter is one that has ended; otherwise the one whose middle is
        # nearest
        month = size * number if ctx.tense() == PAST else size * number - size // 2
        year = year_for(ctx, month)
    return Found(
        f"{year:04d}-{letter}{number}" if year else f"XXXX-{letter}{number}",
        mod=MODS.get(g.get("mod") or ""),
        approx=year is None,
    )


def h_week(m: re.Match, ctx: Context) -> Found | None:
    week = int(m.group("wk"))
    if not 1 <= week <= 53:
        return None
    year = year_of(m.groupdict())
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year
        today = ctx.anchor_day()
        if today is not None:
            current = today.isocalendar()[1]
            year += -1 if week - current > 26 else (1 if current - week > 26 else 0)
    return Found(f"{year:04d}-W{week:02d}" if year else f"XXXX-W{week:02d}", approx=year is None)


_DAY_PREPOSITIONS = frozenset(["am", "zu", "zum", "bis", "vor", "nach", "seit", "ab", "an", "um"])


def h_holiday(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    spec = ctx.lex.holidays[" ".join(g["hol"].split())]
    year = year_of(g)
    rel = rel_offset(g.get("rel"), ctx.lex)
    bare_name = g["hol"] == "Nikolaus" and rel is None and year is None
    if bare_name and ctx.previous_word().lower() not in _DAY_PREPOSITIONS:
        return None  # "Nikolaus der Zweite", "Nikolaus Harnoncourt": a name
    if year is None and ctx.anchor is not None:
        if ctx.anchor.month is None:
            year = ctx.anchor.year
        else:
            a = ctx.anchor
            anchor_key = date(a.year, a.month, a.day or 15).toordinal()
            year = choose_year(
                ctx, lambda y: calc.holiday_date(spec, y).toordinal(), anchor_key, forced_tense(rel)
            )
    if year is None:
        if spec.startswith("E"):
            return Found("XXXX", approx=True)
        return Found(f"XXXX-{spec}", approx=True)
    day = calc.holiday_date(spec, year).isoformat()
    if g["hol"].endswith("nacht"):
        return Found(f"{day}TNI", type="TIME")
    return Found(day, sets_reference=True)


def h_month_part(m: re.Match, ctx: Context) -> Found | None:
    """ "den ersten Septembertagen", "der ersten Januarwoche", "Dezemberhälfte", "Oktobermitte"."""
    g = m.groupdict()
    if not (g.get("det") or g.get("ordx")) and ctx.previous_word() not in de.MONTH_CONTEXT:
        return None
    month = ctx.lex.months[g["mstem"]]
    year = year_for(ctx, month)
    ordinal = g.get("ordx")
    comp = g["mcomp"]
    mod = {"anfang": "START", "mitte": "MID", "ende": "END"}.get(comp)
    if ordinal:
        mod = "END" if ordinal == "letzten" else ("START" if ordinal == "ersten" else None)
    if comp.startswith("woche") and ordinal and year is not None:
        n = ctx.lex.ordinals.get(ordinal, 1)
        day = calc.month_end(year, month) if n < 0 else date(year, month, min(1 + 7 * (n - 1), 28))
        return Found(calc.iso_week(day))
    prefix = f"{year:04d}" if year else "XXXX"
    return Found(f"{prefix}-{month:02d}", mod=mod, approx=year is None)
