"""Turn a rule match into a TIMEX3 value and interval, against the report date and the clause's tense.

Every handler takes (match, context) and returns a `Found`, None (the match is not a timex after all) or BLOCK
(the words are not a timex and no shorter rule may take them either, e.g. "31. Februar").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from chronik.dates import PartialDate
from chronik.nlp.timex import calc
from chronik.nlp.timex.lexicon import Lexicon
from chronik.nlp.timex.tense import FUTURE, PAST, tense_at

MODS = {"Anfang": "START", "Beginn": "START", "anfang": "START", "beginn": "START", "Mitte": "MID", "mitte": "MID",
        "Ende": "END", "Ausgang": "END", "ende": "END"}
AMODS = {"etwa": "APPROX", "rund": "APPROX", "ungefähr": "APPROX", "circa": "APPROX", "ca.": "APPROX",
         "knapp": "LESS_THAN", "fast": "LESS_THAN", "beinahe": "LESS_THAN", "nahezu": "LESS_THAN",
         "annähernd": "APPROX", "gut": "MORE_THAN", "mehr als": "MORE_THAN", "über": "MORE_THAN",
         "weniger als": "LESS_THAN", "mindestens": "EQUAL_OR_MORE", "höchstens": "EQUAL_OR_LESS",
         "bis zu": "EQUAL_OR_LESS"}
UNIT_WORDS = {"Woche": "W", "Monat": "M", "Monats": "M", "Jahr": "Y", "Jahres": "Y", "Jahrs": "Y", "Quartal": "Q",
              "Quartals": "Q", "Halbjahr": "H", "Halbjahres": "H", "Jahrzehnt": "DE", "Jahrzehnts": "DE",
              "Jahrhundert": "CE", "Jahrhunderts": "CE", "Wochen": "W",
              "Geschäftsjahr": "Y", "Geschäftsjahres": "Y", "Haushaltsjahr": "Y", "Haushaltsjahres": "Y",
              "Wirtschaftsjahr": "Y", "Wirtschaftsjahres": "Y"}
HALVES = {"Viertelstunde": "PT15M", "Dreiviertelstunde": "PT45M", "Vierteljahrhundert": "P25Y",
          "Dreivierteljahr": "P9M", "Vierteljahr": "P3M"}

# Words before a bare month or season name that make it a date ("im Mai"), not a name ("Mai Thi", "August Bebel").
MONTH_CONTEXT = frozenset(
    """im Im seit Seit bis Bis ab Ab zum Zum vom Vom des dem den und oder zwischen Zwischen von Von nach Nach vor Vor
    für Für Monat Monats um gegen spätestens frühestens noch bereits schon erst per diesen jeden Mitte Anfang Ende
    Beginn seit Ausgang in In Der Den Dem Des""".split()
)
YEAR_CONTEXT = frozenset(
    """im Im seit Seit bis Bis ab Ab von Von vor Vor nach Nach um Um zwischen und oder Jahr Jahres Anfang Mitte Ende
    Frühjahr Sommer Herbst Winter Frühling in In bereits schon erst noch spätestens frühestens Saison Sommer
    Wahl Wahlen WM EM Olympia Spielzeit Ende Jahre ab""".split()
)
# Words before a four-digit number that make it a count or an id, not a year ("rund 2000", "Resolution 1441").
NUMBER_CONTEXT = frozenset(
    """rund Rund etwa Etwa über Über mehr knapp Knapp ca. fast nur insgesamt zu Nr. Nr Nummer Tel. je darunter
    Darunter davon Davon weitere Weitere weiteren maximal mindestens Mindestens höchstens exakt genau""".split()
)
NUMBERED = frozenset(
    """Nr. Nr Nummer Artikel Art. § Punkt Version Seite S. Ziffer Kapitel Abs. Absatz Heft Band Resolution
    Entschließung Saal Raum Zimmer Linie Flug Flugnummer Postleitzahl PLZ Paragraf Paragraph Tel. Telefon Modell
    Typ Baujahr-Nr. Kennzahl Code Windows Boeing Airbus""".split()
)
# Unit words and symbols after a number: "2000 km", "1500 m", "2000 Euro" (capitals are caught anyway).
_AFTER_COUNT = re.compile(r"\s*(?:%|‰|€|\$|(?:m|km|cm|mm|ha|kg|g|t|l|ml|kW|MW|GW|kWh|mal|x)\b|davon\b|bis\s+\d+\s+[A-ZÄÖÜ])")
_FROM_TO_COUNT = re.compile(r"\s+auf\s+[\d.,]+")  # after "von"/"um": "sank von 2000 auf 1800"
_BEFORE_COUNT = re.compile(r"\b(?:von|um)\s+[\d.,]+\s+auf\s+$")  # "sank von 2000 auf 1800"
POD_CONTEXT = frozenset("am Am gegen Gegen bis vom Vom seit Seit zum ab Ab".split())
POD_DET_CONTEXT = frozenset("in In während Während seit Seit bis zu durch".split())
SEASON_CONTEXT = MONTH_CONTEXT | frozenset("über Über diesem dieses".split())

_PREV_WORD = re.compile(r"(\S+)\s+$")
_NEXT = re.compile(r"\s*(\S)")


@dataclass
class Found:
    value: str
    type: str | None = None  # overrides the rule's type (a weekday with a part of day is a TIME)
    mod: str | None = None
    span: tuple[date | None, date | None] | None = None  # when None, derived from the value
    approx: bool = False
    keeps_span: bool = False  # True: `span` is final, do not narrow by mod
    sets_reference: bool = False  # a fully known day that later "zwei Tage später" counts from


BLOCK = object()


@dataclass
class Context:
    text: str
    anchor: PartialDate | None
    lex: Lexicon
    starts: list[int]
    start: int = 0  # extent of the match being resolved
    end: int = 0
    reference: date | None = None  # last day mentioned (its year may be unknown: see reference_year)
    reference_year: bool = True  # False: `reference` came from "12. Mai" in an undated report (year 2000 stands in)
    reference_at: int = -1  # where it was mentioned
    coarse: tuple[str, date, int] | None = None  # last month or year mentioned: ("month"|"year", first day, where)
    _tense: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def tense(self) -> str | None:
        """PAST/FUTURE/None for the clause; "für Mittwoch angekündigt" plans ahead whatever the verb's tense."""
        key = (self.start, self.end)
        if key not in self._tense:
            if self.previous_word() in ("für", "Für"):
                self._tense[key] = FUTURE
            else:
                self._tense[key] = tense_at(self.text, self.starts, self.start, self.end, self.lex)
        return self._tense[key]

    def previous_words(self, n: int = 2) -> list[str]:
        return self.text[max(0, self.start - 60) : self.start].split()[-n:]

    def previous_word(self) -> str:
        found = _PREV_WORD.search(self.text, max(0, self.start - 40), self.start)
        return found.group(1) if found else ""

    def next_char(self) -> str:
        found = _NEXT.match(self.text, self.end)
        return found.group(1) if found else ""

    def anchor_day(self) -> date | None:
        a = self.anchor
        return date(a.year, a.month, a.day) if a is not None and a.day is not None else None

    def base_day(self) -> date | None:
        """The day a clock time or part of day belongs to: a day named earlier in the same sentence; a day
        named before the report's day when the clause tells the past ("Am Sonntag … Die Wahllokale schlossen um
        23 Uhr"); else the report's day ("Am Dienstag kamen 400 an. Um 14 Uhr will sie …": 14 Uhr is today)."""
        if self.reference is not None and self.reference_year:
            if self.reference_at >= self.sentence_start():
                return self.reference
            today = self.anchor_day()
            if today is not None and self.reference < today and self.tense() == PAST:
                return self.reference
        return self.anchor_day()

    def sentence_start(self) -> int:
        import bisect

        return self.starts[bisect.bisect_right(self.starts, self.start) - 1]


