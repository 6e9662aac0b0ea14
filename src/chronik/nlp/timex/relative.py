"""Handlers for expressions that count from the report's day or the last day named: weekdays,
weekends, "vergangene Woche", "gestern", "zwei Tage später" (parts of day, clock times:
clock.py)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from chronik.nlp.timex import calc
from chronik.nlp.timex.context import (
    BLOCK,
    MODS,
    UNIT_WORDS,
    Context,
    Found,
    after_paired_day,
    duration_value,
    forced_tense,
    number_of,
    part_offset,
    rel_offset,
    underspecified_day,
)
from chronik.nlp.timex.generic import is_generic_today, is_habitual_clock, is_schedule
from chronik.nlp.timex.spans import present_ref
from chronik.nlp.timex.tense import FUTURE, PAST


def weekday_date(ctx: Context, weekday: int, rel: int | None) -> date | None:
    today = ctx.anchor_day()
    paired = after_paired_day(ctx, weekday) if today and rel is None else None
    if today is None or paired:
        return paired
    back = (today.isoweekday() - weekday) % 7
    forward = (weekday - today.isoweekday()) % 7
    tense = forced_tense(rel) or ctx.directed_tense(weekday=True)
    if rel is not None and rel < 0:
        return today - timedelta(days=back or 7)
    if rel is not None and rel > 0:
        return today + timedelta(days=forward or 7)
    if tense == PAST:
        return today - timedelta(days=back)
    if tense is None and rel is None and weekday in ctx.weekdays:
        # "Am Donnerstag stritten sie … Attacke am Donnerstag: …": told again without a verb of its
        # own, the weekday is the day the text already named
        return ctx.weekdays[weekday]
    if tense == FUTURE or (tense is None and back > 0):
        # the present tense with a weekday schedules ("Am Dienstag nimmt der Bundestag … auf"); news
        # tell the past in the past tense
        return today + timedelta(days=forward)
    return today - timedelta(days=back)


def _weekday_value(ctx: Context, weekday: int, rel: int | None) -> tuple[str, date | None]:
    day = weekday_date(ctx, weekday, rel)
    if day is not None:
        if ctx.in_order:
            ctx.weekdays[weekday] = day
        return day.isoformat(), day
    year = f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX"
    return f"{year}-WXX-{weekday}", None


# Sunday papers: "sagte er der Welt am Sonntag" names a paper, not a day
_SUNDAY_PAPERS = frozenset(["Welt", "Bild", "Presse", "NZZ"])


def h_weekday(m: re.Match, ctx: Context) -> Found | object | None:
    g = m.groupdict()
    weekday = ctx.lex.weekdays[g["wd"]]
    if m.group(0) == "Sonntag":
        before = ctx.previous_words(2)
        if len(before) == 2 and before[1] == "am" and before[0] in _SUNDAY_PAPERS:
            return BLOCK
    pod_word = g.get("wdpod") or g.get("pod")
    if not pod_word and not g.get("rel") and is_schedule(ctx):
        return Found(f"XXXX-WXX-{weekday}", type="SET")  # "(Montag bis Freitag 9 bis 12 Uhr)"
    value, day = _weekday_value(ctx, weekday, rel_offset(g.get("rel"), ctx.lex))
    if pod_word:
        code = ctx.lex.words["pod"].get(pod_word[0].upper() + pod_word[1:]) or ctx.lex.words[
            "pod"
        ].get(pod_word, "")
        return Found(
            f"{value}T{code}",
            type="TIME",
            span=(day, day) if day else None,
            approx=day is None,
            sets_reference=day is not None,
        )
    return Found(value, approx=day is None, sets_reference=day is not None)


def h_weekday_of_week(m: re.Match, ctx: Context) -> Found | None:
    """ "Donnerstag vergangener Woche": the weekday inside the week the words name."""
    weekday = ctx.lex.weekdays[m.group("wd")]
    offset = rel_offset(m.group("rel"), ctx.lex)
    today = ctx.anchor_day()
    if today is None or offset is None:
        return Found(
            f"{ctx.anchor.year:04d}-WXX-{weekday}" if ctx.anchor else f"XXXX-WXX-{weekday}",
            approx=True,
        )
    day = today + timedelta(days=7 * offset + weekday - today.isoweekday())
    return Found(day.isoformat(), sets_reference=True)


_NTH = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "fünften": 5, "sechsten": 6}


def h_nth_week(m: re.Match, ctx: Context) -> Found | None:
    """ "Start war am 1. Juli. … in der dritten Woche": weeks counted from the last day named
    (that day's week is the first); without such a day, no timex (the first week of what?)."""
    if not ctx.in_order:
        return Found("XXXX-WXX")  # selection: the day it counts from is known only in text order
    if ctx.reference is None or not ctx.reference_year or ctx.reference_at >= ctx.start:
        return None
    return Found(calc.iso_week(ctx.reference + timedelta(weeks=_NTH[m.group("ordw")] - 1)))


def h_weekend(m: re.Match, ctx: Context) -> Found | None:
    today = ctx.anchor_day()
    rel = rel_offset(m.group("rel"), ctx.lex)
    if today is None:
        year = f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX"
        return Found(f"{year}-WXX-WE", approx=True)
    if rel is None and is_habitual_clock(ctx):
        return Found("XXXX-WXX-WE", type="SET")  # "am Wochenende einmal täglich aktualisiert"
    weekday = today.isoweekday()
    tense = forced_tense(rel) or ctx.tense()
    if rel is not None and rel < 0:
        weeks = -1
    elif rel is not None and rel > 0:
        weeks = 0 if weekday <= 5 else 1
    elif tense == FUTURE:
        weeks = 0 if weekday <= 6 else 1  # told ahead on a Saturday: this weekend, under way
    elif tense == PAST:
        weeks = 0 if weekday >= 6 else -1
    else:
        weeks = -1 if weekday <= 2 else 0
    return Found(calc.iso_week(today + timedelta(weeks=weeks)) + "-WE")


def h_rel_unit(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    mod = MODS.get(g.get("mod") or "") or MODS.get(g.get("cmod") or "")
    if g.get("heuer"):
        unit, offset = "Y", 0  # Austrian and Bavarian "this year"
    elif g.get("vor"):
        unit, offset = {"Vorj": "Y", "Vorm": "M", "Vorw": "W", "Vorq": "Q"}[g["vor"][:4]], -1
        compared = _compared_year(ctx) if unit == "Y" else None
        if compared is not None:
            return Found(f"{compared - 1:04d}", mod=mod)
    else:
        unit = UNIT_WORDS[g["unit"]]
        offset = rel_offset(g.get("rel"), ctx.lex) if g.get("rel") else 0
        if offset is None:
            return None
        # "Ende des Jahres" and "Jahresende" alike: told in the past in January, the year before
        if offset == 0 and mod is not None and (g.get("det") or g.get("cmod")):
            offset = part_offset(ctx, unit, mod)
    return _unit_value(ctx, unit, offset, mod)


_COMPARING = frozenset(["zum", "gegenüber", "Vergleich", "verglichen", "als"])


def _compared_year(ctx: Context) -> int | None:
    """The year of the time named earlier in the sentence when "Vorjahr" compares with it ("sank
    im Oktober 2015 zum Vorjahr": the year before that October, not before the report)."""
    coarse = ctx.coarse
    if not ctx.in_order or coarse is None or coarse[2] < ctx.sentence_start():
        return None
    if not _COMPARING.intersection(ctx.previous_words(3)):
        return None
    return coarse[1].year if ctx.anchor is None or coarse[1].year != ctx.anchor.year else None


def _unit_value(ctx: Context, unit: str, offset: int, mod: str | None) -> Found:
    a = ctx.anchor
    if a is None:
        blank = {
            "Y": "XXXX",
            "M": "XXXX-XX",
            "W": "XXXX-WXX",
            "Q": "XXXX-QX",
            "H": "XXXX-HX",
            "DE": "XXX",
            "CE": "XX",
        }[unit]
        return Found(blank, mod=mod, approx=True)
    if unit == "Y":
        return Found(f"{a.year + offset:04d}", mod=mod)
    if unit == "DE":
        return Found(f"{(a.year // 10 + offset):03d}", mod=mod)
    if unit == "CE":
        return Found(f"{(a.year // 100 + offset):02d}", mod=mod)
    if unit in ("M", "Q", "H") and a.month is None:
        letter = {"M": "XX", "Q": "QX", "H": "HX"}[unit]
        return Found(f"{a.year:04d}-{letter}", mod=mod, approx=True)
    if unit == "M":
        first = calc.add_months(date(a.year, a.month, 1), offset)
        return Found(f"{first.year:04d}-{first.month:02d}", mod=mod)
    if unit in ("Q", "H"):
        size = 3 if unit == "Q" else 6
        index = a.year * (12 // size) + (a.month - 1) // size + offset
        year, part = divmod(index, 12 // size)
        return Found(f"{year:04d}-{unit}{part + 1}", mod=mod)
    today = ctx.anchor_day()
    if today is None:
        return Found(f"{a.year:04d}-WXX", mod=mod, approx=True)
    return Found(calc.iso_week(today + timedelta(weeks=offset)), mod=mod)


_RELDAY = {
    "heute": 0,
    "gestern": -1,
    "vorgestern": -2,
    "morgen": 1,
    "übermorgen": 2,
    "heutigen": 0,
    "gestrigen": -1,
    "vorgestrigen": -2,
    "morgigen": 1,
}

SENTENCE_START = re.compile(r"(?:^|[.!?:„\"»]\s*|\n\s*)$")


# idioms that name no day: "Schnee von gestern" (old news), "lieber heute als morgen" (the sooner
# the better), "von heute auf morgen" (overnight), "heute hier, morgen dort"
_IDIOMS = re.compile(
    r"Schnee\s+von\s+gestern|(?:[Hh]eute|[Gg]estern)\s+als\s+morgen"
    r"|[Vv]on\s+heute\s+auf\s+morgen|[Hh]eute\s+hier,?\s+morgen\s+dort"
)


def _in_idiom(ctx: Context) -> bool:
    return any(
        found.start() <= ctx.start and ctx.end <= found.end()
        for found in _IDIOMS.finditer(ctx.text, max(0, ctx.start - 20), ctx.end + 20)
    )


def h_relday(m: re.Match, ctx: Context) -> Found | object | None:
    g = m.groupdict()
    word = g["rd"]
    if _in_idiom(ctx):
        return BLOCK
    if word == "Morgen" and not SENTENCE_START.search(ctx.text, max(0, ctx.start - 3), ctx.start):
        return None  # "am Morgen", "den Morgen": the noun, not "tomorrow"
    offset = _RELDAY[word.lower()]
    pod = pod_code(ctx, g.get("pod"))
    if word.lower() == "heute" and pod is None and is_generic_today(ctx):
        return present_ref(ctx)
    if word == "morgen" and pod is None and ctx.previous_word() == "von":
        return present_ref(ctx, "FUTURE_REF")  # "die Schulen von morgen"
    today = ctx.anchor_day()
    if today is not None:
        day = today + timedelta(days=offset)
        value = day.isoformat()
        span, approx = (day, day), False
    else:
        value = underspecified_day(ctx)
        whole = calc.value_range(value) if ctx.anchor else None
        span = (
            (whole[0] + timedelta(days=offset), whole[1] + timedelta(days=offset))
            if whole
            else None
        )
        approx = True
    if pod:
        return Found(
            f"{value}T{pod}",
            type="TIME",
            span=span,
            approx=approx,
            keeps_span=True,
            sets_reference=today is not None,
        )
    return Found(value, span=span, approx=approx, keeps_span=True, sets_reference=today is not None)


def pod_code(ctx: Context, word: str | None) -> str | None:
    """ "Abend", and the old spelling "gestern abend"."""
    if not word:
        return None
    pods = ctx.lex.words["pod"]
    return pods.get(word) or pods.get(word[0].upper() + word[1:])


_OFFSET_WORDS = {
    "Vortag": ("D", -1),
    "Vortages": ("D", -1),
    "Folgetag": ("D", 1),
    "Folgetages": ("D", 1),
    "Vorabend": ("D", -1),
    "Vorabends": ("D", -1),
}

_FORWARD = ("später", "danach", "darauf")
_SAME = frozenset(["selben", "gleichen", "diesem", "jenem", "demselben", "denselben", "derselben"])


def h_offset(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    vague = False
    if g.get("word"):
        unit, amount = _OFFSET_WORDS[g["word"]]
    elif g.get("same"):
        # "am selben Tag", "an diesem Tag", "im selben Jahr": the day (month, year) last named
        unit = UNIT_WORDS.get(g.get("sameunit") or "", "D")
        amount = 0 if g["same"] in _SAME else 1
    elif g.get("tags") or g.get("dir2"):
        direction = g.get("dir") or g.get("dir2")
        unit = UNIT_WORDS.get(g.get("unit") or "", "D") if g.get("unit") != "Tag" else "D"
        amount = 1 if direction in _FORWARD else -1
    else:
        unit = ctx.lex.units[g["unit"]]
        number = number_of(g.get("num"), ctx.lex) if g.get("num") else None
        vague = number is None
        amount = (number or 1) * (1 if g["dir"] in _FORWARD else -1)
    found = _offset_value(
        ctx, unit, amount, vague, evening=(g.get("word") or "").startswith("Vorabend")
    )
    if g.get("unit") and (g.get("num") or g.get("vq")) and found.type is None:
        # "zwei Jahre später", "einige Tage zuvor": a DURATION anchored elsewhere (KRAUTS)
        found.duration = duration_value(None if vague else abs(amount), unit)
    week = g.get("dir2") or g.get("same")
    if week and unit == "W" and len(found.value) == 10 and found.value[:4].isdigit():
        # "in der Woche darauf", "in derselben Woche": the week, not a day of it
        return Found(calc.iso_week(date.fromisoformat(found.value)))
    return found


def _offset_value(ctx: Context, unit: str, amount: float, vague: bool, evening: bool) -> Found:
    """Counted from the last day the text named ("Am 3. März … Zwei Tage später"), else the report's
    day."""
    coarse = ctx.coarse
    if coarse is not None and coarse[2] > ctx.reference_at:
        return _coarse_offset(coarse, unit, amount, vague)
    base = ctx.reference or ctx.anchor_day()
    if base is not None and not ctx.reference_year and ctx.reference is not None:
        if unit in ("D", "W") and not vague:
            day = calc.shift(base, amount, unit)
            return Found(f"XXXX-{day.month:02d}-{day.day:02d}", approx=True)
        return Found("XXXX", approx=True)
    if base is None:
        a = ctx.anchor
        if a is None:
            return Found("XXXX-XX-XX" if unit in ("D", "W") else "XXXX", approx=True)
        if unit in ("Y", "DE", "CE"):
            return Found(
                f"{round(a.year + amount * (10 if unit == 'DE' else 1)):04d}", approx=vague
            )
        return Found(underspecified_day(ctx), approx=True)
    day = calc.shift(base, amount, unit)
    if vague or unit in ("M",):
        return Found(f"{day.year:04d}-{day.month:02d}", approx=vague)
    if unit in ("Y", "DE", "CE"):
        return Found(f"{day.year:04d}")
    if evening:
        return Found(f"{day.isoformat()}TEV", type="TIME")
    return Found(day.isoformat(), sets_reference=True)


def _coarse_offset(coarse: tuple[str, date, int], unit: str, amount: float, vague: bool) -> Found:
    """ "Einen Tag zuvor" after "Ende August": the month is known, the day is not."""
    precision, first, _ = coarse
    if unit in ("TH", "TM", "TS"):  # "eine Stunde später" after "im März": still that month
        value = (
            f"{first.year:04d}" if precision == "year" else f"{first.year:04d}-{first.month:02d}"
        )
        return Found(value, approx=True)
    moved = calc.shift(first, amount, unit)
    if unit in ("Y", "DE", "CE") or precision == "year":
        return Found(
            f"{moved.year:04d}",
            approx=vague or (precision == "year" and unit not in ("Y", "DE", "CE")),
        )
    if unit == "M" and not vague:
        return Found(f"{moved.year:04d}-{moved.month:02d}")
    return Found(f"{first.year:04d}-{first.month:02d}-XX", approx=True)
