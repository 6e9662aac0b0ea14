"""Behaviour of the timex engine and component: what is found, its extent, value and interval."""

from __future__ import annotations

import time

import pytest

from chronik.dates import PartialDate, parse_iso
from chronik.nlp.timex import find_timexes
from chronik.types import Timex


def tx(text: str, date: str | None) -> list[Timex]:
    return find_timexes(text, parse_iso(date) if date else None)


def one(text: str, date: str | None, words: str) -> Timex:
    found = [t for t in tx(text, date) if t.text == words]
    assert found, f"{words!r} not found in {[t.text for t in tx(text, date)]}"
    return found[0]


def test_month_in_a_december_report_is_the_same_years_october():
    t = one("Über die Pläne hatte Lukaschenko bereits im Oktober informiert.", "2022-12", "Oktober")
    assert (t.type, t.value, t.earliest, t.latest) == (
        "DATE",
        "2022-10",
        "2022-10-01",
        "2022-10-31",
    )
    assert t.component == "timex:rules-0.1/month_name"


def test_future_clause_moves_the_month_to_next_year():
    assert (
        one("Der Präsident will im Januar nach Kiew reisen.", "2022-12-07", "Januar").value
        == "2023-01"
    )
    assert (
        one("Er sagte, das Treffen werde im Oktober stattfinden.", "2022-12-07", "Oktober").value
        == "2023-10"
    )


def test_past_clause_takes_last_years_month():
    assert (
        one("Im Januar hatte die Armee die Stadt erobert.", "2022-12-07", "Januar").value
        == "2022-01"
    )
    assert one("Im Dezember war die Lage ruhig.", "2023-01-10", "Dezember").value == "2022-12"


def test_weekday_resolves_to_the_nearest_fitting_day():
    assert (
        one("Die Minister trafen sich am Montag in Minsk.", "2022-12-07", "Montag").value
        == "2022-12-05"
    )
    assert (
        one("Am Freitag will die Regierung entscheiden.", "2022-12-07", "Freitag").value
        == "2022-12-09"
    )
    assert (
        one(
            "Am vergangenen Mittwoch fiel der Strom aus.", "2022-12-07", "vergangenen Mittwoch"
        ).value
        == "2022-11-30"
    )


def test_weekday_near_year_end_crosses_into_the_previous_year():
    t = one("Am Freitag hatte es heftige Kämpfe gegeben.", "2023-01-02", "Freitag")
    assert t.value == "2022-12-30"


def test_weekday_without_a_day_in_the_report_date_stays_underspecified():
    t = one("Am Donnerstag trat er zurück.", "2016", "Donnerstag")
    assert t.value == "2016-WXX-4" and t.approx


def test_present_tense_schedules_a_weekday_and_verbs_of_saying_report_a_past_one():
    assert (
        one(
            "Am Dienstag nimmt der Bundestag seine Arbeit wieder auf.", "2023-12-28", "Dienstag"
        ).value
        == "2024-01-02"
    )
    assert (
        one(
            "Wie die Polizei am Montag mitteilt, wurde niemand verletzt.", "2016-03-09", "Montag"
        ).value
        == "2016-03-07"
    )
    assert (
        one("Seit Montag sind die Schulen geöffnet.", "2016-03-09", "Montag").value == "2016-03-07"
    )


def test_weekday_of_a_named_week():
    t = one(
        "Am Donnerstag vergangener Woche tagten die Minister.",
        "2016-03-10",
        "Donnerstag vergangener Woche",
    )
    assert t.value == "2016-03-03"


def test_clock_time_belongs_to_the_day_the_text_is_telling():
    found = tx(
        "Am Sonntag wurde gewählt. Die Wahllokale schlossen um 23 Uhr. Um 14 Uhr will der Kanzler sprechen.",
        "2019-05-27",
    )
    assert [(t.text, t.value) for t in found] == [
        ("Sonntag", "2019-05-26"),
        ("23 Uhr", "2019-05-26T23:00"),
        ("14 Uhr", "2019-05-27T14:00"),
    ]


