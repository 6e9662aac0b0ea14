"""Folders are walked recursively in sorted order; hidden files are not input."""

from __future__ import annotations

import time
from pathlib import Path

from chronik.ingest.walk import iter_files


def test_sorted_recursive_and_hidden_skipped(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a/z.jsonl",
        "a/c/d.csv",
        ".hidden.txt",
        ".git/config.txt",
        "a/.cache/x.txt",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]  # type: ignore[union-attr]
    assert found == ["a/c/d.csv", "a/z.jsonl", "b.txt"]


def test_symlinked_folder_loop_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert list(iter_files([tmp_path])) == [tmp_path / "r.txt"]


def test_thousands_of_files(tmp_path: Path, read) -> None:
    for index in range(3000):
        folder = tmp_path / f"{index // 500:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"r{index:05d}.txt").write_text(
            f"date 2022-12-{index % 28 + 1:02d} Bericht Nummer {index}.\n"
        )
    (tmp_path / "05" / "kaputt.txt").write_text("date 2022-13 Falsch.\n")
    started = time.perf_counter()
    reports, skipped = read(tmp_path)
    elapsed = time.perf_counter() - started
    assert len(reports) == 3000
    assert len({r.id for r in reports}) == 3000
    assert reports[0].text == "Bericht Nummer 0." and reports[-1].text == "Bericht Nummer 2999."
    assert [(Path(s.path).name, s.line) for s in skipped] == [("kaputt.txt", 1)]
    assert elapsed < 20, f"3000 small files took {elapsed:.1f} s"


def test_folder_files_without_a_reader_are_left_out_but_named_ones_reported(
    tmp_path: Path, read
) -> None:
    (tmp_path / "2022-12.txt").write_text("date 2022-12 Bericht.\n")
    (tmp_path / "README.md").write_text("# Sample corpus\n")
    (tmp_path / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    reports, skipped = read(tmp_path)
    assert [r.text for r in reports] == ["Bericht."] and skipped == []
    reports, skipped = read([tmp_path / "README.md"])
    assert reports == [] and skipped[0].reason.startswith("no reader for '.md' files")
    # An explicit format reads every file of the folder as that format (here: plain text without a
    # date).
    _, skipped = read(tmp_path, format="txt")
    assert [(Path(s.path).name, s.reason.split(" (")[0].split(":")[0]) for s in skipped] == [
        ("2022-12.txt", "no date"),
        ("README.md", "no date"),
        ("bild.png", "binary file"),
    ]
