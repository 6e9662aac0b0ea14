"""Which way a weekday, day or month without a year points: the clause's tense, an attribute's
participle, a preposition, an attribution. Sentences written for these tests (report date
2016-03-09, a Wednesday)."""

from __future__ import annotations

import pytest

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes

WEDNESDAY = "2016-03-09"


def values(text: str, date: str = WEDNESDAY) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, parse_iso(date))}


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        # a past participle in the attribute: done; a present participle: ahead
        ("Die am Montag vorgestellte Studie sorgt für Streit.", "Montag", "2016-03-07"),
        ("Ein am Freitag nach Brüssel geschickter Brief blieb liegen.", "Freitag", "2016-03-04"),
        ("Der am Freitag beginnende Parteitag wird lange dauern.", "Freitag", "2016-03-11"),
        ("Das am 30. Juni auslaufende Abkommen wird verlängert.", "30. Juni", "2016-06-30"),
        ("Die im Oktober gewählte Bürgermeisterin tritt an.", "Oktober", "2015-10"),
    ],
)
def test_an_attribute_participle_gives_the_direction(text, words, value):
    assert values(text)[words] == value


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Die Grünen warnten am Freitag vor dem Plan.", "Freitag", "2016-03-04"),
        ("Der Bericht, der am Dienstag der Agentur vorlag, ist lang.", "Dienstag", "2016-03-08"),
        ("Der Minister übte am Montag scharfe Kritik.", "Montag", "2016-03-07"),
    ],
)
def test_preterites_of_more_shapes_tell_the_past(text, words, value):
    assert values(text)[words] == value


def test_an_attribution_with_so_reports_a_past_day():
    text = "Das Angebot gelte weiter, so die Sprecherin am Montag in einer Aussendung."
    assert values(text)["Montag"] == "2016-03-07"


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Ab Montag gilt die neue Regel.", "Montag", "2016-03-14"),
        ("Bis Freitag bleibt die Brücke gesperrt.", "Freitag", "2016-03-11"),
        ("Bis Freitag hatten sich 300 Freiwillige gemeldet.", "Freitag", "2016-03-04"),
        ("Ab Dienstag schlossen die Nachbarn ihre Grenzen.", "Dienstag", "2016-03-08"),
        ("Die Straße ist bis Freitag gesperrt.", "Freitag", "2016-03-11"),
        ("Bis Mitte April müssen die Länder die Zahlen bestätigen.", "Mitte April", "2016-04"),
        ("Dort sind bis Freitag bereits 35 Anzeigen eingelangt.", "Freitag", "2016-03-04"),
        (
            "Von Jahresbeginn bis 31. Jänner wurden 900 Anträge gestellt.",
            "31. Jänner",
            "2016-01-31",
        ),
        ("Seit Montag fahren die Züge wieder.", "Montag", "2016-03-07"),
        ("Gibt es bis zum 21. April keinen Vertrag, wird geklagt.", "21. April", "2016-04-21"),
        ("Bis zum 1. Februar hatten sich 300 gemeldet.", "1. Februar", "2016-02-01"),
    ],
)
def test_ab_and_bis_look_ahead_unless_the_clause_tells_the_past(text, words, value):
    assert values(text)[words] == value