def test_yesterday_in_a_month_precision_report_invents_no_day():
    t = one("Gestern wurden zwei Soldaten verletzt.", "2022-12", "Gestern")
    assert t.value == "2022-12-XX"
    assert t.approx and t.earliest == "2022-11-30" and t.latest == "2022-12-30"


def test_no_report_date_keeps_values_relative_and_flagged():
    t = one("Im Oktober begann die Offensive.", None, "Oktober")
    assert t.value == "XXXX-10" and t.approx and t.earliest is None
    assert one("Gestern fiel Schnee.", None, "Gestern").value == "XXXX-XX-XX"


def test_durations_after_vor_are_durations_with_a_derived_interval():
    t = one("Vor drei Tagen wurde er festgenommen.", "2022-12-07", "drei Tagen")
    assert (t.type, t.value, t.earliest, t.latest) == (
        "DURATION",
        "P3D",
        "2022-12-04",
        "2022-12-04",
    )
    span = one("Seit zwei Monaten wird verhandelt.", "2022-12-07", "zwei Monaten")
    assert (span.value, span.earliest, span.latest) == ("P2M", "2022-10-07", "2022-12-07")


def test_past_weeks_end_at_the_report_date():
    t = one(
        "In den vergangenen Wochen fiel oft der Strom aus.", "2022-12-07", "den vergangenen Wochen"
    )
    assert (
        t.type == "DURATION"
        and t.value == "PXW"
        and t.latest == "2022-12-07"
        and t.earliest < "2022-12-01"
    )


def test_modifiers_keep_the_value_and_narrow_the_interval():
    t = one("Mitte Dezember soll die Brücke fertig sein.", "2022-12-07", "Mitte Dezember")
    assert (t.value, t.mod) == ("2022-12", "MID")
    assert t.earliest >= "2022-12-10" and t.latest <= "2022-12-21"
    decade = one("Mitte der 90er-Jahre zog er nach Wien.", "2022-12-07", "Mitte der 90er-Jahre")
    assert (decade.value, decade.mod) == ("199", "MID")


def test_absolute_dates_weeks_and_split_years():
    found = {
        t.text: t.value
        for t in tx(
            "Am 5. Dezember 2022, am 05.12.22 und in KW 49; die Saison 2022/23.", "2022-12-07"
        )
    }
    assert found["5. Dezember 2022"] == "2022-12-05"
    assert found["05.12.22"] == "2022-12-05"
    assert found["KW 49"] == "2022-W49"
    assert found["2022"] == "2022" and found["23"] == "2023"


def test_relative_offsets_count_from_the_last_named_day():
    found = tx("Am 3. März griffen sie an. Zwei Tage später zogen sie ab.", "2022-12-07")
    # a counted offset is a DURATION (KRAUTS); the day it names is its interval
    assert [(t.type, t.value) for t in found] == [("DATE", "2022-03-03"), ("DURATION", "P2D")]
    assert (found[1].earliest, found[1].latest) == ("2022-03-05", "2022-03-05")


def test_sets_and_fuzzy_references():
    found = {
        t.text: (t.type, t.value)
        for t in tx("Jeden Montag und täglich wird demonstriert, derzeit friedlich.", "2022-12-07")
    }
    assert found["Jeden Montag"] == ("SET", "XXXX-WXX-1")
    assert found["täglich"] == ("SET", "P1D")
    assert found["derzeit"] == ("DATE", "PRESENT_REF")


def test_words_that_are_not_timexes():
    text = "Bislang gab es bisher zuletzt keine Einigung; zuvor und danach auch nicht, unterdessen wurde verhandelt."
    assert tx(text, "2022-12-07") == []


