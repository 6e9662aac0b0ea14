"""Is a "heute" today (the report's day) or nowadays (TimeML PRESENT_REF)?

TimeML, as KRAUTS applies it, gives "heute" the report's date when it means that day and
PRESENT_REF when it means the present in general ("Heute wird niemand mehr deportiert", "der
Starke von heute"). What tells them apart here, in this order:
1. words that tie it to the day: a clock time or part of day after it ("heute um 19 Uhr", "heute
   ab 15 Uhr"), a boundary before it ("bis heute", "noch heute", "ab heute"), the report's first
   sentence (a news lead, after its dateline);
2. words that make it generic: "von heute", "heute:", or a contrast with a time long past in the
   same sentence (damals, früher, einst, a year ten or more years before the report, a decade), or
   in the sentence before one that "Heute" opens ("Früher … . Heute …");
3. a clause in the past tense ("Der Landtag hat heute beschlossen") or a sentence with a verb of an
   event held on a day ("Der Kurs beginnt heute", "findet heute statt") tells of the day;
4. else the report itself: a report that names days near its date (a weekday, gestern, morgen)
   tells of days, and its "heute" is that day; an essay that never does means the present.
"""

from __future__ import annotations

import bisect
import re

from chronik.nlp.lang import de
from chronik.nlp.timex.clauses import clause_of
from chronik.nlp.timex.context import Context
from chronik.nlp.timex.tense import PAST, tense_at

_DAY_WORDS = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
    r"\w*|[Gg]estern|[Vv]orgestern|morgen|[Üü]bermorgen|[Mm]orgigen|[Gg]estrigen|[Vv]orgestrigen|[Hh]eutigen)"
    r"(?![\wÄÖÜäöüß])"
)
_TIED_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:(?:um|ab|gegen|von|bis)\s+\d|\d{1,2}[.:]?\d*\s*(?:-|–|Uhr))"
)
_TIED_BEFORE = frozenset(["bis", "Bis", "noch", "Noch", "ab", "Ab", "seit", "Seit", "für", "Für"])
_PAST_WORDS = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:[Dd]amals|[Ff]rüher|[Ee]inst|[Ee]hemals|(?:1[5-9]|20)\d0er|"
    r"(?:zwanziger|dreißiger|vierziger|fünfziger|sechziger|siebziger|achtziger|neunziger)\s+Jahre"
    r"|(?P<year>1[0-9]\d\d|20\d\d))(?![\wÄÖÜäöüß])"
)
_FROM_TODAY_ON = re.compile(r"\s*(?:an\b|,\s*de[nm]\s+\d|auf\s+morgen\b)")  # "von heute an"
_DATELINE = re.compile(r"[^a-zäöüß]{0,60}?(?:\([^)]{0,20}\))?[^a-zäöüß]{0,5}")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÄÖÜ\"„»])|\n\s*\n")


def is_generic_today(ctx: Context) -> bool:
    """True when the "heute" at ctx.start..ctx.end means the present in general."""
    if _qualifies_a_noun(ctx):
        return True
    if _TIED_AFTER.match(ctx.text, ctx.end) or ctx.previous_word() in _TIED_BEFORE:
        return False
    if ctx.previous_word() in ("von", "Von"):
        return not _FROM_TODAY_ON.match(ctx.text, ctx.end)
    if ctx.next_char() == ":":
        return True
    start = ctx.sentence_start()
    if _DATELINE.fullmatch(ctx.text[:start].strip()):
        return False  # the lead of a news report, after its dateline ("BOZEN (lu).")
    found = _SENTENCE_END.search(ctx.text, ctx.end)
    end = found.start() if found else len(ctx.text)
    if _contrasts_with_past(ctx, ctx.text[start:end]):
        return True
    if ctx.start == start and start > 0 and _contrasts_with_past(ctx, _sentence_before(ctx, start)):
        return True  # "Früher war das anders. Heute …": a sentence-opening "Heute" answers it
    if _clause_tense(ctx) == PAST and not _IRREALIS.search(_clause_outside(ctx)):
        # "Der Landtag hat heute beschlossen": a day's event; only the clause of "heute" counts
        # ("Im Sommer lebten hier 180, heute sind es 35" answers a past time)
        return False
    if _holds_event(ctx, start, end):
        return False  # "Der Kurs beginnt heute im Saal": the day it is held
    return not names_days(ctx.text)


