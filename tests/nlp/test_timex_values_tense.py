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


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        # a report dated 2016 only: a past November most likely lies in 2015, a past March in
        # 2016; a coming February most likely in 2017, a coming October in 2016
        ("Im November hatte der Verband neue Regeln beschlossen.", "November", "2015-11"),
        ("Im März hatte der Verband neue Regeln beschlossen.", "März", "2016-03"),
        ("Der Verband will im Februar neue Regeln beschließen.", "Februar", "2017-02"),
        ("Der Verband will im Oktober neue Regeln beschließen.", "Oktober", "2016-10"),
        ("Am 12. Dezember war die Halle abgebrannt.", "12. Dezember", "2015-12-12"),
    ],
)
def test_a_month_in_a_report_dated_by_year_takes_the_likelier_year(text, words, value):
    assert values(text, "2016")[words] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Am Montag sollen die Arbeiten abgeschlossen sein.", NEXT_MONDAY),  # a state ahead
        ("Der Wanderer soll am Montag ins Tal gestiegen sein.", LAST_MONDAY),  # hearsay, past
        ("Die Scheune soll am Montag abgebrannt sein.", LAST_MONDAY),
        ("Der Dieb soll am Montag den Laden überfallen haben.", LAST_MONDAY),
        ("Der Dieb dürfte am Montag den Laden überfallen haben.", LAST_MONDAY),
        # "werden" alone with a perfect infinitive: the future perfect
        ("Bis Montag wird die Firma die Halle geräumt haben.", NEXT_MONDAY),
    ],
)
def test_a_modal_with_participle_and_sein_is_past_only_for_verbs_of_motion_and_change(text, value):
    assert values(text)["Montag"] == value


@pytest.mark.parametrize(
    ("text", "date", "value"),
    [
        ("Ende des Jahres war der Vertrag unterzeichnet worden.", "2014-01-13", "2013"),
        ("Anfang des Jahres soll die neue Schule öffnen.", "2014-12-28", "2015"),
        ("Ende des Monats wurde der Vertrag unterzeichnet.", "2014-12-02", "2014-11"),
        ("Anfang des Jahres wurde die Schule eröffnet.", "2014-06-10", "2014"),
        ("Seit Anfang des Monats steigen die Preise.", "2014-12-28", "2014-12"),
        ("Die Trainerin erhielt einen Vertrag bis Ende des Jahres.", "2014-01-13", "2014"),
    ],
)
def test_the_tense_picks_the_year_or_month_whose_part_is_meant(text, date, value):
    assert next(iter(values(text, date).values())) == value
