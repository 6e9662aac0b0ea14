"""Frequencies after a quantity, fuzzy references to a past stretch, and a day named with its year
after "im Jahr". Sentences written for these tests."""

from __future__ import annotations

import pytest

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes


def found(text: str, date: str = "2016-03-09") -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in find_timexes(text, parse_iso(date))}


def interval(text: str, date: str, words: str) -> tuple[str, str, str | None, str | None]:
    """Type, value and interval of the timex with these words: a counted offset ("zwei Tage
    später") is a DURATION whose interval is the day it names."""
    (t,) = [t for t in find_timexes(text, parse_iso(date)) if t.text == words]
    return t.type, t.value, t.earliest, t.latest


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Das Heim nimmt 300 Kinder im Jahr auf.", "im Jahr", "P1Y"),
        ("Die Karte kostet zwölf Euro im Monat.", "im Monat", "P1M"),
        ("Sie trainiert vier Stunden am Tag.", "am Tag", "P1D"),
        ("Der Bus fährt 20 Mal in der Woche.", "20 Mal in der Woche", "P1W"),
    ],
)
def test_a_unit_after_a_quantity_is_a_frequency(text, words, value):
    assert found(text)[words] == ("SET", value)


@pytest.mark.parametrize(
    "text",
    [
        "Sie kamen 2015 im Jahr 2016 wieder.",
        "Er kam 3 Tage vorher am Tag der Wahl an.",
        "Die Firma hatte 40 Angestellte im Jahr darauf.",
    ],
)
def test_a_unit_with_its_own_date_is_no_frequency(text):
    assert all(kind != "SET" for kind, _ in found(text).values())


def test_the_past_stretch_is_a_past_reference_without_its_preposition():
    assert found("In der vergangenen Zeit scheiterten viele Pläne.")["der vergangenen Zeit"] == (
        "DATE",
        "PAST_REF",
    )


def test_a_day_named_with_im_jahr_takes_that_year():
    assert found("Am 5. Mai im Jahr 1990 kam er an.")["5. Mai im Jahr 1990"] == (
        "DATE",
        "1990-05-05",
    )


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Die Alten reden gern über die Vergangenheit.", "die Vergangenheit", "PAST_REF"),
        ("Anders als zur Vergangenheit zahlen sie Steuern.", "Vergangenheit", "PAST_REF"),
        ("Viele Anleger sehen die Zukunft düster.", "die Zukunft", "FUTURE_REF"),
        ("Nun soll die Gegenwart zählen.", "die Gegenwart", "PRESENT_REF"),
    ],
)
def test_the_past_present_and_future_as_times(text, words, value):
    assert found(text)[words] == ("DATE", value)


@pytest.mark.parametrize(
    "text",
    [
        "Die Zukunft des Werks ist offen.",
        "Pläne für die Zukunft gibt es viele.",
        "Ihre Zukunft ist ungewiss.",
    ],
)
def test_a_prospect_or_a_genitive_future_is_no_time(text):
    assert not any("Zukunft" in words for words in found(text))


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Bekannt wurde es erst am Abend des 2. Jänner.", "Abend des 2. Jänner", "2016-01-02TEV"),
        ("In der Nacht zum 3. März brannte ein Stall.", "der Nacht zum 3. März", "2016-03-02TNI"),
        ("Gefeiert wurde in der Nacht auf den 1. Jänner 2015.", None, "2014-12-31TNI"),
    ],
)
def test_a_part_of_a_named_day_is_that_days_time(text, words, value):
    times = {w: v for w, (kind, v) in found(text).items() if kind == "TIME"}
    assert value in times.values()
    if words:
        assert times[words] == value


def test_a_part_of_an_impossible_day_is_no_timex():
    assert found("Am Morgen des 31. Februar geschah nichts.") == {}


def test_a_part_of_day_after_a_vague_past_time_has_no_known_day():
    text = "Vor einigen Tagen stoppten Zöllner in den frühen Morgenstunden einen Lastwagen."
    assert found(text, "2013-12-17")["den frühen Morgenstunden"] == ("TIME", "2013-12-XXTMO")


def test_days_ago_name_a_day_that_later_times_count_from():
    text = "Vor zwei Tagen stoppten Zöllner am Abend einen Lastwagen. Einen Tag später kam er frei."
    times = found(text, "2013-12-17")
    assert times["Abend"] == ("TIME", "2013-12-15TEV")
    assert times["Einen Tag später"] == ("DURATION", "P1D")
    assert interval(text, "2013-12-17", "Einen Tag später")[2] == "2013-12-16"


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Sie gab nach 3:38 Stunden auf.", "3:38 Stunden", "PT3H38M"),
        ("Seine Bestzeit liegt bei 1:42,121 Minuten.", "1:42,121 Minuten", "PT1M42.121S"),
        ("Das Lied dauert 4:05 Minuten.", "4:05 Minuten", "PT4M5S"),
    ],
)
def test_race_and_match_times_are_durations_with_all_their_parts(text, words, value):
    assert found(text)[words] == ("DURATION", value)


def test_heute_opening_a_sentence_after_a_past_contrast_is_the_present():
    text = (
        "Am Montag stellte der Verlag sein Programm vor. Früher druckte er vor allem Atlanten. "
        "Heute verkauft er fast nur Kochbücher."
    )
    assert found(text)["Heute"] == ("DATE", "PRESENT_REF")
    assert found("Am Montag stellte der Verlag sein Programm vor. Heute folgt die Messe.")[
        "Heute"
    ] == ("DATE", "2016-03-09")


def test_decades_named_by_their_noun_after_an_article():
    times = found("Mitte der Achtziger kam die Wende. Er ist ein achtziger Jahrgang.", "1999-07-01")
    assert times["Mitte der Achtziger"] == ("DATE", "198")
    assert not any("achtziger" in words for words in times)


