"""What every resolution handler shares: the match's context (text, report date, tense, the last day
named), the result type, and the year a month or day without one falls in."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from chronik.dates import PartialDate
from chronik.nlp.timex.lexicon import Lexicon
from chronik.nlp.timex.tense import FUTURE, PAST, schedules_at, tense_at

MODS = {
    "Anfang": "START",
    "Beginn": "START",
    "anfang": "START",
    "beginn": "START",
    "Mitte": "MID",
    "mitte": "MID",
    "Ende": "END",
    "Ausgang": "END",
    "ende": "END",
}

AMODS = {
    "etwa": "APPROX",
    "rund": "APPROX",
    "ungefähr": "APPROX",
    "circa": "APPROX",
    "ca.": "APPROX",
    "knapp": "LESS_THAN",
    "fast": "LESS_THAN",
    "beinahe": "LESS_THAN",
    "nahezu": "LESS_THAN",
    "annähernd": "APPROX",
    "gut": "MORE_THAN",
    "mehr als": "MORE_THAN",
    "über": "MORE_THAN",
    "weniger als": "LESS_THAN",
    "mindestens": "EQUAL_OR_MORE",
    "höchstens": "EQUAL_OR_LESS",
    "bis zu": "EQUAL_OR_LESS",
}

UNIT_WORDS = {
    "Woche": "W",
    "Monat": "M",
    "Monats": "M",
    "Jahr": "Y",
    "Jahres": "Y",
    "Jahrs": "Y",
    "Quartal": "Q",
    "Quartals": "Q",
    "Halbjahr": "H",
    "Halbjahres": "H",
    "Jahrzehnt": "DE",
    "Jahrzehnts": "DE",
    "Jahrhundert": "CE",
    "Jahrhunderts": "CE",
    "Wochen": "W",
    "Geschäftsjahr": "Y",
    "Geschäftsjahres": "Y",
    "Haushaltsjahr": "Y",
    "Haushaltsjahres": "Y",
    "Wirtschaftsjahr": "Y",
    "Wirtschaftsjahres": "Y",
}

# "in der Woche vom 25. April": a stretch named by its first day, no direction
_SPAN_NOUNS = frozenset(["Woche", "Wochenende", "Nacht", "Zeitraum", "Zeit", "Tag", "Abend"])

_PREV_WORD = re.compile(r"(\S+)\s+$")

_NEXT = re.compile(r"\s*(\S)")


# "Vor dem Spiel am Mittwoch warnte der Trainer", "schonte Spieler im Hinblick auf das Hinspiel am
# Mittwoch": what is done before or in view of an event names the event's day, which lies ahead
# whatever the verb's tense (event nouns only: "vor dem Landesgericht am Montag" is a place)
_AHEAD_OF_EVENT = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:[Vv]or|[Hh]inblick\s+auf|[Bb]lick\s+auf|[Vv]orbereitung\s+auf)\s+"
    r"(?:de[mnr]|die|das)\s+(?:[\wÄÖÜäöüß]+-)?[\wÄÖÜäöüß]*(?:[Ss]piel|[Dd]uell|[Ff]inale|[Tt]reffen"
    r"|[Gg]ipfel|[Rr]ennen|[Mm]atch|[Dd]erby|[Aa]uftakt|[Ss]itzung|[Aa]bstimmung|[Ww]ahl"
    r"|[Kk]onferenz|[Gg]esprächen?)\s+am\s+\Z"
)


@dataclass
class Found:
    value: str
    type: str | None = None  # overrides the rule's type (a weekday with a part of day is a TIME)
    mod: str | None = None
    span: tuple[date | None, date | None] | None = None  # when None, derived from the value
    approx: bool = False
    keeps_span: bool = False  # True: `span` is final, do not narrow by mod
    sets_reference: bool = False  # a fully known day that later "zwei Tage später" counts from
    # a counted offset ("zwei Jahre später") is written as its DURATION (KRAUTS, as `vor [drei
    # Jahren]`): the Timex's type and value; the date it implies stays its interval
    duration: str | None = None


BLOCK = object()  # not a timex, and no shorter match over the same words is one either


@dataclass
class Context:
    text: str
    anchor: PartialDate | None
    lex: Lexicon
    starts: list[int]
    start: int = 0  # extent of the match being resolved
    end: int = 0
    reference: date | None = (
        None  # last day mentioned (its year may be unknown: see reference_year)
    )
    reference_year: bool = (
        True  # False: `reference` came from "12. Mai" in an undated report (year 2000 stands in)
    )
    reference_at: int = -1  # where it was mentioned
    coarse: tuple[str, date, int] | None = (
        None  # last month or year mentioned: ("month"|"year", first day, where)
    )
    # the last year the text spelled out, and where its expression ends ("im Sommer 2015 … bis
    # Ende Juni" is June 2015)
    spelled_year: tuple[int, int] | None = None
    # where the text last named a vague past time ("vor einigen Tagen", "kürzlich"): a part of day
    # after it in the sentence belongs to a day we do not know
    vague_at: int = -1
    last_year: int | None = None  # the year of the last expression resolved to a date
    in_order: bool = False  # True once matches are resolved in text order (after selection)
    # the day each weekday named so far was resolved to (text order): a later mention of that
    # weekday without a tense of its own is the same day
    weekdays: dict[int, date] = field(default_factory=dict)
    _tense: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def tense(self) -> str | None:
        """PAST/FUTURE/None for the clause; "für Mittwoch angekündigt" plans ahead whatever the
        verb's tense."""
        key = (self.start, self.end)
        if key not in self._tense:
            if self.previous_word() in ("für", "Für") or _AHEAD_OF_EVENT.search(
                self.text, max(0, self.start - 80), self.start
            ):
                self._tense[key] = FUTURE
            else:
                self._tense[key] = tense_at(self.text, self.starts, self.start, self.end, self.lex)
        return self._tense[key]

    def directed_tense(self, weekday: bool = False) -> str | None:
        """The direction a preposition gives, unless the clause's own tense says otherwise: "seit"
        always looks back; "ab Montag", "bis Freitag" look ahead in the present, but back when the
        clause tells the past ("bis Freitag hatten sich 300 gemeldet")."""
        previous = self.preposition_tense(weekday)
        if previous == FUTURE:
            key = (-self.start, self.end)
            if key not in self._tense:
                self._tense[key] = tense_at(
                    self.text, self.starts, self.start, self.end, self.lex, clause_only=True
                )
            return self._tense[key] or FUTURE
        return previous or self.tense()

    def preposition_tense(self, weekday: bool = False) -> str | None:
        """ "seit Oktober", "(die Unwetter) vom Mittwoch" look back; "ab Montag", "bis Freitag" look
        ahead, also with an article ("seit dem 3. Mai", "bis zum 21. April", "ab dem 1. Juli").
        ("vom 22. Juli bis …" opens a range and says nothing.)"""
        previous = self.previous_word().lower()
        if previous in ("dem", "zum", "zur", "den"):
            before = self.previous_words(2)
            if len(before) == 2 and before[0].lower() in ("seit", "bis", "ab"):
                previous = before[0].lower()
        after = self.text[self.end : self.end + 8]
        if previous in ("von", "vom") and re.match(r"\s+an\b", after):
            return FUTURE  # "vom 26. April an": from then on
        if previous == "seit" or (
            previous in ("von", "vom")
            and not re.match(r"\s+(?:bis|an)\b", after)
            and self.previous_words(2)[0] not in _SPAN_NOUNS
        ):
            return PAST  # "Ergebnisse von Sonntag", "Zahlen vom Jänner"; not "von Montag bis …"
        if previous in ("ab", "bis", "zum", "per"):
            return FUTURE  # "tritt zum 1. Juli in Kraft"; the clause's past tense still wins
        return None

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
        """The day a clock time or part of day belongs to: a day named earlier in the same sentence;
        a day named before the report's day when the clause tells the past ("Am Sonntag … Die
        Wahllokale schlossen um 23 Uhr"); else the report's day ("Am Dienstag kamen 400 an. Um 14
        Uhr will sie …": 14 Uhr is today); none after a vague past time in the sentence ("Vor
        einigen Tagen … in den frühen Morgenstunden"); a day ahead on which the sentence before
        announces an event ("Am Sonntag findet das Fest statt. Beginn ist um 10 Uhr")."""
        if (
            self.reference_at < self.vague_at < self.start
            and self.vague_at >= self.sentence_start()
        ):
            return None
        if self.reference is not None and self.reference_year:
            if self.reference_at >= self.sentence_start():
                return self.reference
            today = self.anchor_day()
            if today is not None and self.reference < today and self.tense() == PAST:
                return self.reference
            if today is not None and self.reference > today and self._announces():
                return self.reference  # "Am Sonntag findet das Fest statt. Beginn ist um 10 Uhr."
        return self.anchor_day()

    def _announces(self) -> bool:
        """Whether the sentence before names the day of an event it announces (a verb of an
        event held on a day: "findet … statt", "beginnt") and this clause does not tell the past."""
        i = bisect.bisect_right(self.starts, self.start) - 1
        if i < 1 or not self.starts[i - 1] <= self.reference_at < self.starts[i]:
            return False
        held = schedules_at(self.text, self.starts, self.reference_at, self.reference_at, self.lex)
        return held and self.tense() != PAST

    def sentence_start(self) -> int:
        import bisect

        return self.starts[bisect.bisect_right(self.starts, self.start) - 1]


