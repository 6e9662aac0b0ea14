"""JSON Lines: each line a report; a bad line is skipped with its number and the rest is read."""

from __future__ import annotations

import json
from pathlib import Path

from chronik.dates import PartialDate, parse_iso


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_fields_are_read(tmp_path: Path, read) -> None:
    record = {
        "id": 17,
        "text": "Bericht.",
        "date": "2022-12-05T14:30+01:00",
        "title": "Titel",
        "source": "APA",
        "url": "https://example.org/1",
        "lang": "en",
    }
    reports, skipped = read(_write(tmp_path / "r.jsonl", json.dumps(record)))
    assert skipped == []
    (report,) = reports
    assert (
        report.source_id,
        report.text,
        report.title,
        report.source,
        report.url,
        report.lang,
    ) == ("17", "Bericht.", "Titel", "APA", "https://example.org/1", "en")
    assert report.date == parse_iso("2022-12-05T14:30+01:00")
    assert report.origin == f"{tmp_path / 'r.jsonl'}:1"


def test_malformed_line_among_good_ones(tmp_path: Path, read) -> None:
    path = _write(
        tmp_path / "mixed.jsonl",
        '{"text": "Eins.", "date": "2022-10"}',
        '{"text": "Zwei.", "date": "2022-11"',  # no closing brace
        "",
        '["eine", "Liste"]',
        '{"text": "Drei.", "date": "2022-12"}',
    )
    reports, skipped = read(path)
    assert [r.text for r in reports] == ["Eins.", "Drei."]
    assert [r.origin for r in reports] == [f"{path}:1", f"{path}:5"]
    assert [s.line for s in skipped] == [2, 4]
    assert skipped[0].reason.startswith("not valid JSON (Expecting ',' delimiter at column 36)")
    assert "a JSON list, not an object" in skipped[1].reason


def test_missing_date_uses_option_then_dateline_else_skips(tmp_path: Path, read) -> None:
    path = _write(
        tmp_path / "nodate.jsonl",
        '{"text": "Ohne Datum."}',
        '{"text": "Mit Signatur. (APA, 8.3.2016)"}',
        '{"text": "Leeres Datum.", "date": ""}',
    )
    reports, skipped = read(path)
    assert [(r.text, r.date) for r in reports] == [
        ("Mit Signatur. (APA, 8.3.2016)", PartialDate(2016, 3, 8))
    ]
    assert [s.line for s in skipped] == [1, 3]
    assert skipped[0].reason.startswith('field "date" is missing')
    assert "give --date" in skipped[0].reason

    reports, skipped = read(path, date=parse_iso("2022-12"))
    assert skipped == []
    assert [r.date.iso for r in reports] == ["2022-12", "2022-12", "2022-12"]


def test_impossible_date_is_not_replaced_by_the_option(tmp_path: Path, read) -> None:
    path = _write(
        tmp_path / "bad.jsonl",
        '{"text": "A.", "date": "2022-13"}',
        '{"text": "B.", "date": "gestern"}',
    )
    reports, skipped = read(path, date=parse_iso("2022-12"))
    assert reports == []
    assert [s.line for s in skipped] == [1, 2]
    assert "impossible month 13" in skipped[0].reason
    assert "not an ISO date" in skipped[1].reason


def test_german_date_field_is_accepted(tmp_path: Path, read) -> None:
    reports, _ = read(_write(tmp_path / "de.jsonl", '{"text": "A.", "date": "5.12.2022"}'))
    assert reports[0].date == PartialDate(2022, 12, 5)


def test_missing_or_wrong_text(tmp_path: Path, read) -> None:
    path = _write(
        tmp_path / "text.jsonl",
        '{"date": "2022"}',
        '{"text": 5, "date": "2022"}',
        '{"text": "  \\n ", "date": "2022"}',
        '{"text": "Gut.", "date": "2022", "title": {"a": 1}}',
    )
    reports, skipped = read(path)
    assert reports == []
    assert [(s.line, s.reason.split(";")[0]) for s in skipped] == [
        (1, 'field "text" is missing'),
        (2, 'field "text" is a int, not a string'),
        (3, 'field "text" is empty'),
        (4, 'field "title" is a dict, expected a string'),
    ]


def test_annotation_format_extra_keys_are_ignored(tmp_path: Path, read) -> None:
    record = {
        "id": "r-0001",
        "date": "2022-12",
        "lang": "de",
        "text": "Schoigu trifft Lukaschenko.",
        "entities": [{"id": "m1", "start": 0, "end": 7, "text": "Schoigu", "type": "PER"}],
        "timexes": [],
        "events": [],
        "claims": [],
    }
    reports, skipped = read(_write(tmp_path / "gold.jsonl", json.dumps(record, ensure_ascii=False)))
    assert skipped == []
    assert (reports[0].source_id, reports[0].text, reports[0].date.iso) == (
        "r-0001",
        record["text"],
        "2022-12",
    )


def test_column_options_map_fields(tmp_path: Path, read) -> None:
    path = _write(tmp_path / "m.jsonl", '{"body": "Text.", "published": "2022-12-05"}')
    reports, skipped = read(path, text_column="body", date_column="published")
    assert skipped == []
    assert (reports[0].text, reports[0].date.iso) == ("Text.", "2022-12-05")


def test_text_of_only_control_characters_is_empty(tmp_path: Path, read) -> None:
    (tmp_path / "a.jsonl").write_text(
        '{"text": "\\u0000\\u0007 \\u001b", "date": "2022"}\n', encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("date 2022-12 \x07\x1b\n\x7f\n", encoding="utf-8")
    reports, skipped = read(tmp_path)
    assert reports == []
    assert [(Path(s.path).name, s.line, s.reason.split(";")[0]) for s in skipped] == [
        ("a.jsonl", 1, 'field "text" is empty'),
        ("b.txt", 1, "report `date 2022-12` has no text"),
    ]


def test_same_source_id_with_changed_text_gives_a_new_report_id(tmp_path: Path, read) -> None:
    """Versioning is the store's job; ingest hands it the same source_id and a different content
    id."""
    path = _write(
        tmp_path / "v.jsonl",
        '{"id": "apa-17", "text": "Erste Fassung.", "date": "2022-12-05"}',
        '{"id": "apa-17", "text": "Zweite, berichtigte Fassung.", "date": "2022-12-05"}',
    )
    first, second = read(path)[0]
    assert first.source_id == second.source_id == "apa-17"
    assert first.id != second.id