def _year_of(groups: dict, name: str = "year") -> int | None:
    raw = groups.get(name)
    return int(raw) if raw else None


def _rel_offset(word: str | None, lex: Lexicon) -> int | None:
    if not word:
        return None
    word = " ".join(word.split())
    low = word[0].lower() + word[1:]
    for cls in ("relpast", "relthis", "relnext"):
        if low in lex.words[cls]:
            return int(lex.words[cls][low])
    return None


def _relyear_offset(text: str | None, lex: Lexicon) -> int | None:
    if not text:
        return None
    if "Vorjahres" in text:
        return -1
    for word in text.split():
        offset = _rel_offset(word, lex)
        if offset is not None:
            return offset
    return None


def _choose_year(ctx: Context, keys: Callable[[int], int | None], anchor_key: int, forced: str | None) -> int | None:
    """The year whose occurrence fits the tense: the last one before the anchor in the past, the next one in the
    future, else the nearest. `keys(year)` gives the occurrence's position on the scale of `anchor_key`."""
    assert ctx.anchor is not None
    tense = forced or ctx.tense()
    years = [y for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1) if 1 <= y <= 9999]
    options = [(keys(y), y) for y in years]
    options = [(k, y) for k, y in options if k is not None]
    if not options:
        return None
    if tense == PAST:
        past = [o for o in options if o[0] <= anchor_key]
        return max(past)[1] if past else ctx.anchor.year
    if tense == FUTURE:
        future = [o for o in options if o[0] >= anchor_key]
        return min(future)[1] if future else ctx.anchor.year
    return min(options, key=lambda o: (abs(o[0] - anchor_key), o[0] > anchor_key))[1]