@pytest.mark.parametrize(
    "text",
    [
        "Das Spiel endete 3:1 nach Verlängerung.",
        "Der Liter kostet 12.50 Euro, das Kilo 3,99 Euro.",
        "Die Verordnung Nr. 12.5. regelt das.",
        "Das Gesetz tritt am 31. Februar in Kraft.",
        "Rund 2000 Menschen demonstrierten, 1500 Polizisten waren im Einsatz.",
        "Die Zahl stieg um 2000, die Strecke ist 1500 km lang.",
        "Die UN-Resolution 1441 verlangte die Abrüstung.",
    ],
)
def test_numbers_that_look_like_dates_are_not_dates(text):
    assert [t for t in tx(text, "2022-12-07") if t.type == "DATE"] == []


def test_extents_leave_prepositions_out_and_determiners_in():
    texts = {
        t.text
        for t in tx(
            "Am Freitag, seit August, in der vergangenen Woche und im vergangenen Jahr.",
            "2022-12-07",
        )
    }
    assert {"Freitag", "August", "der vergangenen Woche", "vergangenen Jahr"} <= texts


def test_offsets_point_into_the_text():
    text = "Anfang August traf er – übermorgen reist er ab – den Kanzler um 14.30 Uhr."
    for t in tx(text, "2022-12-07"):
        assert text[t.start : t.end] == t.text


def test_very_long_input_does_not_crash_and_stays_fast():
    text = (
        "Am Montag, dem 5. Dezember, trafen sich die Minister. 2000 Menschen kamen 3:1 " * 4000
    ) + "x" * 100_000
    began = time.perf_counter()
    found = find_timexes(text, PartialDate(2022, 12, 7))
    assert len(found) == 4000
    assert (
        time.perf_counter() - began < 30
    )  # linear: a run-on text must not make the tense reading quadratic


@pytest.mark.parametrize(
    "report", [PartialDate(1, 1, 1), PartialDate(9999, 12, 31), PartialDate(1), PartialDate(9999)]
)
def test_report_dates_at_the_ends_of_the_calendar_do_not_crash(report):
    text = "Am Montag, im Oktober, zu Weihnachten, vergangene Woche, vor drei Jahren, zwei Tage später, gestern."
    found = find_timexes(text, report)
    assert "Oktober" in [t.text for t in found]
    assert all(t.value[:4] in (f"{report.year:04d}", "XXXX") or t.type == "DURATION" for t in found)


def test_component_sets_doc_timexes_from_the_report_date():
    from chronik.nlp import pipeline
    from chronik.settings import Settings
    from chronik.types import Report

    nlp = pipeline.build(Settings(disabled=("entities", "events", "claims")))
    report = Report(
        id="r1",
        text="Über die Pläne hatte er im Oktober informiert. Am Montag kam er.",
        date=PartialDate(2022, 12, 7),
    )
    ann = pipeline.analyse(nlp, report)
    assert [(t.text, t.value, t.id) for t in ann.timexes] == [
        ("Oktober", "2022-10", "t1"),
        ("Montag", "2022-12-05", "t2"),
    ]


@pytest.mark.parametrize(
    "value, earliest, latest",
    [
        ("2022-12-XXTEV", "2022-12-01", "2022-12-31"),
        ("2016-WXX-4", "2016-01-01", "2016-12-31"),
        ("2016-W07-WE", "2016-02-20", "2016-02-21"),
        ("2015-WI", "2015-12-01", "2016-02-29"),
        ("2022-Q3", "2022-07-01", "2022-09-30"),
        ("199", "1990-01-01", "1999-12-31"),
        ("18", "1800-01-01", "1899-12-31"),
    ],
)
def test_value_intervals(value, earliest, latest):
    from chronik.nlp.timex.calc import value_range

    span = value_range(value)
    assert span is not None and (span[0].isoformat(), span[1].isoformat()) == (earliest, latest)


def test_values_without_a_year_have_no_interval():
    from chronik.nlp.timex.calc import value_range

    assert value_range("XXXX-10") is None and value_range("PRESENT_REF") is None


