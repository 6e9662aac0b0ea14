"""German datelines and signatures give the report's date; dates in the body do not."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chronik.dates import PartialDate
from chronik.ingest.datelines import expand_year, find_dateline, parse_german_date

BENCH = Path(__file__).resolve().parents[3] / "shared" / "data" / "10kgnad" / "bench.csv"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Minsk, 5. Dezember 2022 – Russlands Verteidigungsminister traf Lukaschenko.",
            (2022, 12, 5),
        ),
        ("Wien/Kiew, am 3. Jänner 2016 – Die Regierung beriet.", (2016, 1, 3)),
        ("Berlin (dpa), 5.12.2022 – Die Koalition einigte sich.", (2022, 12, 5)),
        ("Die Regierung beriet am Montag. (APA, 8.3.2016)", (2016, 3, 8)),
        ("Die Regierung beriet am Montag. (red, 16. 5. 2016)", (2016, 5, 16)),
        (
            "Die Regierung beriet. (fid; 7.3.16) Wehrschütz: Habe mich korrekt verhalten",
            (2016, 3, 7),
        ),
        ("Ein Bericht. (Name/Name – 8.8. 2015)", (2015, 8, 8)),
        ("Ein Bericht. (1.3.2016)", (2016, 3, 1)),
        ("Ein Bericht ohne Klammer am Ende. (Renate Graber, 23.11.2015", (2015, 11, 23)),
        ("Montag, 5. Dezember 2022\nDer Text beginnt hier.", (2022, 12, 5)),
        ("Stand: 05.12.2022 14:30 Uhr\nDer Text beginnt hier.", (2022, 12, 5)),
    ],
)
def test_datelines_are_found(text: str, expected: tuple[int, int, int]) -> None:
    assert find_dateline(text) == PartialDate(*expected)


@pytest.mark.parametrize(
    "text",
    [
        "Graz – Die Gewerkschaft vida sieht dringenden Bedarf.",  # a place dateline without a date
        "Am 5. Dezember 2022 trafen sich die Minister in Minsk.",  # a date in a sentence is an event's date
        "Ein Bericht. (31.2.2016)",  # impossible day
        "Er kam, am 5. Dezember 2022 war er da.",  # not a place before the comma
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_a_date_in_the_middle_of_a_long_text_is_not_the_dateline() -> None:
    text = (
        "Wien – "
        + "Fülltext. " * 100
        + "Am 5.12.2022 (5.12.2022) geschah es. "
        + "Fülltext. " * 100
    )
    assert find_dateline(text) is None


def test_attributed_signature_before_appended_tables_is_found() -> None:
    text = (
        "Bericht. " * 50
        + "Das Spiel endete 2:1. (APA, 18.3.2016) Ergebnisse: "
        + "Team A – Team B 1:0. " * 40
    )
    assert find_dateline(text) == PartialDate(2016, 3, 18)


def test_a_dateline_at_the_top_wins_over_a_signature() -> None:
    assert find_dateline("Minsk, 5. Dezember 2022 – Text. (APA, 6.12.2022)") == PartialDate(
        2022, 12, 5
    )


def test_two_digit_years() -> None:
    assert [expand_year(y) for y in ("16", "69", "70", "98", "2016")] == [
        2016,
        2069,
        1970,
        1998,
        2016,
    ]


def test_german_date_fields() -> None:
    assert parse_german_date("5.12.2022") == PartialDate(2022, 12, 5)
    assert parse_german_date(" 5. Dezember 2022 ") == PartialDate(2022, 12, 5)
    assert parse_german_date("31.2.2022") is None
    assert parse_german_date("2022-12") is None


@pytest.mark.skipif(not BENCH.exists(), reason="../shared/data/10kgnad is not available")
def test_real_standard_articles_are_dated_within_their_years() -> None:
    """10kGNAD is der Standard 2015-2016: any date found outside those years is a false dateline."""
    with BENCH.open(encoding="utf-8") as handle:
        texts = [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'")]
    found = [d for d in map(find_dateline, texts) if d is not None]
    assert found, "no dateline found in the whole corpus"
    assert {d.year for d in found} <= {2015, 2016}
    assert all(d.precision == "day" for d in found)
