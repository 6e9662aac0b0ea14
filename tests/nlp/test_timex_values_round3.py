"""Values of the third round: the tense of the clause that holds the expression, not of a clause
embedded before it. Sentences written for these tests (report date 2016-03-09, a Wednesday)."""

from __future__ import annotations

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes

WEDNESDAY = "2016-03-09"
LAST_FRIDAY, NEXT_TUESDAY = "2016-03-04", "2016-03-15"


def values(text: str, date: str = WEDNESDAY) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, parse_iso(date))}


def test_main_clause_after_a_relative_clause_keeps_its_present():
    text = "Die Ruderer, die am Freitag in Linz gewonnen hatten, starten am Dienstag in Gmunden."
    found = values(text)
    assert found["Freitag"] == LAST_FRIDAY
    assert found["Dienstag"] == NEXT_TUESDAY


def test_main_clause_after_a_fronted_subordinate_clause_keeps_its_present():
    text = "Nachdem der Chor im Winter pausiert hatte, singt er am Dienstag wieder im Dom."
    assert values(text)["Dienstag"] == NEXT_TUESDAY


def test_report_clause_before_a_present_main_clause_does_not_date_it():
    assert values("Wie die Stadt mitteilte, öffnet das Bad am Dienstag.")["Dienstag"] == (
        NEXT_TUESDAY
    )


def test_verbless_clause_still_takes_the_tense_before_it():
    text = "Das betonte die Bürgermeisterin, Frau Gruber, am Freitag in einer Aussendung."
    assert values(text)["Freitag"] == LAST_FRIDAY


def test_a_score_with_a_colon_does_not_split_the_clause():
    text = "Die Gäste, die am Freitag 1:3 verloren hatten, spielen am Dienstag in Graz."
    assert values(text)["Dienstag"] == NEXT_TUESDAY


NEXT_SUNDAY, LAST_SUNDAY, LAST_MONDAY = "2016-03-13", "2016-03-06", "2016-03-07"


def test_gegen_is_no_participle_that_makes_a_perfect():
    assert values("Am Sonntag ist die Mannschaft gegen Kapfenberg zu Gast.")["Sonntag"] == (
        NEXT_SUNDAY
    )


def test_a_real_participle_with_gegen_still_tells_the_past():
    text = "Die Mannschaft hat am Sonntag gegen Kapfenberg gewonnen."
    assert values(text)["Sonntag"] == LAST_SUNDAY


def test_angesagt_with_sein_is_a_state_ahead():
    text = "Beim Tabellenletzten ist am Sonntag eine Aufholjagd angesagt."
    assert values(text)["Sonntag"] == NEXT_SUNDAY


def test_passive_perfect_of_a_state_participle_tells_the_past():
    assert values("Die Brücke ist am Montag gesperrt worden.")["Montag"] == LAST_MONDAY
    assert values("Die Brücke ist ab Montag gesperrt.")["Montag"] == "2016-03-14"


def test_year_part_compound_with_its_year_is_one_timex():
    found = values("Die Firma hat von Mai bis Jahresende 2015 Verluste geschrieben.")
    assert found["Jahresende 2015"] == "2015"
    assert "2015" not in found
    assert values("Bis Jahresende wird gebaut.")["Jahresende"] == "2016"


def test_a_date_alone_in_brackets_takes_the_near_occurrence_over_a_far_one():
    text = (
        "Der Trainer hat für die Spiele gegen Malta (12. März) und in Wales (16. März) nominiert."
    )
    found = values(text, "2016-03-01")
    assert found["12. März"] == "2016-03-12"
    assert found["16. März"] == "2016-03-16"


def test_a_date_in_brackets_keeps_the_clause_tense_when_both_are_far():
    assert values("Die Jury wird eine Auswahl (11. Oktober) treffen.", "2015-03-08")[
        "11. Oktober"
    ] == ("2015-10-11")


def test_a_ge_participle_before_its_noun_is_no_preterite():
    text = "Die von Frau Berger geleitete Diskussion findet am 21. April statt."
    assert values(text, "2016-03-08")["21. April"] == "2016-04-21"


def test_a_headline_date_before_a_participle_dates_what_it_names():
    assert values("Anfang Juni gegründete Firma meldet Konkurs an.", "2016-03-08")[
        "Anfang Juni"
    ] == ("2015-06")


DAYS = " Am Montag tagte der Rat."  # a report that names days: a bare "heute" is the day


def test_heute_inside_an_attribute_before_a_noun_is_the_present():
    found = values("Die rund 300 heute lebenden Arten sind bedroht." + DAYS)
    assert found["heute"] == "PRESENT_REF"
    found = values("Sie reist mit ihrer heute zwölfjährigen Tochter." + DAYS)
    assert found["heute"] == "PRESENT_REF"


def test_heute_before_a_determiner_or_after_ab_stays_the_day():
    assert values("Er ist ab heute unser Trainer." + DAYS)["heute"] == WEDNESDAY
    assert values("Heute wurde der neue Trainer vorgestellt." + DAYS)["Heute"] == WEDNESDAY