def year_for(ctx: Context, month: int, day: int | None = None, forced: str | None = None) -> int | None:
    """Year of a month (and day) named without one; None when the report date gives no year."""
    a = ctx.anchor
    if a is None:
        return None
    if a.month is None:
        return a.year
    if day is not None and a.day is not None:
        def key(y: int) -> int | None:
            try:
                return date(y, month, day).toordinal()
            except ValueError:
                return None
        return _choose_year(ctx, key, date(a.year, a.month, a.day).toordinal(), forced)
    return _choose_year(ctx, lambda y: y * 12 + month, a.year * 12 + a.month, forced)


def _forced(rel: int | None) -> str | None:
    if rel is None or rel == 0:
        return None
    return PAST if rel < 0 else FUTURE


def _underspecified_day(ctx: Context) -> str:
    a = ctx.anchor
    if a is None:
        return "XXXX-XX-XX"
    if a.month is None:
        return f"{a.year:04d}-XX-XX"
    return f"{a.year:04d}-{a.month:02d}-XX"


# --- handlers ------------------------------------------------------------------------------------------------


def h_date(m: re.Match, ctx: Context) -> Found | None | object:
    g = m.groupdict()
    if g.get("mon") and ctx.previous_word() in NUMBERED:
        return None
    month = int(g["mon"]) if g.get("mon") else ctx.lex.months[" ".join(g["mname"].split())]
    day = int(g["day"])
    year = _year_of(g)
    if year is not None and len(g["year"]) == 2:
        limit = (ctx.anchor.year % 100 + 20) if ctx.anchor else 40
        year += 2000 if year <= limit else 1900
    if day > (29 if month == 2 else calc.month_end(2001, month).day):
        return BLOCK
    if year is None:
        year = year_for(ctx, month, day)
    if year is None:
        ctx.reference, ctx.reference_year, ctx.reference_at = date(2000, month, day), False, ctx.start
        return Found(f"XXXX-{month:02d}-{day:02d}", approx=True)
    try:
        exact = date(year, month, day)
    except ValueError:
        return BLOCK
    return Found(exact.isoformat(), sets_reference=True)