_WORD = re.compile(r"[a-zäöüß]+")
# what would have been ("Nicht entdeckt hätte man selbst heute den Stein") tells no day
_IRREALIS = re.compile(r"(?<![\wÄÖÜäöüß])(?:hätte|hätten|wäre|wären)(?![\wÄÖÜäöüß])")
# "die heute lebenden Arten", "der heute zentrale Begriff", "seiner heute achtjährigen Tochter":
# "heute" inside an attribute before a noun says what holds now
_ATTRIBUTE_AFTER = re.compile(r"\s+([a-zäöüß0-9-]{3,}(?:e|en|er|es|em))\s+[A-ZÄÖÜ]")


def _qualifies_a_noun(ctx: Context) -> bool:
    found = _ATTRIBUTE_AFTER.match(ctx.text, ctx.end)
    if found is None or ctx.previous_word().lower() in ("ab", "seit", "von"):
        return False
    word = found.group(1)
    return word not in de.DETERMINERS and not word.startswith(_NOT_ADJECTIVES)


_NOT_ADJECTIVES = ("kein", "ein", "unser", "ihr", "sein", "mein", "dies", "jen", "jed", "manch")


def _clause_tense(ctx: Context) -> str | None:
    return tense_at(ctx.text, ctx.starts, ctx.start, ctx.end, ctx.lex, clause_only=True)


def _holds_event(ctx: Context, start: int, end: int) -> bool:
    events = ctx.lex.verbs["today"]
    return any(word in events for word in _WORD.findall(ctx.text, start, end))


def _contrasts_with_past(ctx: Context, sentence: str) -> bool:
    for found in _PAST_WORDS.finditer(sentence):
        year = found.group("year")
        if year is None:
            return True
        if ctx.anchor is not None and int(year) <= ctx.anchor.year - 10:
            return True
    return False


def _sentence_before(ctx: Context, start: int) -> str:
    import bisect

    i = bisect.bisect_left(ctx.starts, start) - 1
    return ctx.text[ctx.starts[i] : start] if i >= 0 else ""


_DAY_LEVEL: dict[int, tuple[str, bool]] = {}


def names_days(text: str) -> bool:
    """Whether the report names days near its date (cached for the text being tagged)."""
    cached = _DAY_LEVEL.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1]
    result = _DAY_WORDS.search(text) is not None
    _DAY_LEVEL.clear()
    _DAY_LEVEL[id(text)] = (text, result)
    return result


def _clause_outside(ctx: Context) -> str:
    """The words of the clause around the expression at ctx, without the expression itself."""
    i = bisect.bisect_right(ctx.starts, ctx.start)
    sentence = (ctx.starts[i - 1], ctx.starts[i] if i < len(ctx.starts) else len(ctx.text))
    left, right = clause_of(ctx.text, sentence, ctx.start, ctx.end)
    return ctx.text[left : ctx.start] + " " + ctx.text[ctx.end : right]


# A clock time is a habit (TimeML `XXXX-XX-XXThh:mm`) when its clause says it recurs: "öffnet
# täglich um neun Uhr", "beginnt werktags um 7 Uhr", "steht normalerweise um fünf Uhr auf".
_HABIT = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:täglich|tagtäglich|allabendlich|allmorgendlich|werktags|wochentags"
    r"|normalerweise|gewöhnlich|gewöhnlicherweise|regelmäßig|stets|meistens|in der Regel"
    r"|an\s+(?:Wochentagen|Werktagen|Feiertagen|Sonn-\s+und\s+Feiertagen)"
    r"|[Jj]ede[nr]?\s+(?:Tag|Morgen|Abend|Nacht|Mittag|Woche|Werktag|Wochenende|Montag|Dienstag"
    r"|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)"
    r"|(?:[Mm]ontag|[Dd]ienstag|[Mm]ittwoch|[Dd]onnerstag|[Ff]reitag|[Ss]amstag|[Ss]onntag)s)"
    r"(?![\wÄÖÜäöüß])"
)
_ONE_DAY = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:heute|[Gg]estern|morgen|[Vv]orgestern|[Üü]bermorgen"
    # a day that bounds the habit ("bis 15. Jänner täglich geöffnet") is no single day
    r"|(?<!bis )(?<!ab )(?<!zum )\d{1,2}\.\s*(?:\d|[A-ZÄÖÜ])"
    r"|(?:[Aa]m|[Vv]om|[Ss]eit)\s+(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag))"
)