def test_heute_is_the_day_in_news_and_the_present_in_essays_and_contrasts():
    news = "Der Landtag tagte am Dienstag. Die Abgeordneten beraten heute über den Haushalt."
    assert one(news, "2016-03-10", "heute").value == "2016-03-10"
    essay = "Früher galt das Land als arm. Ganz allgemein ist es heute reicher als 1950."
    t = one(essay, "2016-03-10", "heute")
    assert (t.value, t.type) == ("PRESENT_REF", "DATE")
    assert t.component.endswith("/relative_day")  # the rule that found it stays in provenance
    assert one(
        "Der Starke von heute ist der Schwache von morgen.", "2016-03-10", "heute"
    ).value == ("PRESENT_REF")
    # an essay naming no day: the lead sentence, a clock time and "bis heute" still mean the day
    assert one("Die Stadt zeigt heute ihre Pläne.", "2016-03-10", "heute").value == "2016-03-10"
    tied = "Das Museum war lange geschlossen. Es öffnet heute um 19.30 Uhr."
    assert one(tied, "2016-03-10", "heute").value == "2016-03-10"
    until = "Der Vertrag wurde 1992 geschlossen. Viele Staaten haben ihn bis heute ratifiziert."
    assert one(until, "2016-03-10", "heute").value == "2016-03-10"


def test_fuzzy_references_as_timeml_tags_them():
    assert one("Die Wahl wird bald entschieden.", "2016-03-10", "bald").value == "FUTURE_REF"
    assert one("Er ist Ex-Minister.", "2016-03-10", "Ex").value == "PAST_REF"
    assert one("Hier war früher ein Markt.", "2016-03-10", "früher").value == "PAST_REF"
    texts = [t.text for t in tx("Er kam früher als erwartet aus Myanmar (früher Birma).", "2016")]
    assert "früher" not in texts
    quiet = "Seinerzeit und vor kurzem, gegenwärtig wie momentan: Jetzt mal langsam."
    assert tx(quiet, "2016-03-10") == []


def test_compound_and_long_durations():
    t = one(
        "Im Ausland lebte er zwei Jahre und sieben Monate.", "2016", "zwei Jahre und sieben Monate"
    )
    assert (t.type, t.value, t.component.split("/")[-1]) == (
        "DURATION",
        "P2Y7M",
        "duration_compound",
    )
    assert one(
        "Er wartete zwei Stunden und 30 Minuten.", "2016", "zwei Stunden und 30 Minuten"
    ).value == ("PT2H30M")
    assert [t.text for t in tx("drei Monate und zwei Jahre", "2016")] == [
        "drei Monate",
        "zwei Jahre",
    ]
    assert one("Er saß 17 lange Jahre in Haft.", "2016", "17 lange Jahre").value == "P17Y"
    assert one("Sie war lange Jahre Ärztin.", "2016", "lange Jahre").value == "PXY"


def test_frequency_adjectives_and_year_after_year_are_sets():
    assert one("Die tägliche Arbeit", "2016", "tägliche").value == "P1D"
    assert one("die monatlichen Gebühren", "2016", "monatlichen").value == "P1M"
    assert tx("Geschäfte des täglichen Bedarfs", "2016") == []
    t = one("Sie fährt Jahr um Jahr mit.", "2016", "Jahr um Jahr")
    assert (t.type, t.value) == ("SET", "P1Y")


def test_yesterday_morning_in_the_old_spelling_is_a_time_that_anchors_clock_times():
    found = tx("Die Fähre legte gestern morgen um 6.45 Uhr in Triest ab.", "2011-03-18")
    assert [(t.text, t.type, t.value) for t in found] == [
        ("gestern morgen", "TIME", "2011-03-17TMO"),
        ("6.45 Uhr", "TIME", "2011-03-17T06:45"),
    ]


def test_midnight_after_a_date_is_no_year_zero():
    found = tx("Am 3. Mai 0 Uhr beginnt es.", "2016-03-10")
    assert [(t.text, t.value) for t in found] == [
        ("3. Mai", "2016-05-03"),
        ("0 Uhr", "2016-05-03T00:00"),
    ]


