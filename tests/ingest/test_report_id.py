"""The report id is a hash of normalised content: layout and Unicode form do not change it."""

from __future__ import annotations

import unicodedata

from chronik.dates import parse_iso
from chronik.ingest import make_report, report_id
from chronik.ingest.report import clean_text

TEXT = "Schoigu und Lukaschenko haben sich in Minsk getroffen.\nÜber Pläne wurde gesprochen."


def test_id_is_16_hex_digits_and_stable() -> None:
    first = report_id(TEXT, parse_iso("2022-12"))
    assert len(first) == 16
    assert all(ch in "0123456789abcdef" for ch in first)
    assert report_id(TEXT, parse_iso("2022-12")) == first


def test_whitespace_variants_give_the_same_id() -> None:
    date = parse_iso("2022-12-05")
    variant = "  Schoigu  und Lukaschenko haben sich in Minsk getroffen.\r\n\r\n Über Pläne\twurde gesprochen.  "
    assert report_id(variant, date) == report_id(TEXT, date)


def test_decomposed_umlauts_give_the_same_id() -> None:
    decomposed = unicodedata.normalize("NFD", TEXT)
    assert decomposed != TEXT
    assert report_id(decomposed, None) == report_id(TEXT, None)
    assert make_report(decomposed, None).text == TEXT


def test_date_and_its_precision_are_part_of_the_id() -> None:
    month = report_id(TEXT, parse_iso("2022-12"))
    day = report_id(TEXT, parse_iso("2022-12-01"))
    assert month != day
    assert report_id(TEXT, None) not in (month, day)


def test_changed_text_gives_a_new_id() -> None:
    assert report_id(TEXT + " Nachtrag.", None) != report_id(TEXT, None)


def test_control_characters_are_removed_but_newlines_and_tabs_kept() -> None:
    assert clean_text("A\x00B\x07C\tD\nE\x1bF\x7f\x85G\ufeff") == "ABC\tD\nEF\nG"
    assert clean_text("Zeile 1\r\nZeile 2\rZeile 3") == "Zeile 1\nZeile 2\nZeile 3"


def test_make_report_cleans_small_fields_and_keeps_the_date() -> None:
    date = parse_iso("2022-12-05T14:30+01:00")
    report = make_report(
        " Text ", date, source_id=" 17 ", title="Ein\nTitel", source="", lang="DE", origin="f:3"
    )
    assert report.text == "Text"
    assert report.date == date and report.date.precision == "minute"
    assert (report.source_id, report.title, report.source, report.lang, report.origin) == (
        "17",
        "Ein Titel",
        None,
        "de",
        "f:3",
    )
    assert report.id == report_id("Text", date)


def test_id_of_raw_and_cleaned_text_agree() -> None:
    """report_id may be called on raw text (by the store) or on a Report's text: both must match."""
    raw = "\ufeffGro\x00\u0308ße\r\nZeile\x85zwei "
    report = make_report(raw, None)
    assert report.text == "Größe\nZeile\nzwei"
    assert report_id(raw, None) == report.id


def test_headline_is_a_short_unpunctuated_first_line() -> None:
    from chronik.ingest.report import headline

    assert headline("Lukaschenko kündigt Truppe an\n\nDer Machthaber hat am Montag ...") == (
        "Lukaschenko kündigt Truppe an"
    )
    assert (
        headline("Russlands Minister und Lukaschenko haben sich getroffen.\nMehr.") is None
    )  # a sentence
    assert headline("Nur eine Zeile ohne Punkt") is None  # nothing after it
    assert headline("Zitat: „Wir bleiben“\nText.") is None
    assert headline("Ü" * 151 + "\nText.") is None
