"""Handlers for parts of the day and clock times ("am Abend", "nachts", "Dienstagnachmittag",
"um 14 Uhr"): the day they belong to is the report's, a day named before, or none (a habit)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from chronik.nlp.lang import de
from chronik.nlp.timex.context import Context, Found, day_value, rel_offset, underspecified_day
from chronik.nlp.timex.generic import is_habitual_clock, is_schedule, names_days
from chronik.nlp.timex.relative import SENTENCE_START, weekday_date
from chronik.nlp.timex.tense import PAST

_POD_ADVERBS = {
    "morgens": "MO",
    "vormittags": "MO",
    "mittags": "MI",
    "nachmittags": "AF",
    "abends": "EV",
    "nachts": "NI",
}


def h_pod(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    if g.get("podadv"):
        word = g["podadv"]
        if ctx.previous_word() in ("des", "eines", "Des", "Eines"):
            return None  # "im Lauf des Abends": the genitive noun
        if word[0].isupper() and not SENTENCE_START.search(
            ctx.text, max(0, ctx.start - 3), ctx.start
        ):
            return None
        return _pod_adverb(ctx, _POD_ADVERBS[word.lower()])
    if g.get("rel"):
        return _relative_pod(ctx, g["pod"], rel_offset(g["rel"], ctx.lex))
    previous = ctx.previous_word()
    if g.get("det"):
        if previous not in de.POD_DET_CONTEXT:
            return None
    elif previous not in de.POD_CONTEXT and not (previous in ("zu", "Zu") and g["pod"] == "Mittag"):
        return None  # ("zu Mittag": at lunchtime, as "am Mittag")
    word = g["pod"]
    code = (
        ctx.lex.words["pod"].get(word)
        or {"Morgenstunden": "MO", "Abendstunden": "EV", "Nachtstunden": "NI"}[word]
    )
    if (
        not g.get("wd")
        and not g.get("adj")
        and ctx.tense() is None
        and ctx.reference_at < _sentence_before_start(ctx)
        and not names_days(ctx.text)
        and not _DAY_DATE.search(ctx.text)
    ):
        # "klären sie das am Abend" in an essay that names no day: any evening (TimeML, KRAUTS)
        return Found(f"XXXX-XX-XXT{code}", approx=True)
    day = ctx.base_day()
    if code == "NI" and not _night_of_story(ctx, day):
        day = ctx.anchor_day()  # "in der Nacht": the night before the report's day, dated to it
    if g.get("wd"):
        weekday = ctx.lex.weekdays[g["wd"]]
        night = code == "NI"  # "Nacht zum Sonntag" is Saturday night (conventions 2.5)
        day = weekday_date(ctx, weekday, None)
        if day is None:
            year = f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX"
            before = (weekday - 2) % 7 + 1 if night else weekday
            return Found(f"{year}-WXX-{before}T{code}", approx=True)
        if night:
            day -= timedelta(days=1)
    value = day_value(ctx, day)
    return Found(f"{value}T{code}", approx=day is None)


def _night_of_story(ctx: Context, day: date | None) -> bool:
    """Whether "in der Nacht" belongs to the day the text tells rather than the report's: a day
    named in its sentence, or a day before yesterday while the clause tells the past ("Am
    Donnerstag ... In der Nacht wurden 100 versorgt" in a Saturday report), as a morning there
    would. After yesterday's story the night is the last one, dated to the report's day."""
    if not ctx.reference_year or ctx.reference is None or day != ctx.reference:
        return False
    if ctx.reference_at >= ctx.sentence_start():
        return True
    today = ctx.anchor_day()
    return today is not None and day < today - timedelta(days=1) and ctx.tense() == PAST


# a day of a month anywhere in the report ("3. März", "3.3."): it tells of days, not habits
_DAY_DATE = re.compile(
    r"(?<![\d.])\d{1,2}\.\s?(?:\d{1,2}\.|Jän|Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)"
)


def _sentence_before_start(ctx: Context) -> int:
    """Where the sentence before ctx's begins (a day named there or since sets the scene)."""
    import bisect

    i = bisect.bisect_right(ctx.starts, ctx.start) - 2
    return ctx.starts[max(i, 0)] if ctx.starts else 0


def _pod_adverb(ctx: Context, code: str) -> Found:
    """ "nachts" is a habit (SET) in the present, a time (TIME) of a day already told in the
    past. A habitual part of the day is written as its period, as KRAUTS does (`nachts` SET
    `PTNI`, like `täglich` `P1D`), not as a day pattern."""
    if ctx.tense() == PAST and ctx.base_day() is not None:
        return Found(f"{ctx.base_day().isoformat()}T{code}", type="TIME")
    return Found(f"PT{code}")


def _relative_pod(ctx: Context, word: str, offset: int | None) -> Found | None:
    """ "vergangene Nacht" is the night before the report's day (dated to that day, as "in der
    Nacht"); "vergangenen Abend" the evening before; "kommende Nacht" tonight."""
    if offset is None:
        return None
    code = ctx.lex.words["pod"][word]
    today = ctx.anchor_day()
    if today is None:
        return Found(f"{underspecified_day(ctx)}T{code}", approx=True)
    if offset > 0 and ctx.tense() == PAST:
        return _next_in_story(ctx, code)
    if code == "NI":
        day = today if offset < 0 else today + timedelta(days=offset - 1) if offset > 0 else today
    else:
        day = today + timedelta(days=offset)
    return Found(f"{day.isoformat()}T{code}")


def _next_in_story(ctx: Context, code: str) -> Found:
    """ "Am nächsten Morgen brachen sie auf": told in the past, the morning after the day the story
    is on (named in this sentence or the one before), not tomorrow; with no such day, a morning
    we do not know."""
    told = ctx.in_order and ctx.reference is not None and ctx.reference_year
    if told and ctx.reference_at >= _sentence_before_start(ctx):
        return Found(f"{(ctx.reference + timedelta(days=1)).isoformat()}T{code}")
    return Found(f"XXXX-XX-XXT{code}", approx=True)


_HOUR_WORDS = {
    "ein": 1,
    "eins": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
}


# an afternoon or evening named right after a clock time that has none of its own
_LATER_POD = re.compile(
    r"\s+(?:am|gegen)\s+(?:(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)"
    r"(?:nachmittag|abend)|(?:frühen\s+|späten\s+)?(?:Nachmittag|Abend))(?![\wäöüß])"
)


def h_time(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    if g.get("half"):
        hour = _HOUR_WORDS.get(g["hw"]) or int(g["hw"])
        g = {"hour": str(hour - 1), "minute": "30"}
    if g.get("midnight"):
        previous = ctx.previous_word().lower()
        if previous not in ("um", "gegen", "nach", "vor", "bis", "ab", "seit", "kurz"):
            return None
        hour, minute = (0, 0) if previous in ("seit", "ab", "nach") else (24, 0)
    else:
        hour = _HOUR_WORDS.get(g.get("hourw") or "", 0) or int(g["hour"] or 0)
        minute = int(g.get("minute") or g.get("minute2") or 0)
        if g.get("tzw") in ("abends", "nachts", "nachmittags") and hour < 12:
            hour += 12
    if 1 <= hour < 12 and _LATER_POD.match(ctx.text, ctx.end):
        hour += 12  # "kurz nach halb zwei am Samstagnachmittag", "um 8 Uhr am Abend"
    if is_habitual_clock(ctx) or is_schedule(ctx):
        return Found(f"XXXX-XX-XXT{hour:02d}:{minute:02d}")  # "öffnet täglich um 9 Uhr"
    day = _day_of_night(ctx, hour) or ctx.base_day()
    if day is not None and _past_midnight(ctx, hour):
        day += timedelta(days=1)
    value = f"{day_value(ctx, day)}T{hour:02d}:{minute:02d}"
    mod = "APPROX" if ctx.previous_word().lower() in ("gegen", "etwa", "circa", "ca.") else None
    return Found(
        value, mod=mod, span=(day, day) if day else None, approx=day is None, keeps_span=True
    )


_CLOCK_BEFORE = re.compile(r"(?<![\d.,:])(\d{1,2})(?:[.:]\d\d\s*(?:Uhr)?|\s*Uhr)(?![\d])")


def _past_midnight(ctx: Context, hour: int) -> bool:
    """Whether a small-hours end of a stretch ("von 22 Uhr bis 2 Uhr", a listing's "20.15 ... Bis
    0.30") follows an evening start close before it: the end falls on the next day."""
    if hour >= 6 or ctx.previous_word() not in ("bis", "Bis"):
        return False
    starts = list(_CLOCK_BEFORE.finditer(ctx.text, max(0, ctx.start - 600), ctx.start))
    return bool(starts) and 18 <= int(starts[-1].group(1)) <= 23


_NIGHT_TO = re.compile(
    r"Nacht\s+(?:auf|zum|zu)\s+(?:den\s+)?(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag"
    r"|Sonnabend|Sonntag)(?![\wÄÖÜäöüß])"
)


def _day_of_night(ctx: Context, hour: int) -> date | None:
    """A clock time after "in der Nacht auf Sonntag" in its sentence (or, told in the past, in
    the sentence before): the small hours are Sunday's, the evening hours Saturday's ("in der
    Nacht auf Sonntag gegen 3 Uhr")."""
    begin = _sentence_before_start(ctx) if ctx.tense() == PAST else ctx.sentence_start()
    nights = list(_NIGHT_TO.finditer(ctx.text, begin, ctx.start))
    found = nights[-1] if nights else None
    if found is None or ctx.reference_at > found.end():
        return None
    day = weekday_date(ctx, ctx.lex.weekdays[found.group(1)], None)
    if day is None:
        return None
    return day if hour < 12 else day - timedelta(days=1)