def test_a_sunday_paper_is_no_day():
    found = values("Der Minister sagte der Welt am Sonntag, er bleibe im Amt.")
    assert "Sonntag" not in found
    assert values("Der Minister sagte am Sonntag, er bleibe im Amt.")["Sonntag"] == "2016-03-06"


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        # a clause without a verb takes the nearest clause before it that has one
        (
            "„Wir zahlen alles zurück“, versicherte die Leiterin der Bank, Eva Huber, am Sonntag "
            "in einer Aussendung.",
            "Sonntag",
            "2016-03-06",
        ),
        # a short aside in brackets belongs to its clause
        (
            "Der Verein, der den Trainer am Dienstag (15 Uhr) in Graz vorstellen wird, schweigt.",
            "Dienstag",
            "2016-03-15",
        ),
        ("Das meldeten die Zeitung (Samstag) und das Radio.", "Samstag", "2016-03-05"),
        # "-te" after "Das" is a verb when a subject follows
        ("Das bestätigte der Sprecher am Dienstag.", "Dienstag", "2016-03-08"),
        # a planned event in an attribute lies ahead
        ("Die am Montag geplante Sitzung fällt aus.", "Montag", "2016-03-14"),
        # "verteilt sein" is a state, not a perfect: the match lies ahead
        (
            "Die Rollen beim Spiel am Samstag könnten kaum klarer verteilt sein.",
            "Samstag",
            "2016-03-12",
        ),
        ("Der Mann soll am Sonntag nach Wien gekommen sein.", "Sonntag", "2016-03-06"),
    ],
)
def test_clause_neighbours_asides_and_states(text, words, value):
    assert values(text)[words] == value


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        # the weekday fixes the year
        ("Der Sender zeigt am Freitag, den 4. September die erste Folge.", None, "2015-09-04"),
        ("Die Rundfahrt begann am Montag, dem 2. Mai, in Bergen.", None, "2016-05-02"),
        # "vom" dates a thing to a day already past, "vom … an" opens a stretch ahead
        ("Das Urteil des Gerichts vom 2. Juli ist rechtskräftig.", "2. Juli", "2015-07-02"),
        ("Die Angeklagten stehen vom 26. April an vor Gericht.", "26. April", "2016-04-26"),
        ("Die Runde beginnt in der Woche vom 25. April.", "25. April", "2016-04-25"),
        ("Die Zahlen von Februar überraschten.", "Februar", "2016-02"),
        # "zum" sets a date ahead, unless the clause tells the past
        ("Der Chef scheide zum 30. April aus, teilte die Firma mit.", "30. April", "2016-04-30"),
        ("Die Regel wurde zum 1. Jänner eingeführt.", "1. Jänner", "2016-01-01"),
        # a count after the date is no year
        ("Das Amt registrierte am 21. Mai 3.900 Personen.", "21. Mai", "2015-05-21"),
    ],
)
def test_weekdays_fix_years_and_prepositions_direct_dates(text, words, value):
    found = values(text)
    if words is None:
        assert value in found.values()
    else:
        assert found[words] == value


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        (
            "Die WM in Katar 2022 (20. November bis 18. Dezember) findet im Winter statt.",
            "18. Dezember",
            "2022-12-18",
        ),
        ("Im Sommer 2014 kamen schon bis Ende Juni viele Gäste.", "Ende Juni", "2014-06"),
        ("1970 – Der im August verunglückte Fahrer wird Weltmeister.", "August", "1970-08"),
        # another clause, or against the clause's tense: the report's year decides
        (
            "Der Bezirk wird ab 2017 aufgelöst, wie das Land im Herbst bekanntgab.",
            "Herbst",
            "2015-FA",
        ),
        ("2012 stieg der Umsatz. Im Oktober sank er.", "Oktober", "2015-10"),
    ],
)
def test_a_year_spelled_out_just_before_holds_for_the_clause(text, words, value):
    assert values(text)[words] == value


@pytest.mark.parametrize(
    ("text", "words", "value", "date"),
    [
        # an event announced in the present lies ahead unless its last occurrence is far nearer
        (
            "Das Dorffest findet am 15. August, zu Maria Himmelfahrt, statt.",
            "15. August",
            "2014-08-15",
            "2014-02-13",
        ),
        ("Die Tagung findet am 10. Februar statt.", "10. Februar", "2014-02-10", "2014-02-13"),
        # "ist … geschlossen" is a state, "hat … geschlossen" a perfect
        ("Zu Ostern ist das Lokal geschlossen.", "Ostern", "2014-04-20", "2014-02-13"),
        ("Das Lokal hat zu Ostern geschlossen.", "Ostern", "2013-03-31", "2014-02-13"),
    ],
)
def test_announced_events_and_states_look_ahead(text, words, value, date):
    assert values(text, date)[words] == value