@pytest.mark.parametrize(
    "text, words, value",
    [
        ("Die Sitzung ist am 30. Februar.", None, None),  # no such day: no timex
        ("Der Zug fährt um 25:00 Uhr ab.", None, None),  # no such hour
        ("Das Gesetz gilt ab 1. Jänner 0.", "1. Jänner", "XXXX-01-01"),  # no year 0
        ("Am 1. Jänner 0 wurde nichts beschlossen.", "1. Jänner", "XXXX-01-01"),
        ("Der Abt starb im Jahr 578 in Irland.", "Jahr 578", "0578"),
        ("Er erzählt vom XIX. Jahrhundert und von Ludwig XIV.", "XIX. Jahrhundert", "18"),
        ("Treffpunkt um 19.30 Uhr am Platz.", "19.30 Uhr", "2016-03-10T19:30"),
        ("Treffpunkt um 19:30h am Platz.", "19:30h", "2016-03-10T19:30"),
        ("Treffpunkt um 7 Uhr 30 am Platz.", "7 Uhr 30", "2016-03-10T07:30"),
    ],
)
def test_bad_and_odd_input_gives_no_timex_or_an_honest_value(text, words, value):
    found = tx(text, "2016-03-10")
    if words is None:
        assert found == []
    else:
        assert [(t.text, t.value) for t in found if t.text == words] == [(words, value)]
    assert all(t.value[:4] not in ("2016", "2015", "2017") or t.type == "TIME" for t in found)


def test_far_years_and_lists_of_numbers_do_not_crash():
    assert tx("Im Jahr 3000 und im Jahr 0 und 29. Februar 2015.", "2016-03-10") == []
    numbers = ", ".join(str(n) for n in range(1, 20_000)) + " Uhr."
    found = find_timexes(numbers, parse_iso("2016-03-10"))
    assert all(numbers[t.start : t.end] == t.text for t in found)
    assert len(found) < 400  # numbers in a list are not all years


def test_year_precision_report_dates_leave_unknown_days_as_x():
    found = {t.text: t.value for t in tx("Am Donnerstag kam er, gestern ging er.", "2016")}
    assert found == {"Donnerstag": "2016-WXX-4", "gestern": "2016-XX-XX"}


def test_years_in_a_range_before_a_noun_are_years_but_counts_are_not():
    text = "Er war von 1999 bis 2008 Professor. Das kostet von 2000 bis 3000 Euro."
    assert [t.value for t in tx(text, "2016-03-10")] == ["1999", "2008"]


def test_ages_are_no_durations_but_a_stated_age_stays_one():
    assert tx("Er fährt ein drei Jahre altes Auto.", "2016") == []
    assert tx("Wählen dürfen alle ab 16 Jahren.", "2016") == []
    assert one("Der Politiker ist 52 Jahre alt.", "2016", "52 Jahre").value == "P52Y"


def test_old_dative_years_seasons_of_a_year_and_the_last_two_years():
    assert one("eine Statistik aus dem Jahre 1910", "2016", "dem Jahre 1910").value == "1910"
    t = one("Er kam im Sommer des Jahres 2005 an.", "2016", "Sommer des Jahres 2005")
    assert t.value == "2005-SU"
    t = one("in den vergangenen beiden Jahren", "2016-03-10", "den vergangenen beiden Jahren")
    assert (t.type, t.value) == ("DURATION", "P2Y")


def test_the_years_as_a_span_and_long_lasting_adjectives():
    t = one("Das waren die Jahre der Krise.", "2016", "die Jahre")
    assert (t.type, t.value) == ("DURATION", "PXY")
    found = tx("Das Haus ist in die Jahre gekommen. Die Jahre 2014 und 2015.", "2016")
    assert [t.text for t in found] == ["2014", "2015"]
    assert one("nach jahrelangen Streitereien", "2016", "jahrelangen").value == "PXY"
    assert one("In diesen Tagen wird entschieden.", "2016", "diesen Tagen").value == "PRESENT_REF"


def test_an_event_called_off_in_the_past_tense_keeps_its_date_ahead():
    text = "Der Veranstalter hat das Konzert am 25. September abgesagt."
    assert one(text, "2015-09-12", "25. September").value == "2015-09-25"
    assert one("Er hat am 3. September gesprochen.", "2015-09-12", "3. September").value == (
        "2015-09-03"
    )