def test_frueher_as_a_comparative_or_after_a_counted_noun_is_no_past_ref():
    assert "früher" not in values("Wenn die Gäste viel früher kommen, warten sie.")
    assert "früher" not in values("Man traf sich eine Runde früher wieder.")
    assert values("Der Minister war früher Lehrer.")["früher"] == "PAST_REF"


def test_a_story_told_in_a_year_long_past_keeps_its_months():
    text = "1956 floh die Familie über die Grenze. Im November erreichte sie Wien."
    assert values(text, "2006-03-08")["November"] == "1956-11"
    text = "1956 floh die Familie. Am 4. November kam sie an. Zwei Tage später, am 6. November, ging sie."
    found = values(text, "2006-03-08")
    assert found["4. November"] == "1956-11-04"
    assert found["6. November"] == "1956-11-06"


def test_background_and_ongoing_years_do_not_open_a_story():
    # the pluperfect tells what came before the story; "seit" reaches the report's present
    text = "Er hatte 1990 eine Wohnung gekauft. Im November musste er sie räumen."
    assert values(text, "2006-03-08")["November"] == "2005-11"
    text = "Sie regiert seit 1990 das Land. Im November feierte sie ein Jubiläum."
    assert values(text, "2006-03-08")["November"] == "2005-11"
    text = "Sie siegte 1990 und zwölf Jahre später wieder. Im November verlor sie."
    assert values(text, "2006-03-08")["November"] == "2005-11"


def test_clock_times_of_a_habit_bounded_by_a_day_stay_habitual():
    text = "Die Ausstellung ist bis 15. Jänner täglich von 10 bis 18 Uhr geöffnet."
    found = values(text, "2013-11-30")
    assert found["10"] == "XXXX-XX-XXT10:00"
    assert found["18 Uhr"] == "XXXX-XX-XXT18:00"
    text = "Am 15. Jänner ist das Museum ausnahmsweise von 10 bis 18 Uhr geöffnet."
    assert values(text, "2013-11-30")["18 Uhr"] == "2014-01-15T18:00"


def test_numbers_before_a_counted_noun_are_amounts_not_years():
    assert values("Eine Reparatur kostet 1500 bis 2000 Euro.") == {}
    assert values("Zwischen 1500 und 2000 Menschen kamen zum Fest.") == {}
    found = values("Er war von 1998 bis 2002 Bürgermeister.")
    assert (found["1998"], found["2002"]) == ("1998", "2002")


def test_the_second_weekday_of_a_pair_follows_the_first():
    # told on a Tuesday: "Dienstag" alone would be the report's day
    found = values("Das Turnier geht am Sonntag und Dienstag weiter.", "2016-03-08")
    assert (found["Sonntag"], found["Dienstag"]) == ("2016-03-13", "2016-03-15")
    found = values("Am Freitag und Samstag demonstrierten Tausende.")
    assert (found["Freitag"], found["Samstag"]) == (LAST_FRIDAY, "2016-03-05")


def test_in_der_zukunft_gegenwart_vergangenheit_keep_the_preposition_outside():
    assert values("In der Gegenwart zählt nur der Erfolg.")["der Gegenwart"] == "PRESENT_REF"
    assert values("Das liegt noch weit in der Zukunft.")["der Zukunft"] == "FUTURE_REF"
    assert values("In der Vergangenheit war das anders.")["der Vergangenheit"] == "PAST_REF"
    assert values("In der Vergangenheit des Dorfes gab es Streit.") == {}


def test_two_spaces_after_the_day_still_make_a_date():
    assert values("Die Frist endet am 30.  Juni.", "2015-06-19")["30.  Juni"] == "2015-06-30"


def test_a_present_perfect_after_wenn_is_done_by_a_time_ahead():
    text = "Wenn der Vertrag am Montag unterschrieben ist, beginnt die Arbeit."
    assert values(text, "2015-06-19")["Montag"] == "2015-06-22"
    text = "Wenn er am Montag angekommen war, rief er an."
    assert values(text, "2015-06-19")["Montag"] == "2015-06-15"


def test_people_between_two_counts_of_years_are_an_age_range():
    assert values("Schüler zwischen 14 und 18 Jahren dürfen teilnehmen.") == {}
    assert values("Die Haftstrafen zwischen 2 und 5 Jahren wurden bestätigt.")["5 Jahren"] == "P5Y"


def test_a_weekend_counted_is_a_duration_the_weekend_a_date():
    assert values("Es war ein Wochenende zum Vergessen.")["ein Wochenende"] == "P1WE"
    assert values("Sie blieben zwei Wochenenden in Graz.")["zwei Wochenenden"] == "P2WE"
    assert values("Am Wochenende spielte die Mannschaft.")["Wochenende"] == "2016-W09-WE"


def test_eingeplant_with_sein_is_a_state_ahead():
    assert values("Der Termin ist am 12. April eingeplant.", "2016-03-08")["12. April"] == (
        "2016-04-12"
    )


def test_a_ge_preterite_before_its_object_still_tells_the_past():
    text = "Die Regierung genehmigte Waffenlieferungen am Montag."
    assert values(text, "2016-03-08")["Montag"] == "2016-03-07"


def test_gefallen_after_ist_is_still_a_perfect():
    assert values("Die Entscheidung ist am Montag gefallen.")["Montag"] == "2016-03-07"
