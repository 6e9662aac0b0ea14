"""Plain text: one report per file, dated by --date or a dateline; empty files are skipped."""

from __future__ import annotations

from pathlib import Path

from chronik.dates import PartialDate, parse_iso


def test_date_option(tmp_path: Path, read) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text("Schoigu trifft Lukaschenko.\n\nZweiter Absatz.\n", encoding="utf-8")
    reports, skipped = read(path, date=parse_iso("2022-12-05"))
    assert skipped == []
    assert (reports[0].text, reports[0].date, reports[0].origin) == (
        "Schoigu trifft Lukaschenko.\n\nZweiter Absatz.",
        PartialDate(2022, 12, 5),
        f"{path}:1",
    )


def test_dateline_when_no_date_given(tmp_path: Path, read) -> None:
    path = tmp_path / "apa.txt"
    path.write_text("Minsk, 5. Dezember 2022 – Schoigu trifft Lukaschenko.\n", encoding="utf-8")
    reports, _ = read(path)
    assert reports[0].date == PartialDate(2022, 12, 5)


def test_given_date_wins_over_dateline(tmp_path: Path, read) -> None:
    path = tmp_path / "apa.txt"
    path.write_text("Ein Bericht. (APA, 8.3.2016)\n", encoding="utf-8")
    reports, _ = read(path, date=parse_iso("2016-03"))
    assert reports[0].date == PartialDate(2016, 3)


def test_no_date_at_all_is_skipped(tmp_path: Path, read) -> None:
    path = tmp_path / "nodate.txt"
    path.write_text("Wien – Ein Bericht ohne Datum.\n", encoding="utf-8")
    reports, skipped = read(path)
    assert reports == []
    assert (skipped[0].path, skipped[0].line) == (str(path), None)
    assert skipped[0].reason.startswith("no date: give --date")


def test_empty_and_blank_files_are_skipped(tmp_path: Path, read) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    (tmp_path / "c-empty.jsonl").write_bytes(b"")
    (tmp_path / "d-empty.csv").write_bytes(b"")
    reports, skipped = read(tmp_path, date=parse_iso("2022"))
    assert reports == []
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("a-empty.txt", "empty file"),
        ("b-blank.txt", "file holds only whitespace"),
        ("c-empty.jsonl", "empty file"),
        ("d-empty.csv", "empty file"),
    ]


def test_format_option_reads_any_extension_as_plain_text(tmp_path: Path, read) -> None:
    path = tmp_path / "bericht.md"
    path.write_text("date 2022-12 bleibt Text, weil --format txt gegeben ist.\n", encoding="utf-8")
    reports, skipped = read(path, format="txt", date=parse_iso("2022-11"))
    assert skipped == []
    assert reports[0].text.startswith("date 2022-12 bleibt Text")
    assert reports[0].date == PartialDate(2022, 11)


def test_unknown_extension_and_unknown_format(tmp_path: Path, read) -> None:
    path = tmp_path / "bericht.md"
    path.write_text("Text.\n", encoding="utf-8")
    _, skipped = read(path)
    assert (
        skipped[0].reason
        == "no reader for '.md' files; rename it or give --format dated|jsonl|csv|txt|html"
    )
    _, skipped = read(path, format="pdf")
    assert skipped[0].reason.startswith("unknown format 'pdf'")


def test_missing_path(tmp_path: Path, read) -> None:
    _, skipped = read(tmp_path / "fehlt.txt")
    assert str(skipped[0]) == f"{tmp_path / 'fehlt.txt'}: no such file or folder"


def test_gzipped_files_are_read_by_their_inner_extension(tmp_path: Path, read) -> None:
    import gzip

    with gzip.open(tmp_path / "r.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write('{"text": "Größe.", "date": "2022-12"}\n{"text": "Maß.", "date": "2022-13"}\n')
    with gzip.open(tmp_path / "s.txt.gz", "wt", encoding="latin-1") as handle:
        handle.write("date 2022-11-02 Straße.\n")
    (tmp_path / "t.txt.gz").write_bytes(b"date 2022 not gzip at all")
    reports, skipped = read(tmp_path)
    assert [(r.text, r.origin) for r in reports] == [
        ("Größe.", f"{tmp_path / 'r.jsonl.gz'}:1"),
        ("Straße.", f"{tmp_path / 's.txt.gz'}:1"),
    ]
    assert [(Path(s.path).name, s.line) for s in skipped] == [("r.jsonl.gz", 2), ("t.txt.gz", None)]
    assert skipped[1].reason.startswith("cannot read the file: Not a gzipped file")


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path, read) -> None:
    import gzip

    body = "".join(
        f'{{"text": "Bericht {i}.", "date": "2022-12"}}\n' for i in range(20_000)
    ).encode()
    data = gzip.compress(body)
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    reports, skipped = read(tmp_path)
    assert 0 < len(reports) < 20_000
    assert reports[0].text == "Bericht 0."
    assert [s.reason.split(" (")[0] for s in skipped] == ["the compressed file is damaged"]
