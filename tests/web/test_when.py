"""Dates in words at their precision and report headlines, as the pages print them."""

from __future__ import annotations

import pytest

from chronik.web.highlight import entity_list
from chronik.web.when import headline, span, when


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2022-12", "Dezember 2022"),
        ("2022", "2022"),
        ("2022-12-05", "5. Dezember 2022"),
        ("2022-10-17T11:45", "17. Oktober 2022, 11:45 Uhr"),
        ("2016-WXX-4", "ein Donnerstag 2016"),
        ("2022-W12", "Woche 12/2022"),
        ("2022-Q1", "1. Quartal 2022"),
        ("2022-SU", "Sommer 2022"),
        ("P2W", "P2W"),
        (None, "ohne Datum"),
    ],
)
def test_dates_are_words_at_their_precision(value, words: str) -> None:
    assert when(value) == words


def test_intervals_are_a_day_a_month_a_year_or_the_interval() -> None:
    assert span("2022-12-01", "2022-12-31") == "Dezember 2022"  # never "2022-12-01"
    assert span("2022-01-01", "2022-12-31") == "2022"
    assert span("2022-12-03", "2022-12-05") == "3.–5. Dezember 2022"
    assert span("2022-11-28", "2022-12-02") == "28. November – 2. Dezember 2022"
    assert span("2022-12-05", "2022-12-05") == "5. Dezember 2022"
    assert span("2016-01-01", "2016-12-31", "2016-WXX-4") == "ein Donnerstag 2016"
    assert span(None, None) == "ohne Datum"


def test_headline_is_the_title_else_the_first_sentence_cut_at_a_word() -> None:
    assert headline(" Putin  in Minsk ", "Text.") == "Putin in Minsk"
    assert headline(None, "Kurz. Noch ein Satz.") == "Kurz."
    assert headline("", "Erste Zeile\n\nZweiter Absatz.") == "Erste Zeile"
    long = "Der russische Verteidigungsminister Sergej Schoigu hat am Sonntag mit mehreren " * 2
    cut = headline(None, long)
    assert cut.endswith(" …") and len(cut) <= 92
    assert long.startswith(cut[:-2])  # cut between words: the text goes on with a space
    assert long[len(cut) - 2] == " "
    assert headline(None, "") == "(ohne Text)"


def test_report_side_panel_lists_each_entity_once_with_its_count() -> None:
    record = {
        "entities": [
            {"id": "m1", "text": "Belarus", "type": "LOC", "canonical": "Belarus"},
            {"id": "m2", "text": "belarussische", "type": "LOC", "canonical": "Belarus"},
            {"id": "m3", "text": "Belarus", "type": "LOC", "canonical": "Belarus"},
            {"id": "m4", "text": "Putin", "type": "PER", "canonical": "Vladimir Putin"},
        ],
        "entity_links": {"m1": 7, "m2": 7, "m3": 7},
    }
    listed = entity_list(record)
    assert [(x["name"], x["count"], x["entity_id"]) for x in listed] == [
        ("Belarus", 3, 7),
        ("Vladimir Putin", 1, None),
    ]
    assert listed[0]["forms"] == ["Belarus", "belarussische"]
