"""Detection and extents from a second unseen-text audit (10kGNAD): ages after "mit", "bald" before
an age, clock times without "Uhr", a weekday with a numeric day, half counts, "in der nächsten
Zeit". Sentences written for these tests."""

from __future__ import annotations

import pytest

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes


def found(text: str, date: str = "2015-10-17") -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in find_timexes(text, parse_iso(date))}


@pytest.mark.parametrize(
    "text",
    [
        "Der Dichter ist mit 91 Jahren in Graz gestorben.",
        "Mit 16 Jahren verließ sie das Dorf.",
        "Sie ist mit erst 24 Jahren die jüngste Ministerin.",
    ],
)
def test_an_age_after_mit_is_no_duration(text):
    assert not any(v[0] == "DURATION" for v in found(text).values())


def test_years_after_mit_before_a_noun_stay_a_duration():
    assert found("Die Brücke wurde mit zwei Jahren Verspätung eröffnet.")["zwei Jahren"] == (
        "DURATION",
        "P2Y",
    )


def test_bald_before_an_age_means_almost():
    assert found("Der bald 90-jährige Maler stellt wieder aus.") == {}
    assert found("Die Ausstellung wird bald eröffnet.")["bald"] == ("DATE", "FUTURE_REF")


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Die Messe beginnt um 19.30 in der Pfarrkirche.", "19.30", "2015-10-17T19:30"),
        ("Spielplan: Sonntag, 17.30: Linz gegen Graz.", "17.30", "2015-10-18T17:30"),
        ("Der Film läuft im Ersten. Bis 23.25, danach Nachrichten.", "23.25", "2015-10-17T23:25"),
        ("Einlass ist ab 19.45 im Foyer.", "19.45", "2015-10-17T19:45"),
    ],
)
def test_a_clock_time_without_uhr_after_um_or_a_weekday(text, extent, value):
    assert found(text)[extent] == ("TIME", value)


@pytest.mark.parametrize(
    "text",
    [
        "Der Preis stieg um 1.30 Euro.",
        "Die Gebühr gilt ab 2.50 Euro.",
        "Die Quote stieg bis 2.30 Prozentpunkte.",
        "Die Aktie fiel um 2.15 Prozent.",
        "Am Sonntag, 20.15 Punkte über dem Vortag, schloss die Börse.",
    ],
)
def test_a_number_after_um_before_a_unit_is_no_clock_time(text):
    assert not any(v[0] == "TIME" for v in found(text).values())


def test_a_weekday_with_day_and_month_is_one_date():
    result = found("Die Wiederholung läuft am Donnerstag, 18.6 um 21 Uhr.", "2015-06-10")
    assert result["Donnerstag, 18.6"] == ("DATE", "2015-06-18")
    assert result["21 Uhr"] == ("TIME", "2015-06-18T21:00")


def test_a_weekday_with_a_quarter_hour_stays_weekday_and_time():
    result = found("Die Folge läuft am Sonntag, 20.15 Uhr im Ersten.")
    assert "Sonntag" in result and result["20.15 Uhr"][0] == "TIME"


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Die Verhandlung dauerte sechseinhalb Stunden.", "sechseinhalb Stunden", "PT6.5H"),
        ("Er saß achteinhalb Jahre in Haft.", "achteinhalb Jahre", "P8.5Y"),
    ],
)
def test_half_counts_above_five(text, extent, value):
    assert found(text)[extent] == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "extent"),
    [
        ("Das wird sich in der nächsten Zeit entscheiden.", "der nächsten Zeit"),
        ("In nächster Zeit bleibt der Saal zu.", "In nächster Zeit"),
    ],
)
def test_the_coming_time_is_future_ref(text, extent):
    assert found(text)[extent] == ("DATE", "FUTURE_REF")


@pytest.mark.parametrize(
    "text",
    [
        "Die Umweltorganisation Global 2000 warnte vor dem Pestizid.",
        "Er siegte beim Masters-1000-Turnier in Madrid.",
        "Das Gerät läuft mit Android 6.1. Der Akku hält lange.",
        "Windows 10 kann seit Build 1607 das Update laden.",
    ],
)
def test_numbers_in_names_and_versions_are_no_dates(text):
    assert found(text) == {}


def test_a_year_after_a_name_word_is_still_a_year():
    assert found("Die Wahl 2013 brachte eine Wende.")["2013"] == ("DATE", "2013")


def test_per_night_is_a_set_without_its_preposition():
    assert found("Das Zimmer kostet 80 Euro pro Nacht.") == {"Nacht": ("SET", "PTNI")}


def test_a_speed_is_no_recurring_hour():
    assert found("Der Zug fuhr mit 80 Kilometern pro Stunde.") == {}
    assert found("Der Lohn liegt bei zwölf Euro pro Stunde.") == {"Stunde": ("SET", "PT1H")}