def h_month(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    name = " ".join((g.get("mname") or "").split())
    month = int(g["mon"]) if g.get("mon") else ctx.lex.months[name]
    mod = MODS.get(g.get("mod") or "")
    rel = _rel_offset(g.get("rel"), ctx.lex)
    year = _year_of(g)
    ry = _relyear_offset(g.get("ry"), ctx.lex)
    if year is None and mod is None and rel is None and ry is None:
        if name.endswith(".") or ctx.previous_word() not in MONTH_CONTEXT:
            return None
    if year is None and ry is not None and ctx.anchor is not None:
        year = ctx.anchor.year + ry
    if year is None:
        year = year_for(ctx, month, forced=_forced(rel))
    if year is None:
        return Found(f"XXXX-{month:02d}", mod=mod, approx=True)
    return Found(f"{year:04d}-{month:02d}", mod=mod)


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
        if previous in NUMBER_CONTEXT or previous in NUMBERED or previous[:1].isdigit():
            return None
        if previous == "als" and ctx.previous_words(2)[0] in ("mehr", "weniger", "Mehr", "Weniger"):
            return None
        if previous not in YEAR_CONTEXT:
            following = ctx.next_char()
            if following.isupper() or following in ("%", "€", "$"):
                return None
        if _AFTER_COUNT.match(ctx.text, ctx.end) or _BEFORE_COUNT.search(ctx.text, max(0, ctx.start - 30), ctx.start):
            return None
        if previous in ("von", "um") and _FROM_TO_COUNT.match(ctx.text, ctx.end):
            return None
    slash = re.match(r"/(\d+)", ctx.text[ctx.end : ctx.end + 6])
    if slash and not _continues_year(year, slash.group(1)):
        return None  # "Richtlinie 2012/34/EU", not the years 2012 and 2034
    return Found(f"{year:04d}", mod=mod)


def _continues_year(year: int, following: str) -> bool:
    if len(following) == 2:
        return any(y % 100 == int(following) for y in range(year + 1, year + 11))
    return len(following) == 4 and year < int(following) <= year + 10


_DECADE_WORDS = {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6, "siebziger": 7,
                 "achtziger": 8, "neunziger": 9}


def h_decade(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    mod = MODS.get(g.get("mod") or "")
    if g.get("decw"):
        value = f"19{_DECADE_WORDS[g['decw'].lower()]}"
    else:
        digits = g["dec"]
        if len(digits) == 2 and not (g.get("det") or mod or "ahre" in m.group(0)):
            return None
        value = digits[:3] if len(digits) == 4 else ("20" if digits == "00" else "19") + digits[0]
    return Found(value, mod=mod)


def h_century(m: re.Match, ctx: Context) -> Found | None:
    number = int(m.group("cent"))
    if not 1 <= number <= 22:
        return None
    return Found(f"{number - 1:02d}", mod=MODS.get(m.group("mod") or ""))


def h_season(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    spec = ctx.lex.words["season"][" ".join(g["season"].split())].split(":")
    code, centre = spec[0], int(spec[1])
    mod = MODS.get(g.get("mod") or "") or (spec[2] if len(spec) > 2 else None)
    rel = _rel_offset(g.get("rel"), ctx.lex)
    year = _year_of(g)
    ry = _relyear_offset(g.get("ry"), ctx.lex)
    if year is None and g.get("mod") is None and rel is None and ry is None:
        if ctx.previous_word() not in SEASON_CONTEXT:
            return None
    if year is None and ry is not None and ctx.anchor is not None:
        year = ctx.anchor.year + ry
    if year is None:
        year = year_for(ctx, centre, forced=_forced(rel))
    return Found(f"{year:04d}-{code}" if year else f"XXXX-{code}", mod=mod, approx=year is None)


def h_quarter(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    number = int(g["qnum"]) if g.get("qnum") else ctx.lex.ordinals.get(g["qord"], 0)
    letter = "Q" if g["qh"].startswith("Q") else "H"
    if not 1 <= number <= (4 if letter == "Q" else 2):
        return None
    year = _year_of(g)
    ry = _relyear_offset(g.get("ry"), ctx.lex)
    if year is None and ry is not None and ctx.anchor is not None:
        year = ctx.anchor.year + ry
    if year is None:
        centre = 3 * number - 1 if letter == "Q" else 6 * number - 3
        year = year_for(ctx, centre)
    return Found(f"{year:04d}-{letter}{number}" if year else f"XXXX-{letter}{number}", approx=year is None)


def h_week(m: re.Match, ctx: Context) -> Found | None:
    week = int(m.group("wk"))
    if not 1 <= week <= 53:
        return None
    year = _year_of(m.groupdict())
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year
        today = ctx.anchor_day()
        if today is not None:
            current = today.isocalendar()[1]
            year += -1 if week - current > 26 else (1 if current - week > 26 else 0)
    return Found(f"{year:04d}-W{week:02d}" if year else f"XXXX-W{week:02d}", approx=year is None)


def h_holiday(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    spec = ctx.lex.holidays[" ".join(g["hol"].split())]
    year = _year_of(g)
    rel = _rel_offset(g.get("rel"), ctx.lex)
    if year is None and ctx.anchor is not None:
        if ctx.anchor.month is None:
            year = ctx.anchor.year
        else:
            a = ctx.anchor
            anchor_key = date(a.year, a.month, a.day or 15).toordinal()
            year = _choose_year(ctx, lambda y: calc.holiday_date(spec, y).toordinal(), anchor_key, _forced(rel))
    if year is None:
        if spec.startswith("E"):
            return Found("XXXX", approx=True)
        return Found(f"XXXX-{spec}", approx=True)
    day = calc.holiday_date(spec, year).isoformat()
    if g["hol"].endswith("nacht"):
        return Found(f"{day}TNI", type="TIME")
    return Found(day, sets_reference=True)


def _weekday_date(ctx: Context, weekday: int, rel: int | None) -> date | None:
    today = ctx.anchor_day()
    if today is None:
        return None
    back = (today.isoweekday() - weekday) % 7
    forward = (weekday - today.isoweekday()) % 7
    tense = _forced(rel) or _preposition_tense(ctx) or ctx.tense()
    if rel is not None and rel < 0:
        return today - timedelta(days=back or 7)
    if rel is not None and rel > 0:
        return today + timedelta(days=forward or 7)
    if tense == PAST:
        return today - timedelta(days=back)
    if tense == FUTURE or (tense is None and back > 0):
        # the present tense with a weekday schedules ("Am Dienstag nimmt der Bundestag … auf"); news tell
        # the past in the past tense
        return today + timedelta(days=forward)
    return today - timedelta(days=back)


def _preposition_tense(ctx: Context) -> str | None:
    """"seit Montag", "vom Mittwoch" look back; "ab Montag", "bis Freitag" look ahead."""
    previous = ctx.previous_word().lower()
    if previous in ("seit", "vom"):
        return PAST
    if previous in ("ab", "bis"):
        return FUTURE
    return None


def _weekday_value(ctx: Context, weekday: int, rel: int | None) -> tuple[str, date | None]:
    day = _weekday_date(ctx, weekday, rel)
    if day is not None:
        return day.isoformat(), day
    year = f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX"
    return f"{year}-WXX-{weekday}", None


def h_weekday(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    weekday = ctx.lex.weekdays[g["wd"]]
    value, day = _weekday_value(ctx, weekday, _rel_offset(g.get("rel"), ctx.lex))
    pod_word = g.get("wdpod") or g.get("pod")
    if pod_word:
        code = ctx.lex.words["pod"].get(pod_word[0].upper() + pod_word[1:]) or ctx.lex.words["pod"].get(pod_word, "")
        return Found(f"{value}T{code}", type="TIME", span=(day, day) if day else None, approx=day is None,
                     sets_reference=day is not None)
    return Found(value, approx=day is None, sets_reference=day is not None)


def h_weekday_of_week(m: re.Match, ctx: Context) -> Found | None:
    """"Donnerstag vergangener Woche": the weekday inside the week the words name."""
    weekday = ctx.lex.weekdays[m.group("wd")]
    offset = _rel_offset(m.group("rel"), ctx.lex)
    today = ctx.anchor_day()
    if today is None or offset is None:
        return Found(f"{ctx.anchor.year:04d}-WXX-{weekday}" if ctx.anchor else f"XXXX-WXX-{weekday}", approx=True)
    day = today + timedelta(days=7 * offset + weekday - today.isoweekday())
    return Found(day.isoformat(), sets_reference=True)


_MONTH_STEMS = {"Jänner": 1, "Januar": 1, "Februar": 2, "März": 3, "April": 4, "Mai": 5, "Juni": 6, "Juli": 7,
                "August": 8, "September": 9, "Oktober": 10, "November": 11, "Dezember": 12}


def h_month_part(m: re.Match, ctx: Context) -> Found | None:
    """"den ersten Septembertagen", "der ersten Januarwoche", "Dezemberhälfte", "Oktobermitte"."""
    g = m.groupdict()
    if not (g.get("det") or g.get("ordx")) and ctx.previous_word() not in MONTH_CONTEXT:
        return None
    month = _MONTH_STEMS[g["mstem"]]
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


def h_weekend(m: re.Match, ctx: Context) -> Found | None:
    today = ctx.anchor_day()
    rel = _rel_offset(m.group("rel"), ctx.lex)
    if today is None:
        year = f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX"
        return Found(f"{year}-WXX-WE", approx=True)
    weekday = today.isoweekday()
    tense = _forced(rel) or ctx.tense()
    if rel is not None and rel < 0:
        weeks = -1
    elif (rel is not None and rel > 0) or tense == FUTURE:
        weeks = 0 if weekday <= 5 else 1
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
    else:
        unit = UNIT_WORDS[g["unit"]]
        offset = _rel_offset(g.get("rel"), ctx.lex) if g.get("rel") else 0
        if offset is None:
            return None
    return _unit_value(ctx, unit, offset, mod)


def _unit_value(ctx: Context, unit: str, offset: int, mod: str | None) -> Found:
    a = ctx.anchor
    if a is None:
        blank = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "Q": "XXXX-QX", "H": "XXXX-HX", "DE": "XXX",
                 "CE": "XX"}[unit]
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


_RELDAY = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2, "heutigen": 0,
           "gestrigen": -1, "vorgestrigen": -2, "morgigen": 1}
_SENTENCE_START = re.compile(r"(?:^|[.!?:„\"»]\s*|\n\s*)$")


def h_relday(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    word = g["rd"]
    if word == "Morgen" and not _SENTENCE_START.search(ctx.text, max(0, ctx.start - 3), ctx.start):
        return None  # "am Morgen", "den Morgen": the noun, not "tomorrow"
    offset = _RELDAY[word.lower()]
    pod = ctx.lex.words["pod"].get(g["pod"]) if g.get("pod") else None
    today = ctx.anchor_day()
    if today is not None:
        day = today + timedelta(days=offset)
        value = day.isoformat()
        span, approx = (day, day), False
    else:
        value = _underspecified_day(ctx)
        whole = calc.value_range(value) if ctx.anchor else None
        span = (whole[0] + timedelta(days=offset), whole[1] + timedelta(days=offset)) if whole else None
        approx = True
    if pod:
        return Found(f"{value}T{pod}", type="TIME", span=span, approx=approx, keeps_span=True,
                     sets_reference=today is not None)
    return Found(value, span=span, approx=approx, keeps_span=True, sets_reference=today is not None)


def _day_value(ctx: Context, day: date | None) -> str:
    return day.isoformat() if day is not None else _underspecified_day(ctx)


def h_pod(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    if g.get("rel"):
        return _relative_pod(ctx, g["pod"], _rel_offset(g["rel"], ctx.lex))
    previous = ctx.previous_word()
    if g.get("det"):
        if previous not in POD_DET_CONTEXT:
            return None
    elif previous not in POD_CONTEXT:
        return None
    word = g["pod"]
    code = ctx.lex.words["pod"].get(word) or {"Morgenstunden": "MO", "Abendstunden": "EV", "Nachtstunden": "NI"}[word]
    day = ctx.base_day()
    if code == "NI" and not (ctx.reference_at >= ctx.sentence_start() and ctx.reference_year):
        day = ctx.anchor_day()  # "in der Nacht": the night before the report's day, dated to that day
    if g.get("wd"):
        day = _weekday_date(ctx, ctx.lex.weekdays[g["wd"]], None)
    value = _day_value(ctx, day)
    return Found(f"{value}T{code}", approx=day is None)


def _relative_pod(ctx: Context, word: str, offset: int | None) -> Found | None:
    """"vergangene Nacht" is the night before the report's day (dated to that day, as "in der Nacht");
    "vergangenen Abend" the evening before; "kommende Nacht" tonight."""
    if offset is None:
        return None
    code = ctx.lex.words["pod"][word]
    today = ctx.anchor_day()
    if today is None:
        return Found(f"{_underspecified_day(ctx)}T{code}", approx=True)
    if code == "NI":
        day = today if offset < 0 else today + timedelta(days=offset - 1) if offset > 0 else today
    else:
        day = today + timedelta(days=offset)
    return Found(f"{day.isoformat()}T{code}")


_HOUR_WORDS = {"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
               "zehn": 10, "elf": 11, "zwölf": 12}


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
        hour, minute = int(g["hour"]), int(g["minute"] or 0)
        if g.get("tzw") in ("abends", "nachts") and hour < 12:
            hour += 12
    day = ctx.base_day()
    value = f"{_day_value(ctx, day)}T{hour:02d}:{minute:02d}"
    return Found(value, span=(day, day) if day else None, approx=day is None, keeps_span=True)


_OFFSET_WORDS = {"Vortag": ("D", -1), "Vortages": ("D", -1), "Folgetag": ("D", 1), "Folgetages": ("D", 1),
                 "Vorabend": ("D", -1), "Vorabends": ("D", -1)}
_FORWARD = ("später", "danach", "darauf")


def h_offset(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    vague = False
    if g.get("word"):
        unit, amount = _OFFSET_WORDS[g["word"]]
    elif g.get("same"):
        unit, amount = "D", 0 if g["same"] in ("selben", "gleichen") else 1
    elif g.get("tags") or g.get("dir2"):
        direction = g.get("dir") or g.get("dir2")
        unit = UNIT_WORDS.get(g.get("unit") or "", "D") if g.get("unit") != "Tag" else "D"
        amount = 1 if direction in _FORWARD else -1
    else:
        unit = ctx.lex.units[g["unit"]]
        number = _number(g.get("num"), ctx.lex) if g.get("num") else None
        vague = number is None
        amount = (number or 1) * (1 if g["dir"] in _FORWARD else -1)
    return _offset_value(ctx, unit, amount, vague, evening=(g.get("word") or "").startswith("Vorabend"))


def _offset_value(ctx: Context, unit: str, amount: float, vague: bool, evening: bool) -> Found:
    """Counted from the last day the text named ("Am 3. März … Zwei Tage später"), else the report's day."""
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
            return Found(f"{round(a.year + amount * (10 if unit == 'DE' else 1)):04d}", approx=vague)
        return Found(_underspecified_day(ctx), approx=True)
    day = calc.shift(base, amount, unit)
    if vague or unit in ("M",):
        return Found(f"{day.year:04d}-{day.month:02d}", approx=vague)
    if unit in ("Y", "DE", "CE"):
        return Found(f"{day.year:04d}")
    if evening:
        return Found(f"{day.isoformat()}TEV", type="TIME")
    return Found(day.isoformat(), sets_reference=True)


def _coarse_offset(coarse: tuple[str, date, int], unit: str, amount: float, vague: bool) -> Found:
    """"Einen Tag zuvor" after "Ende August": the month is known, the day is not."""
    precision, first, _ = coarse
    if unit in ("TH", "TM", "TS"):  # "eine Stunde später" after "im März": still that month
        value = f"{first.year:04d}" if precision == "year" else f"{first.year:04d}-{first.month:02d}"
        return Found(value, approx=True)
    moved = calc.shift(first, amount, unit)
    if unit in ("Y", "DE", "CE") or precision == "year":
        return Found(f"{moved.year:04d}", approx=vague or precision == "year" and unit not in ("Y", "DE", "CE"))
    if unit == "M" and not vague:
        return Found(f"{moved.year:04d}-{moved.month:02d}")
    return Found(f"{first.year:04d}-{first.month:02d}-XX", approx=True)


def _number(word: str | None, lex: Lexicon) -> float | None:
    if not word:
        return None
    word = " ".join(word.split())
    if word[0].isdigit():
        try:
            return float(word.replace(",", "."))
        except ValueError:
            return None
    return lex.numbers.get(word) or lex.numbers.get(word.lower())


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration (ISO 8601 plus DE/CE for decades and centuries); fractions stay decimal as ISO 8601
    allows on the last unit (anderthalb Jahre = P1.5Y, eine halbe Stunde = PT0.5H)."""
    clock = unit.startswith("T")
    letter = unit[1:] if clock else unit
    if amount is None:
        return f"PTX{letter}" if clock else f"PX{letter}"
    if letter in ("DE", "CE") and amount != int(amount):
        amount, letter = amount * (10 if letter == "DE" else 100), "Y"  # anderthalb Jahrzehnte = P15Y
    return f"PT{amount:g}{letter}" if clock else f"P{amount:g}{letter}"


_PAST_SPAN = ("vergangenen", "letzten", "zurückliegenden", "vorigen")
_NEXT_SPAN = ("kommenden", "nächsten", "folgenden")


def h_duration(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    mod = AMODS.get(" ".join((g.get("amod") or "").split()))
    if g.get("half") in HALVES:
        return Found(HALVES[g["half"]], mod=mod)
    if g.get("adv"):
        unit = ctx.lex.units[g["adv"][0].upper() + g["adv"][1:]]
        return Found(duration_value(None, unit), approx=True)
    unit = ctx.lex.units[g["unit"]]
    amount = _number(g.get("num"), ctx.lex) if g.get("num") else None
    if g.get("num") and amount is None:
        return None
    if g.get("num") and (g["num"].lower() == "eines" and unit == "D"):
        return None  # "eines Tages" means some day, not a duration
    if g.get("half"):
        amount = (amount or 1) * 0.5
        smaller = {"Y": (12, "M"), "M": (30, "D"), "D": (24, "TH"), "TH": (60, "TM")}
        if amount != int(amount) and unit in smaller:  # ein halbes Jahr = P6M, eine halbe Stunde = PT30M
            amount, unit = amount * smaller[unit][0], smaller[unit][1]
    value = duration_value(amount, unit)
    span = _duration_span(ctx, g, amount, unit)
    return Found(value, mod=mod, span=span, approx=amount is None or mod is not None, keeps_span=True)


def _duration_span(ctx: Context, g: dict, amount: float | None, unit: str) -> tuple[date, date] | None:
    """The days a duration covers when a preposition ties it to the report date (vor, seit, in den vergangenen)."""
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


_SET_UNITS = {"Tag": "D", "Tage": "D", "Woche": "W", "Wochen": "W", "Monat": "M", "Monate": "M", "Jahr": "Y",
              "Jahre": "Y", "Stunde": "TH", "Stunden": "TH", "Minute": "TM", "Minuten": "TM"}


def h_set(m: re.Match, ctx: Context) -> Found | None:
    g = m.groupdict()
    if g.get("setw"):
        word = g["setw"]
        return Found(ctx.lex.words["set"][word[0].lower() + word[1:]])
    if g.get("wdadv"):
        day = g["wdadv"][0].upper() + g["wdadv"][1:-1]
        return Found(f"XXXX-WXX-{ctx.lex.weekdays[day]}")
    if g.get("wd"):
        return Found(f"XXXX-WXX-{ctx.lex.weekdays[g['wd']]}")
    if g.get("pod"):
        return Found(f"XXXX-XX-XXT{ctx.lex.words['pod'][g['pod']]}")
    if g.get("season"):
        return Found(f"XXXX-{ctx.lex.words['season'][g['season']].split(':')[0]}")
    unit = g["unit"]
    if m.group(0).count(" für "):
        return Found(duration_value(1, _SET_UNITS[unit]))  # "Jahr für Jahr"
    if unit == "Wochenende":
        return Found("XXXX-WXX-WE")
    amount = _number(g.get("num"), ctx.lex) if g.get("num") else 1
    if g.get("every", "").lower() == "alle" and not g.get("num") and unit in ("Tag", "Woche", "Monat", "Jahr"):
        return None  # "alle Jahr" is not German; "alle" wants a plural
    return Found(duration_value(amount or 1, _SET_UNITS[unit]))


def h_ref(m: re.Match, ctx: Context) -> Found | None:
    word = " ".join(m.group("ref").split())
    if word.lower() == "zur zeit" and re.match(r"\s+(?:der|des|als|von|eines|einer|Christi)\b", ctx.text[ctx.end:ctx.end + 12]):
        return None
    value = ctx.lex.words["ref"].get(word) or ctx.lex.words["ref"].get(word[0].lower() + word[1:])
    if value is None:
        return None
    span = None
    if ctx.anchor is not None:
        now = (ctx.anchor.earliest(), ctx.anchor.latest())
        span = {"PRESENT_REF": now, "PAST_REF": (None, now[1]), "FUTURE_REF": (now[0], None)}.get(value)
    return Found(value, span=span, approx=True, keeps_span=True)


HANDLERS: dict[str, Callable[[re.Match, Context], object]] = {
    "date": h_date, "month": h_month, "year": h_year, "decade": h_decade, "century": h_century,
    "season": h_season, "quarter": h_quarter, "week": h_week, "holiday": h_holiday, "weekday": h_weekday,
    "weekend": h_weekend, "weekday_of_week": h_weekday_of_week, "month_part": h_month_part, "rel_unit": h_rel_unit, "relday": h_relday, "pod": h_pod, "time": h_time,
    "offset": h_offset, "duration": h_duration, "set": h_set, "ref": h_ref,
}
