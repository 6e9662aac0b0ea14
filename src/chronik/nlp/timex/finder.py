"""Find temporal expressions with the rules of rules.toml and resolve them in text order.

Selection: every rule proposes matches; the longest wins, then the rule listed first; a handler may
turn a match down (None), and then shorter matches get their chance. Resolution runs again in text
order, so that "zwei Tage später" counts from the last day the text named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from chronik.dates import PartialDate
from chronik.nlp.timex import calc
from chronik.nlp.timex.clauses import clause_of, sentence_bounds, sentence_of
from chronik.nlp.timex.lexicon import Lexicon, Rule, load
from chronik.nlp.timex.resolve import BLOCK, HANDLERS, Context, Found
from chronik.nlp.timex.tense import is_participle
from chronik.types import Timex

_COARSE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$")
# the middle month of a season, quarter or half: "elf Monate später" after "Herbst 1989" is 1990
_CENTRE_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 12, "Q1": 2, "Q2": 5, "Q3": 8, "Q4": 11}
_CENTRE_MONTH.update({"H1": 4, "H2": 10})
_PART_OF_YEAR = re.compile(r"^\d{4}-(?:SP|SU|FA|WI|Q[1-4]|H[12])$")  # "im Frühjahr 1989", "Q2 2015"


def component_name(lex: Lexicon, rule: Rule) -> str:
    return f"timex:rules-{lex.version}/{rule.id}"


WINDOW = 120  # characters around a trigger hit in which its rule looks for a match


def _windows(rule: Rule, text: str) -> list[tuple[int, int]]:
    """Stretches of text that can hold a match of `rule`: the whole text, or merged windows around
    its trigger."""
    if rule.trigger is None:
        return [(0, len(text))]
    windows: list[tuple[int, int]] = []
    for hit in rule.trigger.finditer(text):
        start, end = max(0, hit.start() - WINDOW), min(len(text), hit.end() + WINDOW)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _candidates(text: str, lex: Lexicon) -> list[tuple[int, int, int, object]]:
    found = []
    for index, rule in enumerate(lex.rules):
        has_extent = "x" in rule.regex.groupindex
        seen = set()
        for window_start, window_end in _windows(rule, text):
            for match in rule.regex.finditer(text, window_start, window_end):
                start, end = (
                    match.span("x") if has_extent and match.group("x") is not None else match.span()
                )
                if end > start and (start, end) not in seen:
                    seen.add((start, end))
                    found.append((start, end, index, match))
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    return found


def _select(text: str, lex: Lexicon, ctx: Context) -> list[tuple[int, int, int, object]]:
    taken = bytearray(len(text))
    chosen = []
    for start, end, index, match in _candidates(text, lex):
        if any(taken[start:end]):
            continue
        ctx.start, ctx.end = start, end
        result = _resolve(lex.rules[index], match, ctx)
        if result is None:
            continue
        taken[start:end] = b"\x01" * (end - start)
        if result is not BLOCK:
            chosen.append((start, end, index, match))
    chosen.sort()
    return chosen


def _resolve(rule: Rule, match: object, ctx: Context) -> object:
    """The handler's result; a value outside the calendar (year 0 or 10000 after a shift) is no
    timex."""
    try:
        return HANDLERS[rule.handler](match, ctx)
    except (ValueError, OverflowError):
        return None


def _interval(found: Found) -> tuple[str | None, str | None]:
    span = found.span
    if span is None:
        span = calc.value_range(found.value)
        if span is not None and not found.keeps_span:
            span = calc.narrow(span, found.mod)
    if span is None:
        return None, None
    # type: ignore[return-value]
    return tuple(d.isoformat() if isinstance(d, date) else None for d in span)


_CAPS_RUN = re.compile(r"(?:(?<![\wÄÖÜäöüß])[A-ZÄÖÜ]{2,}(?![\wÄÖÜäöüß])[\s\d,.:;!?()\"'/–-]*){3,}")
_CAPS_WORD = re.compile(r"(?<![\wÄÖÜäöüß])([A-ZÄÖÜ])([A-ZÄÖÜ]+)(?![\wÄÖÜäöüß])")


def uncap_titles(text: str) -> str:
    """Headlines in capitals ("EIN ERBE DES VORIGEN JAHRHUNDERTS", "DAS BESTE AUS 65 JAHREN") read
    as "Ein Erbe Des Vorigen Jahrhunderts": three or more capitalised words in a row; single
    acronyms (MEZ, EU, KW) stay. Offsets do not move (the same number of characters)."""
    if not _CAPS_RUN.search(text):
        return text
    out = _CAPS_RUN.sub(lambda run: _CAPS_WORD.sub(_title_word, run.group(0)), text)
    return out if len(out) == len(text) else text


def _title_word(word: re.Match) -> str:
    return word.group(1) + word.group(2).lower()


def find_timexes(
    text: str, report_date: PartialDate | None, tokens: Iterable | None = None
) -> list[Timex]:
    """Temporal expressions in `text`, resolved against `report_date` (None: values stay relative,
    flagged).

    `tokens` (spaCy tokens, optional) only lend their sentence boundaries to the tense reading.
    """
    lex = load()
    original, text = text, uncap_titles(text)
    ctx = Context(text=text, anchor=report_date, lex=lex, starts=sentence_bounds(text, tokens))
    selected = _select(text, lex, ctx)
    ctx.reference, ctx.reference_year, ctx.reference_at, ctx.coarse = (
        None,
        True,
        -1,
        None,
    )  # selection ran out of order
    ctx.in_order = True
    timexes = []
    for start, end, index, match in selected:
        rule = lex.rules[index]
        ctx.start, ctx.end = start, end
        found = _resolve(rule, match, ctx)
        if not isinstance(found, Found):
            continue
        earliest, latest = _interval(found)
        timexes.append(
            Timex(
                start=start,
                end=end,
                text=original[start:end],
                type="DURATION" if found.duration else found.type or rule.type,
                value=found.duration or found.value,
                mod=found.mod,
                earliest=earliest,
                latest=latest,
                approx=found.approx or "X" in found.value or found.mod == "APPROX",
                component=component_name(lex, rule),
            )
        )
        _remember(ctx, found, rule, start, end)
    return timexes


_WORDS = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_SPELLED_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T|$)")  # a day, or a time of that day


def _remember(ctx: Context, found: Found, rule: Rule, start: int, end: int) -> None:
    """Keep the last day, and the last month or year, the text named: "zwei Tage später" counts from
    it; and the last year spelled out, which a day or month without one right after it shares."""
    if found.value == "PAST_REF" or (
        found.value.startswith("PX") and ctx.text[max(0, start - 4) : start].lower() == "vor "
    ):
        ctx.vague_at = start
    spelled = _SPELLED_YEAR.search(ctx.text, start, end)
    _remember_year(ctx, found, rule, start)
    if spelled and found.value[:4] == spelled.group(1) and (found.type or rule.type) != "DURATION":
        ctx.spelled_year = (int(spelled.group(1)), end)
    if (
        found.type is None
        and rule.type == "DATE"
        and _COARSE.match(found.value)
        and int(found.value[:4]) > 0
    ):
        first = date(int(found.value[:4]), int(found.value[5:7] or 1), 1)
        ctx.coarse = ("month" if len(found.value) == 7 else "year", first, start)
    elif (
        found.type is None
        and _PART_OF_YEAR.match(found.value)
        and spelled
        and found.value[:4] == spelled.group(1)
        and int(found.value[:4]) > 0
    ):
        # "im Sommer 2006 … ein Jahr später": counted at year precision (not "vergangenen Herbst",
        # a background to the day the text tells)
        centre = _CENTRE_MONTH.get(found.value[5:]) or 1
        ctx.coarse = ("year", date(int(found.value[:4]), centre, 1), start)
    if found.sets_reference and found.span is None and _DAY_VALUE.match(found.value):
        ctx.reference, ctx.reference_year, ctx.reference_at = (
            date.fromisoformat(found.value[:10]),
            True,
            start,
        )
    elif found.sets_reference and found.span and found.span[0] == found.span[1]:
        ctx.reference, ctx.reference_year, ctx.reference_at = found.span[0], True, start


def _remember_year(ctx: Context, found: Found, rule: Rule, start: int) -> None:
    """The year a story told in the past stays in: that of the last date; none after "heute",
    "damals", a span counted from now ("in den vergangenen Monaten") or a year that reaches the
    present ("seit 1952"); an offset ("fünf Tage später") keeps it."""
    kind = "DURATION" if found.duration else found.type or rule.type
    span = found.duration or found.value
    if kind == "DURATION" and not (rule.id.startswith("offset") and span[-1] in "DWH"):
        ctx.last_year = None  # "fünf Jahre später" leaves the year too
    elif kind in ("DATE", "TIME"):
        reaches_now = ctx.text[max(0, start - 5) : start].lower().startswith("seit")
        spells = bool(_SPELLED_YEAR.search(ctx.text, start, ctx.end))
        background = spells and _pluperfect(ctx, start)  # only a year spelled out opens a story
        known = found.value[:4].isdigit() and not reaches_now and not background
        ctx.last_year = int(found.value[:4]) if known else None


_PLUPERFECT_AUX = frozenset(["hatte", "hatten", "war", "waren"])


def _pluperfect(ctx: Context, start: int) -> bool:
    """Whether the clause at `start` is in the pluperfect ("Er hatte 2003 einen Fonds gekauft"):
    it tells the background of a story, which goes on in a later time, not in that year."""
    sentence = sentence_of(ctx.starts, ctx.text, start, start)
    left, right = clause_of(ctx.text, sentence, start, start)
    words = _WORDS.findall(ctx.text, left, right)
    return any(w in _PLUPERFECT_AUX for w in words) and any(is_participle(w) for w in words)
