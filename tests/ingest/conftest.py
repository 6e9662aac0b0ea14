"""Helpers for the ingest tests: every fixture file is written by the test itself into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronik.ingest import ReadOptions, Skipped, read_paths
from chronik.types import Report


def split(items: object) -> tuple[list[Report], list[Skipped]]:
    """Reports and Skipped values from a read, each in the order they came."""
    reports: list[Report] = []
    skipped: list[Skipped] = []
    for item in items:  # type: ignore[attr-defined]
        (skipped if isinstance(item, Skipped) else reports).append(item)
    return reports, skipped


@pytest.fixture
def read():
    """read(path_or_paths, **ReadOptions fields) -> (reports, skipped)."""

    def _read(
        paths: Path | str | list[Path | str], **options: object
    ) -> tuple[list[Report], list[Skipped]]:
        given = paths if isinstance(paths, list) else [paths]
        return split(read_paths(given, ReadOptions(**options)))  # type: ignore[arg-type]

    return _read
