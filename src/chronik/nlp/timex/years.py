"""The year of a month or day named without one: the occurrence that fits the clause's tense, the
year a range ends in, the year spelled out just before, or the year of a story told long ago."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from chronik.nlp.timex.clauses import clause_breaks, clause_of, sentence_of
from chronik.nlp.timex.context import Context
from chronik.nlp.timex.tense import FUTURE, PAST, schedules_at


def choose_year(
    ctx: Context, keys: Callable[[int], int | None], anchor_key: int, forced: str | None
) -> int | None:
    """The year whose occurrence fits the tense: the last one before the anchor in the past, the
    next one in the future, else the nearest. `keys(year)` gives the occurrence's position on the
    scale of `anchor_key`."""
    assert ctx.anchor is not None
    tense = forced or ctx.directed_tense()
    years = [
        y for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1) if 1 <= y <= 9999
    ]
    options = [(keys(y), y) for y in years]
    options = [(k, y) for k, y in options if k is not None]
    if not options:
        return None
    ahead = [o for o in options if o[0] >= anchor_key]
    behind = [o for o in options if o[0] < anchor_key]
    if not forced and ahead and behind and _alone_in_brackets(ctx):
        # a date in brackets of its own labels a noun ("die Spiele gegen Moldau (5. September)"):
        # the clause's tense decides only when its occurrence is not far off against the other
        near, far = sorted([min(ahead), max(behind)], key=lambda o: abs(o[0] - anchor_key))
        if abs(far[0] - anchor_key) > 3 * abs(near[0] - anchor_key):
            return near[1]
    if tense == PAST:
        past = [o for o in options if o[0] <= anchor_key]
        return max(past)[1] if past else ctx.anchor.year
    if tense == FUTURE:
        future = [o for o in options if o[0] >= anchor_key]
        return min(future)[1] if future else ctx.anchor.year
    if ahead and behind and schedules_at(ctx.text, ctx.starts, ctx.start, ctx.end, ctx.lex):
        # "Das Fest findet am 15. August statt" in February: an event announced in the present lies
        # ahead, unless the last occurrence is far nearer ("am 10. Februar" three days before)
        nearest_ahead, nearest_behind = min(ahead), max(behind)
        if nearest_ahead[0] - anchor_key <= 2 * (anchor_key - nearest_behind[0]):
            return nearest_ahead[1]
    # a tie (November in a May report) goes ahead: the German present tells the future too
    return min(options, key=lambda o: (abs(o[0] - anchor_key), o[0] < anchor_key))[1]


def _alone_in_brackets(ctx: Context) -> bool:
    """Whether the expression stands alone in brackets ("gegen Moldau (5. September)")."""
    before = ctx.text[max(0, ctx.start - 2) : ctx.start].rstrip()
    return before.endswith("(") and ctx.text[ctx.end : ctx.end + 2].lstrip().startswith(")")


def _shares_spelled_year(ctx: Context) -> bool:
    """Whether a day or month without a year belongs to the year spelled out just before it: in the
    same clause ("im Frühjahr 2019 allein bis Ende Mai"; a dash right after the year, as in
    chronicles, "1930 – … am 11.11.", does not part them) and not against the clause's tense."""
    spelled = ctx.spelled_year
    if (
        spelled is None
        or not ctx.in_order
        or not 0 <= ctx.start - spelled[1] <= 60
        or spelled[1] < ctx.sentence_start()
    ):
        return False
    if any(begin > spelled[1] + 2 for begin, _ in clause_breaks(ctx.text, spelled[1], ctx.start)):
        return False
    year, tense = spelled[0], ctx.tense()
    assert ctx.anchor is not None
    return not (
        (tense == PAST and year > ctx.anchor.year) or (tense == FUTURE and year < ctx.anchor.year)
    )


NARRATIVE_REACH = 400  # characters after a year spelled out in which a past story stays in it
HISTORICAL_GAP = 10  # years before the report from which a passage is history, not background


def _narrative_year(ctx: Context) -> bool:
    """Whether a month or day told in the past belongs to a year long before the report that the
    text spelled out just before, with no other time between ("1989 kam er nach Berlin. Im Mai
    trat er zurück": May 1989, not the last May before the report)."""
    spelled = ctx.spelled_year
    if spelled is None or not ctx.in_order or ctx.anchor is None:
        return False
    year, end = spelled
    if ctx.reference is not None and ctx.reference.year == year and ctx.reference_at > end:
        end = ctx.reference_at  # the story goes on: "am selben Tag" keeps it in that year
    return (
        year <= ctx.anchor.year - HISTORICAL_GAP
        and ctx.last_year == year
        and 0 <= ctx.start - end <= NARRATIVE_REACH
        and ctx.tense() == PAST
        and ctx.preposition_tense() is None  # "seit dem Sommer" reaches to the report's present
        and not _present_perfect(ctx)
    )


_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_PRESENT_AUX = frozenset(["hat", "haben", "ist", "sind"])
_PRETERITE_AUX = frozenset(["hatte", "hatten", "war", "waren", "wurde", "wurden"])


