"""Values of the fifth round, found on unseen news text (10kGNAD articles judged by hand, report
date Saturday 2015-10-17). Sentences written for these tests."""

from __future__ import annotations

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes

SATURDAY = "2015-10-17"


def values(text: str, date: str = SATURDAY) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, parse_iso(date))}


def test_night_of_a_story_told_days_before_the_report_belongs_to_that_story():
    text = (
        "Am Donnerstagmorgen warteten in der Halle noch 300 Menschen. Die Helfer blieben ruhig."
        " In der Nacht wurden zwanzig Kinder versorgt."
    )
    assert values(text)["der Nacht"] == "2015-10-15TNI"


def test_night_after_yesterdays_story_is_the_last_night():
    text = "Am Freitag brannte eine Scheune ab. Die Feuerwehr war lange da. In der Nacht kam Regen."
    assert values(text)["der Nacht"] == "2015-10-17TNI"
