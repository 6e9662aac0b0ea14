"""Extents of timexes: what belongs inside the span and what is no timex at all (TimeML, KRAUTS and
conventions 2.1/2.7). Sentences written for these tests."""

from __future__ import annotations

import pytest

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes


def spans(text: str, date: str = "2014-05-14") -> list[str]:
    return [t.text for t in find_timexes(text, parse_iso(date))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence-initial capital changes nothing about what belongs to the expression
        ("Wenige Monate später zog die Familie nach Linz.", "Wenige Monate später"),
        ("Einige Stunden später meldete sich der Fahrer.", "Einige Stunden später"),
        ("Die vergangenen Tage waren ruhig.", "Die vergangenen Tage"),
        ("Das vergangene Jahr brachte Verluste.", "Das vergangene Jahr"),
        ("Ein halbes Jahr nach der Eröffnung schloss das Lokal.", "Ein halbes Jahr"),
        ("Ein Vierteljahrhundert ist seit der Gründung vergangen.", "Ein Vierteljahrhundert"),
    ],
)
def test_a_capitalised_determiner_or_quantifier_stays_inside(text, expected):
    assert expected in spans(text)


def test_the_lower_case_forms_keep_their_extent():
    assert "wenige Monate später" in spans("Doch wenige Monate später zog die Familie nach Linz.")
    assert "die vergangenen Tage" in spans("Er nutzte die vergangenen Tage zur Erholung.")


@pytest.mark.parametrize(
    "text",
    [
        "Der Komponist starb im Alter von 81 Jahren in seinem Haus.",
        "Gesucht werden Freiwillige im Alter zwischen 18 und 30 Jahren.",
        "Kinder im Alter von bis zu zwölf Jahren fahren gratis.",
    ],
)
def test_an_age_after_alter_von_or_zwischen_is_no_timex(text):
    assert spans(text) == []


def test_a_duration_after_an_age_in_the_same_sentence_is_still_found():
    found = spans("Im Alter von 40 Jahren zog sie nach Graz, wo sie zehn Jahre blieb.")
    assert found == ["zehn Jahre"]


def test_a_period_of_years_after_von_is_a_duration():
    assert spans("Der Vertrag hat eine Laufzeit von 30 Jahren.") == ["30 Jahren"]


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Nach einer zweitägigen Klausur gab es eine Einigung.", "zweitägigen", "P2D"),
        ("Das Seminar endet mit einem einstündigen Vortrag.", "einstündigen", "PT1H"),
        ("Der 14-tägige Kurs ist ausgebucht.", "14-tägige", "P14D"),
        ("Nach mehrstündigen Beratungen vertagte sich der Rat.", "mehrstündigen", "PTXH"),
        ("Die Firma feiert heuer ihr 50-jähriges Bestehen.", "50-jähriges", "P50Y"),
        ("Nach dreijähriger Bauzeit ist die Halle fertig.", "dreijähriger", "P3Y"),
    ],
)
def test_an_adjective_of_length_is_a_duration(text, words, value):
    found = {t.text: (t.type, t.value) for t in find_timexes(text, parse_iso("2014-05-14"))}
    assert found.get(words) == ("DURATION", value)


@pytest.mark.parametrize(
    "text",
    [
        "Der 55-jährige Lehrer wurde zum Obmann gewählt.",
        "Ein zwölfjähriger Bub wurde leicht verletzt.",
        "Der ganztägige Unterricht beginnt im Herbst.",
    ],
)
def test_an_age_or_ganztägig_is_no_duration(text):
    assert [t for t in spans(text) if "ährig" in t or "tägig" in t] == []


def test_the_year_after_a_noun_in_the_genitive_is_the_reports_year():
    found = find_timexes(
        "Der Langläufer wurde zum Sportler des Jahres gekürt.", parse_iso("2012-12")
    )
    assert [(t.text, t.value) for t in found] == [("des Jahres", "2012")]


def test_a_longer_expression_with_des_jahres_keeps_its_extent():
    assert spans("Anfang des Jahres stiegen die Mieten.") == ["Anfang des Jahres"]
    assert spans("Die Preisträgerin des Jahres 1998 sprach zuerst.") == ["des Jahres 1998"]
    assert spans("Trotz des Jahres voller Krisen blieb er ruhig.") == []


def test_heurig_is_this_years():
    found = find_timexes(
        "Bis Ende des heurigen Jahres soll die Halle stehen.", parse_iso("2015-06-10")
    )
    assert [(t.text, t.value) for t in found] == [("Ende des heurigen Jahres", "2015")]
    assert spans("Die Arbeiten beginnen im heurigen Sommer.") == ["heurigen Sommer"]
    assert spans("Der heurige Stresstest war hart.") == []


def test_bis_zu_stays_outside_a_quantity():
    assert spans("Dem Angeklagten drohen bis zu drei Jahre Haft.") == ["drei Jahre"]
    assert spans("Die Reparatur kann bis zu einer Woche dauern.") == ["einer Woche"]


def test_an_age_in_months_is_no_timex():
    assert spans("Die Studie verglich Babys im Alter von bis zu sechs Monaten.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Im Laufe der Jahre wuchs das Dorf.", ["der Jahre"]),
        ("In den Jahren davor war es ruhiger.", ["den Jahren"]),
        ("In all den Jahren fehlte er nie.", ["all den Jahren"]),
        ("Sie war Meisterin der Jahre 2011 und 2012.", ["2011", "2012"]),
        ("Die Villa ist in die Jahre gekommen.", []),
    ],
)
def test_the_years_in_genitive_and_dative(text, expected):
    assert spans(text) == expected


def test_an_uninflected_length_adjective_is_left_alone():
    # "erscheint 14-tägig" tells how often, not how long
    assert spans("Das Blatt erscheint 14-tägig.") == []
