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


def test_a_part_of_a_dated_day_lets_later_words_count_from_that_day():
    text = (
        "Am Abend des 4. Mai 2009 stürzte die Brücke ein. Am selben Tag trat der Minister zurück."
    )
    assert values(text)["selben Tag"] == "2009-05-04"
    text = "Am Morgen des 4. Mai 2009 begann die Räumung. Drei Tage später war sie zu Ende."
    found = {t.text: t for t in find_timexes(text, parse_iso(SATURDAY))}
    assert found["Drei Tage später"].earliest == "2009-05-07"


def test_a_condition_inside_delivery_hours_is_every_such_day():
    text = "Geliefert wird von Montag bis Freitag zwischen 9 und 18 Uhr, sofern bis 14 Uhr bezahlt wurde."
    assert values(text)["14 Uhr"] == "XXXX-XX-XXT14:00"


def test_a_past_clause_of_opening_hours_without_a_condition_is_a_day():
    text = "Das Amt war von Montag bis Freitag offen, am Samstag wurde um 14 Uhr geschlossen."
    assert values(text)["14 Uhr"] == "2015-10-17T14:00"


def test_a_bare_month_after_a_month_and_a_slash_or_a_noun_of_months():
    assert values("Die Tarife für März/April stehen fest.")["April"] == "2016-04"
    found = values("In den Wintermonaten Jänner und Februar lag viel Schnee.")
    assert found["Jänner"] == "2015-01" and found["Februar"] == "2015-02"


def test_a_bare_month_name_without_such_words_is_no_month():
    assert "April" not in values("Die Sängerin April trat gestern auf.")


def test_zu_mittag_is_noon_of_the_day_told():
    text = "Am Donnerstag tagte der Rat. Zu Mittag stimmten die Abgeordneten ab."
    assert values(text)["Mittag"] == "2015-10-15TMI"
    assert "Abend" not in values("Er lud sie zu Abend ein.")


def test_a_relative_clause_in_the_past_does_not_date_the_main_clause():
    text = (
        "Im Finale (12. Februar) treffen Linz und Graz, das im Halbfinale Wien geschlagen hatte,"
        " aufeinander."
    )
    assert values(text)["12. Februar"] == "2016-02-12"
    text = "Im Finale am 12. Februar siegte Graz, das zuvor Wien geschlagen hatte."
    assert values(text)["12. Februar"] == "2015-02-12"


def test_what_is_done_before_an_event_names_the_events_day_ahead():
    text = "Vor dem Derby am Dienstag lobte der Trainer den Gegner."
    assert values(text)["Dienstag"] == "2015-10-20"
    text = "Mit Blick auf das Treffen am Montag sagte die Ministerin ihre Reise ab."
    assert values(text)["Montag"] == "2015-10-19"


def test_a_place_before_a_day_does_not_look_ahead():
    text = "Er stand vor dem Landesgericht am Dienstag und wurde verurteilt."
    assert values(text)["Dienstag"] == "2015-10-13"


def test_weekend_told_ahead_on_a_saturday_is_this_weekend():
    assert values("Der Stürmer soll am Wochenende wieder spielen.")["Wochenende"] == "2015-W42-WE"
    sunday = values("Der Stürmer soll am Wochenende wieder spielen.", "2015-10-18")
    assert sunday["Wochenende"] == "2015-W43-WE"


def test_a_weekend_in_a_habit_is_every_weekend():
    text = "Die Tafel wird an Wochentagen dreimal, am Wochenende nur einmal täglich gewischt."
    found = {t.text: (t.type, t.value) for t in find_timexes(text, parse_iso(SATURDAY))}
    assert found["Wochenende"] == ("SET", "XXXX-WXX-WE")


def test_the_pluperfect_subjunctive_tells_a_time_already_past():
    assert values("Fast wäre dem Verein am Dienstag ein Sieg gelungen.")["Dienstag"] == "2015-10-13"
    assert values("Beinahe hätte sie im März gewonnen.")["März"] == "2015-03"


def test_heute_in_what_would_have_been_stays_the_present_in_general():
    text = "Der Pfad ist alt. Ohne Karte hätte man selbst heute den Weg nicht gefunden."
    assert values(text)["heute"] == "PRESENT_REF"


def test_each_verb_phrase_joined_by_und_dates_its_own_expression():
    text = "Der Trainer wurde am Dienstag vorgestellt und soll am Sonntag sein erstes Spiel leiten."
    found = values(text)
    assert found["Dienstag"] == "2015-10-13" and found["Sonntag"] == "2015-10-18"


def test_bald_in_a_past_story_is_soon_after_and_no_timex():
    assert "Bald" not in values("Der Hund lief weg. Bald fand ihn ein Nachbar im Wald.")
    assert values("Die Preise sollten bald sinken.")["bald"] == "FUTURE_REF"
    assert values("Der Tunnel wird bald eröffnet.")["bald"] == "FUTURE_REF"


def test_a_year_after_a_compound_that_opens_with_a_number():
    assert values("Er wurde Formel 1-Weltmeister 1982 in Las Vegas.")["1982"] == "1982"
    assert "2000" not in values("Die Firma verkaufte 3 2000 Stück.")


def test_a_small_hours_end_after_an_evening_start_is_the_next_day():
    text = "Das Fest dauert am Samstag von 21 Uhr bis 3 Uhr."
    assert values(text)["3 Uhr"] == "2015-10-18T03:00"
    assert values("Am Samstag ist das Amt von 8 bis 11 Uhr offen.")["11 Uhr"] == "2015-10-17T11:00"