def is_habitual_clock(ctx: Context) -> bool:
    """Whether the clock time at ctx recurs (a word of habit in its clause, outside the time's
    own span, and no single day named there)."""
    outside = _clause_outside(ctx)
    return bool(_HABIT.search(outside)) and not _ONE_DAY.search(outside)


# A month or season is any such one (TimeML `XXXX-11`, `XXXX-FA`) when its clause tells a habit:
# "Apple stellt neue Geräte stets im Herbst vor", "üblicherweise im November"; the words of a
# yearly custom ("jedes Jahr", "traditionell") only in the present ("Wie jedes Jahr fand im Mai
# das Fest statt" is that year's May).
_ALWAYS = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:stets|üblicherweise|gewöhnlich|gewöhnlicherweise|normalerweise"
    r"|in der Regel|meist|meistens|typischerweise)(?![\wÄÖÜäöüß])"
)
_YEARLY = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:jährlich|alljährlich|traditionell|jedes\s+Jahr|[Jj]ahr\s+für\s+Jahr)"
    r"(?![\wÄÖÜäöüß])"
)


def is_habitual_month(ctx: Context) -> bool:
    """Whether the month or season at ctx recurs (a word of habit in its clause, outside the
    expression's own span)."""
    outside = _clause_outside(ctx)
    if _ALWAYS.search(outside):
        return True
    return bool(_YEARLY.search(outside)) and _clause_tense(ctx) is None


# Opening and broadcast hours: the working week as a range with clock times ("Montag bis Freitag
# 9 bis 12 Uhr", "hat von Montag bis Freitag ab 8 Uhr offen") name every such day and
# hour (TimeML SET `XXXX-WXX-1`, clock `XXXX-XX-XXT09:00`), not the next Monday.
_WORK_WEEK = re.compile(
    r"(?<![\wÄÖÜäöüß])Montag\s*(?:bis|-|–)\s*(?:Freitag|Samstag|Sonntag)(?![\wÄÖÜäöüß])"
)
_CLOCK = re.compile(r"(?<![\d.])\d{1,2}(?:[.:]\d\d)?\s*Uhr(?![\wÄÖÜäöüß])")


def is_schedule(ctx: Context) -> bool:
    """Whether the expression at ctx stands in a sentence of opening or broadcast hours (the
    working week as a range, and a clock time) whose clause does not tell the past."""
    i = bisect.bisect_right(ctx.starts, ctx.start)
    stop = ctx.starts[i] if i < len(ctx.starts) else len(ctx.text)
    sentence = ctx.text[ctx.sentence_start() : stop]
    if not _WORK_WEEK.search(sentence) or not _CLOCK.search(sentence):
        return False
    return _clause_tense(ctx) != PAST or _conditional_clause(ctx)


_CONDITIONS = frozenset(["sofern", "wenn", "falls", "soweit", "sobald"])


def _conditional_clause(ctx: Context) -> bool:
    """Whether the expression stands in a clause of condition ("…, sofern bis 16 Uhr bestellt
    wurde"): its perfect or past tells what must be done before, at every such time."""
    i = bisect.bisect_right(ctx.starts, ctx.start)
    sentence = (ctx.starts[i - 1], ctx.starts[i] if i < len(ctx.starts) else len(ctx.text))
    left, _right = clause_of(ctx.text, sentence, ctx.start, ctx.end)
    first = _WORD.search(ctx.text.lower(), left, ctx.start)
    return first is not None and first.group(0) in _CONDITIONS
