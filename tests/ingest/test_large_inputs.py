"""Large files stream: the first report arrives before the file is read, and memory stays small."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

from chronik.ingest import MAX_REPORT_CHARS, ReadOptions, read_paths

PARAGRAPH = (
    "Russland verlegt unterdessen weiter Soldaten an die Front in die Ukraine. " * 12
)  # ~900 chars
MB = 1_000_000


def _write_dated(path: Path, size: int) -> int:
    """A dated-text file of about `size` bytes; returns the number of reports written."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < size:
            handle.write(f"date 2022-12-{count % 28 + 1:02d} Bericht {count}. {PARAGRAPH}\n\n")
            count += 1
    return count


def test_50_mb_dated_file_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    written = _write_dated(path, 50 * MB)
    assert path.stat().st_size >= 50 * MB

    items = read_paths([path])
    tracemalloc.start()
    first = next(items)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert first.text.startswith("Bericht 0. Russland")
    assert peak < 2 * MB, f"reading the first report of 50 MB took {peak / MB:.1f} MB"

    started = time.perf_counter()
    count = 1 + sum(1 for _ in items)
    assert count == written
    assert time.perf_counter() - started < 30


def test_50_mb_jsonl_streams_and_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": PARAGRAPH, "date": "2022-12"}) + "\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(line * (50 * MB // len(line)))
        handle.write('{"text": "kaputt"\n')
    total = 50 * MB // len(line) + 1
    tail = [item for item in read_paths([path]) if getattr(item, "reason", None)]
    assert [(s.line, s.reason.split(" (")[0]) for s in tail] == [(total, "not valid JSON")]


def test_one_huge_report_is_refused_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "buch.txt"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(4 * MAX_REPORT_CHARS // len(PARAGRAPH) + 10):
            handle.write(PARAGRAPH + "\n")
    (skipped,) = list(read_paths([path], ReadOptions(format="txt", date=None)))
    assert skipped.reason.startswith(
        f"over {MAX_REPORT_CHARS:,} characters is too long for one report"
    )


def test_dated_report_over_the_limit_is_skipped_and_the_next_one_read(tmp_path: Path) -> None:
    path = tmp_path / "lang.txt"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("date 2022-12-01 Anfang.\n")
        for _ in range(MAX_REPORT_CHARS // len(PARAGRAPH) + 10):
            handle.write(PARAGRAPH + "\n")
        handle.write("date 2022-12-02 Der nächste Bericht.\n")
    skipped, report = list(read_paths([path]))
    assert skipped.line == 1 and "over the limit" in skipped.reason
    assert report.text == "Der nächste Bericht."
