"""Extents found on unseen news (a 10kGNAD audit): counted ranges, adjectives inside a quantity,
race times with seconds. Sentences written for these tests."""

from __future__ import annotations

import pytest

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes


def found(text: str, date: str = "2016-03-16") -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in find_timexes(text, parse_iso(date))}


@pytest.mark.parametrize(
    ("text", "extent"),
    [
        ("Die Reparatur wird zwei bis drei Wochen dauern.", "zwei bis drei Wochen"),
        ("Nach ein oder zwei Tagen meldete sich die Firma.", "ein oder zwei Tagen"),
        ("Das Laden dauert 20-30 Minuten.", "20-30 Minuten"),
        ("In den letzten zehn bis 15 Jahren wuchs der Ort.", "den letzten zehn bis 15 Jahren"),
    ],
)
def test_a_counted_range_is_one_quantity(text, extent):
    assert found(text)[extent][0] == "DURATION"


def test_a_dash_after_a_dateline_starts_no_range():
    assert "Drei Tage später" in found("Linz – Drei Tage später kam die Antwort.")


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Sie blieben drei weitere Jahre in Kanada.", "drei weitere Jahre", "P3Y"),
        (
            "Nach 120 torlosen Minuten entschied das Elfmeterschießen.",
            "120 torlosen Minuten",
            "PT120M",
        ),
        ("Er gewann nach 3:12 zähen Stunden.", "3:12 zähen Stunden", "PT3H12M"),
    ],
)
def test_an_adjective_between_count_and_unit_stays_inside(text, extent, value):
    assert found(text)[extent] == ("DURATION", value)


def test_quantifiers_are_no_such_adjective():
    assert "mehrere Jahre" in found("Ein über mehrere Jahre laufender Vertrag wurde verlängert.")
    assert "ein mehrere Jahre" not in " ".join(found("Durch einen mehrere Jahre laufenden Plan."))


def test_a_race_time_with_seconds_is_one_duration():
    assert found("Sie erreichte das Ziel nach 9:02:17 Stunden.")["9:02:17 Stunden"] == (
        "DURATION",
        "PT9H2M17S",
    )


def test_half_past_after_nach_and_vor_is_a_time():
    assert found("Es war kurz nach halb drei.")["halb drei"][0] == "TIME"
    assert found("Sie kam vor halb neun.")["halb neun"][0] == "TIME"


def test_ex_aequo_is_no_former_office():
    assert "Ex" not in found("Beide wurden Ex-Aequo-Zweite.")
    assert found("Der Ex-Trainer sah zu.")["Ex"] == ("DATE", "PAST_REF")


def test_a_frequency_with_a_hyphenated_count_keeps_it():
    assert found("Er tritt 12-mal jährlich auf.")["12-mal jährlich"] == ("SET", "P1Y")


def test_day_and_month_of_the_year_before_are_one_date():
    assert found("Zuletzt siegte sie am 3. Mai des Vorjahres.")["3. Mai des Vorjahres"] == (
        "DATE",
        "2015-05-03",
    )


def test_the_article_of_a_compound_stays_outside():
    assert "Vorjahres" in found("Dort siegte der Vorjahres-Zweite aus Kenia.")
    assert "der Vorjahres" not in found("Dort siegte der Vorjahres-Zweite aus Kenia.")


def test_in_the_course_of_the_week_names_the_week():
    assert found("Die Minister reisen im Laufe der Woche an.")["der Woche"] == ("DATE", "2016-W11")


def test_millennia_are_durations():
    assert found("Der Brauch entstand vor einem halben Jahrtausend.")["einem halben Jahrtausend"][
        0
    ] == ("DURATION")
    assert found("Die Inschrift ist seit Jahrtausenden verwittert.")["Jahrtausenden"] == (
        "DURATION",
        "PXML",
    )


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Die Hütte ist das ganze Jahr bewirtschaftet.", "das ganze Jahr", "P1Y"),
        ("Er wartete den ganzen Tag auf Nachricht.", "den ganzen Tag", "P1D"),
        ("Der Markt hat während des gesamten Monats offen.", "des gesamten Monats", "P1M"),
    ],
)
def test_a_whole_unit_is_a_duration_of_one(text, extent, value):
    assert found(text)[extent] == ("DURATION", value)


def test_geological_spans_are_written_out_in_years():
    assert found("Die Art entstand vor rund 66 Millionen Jahren.")["66 Millionen Jahren"] == (
        "DURATION",
        "P66000000Y",
    )
    assert found("Der Stern bildete sich vor 1,2 Milliarden Jahren.")["1,2 Milliarden Jahren"] == (
        "DURATION",
        "P1200000000Y",
    )
    assert found("Die Firma zahlte 20 Millionen Euro.") == {}


def test_austrian_and_south_tyrolean_feast_days():
    assert found("Am Stefanitag bleibt das Amt zu.")["Stefanitag"] == ("DATE", "2015-12-26")
    assert found("Zu Maria Himmelfahrt kamen viele Gäste.")["Maria Himmelfahrt"][0] == "DATE"


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Die Bäckerei hat an Sonntagen geschlossen.", "Sonntagen", "XXXX-WXX-7"),
        ("An Wochenenden fährt der Bus seltener.", "Wochenenden", "XXXX-WXX-WE"),
        ("In den Wintermonaten sinkt der Verbrauch.", "Wintermonaten", "P1WI"),
    ],
)
def test_plural_days_and_season_months_recur(text, extent, value):
    assert found(text)[extent] == ("SET", value)


def test_as_soon_as_is_no_future_reference():
    assert found("Er wollte so bald wie möglich abreisen.") == {}
    assert found("Die Brücke wird bald fertig.")["bald"] == ("DATE", "FUTURE_REF")


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Die Schwester kommt jeden zweiten Tag vorbei.", "jeden zweiten Tag", "P2D"),
        ("Das Turnier findet jedes vierte Jahr statt.", "jedes vierte Jahr", "P4Y"),
    ],
)
def test_every_nth_unit_is_a_set(text, extent, value):
    assert found(text)[extent] == ("SET", value)


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("1. Anna Berg (AUT) 25:31,4 Min. (2./3.)", "25:31,4 Min.", "PT25M31.4S"),
        ("2. Lea Ott (SUI) + 9,8 Sek. (4./1.)", "9,8 Sek.", "PT9.8S"),
        ("1. Jo Kamm (GER) 4:12:09,5 Std.", "4:12:09,5 Std.", "PT4H12M9.5S"),
    ],
)
def test_abbreviated_units_of_results_tables(text, extent, value):
    assert found(text)[extent] == ("DURATION", value)


def test_the_day_or_year_last_named():
    result = found("Die Messe begann am 3. Mai. An diesem Tag kamen viele Gäste.")
    assert result["diesem Tag"] == ("DATE", "2015-05-03")
    assert found("Sie zog 2009 nach Graz. Im selben Jahr kam ihr Sohn.")["selben Jahr"] == (
        "DATE",
        "2009",
    )
    assert found("In diesem Jahr wächst die Wirtschaft.")["diesem Jahr"] == ("DATE", "2016")
