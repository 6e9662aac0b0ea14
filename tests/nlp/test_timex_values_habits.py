"""A month, season or day of a month in a clause that tells a habit is any such one (TimeML
`XXXX-…`); a custom told in the past is that year's. Sentences written for these tests (report
date 2016-03-09)."""

from __future__ import annotations

import pytest

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes


def values(text: str, date: str = "2016-03-09") -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, parse_iso(date))}


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Der Hersteller zeigt seine neuen Modelle stets im Herbst.", "Herbst", "XXXX-FA"),
        ("Die Preise steigen üblicherweise im Dezember.", "Dezember", "XXXX-12"),
        ("Das Dorffest findet jedes Jahr im Juli statt.", "Juli", "XXXX-07"),
        ("Die Kapelle spielt traditionell am 15. August.", "15. August", "XXXX-08-15"),
    ],
)
def test_a_month_in_a_habit_is_any_such_month(text, words, value):
    assert values(text)[words] == value


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Wie jedes Jahr fand das Dorffest im Juli statt.", "Juli", "2015-07"),
        ("Im Herbst stellte der Hersteller seine Modelle vor.", "Herbst", "2015-FA"),
        (
            "Im vergangenen Sommer spielte die Kapelle meist im Freien.",
            "vergangenen Sommer",
            "2015-SU",
        ),
    ],
)
def test_one_occurrence_keeps_its_year(text, words, value):
    assert values(text)[words] == value