def _present_perfect(ctx: Context) -> bool:
    """Whether the clause is in the present perfect ("Ende Februar ist er gestorben"): news tell a
    story long past in the preterite, and a perfect after it comes back to the present."""
    sentence = sentence_of(ctx.starts, ctx.text, ctx.start, ctx.end)
    left, right = clause_of(ctx.text, sentence, ctx.start, ctx.end)
    words = _WORD.findall(ctx.text, left, right)
    # (the participle may stand after a relative clause: "ist X, der ..., gestorben")
    return any(w in _PRESENT_AUX for w in words) and not any(w in _PRETERITE_AUX for w in words)


# the end of a range with its year: "von September bis November 2014", "zwischen 3. Mai und
# 5. Juni 2016"
_RANGE_END = re.compile(
    r"\s+(?:bis|und)\s+(?:(?:zum|Ende|Anfang|Mitte)\s+)?(?:\d{1,2}\.\s*)?"
    r"([A-ZÄ][a-zä]+)\s+((?:1[89]|20)\d\d)(?!\d)"
)
_RANGE_OPEN = frozenset(["von", "vom", "zwischen"])
# the end of a range without a year: "von Februar bis September herrschte Krieg"
_RANGE_END_BARE = re.compile(
    r"\s+(?:bis|und)\s+(?:(?:zum|Ende|Anfang|Mitte)\s+)?(?:\d{1,2}\.\s*)?([A-ZÄ][a-zä]+)(?!\s*\d)"
)


def _range_end_year(ctx: Context, month: int) -> int | None:
    """The year of a range's first month or day told without one: that of the range's end ("von
    September bis November 2014": 2014; "von November bis Februar 2016": 2015); told in the past
    without a year, that of the end's last occurrence ("von Februar bis September herrschte
    Krieg", in March 2016: February to September 2015)."""
    if ctx.previous_word().lower() not in _RANGE_OPEN:
        return None
    found = _RANGE_END.match(ctx.text, ctx.end)
    if found is not None:
        word, year = found.group(1), int(found.group(2))
    else:
        found = _RANGE_END_BARE.match(ctx.text, ctx.end)
        if found is None or ctx.anchor is None or ctx.anchor.month is None:
            return None
        if ctx.tense() != PAST:
            return None
        word, year = found.group(1), ctx.anchor.year
    last = 12 if word == "Jahresende" else ctx.lex.months.get(word)
    if last is None:
        return None
    if found.re is _RANGE_END_BARE and last > ctx.anchor.month:
        year -= 1  # the end's last occurrence lies in the year before
    return year - 1 if month > last else year


# the start of a range just before its end: "von Oktober 2014 bis [März]", "zwischen März und [Mai]"
_RANGE_START = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:[Vv]o[nm]|[Zz]wischen)\s+(?:[^,;.!?()]|(?<=\d)\.){1,30}?\s+(?:bis|und)\s+"
    r"(?:(?:zum|Ende|Anfang|Mitte)\s+)?\Z"
)


def _range_start_year(ctx: Context, month: int, day: int | None) -> int | None:
    """The year of a range's end told without one: the first such month or day from the range's
    start on ("zwischen März und Mai": the May after that March)."""
    if not ctx.in_order or not _RANGE_START.search(ctx.text, max(0, ctx.start - 50), ctx.start):
        return None
    begin = ctx.start - 50
    if ctx.coarse is not None and ctx.coarse[0] == "month" and ctx.coarse[2] >= begin:
        first = ctx.coarse[1]
    elif ctx.reference is not None and ctx.reference_year and ctx.reference_at >= begin:
        first = ctx.reference
    else:
        return None
    later = (month, day or 1) >= (first.month, first.day if day else 1)
    return first.year if later else first.year + 1


def year_for(
    ctx: Context, month: int, day: int | None = None, forced: str | None = None
) -> int | None:
    """Year of a month (and day) named without one; None when the report date gives no year."""
    a = ctx.anchor
    if a is None:
        return None
    in_range = _range_end_year(ctx, month)
    if in_range is None:
        in_range = _range_start_year(ctx, month, day)
    if in_range is not None:
        return in_range
    if forced is None and (_shares_spelled_year(ctx) or _narrative_year(ctx)):
        return ctx.spelled_year[0]  # "in Italien 2021 (3. Mai bis 9. Juni)": that year's
    if a.month is None:
        return a.year + _year_only_shift(ctx, month, forced)
    if day is not None and a.day is not None:

        def key(y: int) -> int | None:
            try:
                return date(y, month, day).toordinal()
            except ValueError:
                return None

        return choose_year(ctx, key, date(a.year, a.month, a.day).toordinal(), forced)
    return choose_year(ctx, lambda y: y * 12 + month, a.year * 12 + a.month, forced)


def _year_only_shift(ctx: Context, month: int, forced: str | None) -> int:
    """-1, 0 or 1: the year of a month told in a report dated by its year only. Any month of that
    year may be the report's; a past November then lies in the year before unless the report
    is from December, a coming March in the next year unless it is from January or February:
    the year more likely for a report month unknown (a past month from July on lies in the year
    before more often than not, a coming month up to June in the next)."""
    tense = forced or ctx.directed_tense()
    if tense == PAST and month >= 7:
        return -1
    if tense == FUTURE and month <= 6:
        return 1
    return 0