def year_of(groups: dict, name: str = "year") -> int | None:
    raw = groups.get(name)
    return int(raw) if raw else None


def rel_offset(word: str | None, lex: Lexicon) -> int | None:
    if not word:
        return None
    word = " ".join(word.split())
    low = word[0].lower() + word[1:]
    for cls in ("relpast", "relthis", "relnext"):
        if low in lex.words[cls]:
            return int(lex.words[cls][low])
    return None


def relyear_offset(text: str | None, lex: Lexicon) -> int | None:
    if not text:
        return None
    if "Vorjahres" in text:
        return -1
    for word in text.split():
        offset = rel_offset(word, lex)
        if offset is not None:
            return offset
    return None


def forced_tense(rel: int | None) -> str | None:
    if rel is None or rel == 0:
        return None
    return PAST if rel < 0 else FUTURE


def underspecified_day(ctx: Context) -> str:
    a = ctx.anchor
    if a is None:
        return "XXXX-XX-XX"
    if a.month is None:
        return f"{a.year:04d}-XX-XX"
    return f"{a.year:04d}-{a.month:02d}-XX"


def day_value(ctx: Context, day: date | None) -> str:
    return day.isoformat() if day is not None else underspecified_day(ctx)


def number_of(word: str | None, lex: Lexicon) -> float | None:
    if not word:
        return None
    word = " ".join(word.split())
    if word[0].isdigit():
        try:
            return float(word.replace(".", "").replace(",", "."))  # 2.500 and 1,5
        except ValueError:
            return None
    return lex.numbers.get(word) or lex.numbers.get(word.lower())


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration (ISO 8601 plus DE/CE for decades and centuries); fractions stay decimal as
    ISO 8601 allows on the last unit (anderthalb Jahre = P1.5Y, eine halbe Stunde = PT0.5H)."""
    clock = unit.startswith("T")
    letter = unit[1:] if clock else unit
    if amount is None:
        return f"PTX{letter}" if clock else f"PX{letter}"
    if letter in ("DE", "CE") and amount != int(amount):
        amount, letter = (
            amount * (10 if letter == "DE" else 100),
            "Y",
        )  # anderthalb Jahrzehnte = P15Y
    return f"PT{amount:g}{letter}" if clock else f"P{amount:g}{letter}"


# where the parts of a year (months), a month (days) and a week (weekdays) lie
_PARTS = {
    "Y": {"START": (1, 3), "MID": (6, 7), "END": (11, 12)},
    "M": {"START": (1, 10), "MID": (11, 20), "END": (21, 31)},
    "W": {"START": (1, 2), "MID": (3, 4), "END": (5, 7)},
}


def part_offset(ctx: Context, unit: str, mod: str) -> int:
    """ "Ende des Jahres" told in the past in January is the end of the year before, "Anfang des
    Monats" told ahead late in a month the start of the next: the tense picks the occurrence of
    the part, as it does for a month's name."""
    a, today = ctx.anchor, ctx.anchor_day()
    if a is None or unit not in _PARTS or mod not in _PARTS[unit]:
        return 0
    position = {"Y": a.month, "M": a.day, "W": today.isoweekday() if today else None}[unit]
    if position is None:
        return 0
    first, last = _PARTS[unit][mod]
    # only the clause's own verb or a preposition ("seit", "bis") decides: a verb elsewhere in the
    # sentence often tells something else
    tense = ctx.preposition_tense()
    if tense != PAST:  # "seit" looks back whatever the clause
        clause = tense_at(ctx.text, ctx.starts, ctx.start, ctx.end, ctx.lex, clause_only=True)
        if tense == FUTURE:  # "bis": ahead, but never back ("erhielt einen Vertrag bis Ende …")
            tense = None if clause == PAST else FUTURE
        else:
            tense = clause
    if tense == PAST and position < first:
        return -1
    if tense == FUTURE and position > last:
        return 1
    return 0


_PAIR_FIRST = re.compile(
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\s+(?:und|oder)\s*\Z"
)


def after_paired_day(ctx: Context, weekday: int) -> date | None:
    """ "am Sonntag und Dienstag", "am Montag oder Dienstag": the second weekday of a pair is the
    first such day after the first one."""
    first = ctx.reference
    if first is None or not ctx.in_order or not ctx.reference_year:
        return None
    if ctx.reference_at < ctx.start - 30 or not _PAIR_FIRST.search(
        ctx.text, max(0, ctx.start - 30), ctx.start
    ):
        return None
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 or 7)