def test_offsets_after_a_season_with_its_year_count_in_that_year():
    text = "Im Frühjahr 1989 fiel die Entscheidung. Ein Jahr später war alles vorbei."
    assert interval(text, "1999-07-01", "Ein Jahr später") == (
        "DURATION",
        "P1Y",
        "1990-01-01",
        "1990-12-31",
    )


def test_the_night_from_one_weekday_to_the_next_is_one_time_dated_to_its_evening():
    # conventions 2.5: the night to a day belongs to the day before
    times = found("In der Nacht vom Montag auf Dienstag schneite es.", "2014-02-13")
    assert times == {"der Nacht vom Montag auf Dienstag": ("TIME", "2014-02-10TNI")}


@pytest.mark.parametrize(
    ("text", "date", "value"),
    [
        ("In der Nacht zum Sonntag brannte eine Scheune.", "2016-03-09", "2016-03-05TNI"),
        ("In der Nacht auf Mittwoch brannte eine Scheune.", "2016-03-09", "2016-03-08TNI"),
        ("In der Nacht zum Sonntag brannte eine Scheune.", "2015", "2015-WXX-6TNI"),
        ("In der Nacht zum Montag brannte eine Scheune.", "2015", "2015-WXX-7TNI"),
    ],
)
def test_the_night_to_a_weekday_is_the_night_of_the_day_before(text, date, value):
    (night,) = found(text, date).values()
    assert night == ("TIME", value)


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Nachts fahren auf der Strecke keine Züge.", "Nachts", "PTNI"),
        ("Der Hund bellt abends und morgens.", "abends", "PTEV"),
        ("Der Hund bellt abends und morgens.", "morgens", "PTMO"),
        ("Jeden Abend gibt es im Saal ein Konzert.", "Jeden Abend", "PTEV"),
    ],
)
def test_a_habitual_part_of_the_day_is_a_set_of_its_period(text, words, value):
    assert found(text)[words] == ("SET", value)


def test_the_preposition_of_a_rate_stays_outside():
    times = found("Die Helfer bekommen zehn Euro pro Stunde und zwei Pausen je Tag.")
    assert times == {"Stunde": ("SET", "PT1H"), "Tag": ("SET", "P1D")}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Die Reise dauert rund drei Wochen.", "drei Wochen"),
        ("Der Streit schwelt seit über zwei Jahren.", "zwei Jahren"),
        ("Der Streit schwelt seit mehr als zwei Jahren.", "mehr als zwei Jahren"),
        ("Die Arbeiten dauerten fast zehn Jahre.", "fast zehn Jahre"),
        ("In den letzten rund zwei Jahren kam er selten.", "den letzten rund zwei Jahren"),
    ],
)
def test_rund_and_ueber_stay_outside_mehr_als_and_fast_inside(text, words):
    assert found(text)[words][0] == "DURATION"


def test_months_after_a_season_count_from_its_middle():
    text = "Im Herbst 1989 demonstrierten Tausende. Nur elf Monate später war alles anders."
    assert interval(text, "2019-11-08", "elf Monate später")[:3] == (
        "DURATION",
        "P11M",
        "1990-01-01",
    )


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Die Bibliothek öffnet werktags um neun Uhr.", "neun Uhr", "XXXX-XX-XXT09:00"),
        ("Sie stand jeden Morgen um 5 Uhr auf.", "5 Uhr", "XXXX-XX-XXT05:00"),
        ("Die Fähre legt um 14 Uhr ab.", "14 Uhr", "2016-03-09T14:00"),
        ("Am Freitag beginnt die Probe wie gewöhnlich um 18 Uhr.", "18 Uhr", "2016-03-11T18:00"),
    ],
)
def test_a_clock_time_in_a_clause_of_habit_recurs(text, words, value):
    assert found(text)[words] == ("TIME", value)


def test_zu_jener_zeit_told_in_the_past_is_a_past_time_and_other_uses_are_none():
    times = found("Zu jener Zeit waren die Straßen leer. Seit dieser Zeit ist alles anders.")
    assert times == {"jener Zeit": ("DATE", "PAST_REF")}
    assert found("Zu dieser Zeit schließen die Läden.") == {}


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Der Umbau dauerte ein knappes Jahr.", "ein knappes Jahr", "P1Y"),
        ("Die Sitzung ging eine gute Stunde.", "eine gute Stunde", "PT1H"),
    ],
)
def test_an_approximating_adjective_keeps_the_duration_whole(text, words, value):
    assert found(text)[words] == ("DURATION", value)


def test_lang_after_a_counted_duration_is_inside():
    times = found("Er saß zwölf Jahre lang in Haft. Die Mauer ist drei Meter lang.")
    assert times == {"zwölf Jahre lang": ("DURATION", "P12Y")}


def test_ganz_and_gesamt_with_a_count_keep_the_article_inside():
    times = found("Sie hielt die ganzen zehn Jahre durch.")
    assert times == {"die ganzen zehn Jahre": ("DURATION", "P10Y")}


def test_a_year_with_gesamten_keeps_the_adjective():
    assert found("Im gesamten Jahr 2015 kamen mehr.") == {"gesamten Jahr 2015": ("DATE", "2015")}


def test_a_part_of_day_in_an_essay_that_names_no_day_is_any_such_time():
    essay = "Streit gibt es kaum. Wenn doch, klären sie ihn am Abend."
    assert found(essay) == {"Abend": ("TIME", "XXXX-XX-XXTEV")}
    news = "Der Gipfel beginnt am Montag. Am Abend gibt es ein Essen."
    assert found(news)["Abend"][1] != "XXXX-XX-XXTEV"
