"""CSV with a header: rows are reports; a missing text column skips the file with the header
shown."""

from __future__ import annotations

from pathlib import Path

from chronik.dates import PartialDate, parse_iso


def test_rows_with_quoted_multiline_fields(tmp_path: Path, read) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "id,date,title,text\n"
        '1,2022-12-05,Eins,"Erster Bericht, mit Komma."\n'
        '2,2022-12,Zwei,"Zweiter Bericht\nüber zwei Zeilen mit ""Zitat""."\n'
        "3,2022,Drei,Dritter Bericht.\n",
        encoding="utf-8",
    )
    reports, skipped = read(path)
    assert skipped == []
    assert [r.source_id for r in reports] == ["1", "2", "3"]
    assert reports[1].text == 'Zweiter Bericht\nüber zwei Zeilen mit "Zitat".'
    assert [r.date.precision for r in reports] == ["day", "month", "year"]
    assert [r.origin for r in reports] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert reports[0].title == "Eins"


def test_semicolon_delimiter_and_mapped_columns(tmp_path: Path, read) -> None:
    path = tmp_path / "excel.csv"
    path.write_text(
        "Datum;Inhalt\n05.12.2022;Ein Bericht; mit Semikolon? Nein.\n06.12.2022;Zweiter.\n", "utf-8"
    )
    reports, skipped = read(path, text_column="Inhalt", date_column="Datum")
    assert [r.text for r in reports] == ["Zweiter."]
    assert reports[0].date == PartialDate(2022, 12, 6)
    assert [(s.line, s.reason) for s in skipped] == [
        (2, "row has 3 fields, the header has 2; check the quoting")
    ]


def test_missing_text_column_skips_the_file(tmp_path: Path, read) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("date,body\n2022-12,Text\n", encoding="utf-8")
    reports, skipped = read(path)
    assert reports == []
    assert [(s.path, s.line) for s in skipped] == [(str(path), 1)]
    assert skipped[0].reason == (
        'column "text" is missing (the header has: date, body); name the text column with '
        "--text-column"
    )


def test_missing_date_column_uses_date_option_or_skips_rows(tmp_path: Path, read) -> None:
    path = tmp_path / "nodate.csv"
    path.write_text('text\nErster.\n"Zweiter. (APA, 8.3.2016)"\n', encoding="utf-8")
    reports, skipped = read(path)
    assert [r.date for r in reports] == [PartialDate(2016, 3, 8)]
    assert [s.line for s in skipped] == [2]
    assert 'field "date" is missing' in skipped[0].reason

    reports, skipped = read(path, date=parse_iso("2022-12"))
    assert skipped == []
    assert [r.date.iso for r in reports] == ["2022-12", "2022-12"]


def test_impossible_date_and_empty_text_rows(tmp_path: Path, read) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("text,date\nGut.,2022-12\nSchlecht.,2022-13\n,2022-12\n\n", encoding="utf-8")
    reports, skipped = read(path)
    assert [r.text for r in reports] == ["Gut."]
    assert [s.line for s in skipped] == [3, 4]
    assert "impossible month 13" in skipped[0].reason
    assert 'field "text" is empty' in skipped[1].reason


def test_field_longer_than_the_csv_default_limit(tmp_path: Path, read) -> None:
    long_text = "Ein sehr langer Bericht. " * 10_000  # 250,000 characters > csv's default 131,072
    path = tmp_path / "long.csv"
    path.write_text(f'text,date\n"{long_text}",2022-12\n', encoding="utf-8")
    reports, skipped = read(path)
    assert skipped == []
    assert len(reports[0].text) == len(long_text.strip())


def test_tsv(tmp_path: Path, read) -> None:
    path = tmp_path / "r.tsv"
    path.write_text("text\tdate\nBericht, mit Komma.\t2022-12-05\n", encoding="utf-8")
    reports, skipped = read(path)
    assert skipped == []
    assert reports[0].text == "Bericht, mit Komma."


def test_excel_export_cp1252_with_semicolons(tmp_path: Path, read) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("Text;Date\n„Größer“ – sagte er.;2022-12-05\n".encode("cp1252"))
    reports, skipped = read(path)
    assert skipped == []
    assert reports[0].text == "„Größer“ – sagte er."


def test_utf8_bom_before_the_header(tmp_path: Path, read) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("text,date\nÄrger.,2022\n", encoding="utf-8-sig")
    reports, skipped = read(path)
    assert skipped == []
    assert (reports[0].text, reports[0].date.iso) == ("Ärger.", "2022")


def test_unclosed_quote_swallows_rows_and_says_so(tmp_path: Path, read) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('text,date\n"Offenes Zitat,2022\nZweite,2022\n', encoding="utf-8")
    reports, skipped = read(path)
    assert reports == []
    assert [(s.line, s.reason) for s in skipped] == [
        (2, "row has 1 field, the header has 2; check the quoting")
    ]


def test_header_only_and_blank_jsonl_files_are_reported(tmp_path: Path, read) -> None:
    (tmp_path / "a.csv").write_text("text,date\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\ufeff\n", encoding="utf-8")
    reports, skipped = read(tmp_path)
    assert reports == []
    assert [(Path(s.path).name, s.line, s.reason) for s in skipped] == [
        ("a.csv", None, "no reports in the file"),
        ("b.jsonl", None, "no reports in the file"),
    ]