def test_german_present_for_the_future_breaks_a_tie_forward():
    text = "Das Festival findet Anfang November statt."
    assert one(text, "2016-05-25", "Anfang November").value == "2016-11"


def test_von_morgen_is_the_future_in_general():
    t = one("Das sind die Schulen von morgen.", "2016-03-10", "morgen")
    assert (t.value, t.component.split("/")[-1]) == ("FUTURE_REF", "relative_day")
    assert one("Wir reisen morgen ab.", "2016-03-10", "morgen").value == "2016-03-11"


def test_every_clock_time_in_a_chain_of_ranges_is_a_time():
    found = tx(
        "Die Bibliothek hat am Sonntag von 9.15-11 und 13.45-17.30 Uhr offen, heute 15-20 Uhr.",
        "2013-11-30",
    )
    times = [(t.text, t.value) for t in found if t.type == "TIME"]
    assert times == [
        ("9.15", "2013-12-01T09:15"),
        ("11", "2013-12-01T11:00"),
        ("13.45", "2013-12-01T13:45"),
        ("17.30 Uhr", "2013-12-01T17:30"),
        ("15", "2013-11-30T15:00"),
        ("20 Uhr", "2013-11-30T20:00"),
    ]
    assert [t.text for t in tx("Das Spiel endete 2:1 - 20 Uhr war Anpfiff.", "2013-11-30")] == [
        "20 Uhr"
    ]


def test_heutigen_before_a_weekday_stays_outside_and_still_fixes_the_day():
    found = tx("Am heutigen Samstag ist Markt, am gestrigen Freitag war keiner.", "2011-04-30")
    assert [(t.text, t.value, t.component.split("/")[-1]) for t in found] == [
        ("Samstag", "2011-04-30", "relative_day_adjective"),
        ("Freitag", "2011-04-29", "relative_day_adjective"),
    ]
    assert one("am heutigen Tag", "2011-04-30", "heutigen Tag").value == "2011-04-30"


def test_the_week_after_a_named_day_and_a_monthly_weekday():
    found = tx(
        "Die Messe öffnete am 1. Juli. Geschlossen wurde sie in der Woche darauf.", "2013-09-13"
    )
    assert [(t.text, t.value) for t in found] == [
        ("1. Juli", "2013-07-01"),
        ("der Woche darauf", "2013-W28"),
    ]
    t = one("Flohmarkt jeden letzten Samstag im Monat.", "2013", "jeden letzten Samstag im Monat")
    assert (t.type, t.value) == ("SET", "P1M")


def test_heute_after_a_dateline_or_in_a_past_clause_is_the_day():
    led = "BOZEN (lu). Die Landesregierung hat heute den Plan vorgestellt."
    assert one(led, "2013-09-13", "heute").value == "2013-09-13"
    later = "Der Plan ist alt. Der Landtag hat heute den Plan beschlossen."
    assert one(later, "2013-09-13", "heute").value == "2013-09-13"
    generic = "Der Plan war alt. Heute schließen sich die Parteien den Bewegungen an."
    assert one(generic, "2013-09-13", "Heute").value == "PRESENT_REF"  # schließen: no preterite


def test_headlines_in_capitals_are_read_like_text():
    text = (
        "CHRONIK AUS 65 JAHREN - DIE JAHRE VON 1980 BIS 2011\n\nUm 12 Uhr MEZ beginnt der Gipfel."
    )
    found = [(t.text, t.type, t.value) for t in tx(text, "2011-03-03")]
    assert found == [
        ("65 JAHREN", "DURATION", "P65Y"),
        ("DIE JAHRE", "DURATION", "P31Y"),
        ("1980", "DATE", "1980"),
        ("2011", "DATE", "2011"),
        ("12 Uhr MEZ", "TIME", "2011-03-03T12:00"),
    ]
    t = one("EIN ERBE DES VORIGEN JAHRHUNDERTS", "1995-04-07", "VORIGEN JAHRHUNDERTS")
    assert t.value == "18"  # the 1800s


