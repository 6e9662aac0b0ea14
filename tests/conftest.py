"""Shared fixtures: real stores in tmp_path, the real pipeline, and where ../shared lives."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE_REPORT = SHARED / "examples" / "report-2022-12.txt"


@pytest.fixture()
def store(tmp_path: Path):
    from chronik.store.db import open_store

    return open_store(str(tmp_path / "test.db"))


@pytest.fixture(scope="session")
def nlp():
    from chronik.nlp import pipeline

    return pipeline.build()
