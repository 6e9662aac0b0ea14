"""Tense from word forms: weak preterites of every stem shape tell the past, present forms of
t-stems do not, and a "heute" answers only its own clause's tense. Sentences written for these
tests (report date 2016-03-09, a Wednesday)."""

from __future__ import annotations

import pytest

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes

WEDNESDAY = "2016-03-09"
LAST_MONDAY, NEXT_MONDAY = "2016-03-07", "2016-03-14"


def values(text: str, date: str = WEDNESDAY) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, parse_iso(date))}


@pytest.mark.parametrize(
    "verb",
    ["lebten", "spielten", "kauften", "kämpften", "holten", "hörten", "bauten", "dienten"],
)
def test_weak_preterites_of_more_stems_tell_the_past(verb):
    assert values(f"Die Nachbarn {verb} am Montag im Garten.")["Montag"] == LAST_MONDAY


@pytest.mark.parametrize(
    "verb", ["beobachten", "verzichten", "fürchten", "bewerten", "betrachten", "ernten"]
)
def test_present_forms_of_t_stems_are_no_preterites(verb):
    assert values(f"Die Nachbarn {verb} am Montag alles genau.")["Montag"] == NEXT_MONDAY


def test_an_adjective_after_a_preposition_is_no_preterite():
    assert values("Ab Montag handeln sie mit gefälschten Uhren.")["Montag"] == NEXT_MONDAY


def test_today_in_a_present_clause_after_a_past_one_is_the_present():
    text = "Das Lager leert sich. Im Winter wohnten dort 90 Familien, heute sind es nur zwölf."
    assert values(text)["heute"] == "PRESENT_REF"


def test_today_in_a_past_clause_is_the_day():
    text = "Im Winter wohnten dort 90 Familien. Der Gemeinderat hat heute den Abriss beschlossen."
    assert values(text)["heute"] == WEDNESDAY
