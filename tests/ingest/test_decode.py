"""Wrong encodings are decoded (BOM, UTF-8, then a guess) or skipped naming file, line and
column."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from chronik.dates import PartialDate

GERMAN = (
    "date 2022-12-05 Größere Maßnahmen für Flüchtlinge: Österreichs Außenminister äußerte sich."
)
CP1252 = "date 2022-12-05 „Wir sind zufrieden“, sagte er – 5 € mehr für Flüchtlinge in Österreich."


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("latin-1", GERMAN), ("cp1252", CP1252), ("utf-8", GERMAN)],
)
def test_single_byte_and_utf8_files(tmp_path: Path, read, encoding: str, text: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes((text + "\nZweite Zeile.\n").encode(encoding))
    reports, skipped = read(path)
    assert skipped == []
    assert reports[0].text == text.removeprefix("date 2022-12-05 ") + "\nZweite Zeile."
    assert reports[0].date == PartialDate(2022, 12, 5)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (b"", "utf-16-le"),  # UTF-16 without a BOM, as some Windows tools write it
    ],
)
def test_files_with_a_bom_and_utf16(tmp_path: Path, read, bom: bytes, codec: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + (GERMAN + "\r\ndate 2022-12-06 Zweiter.\r\n").encode(codec))
    reports, skipped = read(path)
    assert skipped == []
    assert [r.text for r in reports] == [GERMAN.removeprefix("date 2022-12-05 "), "Zweiter."]


def test_utf16_jsonl_and_csv(tmp_path: Path, read) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "Größe.", "date": "2022"}\n', encoding="utf-16")
    (tmp_path / "b.csv").write_text("text,date\nMaß.,2022\n", encoding="utf-16")
    reports, skipped = read(tmp_path)
    assert skipped == []
    assert [r.text for r in reports] == ["Größe.", "Maß."]


def test_a_bad_line_in_a_utf8_file_skips_only_its_report(tmp_path: Path, read) -> None:
    path = tmp_path / "mixed.txt"
    good = "date 2022-12-01 Über den ersten Bericht.\n".encode()
    bad = "date 2022-12-02 Zweiter Bericht\nmit Größe in Latin-1.\n".encode("latin-1")
    last = "date 2022-12-03 Dritter Bericht über alles.\n".encode()
    path.write_bytes(good + bad + last)
    reports, skipped = read(path)
    assert [r.date.iso for r in reports] == ["2022-12-01", "2022-12-03"]
    assert len(skipped) == 1
    assert (skipped[0].path, skipped[0].line) == (str(path), 3)
    assert skipped[0].reason.startswith("byte 0xf6 at column 7 is not valid utf-8")
    assert "the report starting at line 2 is skipped" in skipped[0].reason


def test_a_bad_line_in_jsonl_skips_only_that_line(tmp_path: Path, read) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        '{"text": "Größe.", "date": "2022"}\n'.encode()
        + '{"text": "Größe.", "date": "2023"}\n'.encode("latin-1")
        + '{"text": "Maß.", "date": "2024"}\n'.encode()
    )
    reports, skipped = read(path)
    assert [r.date.iso for r in reports] == ["2022", "2024"]
    assert [s.line for s in skipped] == [2]
    assert "not valid utf-8" in skipped[0].reason


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "a PNG image"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "a PDF document"),
        (b"PK\x03\x04" + bytes(200), "a ZIP archive"),
        (b"date 2022-12 " + bytes(range(256)) * 4, "NUL bytes"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
)
def test_binary_files_are_skipped(tmp_path: Path, read, content: bytes, kind: str) -> None:
    path = tmp_path / "daten.txt"
    path.write_bytes(content)
    reports, skipped = read(path)
    assert reports == []
    assert len(skipped) == 1
    assert skipped[0].path == str(path)
    assert skipped[0].reason.startswith("binary file")
    assert kind in skipped[0].reason


def test_control_characters_in_text_are_removed(tmp_path: Path, read) -> None:
    path = tmp_path / "ctrl.jsonl"
    path.write_text(
        '{"text": "A\\u0000B\\u0007C\\tD\\nE\\u001b", "date": "2022"}\n', encoding="utf-8"
    )
    reports, _ = read(path)
    assert reports[0].text == "ABC\tD\nE"


def test_latin1_after_a_long_ascii_start_is_decoded(tmp_path: Path, read) -> None:
    """The first 64 kB say nothing about the encoding when they are ASCII; the first umlaut
    decides."""
    ascii_part = "".join(
        f"date 2022-11-{i % 28 + 1:02d} Report number {i} in plain ASCII.\n" for i in range(2000)
    )
    path = tmp_path / "alt.txt"
    latin1 = (GERMAN + "\ndate 2022-12-06 Maß.\n").encode("latin-1")
    path.write_bytes(ascii_part.encode("ascii") + latin1)
    assert len(ascii_part) > 65_536
    reports, skipped = read(path)
    assert skipped == []
    assert [r.text for r in reports[-2:]] == [GERMAN.removeprefix("date 2022-12-05 "), "Maß."]


def test_utf8_after_a_long_ascii_start_stays_utf8(tmp_path: Path, read) -> None:
    ascii_part = "date 2022-11 Plain ASCII.\n" * 3000
    path = tmp_path / "neu.txt"
    path.write_text(ascii_part + GERMAN + "\n", encoding="utf-8")
    reports, skipped = read(path)
    assert skipped == []
    assert reports[-1].text == GERMAN.removeprefix("date 2022-12-05 ")


def test_undecodable_file_names_line_and_column(tmp_path: Path, read) -> None:
    path = tmp_path / "kaputt.txt"
    path.write_bytes(
        b"date 2022-12-05 Zeile eins\nZwei \x81\x8d\x8f\x90\x9d" * 3 + bytes(range(0x80, 0x100)) * 2
    )
    reports, skipped = read(path)
    assert reports == []
    assert (skipped[0].line, skipped[0].reason[:40]) == (
        2,
        "byte 0x81 at column 6 is not UTF-8 and t",
    )
