"""Handlers for durations, sets (frequencies) and fuzzy references (derzeit, damals)."""

from __future__ import annotations

import re
from datetime import date

from chronik.nlp.timex import calc
from chronik.nlp.timex.clauses import clause_of, sentence_of
from chronik.nlp.timex.context import (
    AMODS,
    Context,
    Found,
    duration_value,
    number_of,
)
from chronik.nlp.timex.tense import PAST, tense_at

HALVES = {
    "Viertelstunde": "PT15M",
    "Dreiviertelstunde": "PT45M",
    "Vierteljahrhundert": "P25Y",
    "Dreivierteljahr": "P9M",
    "Vierteljahr": "P3M",
}

_PAST_SPAN = ("vergangenen", "letzten", "zurückliegenden", "vorigen")

_NEXT_SPAN = ("kommenden", "nächsten", "folgenden")


def h_duration(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    mod = AMODS.get(" ".join((g.get("amod") or "").lower().split()))
    if g.get("half") in HALVES:
        return Found(HALVES[g["half"]], mod=mod)
    if g.get("clockh"):
        g["unit"] = {"Std.": "Stunden", "Min.": "Minuten"}.get(g["unit"], g["unit"])
        big, small = int(g["clockh"]), int(g["clockm"])
        if g.get("clocks"):  # h:mm:ss, h:mm:ss,f
            seconds = f"{int(g['clocks'])}" + (f".{g['clockf']}" if g.get("clockf") else "")
            return Found(f"PT{big}H{small}M{seconds}S") if g["unit"] == "Stunden" else None
        if g["unit"] == "Stunden" and not g.get("clockf"):
            return Found(f"PT{big}H{small}M")
        if g["unit"] == "Minuten":
            seconds = f"{small}.{g['clockf']}" if g.get("clockf") else f"{small}"
            return Found(f"PT{big}M{seconds}S")
        return None
    if g.get("adv"):
        unit = ctx.lex.units[g["adv"][0].upper() + g["adv"][1:]]
        return Found(duration_value(None, unit), approx=True)
    if g.get("adjunit"):
        return _adjective_duration(g, ctx, mod)
    unit = ctx.lex.units[g["unit"]]
    if g.get("whole"):
        return Found(duration_value(1, unit), mod=mod)  # "das ganze Jahr"
    if g.get("mult"):
        return _large_duration(g, ctx, mod)
    if _is_age(ctx, g["unit"]):
        return None
    years = _YEARS_FROM_TO.match(ctx.text, ctx.end) if g["unit"] == "Jahre" else None
    if years and not g.get("num") and int(years[1]) < int(years[2]):
        return Found(f"P{int(years[2]) - int(years[1])}Y")  # "die Jahre von 1980 bis 2011"
    amount = (
        2.0
        if g.get("num") == "beiden"
        else number_of(g.get("num"), ctx.lex)
        if g.get("num")
        else None
    )
    if g.get("num") and amount is None:
        return None
    if g.get("num") and (g["num"].lower() == "eines" and unit == "D"):
        return None  # "eines Tages" means some day, not a duration
    if g.get("half"):
        amount = (amount or 1) * 0.5
        smaller = {
            "ML": (10, "CE"),
            "Y": (12, "M"),
            "M": (30, "D"),
            "D": (24, "TH"),
            "TH": (60, "TM"),
        }
        if (
            amount != int(amount) and unit in smaller
        ):  # ein halbes Jahr = P6M, eine halbe Stunde = PT30M
            amount, unit = amount * smaller[unit][0], smaller[unit][1]
    if g.get("unit2"):
        return _compound(g, ctx, amount, unit, mod)
    value = duration_value(amount, unit)
    span = _duration_span(ctx, g, amount, unit)
    # "vor zwei Tagen" names a day of the past week, as a weekday does, that "am Abend" or "einen
    # Tag später" may count from
    day_ago = (
        unit == "D" and amount is not None and amount <= 7 and ctx.previous_word().lower() == "vor"
    )
    return Found(
        value,
        mod=mod,
        span=span,
        approx=amount is None or mod is not None,
        keeps_span=True,
        sets_reference=day_ago and span is not None and span[0] == span[1],
    )


_MULTIPLIERS = {
    "Millionen": 10**6,
    "Mio.": 10**6,
    "Milliarden": 10**9,
    "Mrd.": 10**9,
    "Billionen": 10**12,
}


def _large_duration(g: dict, ctx: Context, mod: str | None) -> Found | None:
    """ "4,6 Milliarden Jahre" = P4600000000Y: whole years written out (duration_value would print
    4.6e+09); "vor 65 Millionen Jahren" keeps no interval (far outside the calendar)."""
    amount = number_of(g["num"], ctx.lex)
    if amount is None or _is_age(ctx, g["unit"]):
        return None
    years = round(amount * _MULTIPLIERS[g["mult"]])
    return Found(f"P{years}Y", mod=mod, approx=mod is not None)


_ADJECTIVE_UNITS = {
    "jährig": "Y",
    "monatig": "M",
    "wöchig": "W",
    "tägig": "D",
    "stündig": "TH",
    "minütig": "TM",
}


def _adjective_duration(g: dict, ctx: Context, mod: str | None) -> Found | None:
    """ "zweitägige" = P2D, "14-tägigen" = P14D, "mehrstündige" = PTXH: the count is the
    adjective's first part."""
    unit = _ADJECTIVE_UNITS[g["adjunit"]]
    word = g.get("adjdig") or g["adjword"]
    amount = None if word == "mehr" else number_of(word, ctx.lex)
    if word != "mehr" and not amount:
        return None
    return Found(duration_value(amount, unit), mod=mod, approx=amount is None or mod is not None)


_YEARS_FROM_TO = re.compile(r"\s+(?:[Vv]on|[Zz]wischen)\s+(\d{4})\s+(?:[Bb]is|[Uu]nd)\s+(\d{4})\b")
_ATTRIBUTIVE_AGE = re.compile(r"\s+alte[nmrs]?\b")
# "im Alter von 79 Jahren", "Männer im Alter zwischen 18 und 45 Jahren", "Kinder im Alter von
# bis zu zwölf Jahren": the count after "Alter von/zwischen" is an age (conventions 2.7)
_AGE_BEFORE = re.compile(r"\bAlter\s+(?:von|zwischen)\s+(?:[\wÄÖÜäöüß.,]+\s+){0,4}$")


_PEOPLE_BETWEEN = re.compile(
    r"\b(?:Jugendliche|Kinder|Männer|Frauen|Menschen|Personen|Deutsche|Österreicher(?:innen)?"
    r"|Prostituierte|Patient(?:inn)?en|Schüler(?:innen)?|Studierende|Student(?:inn)?en"
    r"|Teilnehmer(?:innen)?|Befragte|Probanden|Mädchen|Burschen|Erwachsene|Bewohner(?:innen)?"
    r"|Wähler(?:innen)?|Arbeitnehmer(?:innen)?)n?\s+zwischen\s+\d+\s+und\s+$"
)


def _is_age(ctx: Context, unit_word: str) -> bool:
    """ "ein drei Jahre altes Auto", "ab 16 Jahren", "im Alter von 79 Jahren": an age, not a
    duration (ages are no timexes; "Er ist 52 Jahre alt" stays one, as chronik's gold has it)."""
    if _ATTRIBUTIVE_AGE.match(ctx.text, ctx.end):
        return True
    if _AGE_BEFORE.search(ctx.text, max(0, ctx.start - 60), ctx.start):
        return True  # also "Kinder im Alter von bis zu sechs Jahren"
    if _PEOPLE_BETWEEN.search(ctx.text, max(0, ctx.start - 60), ctx.start):
        return True  # "Jugendliche zwischen 16 und 21 Jahren": their ages
    if unit_word == "Jahren" and _AGE_WITH.search(ctx.text, max(0, ctx.start - 40), ctx.start):
        # "mit 39 Jahren gestorben", "Mit 14 Jahren ging er": at that age; not "mit drei Jahren
        # Verspätung", "mit zwei Jahren Haft" (a noun follows: the count of years is a quantity)
        return not _NOUN_AFTER.match(ctx.text, ctx.end)
    return unit_word == "Jahren" and ctx.previous_word() in ("ab", "unter", "Ab", "Unter")


_AGE_WITH = re.compile(
    r"(?<![\wÄÖÜäöüß])[Mm]it\s+(?:(?:gerade|erst|schon|bereits|knapp|nur|fast|mal|noch)\s+){0,2}$"
)
_NOUN_AFTER = re.compile(r"\s+(?!Der\b|Die\b|Das\b|Er\b|Sie\b|Es\b)[A-ZÄÖÜ]")


def _duration_span(
    ctx: Context, g: dict, amount: float | None, unit: str
) -> tuple[date, date] | None:
    """The days a duration covers when a preposition ties it to the report date (vor, seit, in den
    vergangenen)."""
    if ctx.anchor is None:
        return None
    now = (ctx.anchor.earliest(), ctx.anchor.latest())
    size = amount if amount is not None else 3  # "in den vergangenen Wochen": a few, read as three
    rel = g.get("rel")
    previous = ctx.previous_word().lower()
    if rel in _PAST_SPAN or previous == "seit":
        return calc.shift(now[0], -size, unit), now[1]
    if rel in _NEXT_SPAN:
        return now[0], calc.shift(now[1], size, unit)
    if previous == "vor":
        return calc.shift(now[0], -size, unit), calc.shift(now[1], -size, unit)
    if previous in ("in", "binnen", "innerhalb"):
        return calc.shift(now[0], size, unit), calc.shift(now[1], size, unit)
    return None


_ORDER = ("Y", "M", "W", "D", "TH", "TM", "TS")


def _compound(
    g: dict, ctx: Context, amount: float | None, unit: str, mod: str | None
) -> Found | None:
    """ "drei Jahre und vier Monate" = P3Y4M: whole numbers of units from larger to smaller."""
    second = number_of(g["num2"], ctx.lex)
    unit2 = ctx.lex.units[g["unit2"]]
    if (
        amount is None
        or second is None
        or amount != int(amount)
        or second != int(second)
        or unit not in _ORDER
        or unit2 not in _ORDER
        or _ORDER.index(unit) >= _ORDER.index(unit2)
    ):
        return None
    date_part = "".join(
        f"{int(n)}{u}" for n, u in ((amount, unit), (second, unit2)) if "T" not in u
    )
    clock = "".join(f"{int(n)}{u[1]}" for n, u in ((amount, unit), (second, unit2)) if "T" in u)
    value = "P" + date_part + (f"T{clock}" if clock else "")
    return Found(value, mod=mod, approx=mod is not None)


_SET_UNITS = {
    "Tag": "D",
    "Tage": "D",
    "Woche": "W",
    "Wochen": "W",
    "Monat": "M",
    "Monate": "M",
    "Jahr": "Y",
    "Jahre": "Y",
    "Stunde": "TH",
    "Stunden": "TH",
    "Minute": "TM",
    "Minuten": "TM",
}


# "60 Kilometer pro Stunde", "25 Meilen pro Stunde": a speed, a unit of measure, no recurring hour
_SPEED = re.compile(r"(?:Kilometer|Kilometern|km|Meilen|Meter|Metern|m)\s+(?:pro|je)\s+$")


def h_set(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    if g.get("per") and _SPEED.search(ctx.text, max(0, ctx.start - 20), ctx.start):
        return None
    if g.get("setw"):
        word = g["setw"]
        if word[-1] != "h" and ctx.text.startswith("Bedarf", ctx.end + 1):
            return None  # "Güter des täglichen Bedarfs": a kind of goods, not a frequency
        return Found(ctx.lex.words["set"][word[0].lower() + word[1:]])
    if g.get("wdpl"):
        if g["wdpl"] == "Wochenenden":
            return Found("XXXX-WXX-WE")
        return Found(f"XXXX-WXX-{ctx.lex.weekdays[g['wdpl'][:-2]]}")
    if g.get("seasonpl"):
        code = ctx.lex.words["season"][g["seasonpl"].rstrip("s")].split(":")[0]
        return Found(f"P1{code}")  # "in den Sommermonaten": KRAUTS writes P1SU
    if g.get("wdadv"):
        day = g["wdadv"][0].upper() + g["wdadv"][1:-1]
        return Found(f"XXXX-WXX-{ctx.lex.weekdays[day]}")
    if g.get("wd"):
        return Found(f"XXXX-WXX-{ctx.lex.weekdays[g['wd']]}")
    if g.get("pod"):
        return Found(f"PT{ctx.lex.words['pod'][g['pod']]}")  # "jeden Abend": as "abends"
    if g.get("season"):
        return Found(f"XXXX-{ctx.lex.words['season'][g['season']].split(':')[0]}")
    unit = g.get("unit") or g.get("unit2") or g.get("unit3")
    if g.get("unit2") or g.get("unit3") or m.group(0).endswith(("im Jahr", "im Monat")):
        return Found(duration_value(1, _SET_UNITS[unit]))  # "500 Besucher im Jahr"
    if " für " in m.group(0) or " um " in m.group(0):
        return Found(duration_value(1, _SET_UNITS[unit]))  # "Jahr für Jahr"
    if unit == "Wochenende":
        return Found("XXXX-WXX-WE")
    if unit == "Nacht":
        return Found("PTNI")  # "pro Nacht": every night, as "nachts"
    amount = number_of(g.get("num"), ctx.lex) if g.get("num") else 1
    if g.get("nth"):
        amount = ctx.lex.ordinals[g["nth"].rstrip("n")]  # "jeden zweiten Tag": every second day
    if (
        g.get("every", "").lower() == "alle"
        and not g.get("num")
        and unit in ("Tag", "Woche", "Monat", "Jahr")
    ):
        return None  # "alle Jahr" is not German; "alle" wants a plural
    return Found(duration_value(amount or 1, _SET_UNITS[unit]))


_REF_NOUNS = {"Zukunft": "FUTURE_REF", "Vergangenheit": "PAST_REF", "Gegenwart": "PRESENT_REF"}


def h_ref(m: re.Match, ctx: Context) -> Found | None:
    if m.groupdict().get("refn"):
        if ctx.previous_word().lower() == "für":
            return None  # "Pläne für die Zukunft": what the plans are for
        return _ref_found(ctx, _REF_NOUNS[m.group("refn")])
    word = " ".join(m.group("ref").split())
    if word.lower() == "zur zeit" and re.match(
        r"\s+(?:der|des|als|von|eines|einer|Christi)\b", ctx.text[ctx.end : ctx.end + 12]
    ):
        return None
    if word.lower() == "früher" and (
        ctx.text[ctx.start - 1 : ctx.start] == "("
        or re.match(r"\s+als\b", ctx.text[ctx.end : ctx.end + 6])
    ):
        return None  # "Myanmar (früher Birma)" names, "früher als erwartet" compares
    if word.lower() == "früher" and _compares(ctx):
        return None  # "viel früher da sein", "eine Runde früher": earlier than, not the past
    if (
        word.lower() == "bald"
        and ctx.previous_word().lower() == "so"
        and re.match(r"\s+(?:wie|als)\b", ctx.text[ctx.end : ctx.end + 6])
    ):
        return None  # "so bald wie möglich": as soon as, a conjunction phrase
    if word.lower() == "bald" and _ALMOST_AGE.match(ctx.text, ctx.end):
        return None  # "der bald 90-jährige Papst", "bald achtjährig": almost, before an age
    if word.lower() == "bald" and _soon_after(ctx):
        return None  # "Wir wussten bald ein Ziel": soon after a past moment, no time of its own
    if word.lower() == "jetzt" and re.match(r"\s+mal\b", ctx.text[ctx.end : ctx.end + 6]):
        return None  # "Jetzt mal grundsätzlich": the particle
    if word in ("dieser Zeit", "jener Zeit") and (
        ctx.previous_word() not in ("zu", "Zu") or ctx.tense() != PAST
    ):
        return None  # "zu jener Zeit" told in the past is a past time (KRAUTS PAST_REF)
    value = ctx.lex.words["ref"].get(word) or ctx.lex.words["ref"].get(word[0].lower() + word[1:])
    if word == "Ex":
        value = "PAST_REF"  # "Ex-Minister": a former office (TimeML, as KRAUTS tags it)
    if value is None:
        return None
    return _ref_found(ctx, value)


def _soon_after(ctx: Context) -> bool:
    """Whether "bald" stands in a clause that tells the past ("Bald ging sein Zorn wieder mit ihm
    durch"): soon after the story's moment, not the future; a "sollte(n)" there is the
    subjunctive of an expectation ("sollten bald steigen"), which still looks ahead."""
    sentence = sentence_of(ctx.starts, ctx.text, ctx.start, ctx.end)
    left, right = clause_of(ctx.text, sentence, ctx.start, ctx.end)
    if re.search(r"(?<![\wäöü])sollten?(?![\wäöü])", ctx.text[left:right]):
        return False
    return tense_at(ctx.text, ctx.starts, ctx.start, ctx.end, ctx.lex, clause_only=True) == PAST


_ALMOST_AGE = re.compile(
    r"\s+(?:[\wÄÖÜäöüß-]*jährig(?:e[nmrs]?)?(?![\wÄÖÜäöüß])|\S+\s+Jahre\s+alt(?![\wÄÖÜäöüß]))"
)

# words that make "früher" a comparative ("viel früher", "etwas früher"), and quantities before a
# noun that make it an offset ("eine Runde früher", "einige Erdzeitalter früher")
_INTENSIFIERS = frozenset(["viel", "etwas", "deutlich", "wesentlich", "weit", "umso", "je"])
_QUANTITIES = frozenset(["ein", "eine", "einen", "einige", "wenige", "mehrere", "paar", "zwei"])


def _compares(ctx: Context) -> bool:
    before = ctx.previous_words(2)
    if before and before[-1].lower() in _INTENSIFIERS:
        return True
    return (
        len(before) == 2
        and before[1][:1].isupper()
        and (
            before[0].lower() in _QUANTITIES
            or before[0][:1].isdigit()
            or before[0] in ctx.lex.numbers
        )
    )


def present_ref(ctx: Context, value: str = "PRESENT_REF") -> Found:
    """ "heute" meaning nowadays; "(die Schulen) von morgen" the future in general."""
    return _ref_found(ctx, value)


def _ref_found(ctx: Context, value: str) -> Found:
    span = None
    if ctx.anchor is not None:
        now = (ctx.anchor.earliest(), ctx.anchor.latest())
        span = {"PRESENT_REF": now, "PAST_REF": (None, now[1]), "FUTURE_REF": (now[0], None)}.get(
            value
        )
    return Found(value, span=span, approx=True, keeps_span=True)
