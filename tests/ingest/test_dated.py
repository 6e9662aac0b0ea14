"""Dated text: `date <ISO date>` starts a report; one file holds one or many."""

from __future__ import annotations

from pathlib import Path

from chronik.dates import PartialDate
from chronik.ingest import report_id

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "report-2022-12.txt"

MANY = """date 2022-12-05 Erster Bericht: Schoigu trifft Lukaschenko.
Zweite Zeile des ersten Berichts.

  date 2022-12-06T14:30+01:00 Zweiter Bericht, eingerückt.
date 2022
Dritter Bericht, der Text beginnt in der nächsten Zeile.
"""


def test_the_example_report(read) -> None:
    reports, skipped = read(EXAMPLE)
    assert skipped == []
    assert len(reports) == 1
    report = reports[0]
    assert report.date == PartialDate(2022, 12)
    assert report.date.precision == "month"
    assert report.text.startswith("Russlands Verteidigungsminister Sergei Shoigu")
    assert report.text.endswith("aufrecht erhalten werden.")
    assert "\n\nGemeinsam mit seinem Amtskollegen" in report.text
    assert report.origin == f"{EXAMPLE}:1"


def test_many_reports_in_one_file_keep_their_precision(tmp_path: Path, read) -> None:
    path = tmp_path / "many.txt"
    path.write_text(MANY, encoding="utf-8")
    reports, skipped = read(path)
    assert skipped == []
    assert [r.date.iso for r in reports] == ["2022-12-05", "2022-12-06T14:30+01:00", "2022"]
    assert [r.origin for r in reports] == [f"{path}:1", f"{path}:4", f"{path}:5"]
    assert (
        reports[0].text
        == "Erster Bericht: Schoigu trifft Lukaschenko.\nZweite Zeile des ersten Berichts."
    )
    assert reports[1].text == "Zweiter Bericht, eingerückt."
    assert reports[2].text == "Dritter Bericht, der Text beginnt in der nächsten Zeile."


def test_date_inside_a_line_or_capitalised_does_not_start_a_report(tmp_path: Path, read) -> None:
    path = tmp_path / "one.txt"
    path.write_text(
        "date 2022-12 Text mit date 2022-11 mitten drin.\nDate 2022-10 ist kein Beginn.\n", "utf-8"
    )
    reports, skipped = read(path)
    assert skipped == []
    assert len(reports) == 1
    assert reports[0].text == "Text mit date 2022-11 mitten drin.\nDate 2022-10 ist kein Beginn."


def test_impossible_date_skips_that_report_only(tmp_path: Path, read) -> None:
    path = tmp_path / "bad-date.txt"
    path.write_text(
        "date 2022-12 Gut.\ndate 2022-13 Schlecht.\nNoch schlecht.\ndate 2023-02-30 Auch.\ndate "
        "2023-01 Gut.\n"
    )
    reports, skipped = read(path)
    assert [r.text for r in reports] == ["Gut.", "Gut."]
    assert [(s.line, s.path) for s in skipped] == [(2, str(path)), (4, str(path))]
    assert "impossible month 13" in skipped[0].reason
    assert "date 2022-12-05" in skipped[0].reason  # says what to write instead
    assert str(skipped[0]).startswith(f"{path}:2: ")


def test_empty_report_is_skipped(tmp_path: Path, read) -> None:
    path = tmp_path / "empty-report.txt"
    path.write_text(
        "date 2022-12-01\n\n   \ndate 2022-12-02 Text.\ndate 2022-12-03", encoding="utf-8"
    )
    reports, skipped = read(path)
    assert [r.date.iso for r in reports] == ["2022-12-02"]
    assert [(s.line, s.reason) for s in skipped] == [
        (1, "report `date 2022-12-01` has no text"),
        (5, "report `date 2022-12-03` has no text"),
    ]


def test_text_before_the_first_date_line_is_reported(tmp_path: Path, read) -> None:
    path = tmp_path / "preamble.txt"
    path.write_text("\nVorspann ohne Datum.\ndate 2022-12 Bericht.\n", encoding="utf-8")
    reports, skipped = read(path, format="dated")
    assert [r.text for r in reports] == ["Bericht."]
    assert len(skipped) == 1 and skipped[0].line == 2
    assert "belongs to no report" in skipped[0].reason


def test_windows_line_ends(tmp_path: Path, read) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"date 2022-12-05 Zeile eins\r\nZeile zwei\r\ndate 2022-12-06 Neu\r\n")
    reports, skipped = read(path)
    assert skipped == []
    assert [r.text for r in reports] == ["Zeile eins\nZeile zwei", "Neu"]


def test_the_same_report_twice_has_the_same_id(tmp_path: Path, read) -> None:
    text = "Schoigu und Lukaschenko haben sich in Minsk getroffen."
    (tmp_path / "a.txt").write_text(f"date 2022-12 {text}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        f"date 2022-12\n  {text.replace(' ', '  ')}  \n\n", encoding="utf-8"
    )
    (tmp_path / "c.jsonl").write_text(
        f'{{"text": "{text}", "date": "2022-12", "id": "x"}}\n', encoding="utf-8"
    )
    reports, skipped = read(tmp_path)
    assert skipped == []
    assert len(reports) == 3
    assert {r.id for r in reports} == {report_id(text, PartialDate(2022, 12))}


def test_classic_mac_line_ends(tmp_path: Path, read) -> None:
    path = tmp_path / "mac.txt"
    path.write_bytes("date 2022-12-05 Erster\rBericht\rdate 2022-12-06 Größe".encode("cp1252"))
    reports, skipped = read(path)
    assert skipped == []
    assert [(r.text, r.origin) for r in reports] == [
        ("Erster\nBericht", f"{path}:1"),
        ("Größe", f"{path}:3"),
    ]
