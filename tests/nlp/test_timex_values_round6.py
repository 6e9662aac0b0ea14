"""Values of the sixth round: report dates at the turn of the year (Monday 2015-12-28, ISO week
2015-W53, and Monday 2016-01-04, week 2016-W01), checked on unseen 10kGNAD articles. Sentences
written for these tests."""

from __future__ import annotations

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes

OLD_YEAR = "2015-12-28"
NEW_YEAR = "2016-01-04"


def values(text: str, date: str) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, parse_iso(date))}


def test_weeks_cross_the_year_end_as_iso_weeks():
    assert values("Die Messe öffnet kommende Woche.", OLD_YEAR)["kommende Woche"] == "2016-W01"
    assert values("Der Zaun wurde vergangene Woche fertig.", NEW_YEAR) == {
        "vergangene Woche": "2015-W53"
    }
    assert values("Das Depot wurde am Wochenende geleert.", NEW_YEAR)["Wochenende"] == (
        "2015-W53-WE"
    )


def test_months_and_holidays_pick_the_year_from_the_tense_at_the_year_end():
    found = values("Im Jänner soll die neue Brücke für den Verkehr freigegeben werden.", OLD_YEAR)
    assert found["Jänner"] == "2016-01"
    found = values("Im Dezember hatten die Bauern weniger Milch geliefert.", NEW_YEAR)
    assert found["Dezember"] == "2015-12"
    assert values("Zu Silvester wurden im Ort 40 Raketen gezündet.", NEW_YEAR) == {
        "Silvester": "2015-12-31"
    }
    assert values("Der Laden sperrt am 2. Jänner wieder auf.", OLD_YEAR) == {
        "2. Jänner": "2016-01-02"
    }


def test_year_words_count_from_the_report_year_at_the_year_start():
    assert values("Das Museum erwartet heuer mehr Gäste.", NEW_YEAR) == {"heuer": "2016"}
    assert values("Im Vorjahr kamen 900 Besucher.", NEW_YEAR) == {"Vorjahr": "2015"}
    assert values("Der Umbau beginnt nächstes Jahr.", OLD_YEAR) == {"nächstes Jahr": "2016"}


def test_a_perfect_in_a_relative_clause_after_a_preposition_does_not_date_the_main_clause():
    text = "Morgen spielt er am Mittwoch gegen Huber, gegen den er zuletzt dreimal gewonnen hat."
    assert values(text, NEW_YEAR)["Mittwoch"] == "2016-01-06"
    text = "Am Mittwoch spielt er gegen Huber, mit dem er im Vorjahr trainiert hat."
    assert values(text, NEW_YEAR)["Mittwoch"] == "2016-01-06"


def test_a_relative_clause_right_after_the_expression_tells_of_its_day():
    text = "Der Streit begann nach dem 20. März, an dem die neue Satzung in Kraft trat."
    assert values(text, OLD_YEAR)["dem 20. März"] == "2015-03-20"


def test_the_subjunctive_of_a_reported_present_modal_looks_ahead():
    text = "Man dürfe im Frühjahr nicht mit leeren Lagern dastehen, warnte der Obmann."
    assert values(text, NEW_YEAR)["Frühjahr"] == "2016-SP"
    text = "Der Wirt müsse im Juni vor Gericht, sagte sein Anwalt."
    assert values(text, NEW_YEAR)["Juni"] == "2016-06"
    # the preterite of the same modal still tells the past
    text = "Der Wirt musste im Juni vor Gericht, sagte sein Anwalt."
    assert values(text, NEW_YEAR)["Juni"] == "2015-06"


def test_year_start_and_end_compounds_follow_the_tense_as_the_phrases_do():
    found = values("Zu Jahresbeginn soll die neue Gebühr gelten.", OLD_YEAR)
    assert found["Jahresbeginn"] == "2016"
    found = values("Anfang des Jahres soll die neue Gebühr gelten.", OLD_YEAR)
    assert found["Anfang des Jahres"] == "2016"
    assert values("Zu Jahresende waren 300 Lehrer krank.", NEW_YEAR) == {"Jahresende": "2015"}
    assert values("Seit Jahresbeginn kamen 900 Gäste.", OLD_YEAR) == {"Jahresbeginn": "2015"}
    # early in the year, the start of the year just begun
    assert values("Seit Jahresbeginn kamen 90 Gäste.", NEW_YEAR) == {"Jahresbeginn": "2016"}


def test_an_attribute_opened_by_zu_is_dated_by_its_participle():
    text = "Die Händler könnten die zu Jahresbeginn in Kraft getretene Regel bald spüren."
    assert values(text, OLD_YEAR)["Jahresbeginn"] == "2015"


def test_two_verb_phrases_of_one_tense_give_that_tense():
    text = "Die Schule soll zu Jahresende bezugsfertig sein und wird dann vier Millionen gekostet haben."
    assert values(text, NEW_YEAR)["Jahresende"] == "2016"


def test_a_part_of_the_report_month_not_yet_begun_lies_a_year_back_when_told_in_the_past():
    assert values("Die Gruppe ist seit Mitte Jänner unterwegs.", NEW_YEAR) == {
        "Mitte Jänner": "2015-01"
    }
    assert values("Ende Jänner wurde das Lager geräumt.", NEW_YEAR) == {"Ende Jänner": "2015-01"}
    # ahead, or once the part has begun, it is this year's
    assert values("Ende Jänner soll das Lager geräumt werden.", NEW_YEAR) == {
        "Ende Jänner": "2016-01"
    }
    assert values("Ende Jänner wurde das Lager geräumt.", "2016-01-25") == {
        "Ende Jänner": "2016-01"
    }
