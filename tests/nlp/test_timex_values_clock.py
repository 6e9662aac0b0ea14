"""The day of a clock time: the small hours after "in der Nacht auf Sonntag" are Sunday's, the
evening hours Saturday's; a clock time beside "jeden Montag" is a habit. Sentences written for
these tests (report date 2013-10-11, a Friday)."""

from __future__ import annotations

import pytest

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes


def values(text: str, date: str = "2013-10-11") -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, parse_iso(date))}


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("In der Nacht auf Sonntag gegen 3 Uhr brach ein Feuer aus.", "3 Uhr", "2013-10-06T03:00"),
        ("In der Nacht zum Sonntag um 23 Uhr brach ein Feuer aus.", "23 Uhr", "2013-10-05T23:00"),
        (
            "Ein Stall brannte in der Nacht auf Sonntag. Um 4 Uhr kam die Feuerwehr.",
            "4 Uhr",
            "2013-10-06T04:00",
        ),
    ],
)
def test_a_clock_time_in_a_night_to_a_weekday_falls_on_the_right_day(text, words, value):
    assert values(text)[words] == value


def test_a_clock_time_beside_every_monday_is_a_habit():
    assert values("Jeden Montag um 20 Uhr probt die Blaskapelle.")["20 Uhr"] == "XXXX-XX-XXT20:00"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the sentence before announces an event on a day ahead: the clock time is that day's
        (
            "Am Sonntag findet in Lana das Herbstfest statt. Beginn ist um 10 Uhr.",
            "2013-10-13T10:00",
        ),
        # a day past, or no event announced: the report's day
        (
            "Am Dienstag kamen 400 Gäste. Um 10 Uhr will die Ministerin sprechen.",
            "2013-10-11T10:00",
        ),
        ("Am Sonntag regnet es wohl. Um 10 Uhr öffnet das Amt.", "2013-10-11T10:00"),
    ],
)
def test_a_clock_time_after_an_announced_day_is_that_days(text, value):
    assert values(text)["10 Uhr"] == value
