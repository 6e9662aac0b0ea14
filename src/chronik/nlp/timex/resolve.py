"""Turn a rule match into a TIMEX3 value and interval, against the report date and the clause's
tense.

Every handler takes (match, context) and returns a `Found`, None (the match is not a timex after
all) or BLOCK (the words are not a timex and no shorter rule may take them either, e.g. "31.
Februar").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from chronik.nlp.timex.absolute import (
    h_century,
    h_date,
    h_decade,
    h_holiday,
    h_month,
    h_month_part,
    h_quarter,
    h_season,
    h_week,
    h_year,
)
from chronik.nlp.timex.clock import h_pod, h_time
from chronik.nlp.timex.context import BLOCK, Context, Found
from chronik.nlp.timex.relative import (
    h_nth_week,
    h_offset,
    h_rel_unit,
    h_relday,
    h_weekday,
    h_weekday_of_week,
    h_weekend,
)
from chronik.nlp.timex.spans import h_duration, h_ref, h_set

__all__ = ["BLOCK", "HANDLERS", "Context", "Found"]

HANDLERS: dict[str, Callable[[re.Match, Context], object]] = {
    "date": h_date,
    "month": h_month,
    "year": h_year,
    "decade": h_decade,
    "century": h_century,
    "season": h_season,
    "quarter": h_quarter,
    "week": h_week,
    "holiday": h_holiday,
    "weekday": h_weekday,
    "weekend": h_weekend,
    "nth_week": h_nth_week,
    "weekday_of_week": h_weekday_of_week,
    "month_part": h_month_part,
    "rel_unit": h_rel_unit,
    "relday": h_relday,
    "pod": h_pod,
    "time": h_time,
    "offset": h_offset,
    "duration": h_duration,
    "set": h_set,
    "ref": h_ref,
}
