"""Records a careless or hostile user sends: each one is skipped (or cleaned) and the rest is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chronik.ingest import Skipped, read_paths
from chronik.types import Report

GOOD = '{"text": "Schoigu traf Lukaschenko in %s.", "date": "2022-12-05"}\n'


def read(path: Path) -> tuple[list[Report], list[Skipped]]:
    items = list(read_paths([path]))
    return [i for i in items if isinstance(i, Report)], [i for i in items if isinstance(i, Skipped)]


def test_json_nested_deeper_than_python_recurses_is_one_skipped_line(tmp_path):
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + ', "date": "2022-12-05"}\n'
    path = tmp_path / "deep.jsonl"
    path.write_text(GOOD % "Minsk" + deep + GOOD % "Moskau", encoding="utf-8")
    reports, skipped = read(path)
    assert [r.text.split()[-1] for r in reports] == ["Minsk.", "Moskau."]
    assert [r.origin.rsplit(":", 1)[1] for r in reports] == ["1", "3"]
    assert [(s.line, "nested too deeply" in s.reason) for s in skipped] == [(2, True)]


def test_integer_beyond_pythons_digit_limit_is_one_skipped_line(tmp_path):
    path = tmp_path / "bigint.jsonl"
    path.write_text('{"text": "A", "id": ' + "9" * 5000 + "}\n" + GOOD % "Kiew", encoding="utf-8")
    reports, skipped = read(path)
    assert [r.origin.rsplit(":", 1)[1] for r in reports] == ["2"]
    assert skipped[0].line == 1 and "4300 digits" in skipped[0].reason


def test_lone_surrogate_escape_is_dropped_so_the_report_can_be_hashed_and_stored(tmp_path):
    path = tmp_path / "surrogate.jsonl"
    path.write_text(
        '{"text": "Schoigu \\ud800traf ihn.", "date": "2022-12-05"}\n', encoding="utf-8"
    )
    reports, skipped = read(path)
    assert skipped == []
    assert reports[0].text == "Schoigu traf ihn."
    reports[0].text.encode("utf-8")  # would raise with the surrogate left in


@pytest.mark.skipif(os.name != "posix", reason="symlinks and byte file names")
def test_symlink_loop_in_a_folder_is_skipped_and_the_folder_is_read(tmp_path):
    (tmp_path / "a.jsonl").write_text(GOOD % "Prag", encoding="utf-8")
    (tmp_path / "loop.jsonl").symlink_to(tmp_path / "loop.jsonl")
    reports, skipped = read(tmp_path)
    assert len(reports) == 1
    assert len(skipped) == 1 and "symbolic links" in skipped[0].reason


@pytest.mark.skipif(os.name != "posix", reason="byte file names")
def test_file_name_that_is_not_utf8_gives_a_printable_origin(tmp_path):
    name = os.fsdecode(b"bad\xffname.jsonl")
    (tmp_path / name).write_text(GOOD % "Wien", encoding="utf-8")
    reports, _ = read(tmp_path)
    assert reports[0].origin.endswith("bad\ufffdname.jsonl:1")
    reports[0].origin.encode("utf-8")


def test_a_folder_without_report_files_is_reported_not_silently_empty(tmp_path):
    (tmp_path / "README.md").write_text("no reports here", encoding="utf-8")
    reports, skipped = read(tmp_path)
    assert reports == []
    assert [s.path for s in skipped] == [str(tmp_path)]
    assert "no report files" in skipped[0].reason