def test_nikolaus_is_a_day_only_after_a_preposition():
    assert tx("Der letzte Zar war Nikolaus der Zweite.", "1997-12-05") == []
    assert one("Die Kinder warten auf den Besuch zu Nikolaus.", "1997-12-05", "Nikolaus").value == (
        "1997-12-06"
    )


def test_in_der_frueh_is_the_morning_of_the_day_told():
    found = tx("Am Montag in der Früh brannte es.", "2014-04-30")
    assert [(t.text, t.type, t.value) for t in found] == [
        ("Montag", "DATE", "2014-04-28"),
        ("der Früh", "TIME", "2014-04-28TMO"),
    ]


def test_a_count_of_units_inside_a_compound_is_a_duration():
    t = one("Die 14-Tage-Frist läuft, der 24-Stunden-Streik auch.", "2016", "14-Tage")
    assert (t.type, t.value) == ("DURATION", "P14D")
    assert one("Der 24-Stunden-Streik", "2016", "24-Stunden").value == "PT24H"
    assert tx("Die 14-Tage Frist", "2016")[0].text == "14-Tage"


def test_quarter_modifiers_capitalised_approximators_and_units_before_dauern():
    t = one("Das gilt bis Ende des ersten Quartals.", "2020-12-21", "Ende des ersten Quartals")
    assert (t.value, t.mod) == ("2021-Q1", "END")
    t = one("Gut einen Monat dauerte der Streik.", "2023-03", "Gut einen Monat")
    assert (t.type, t.value) == ("DURATION", "P1M")
    assert one("Der Wiederaufbau wird Jahre dauern.", "2021", "Jahre").value == "PXY"
    assert one("Die Kabinen sind Monate im Voraus gebucht.", None, "Monate").value == "PXM"


def test_heute_with_a_verb_of_an_event_held_that_day_is_the_day_even_in_an_essay():
    text = "Der Plan war alt. Der Kurs beginnt heute im Saal. Heute findet das Fest statt."
    assert [t.value for t in tx(text, "2014-04-30")] == ["2014-04-30", "2014-04-30"]


def test_von_heute_an_is_the_day_and_a_heute_compound_is_a_name():
    text = "Die Regel ist neu. Sie gilt von heute, dem 1. April, an. Von heute an wird gezählt."
    assert [t.value for t in tx(text, "2016-04-01") if t.text.lower() == "heute"] == [
        "2016-04-01",
        "2016-04-01",
    ]
    assert tx("Die Heute-Plattformen wachsen.", "2016-04-01") == []


def test_ordinal_weeks_count_from_the_last_named_day_and_need_one():
    text = "Start war am 1. Juli. In der ersten Woche gab es Spiele. Motto der dritten Woche war Wasser."
    found = [(t.text, t.value) for t in tx(text, "2013-09-13")]
    assert found == [
        ("1. Juli", "2013-07-01"),
        ("der ersten Woche", "2013-W27"),
        ("der dritten Woche", "2013-W29"),
    ]
    assert tx("In der ersten Woche gab es Streit.", "2013-09-13") == []
    assert [
        t.text for t in tx("Am 1. Juli begann er. In der ersten Woche des Krieges.", "2013")
    ] == ["1. Juli"]


@pytest.mark.parametrize(
    "text",
    [
        "In Minsk soll am Sonntag ein Flugzeug beschädigt worden sein.",
        "Die Gruppe soll am Sonntag zwei Depots angegriffen haben.",
    ],
)
def test_a_weekday_in_hearsay_about_the_past_is_the_last_one(text: str) -> None:
    # 2023-02-27 is a Monday: a perfect infinitive after "soll" reports what already happened
    assert one(text, "2023-02-27", "Sonntag").value == "2023-02-26"


def test_a_weekday_in_a_plain_modal_still_looks_ahead() -> None:
    assert one("Die Gespräche sollen am Sonntag beginnen.", "2023-02-27", "Sonntag").value == (
        "2023-03-05"
    )
