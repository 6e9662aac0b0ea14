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


@pytest.fixture(scope="session")
def pg_cluster():
    """One PostgreSQL server for the session, started only when a test asks for it."""
    from tests import pgcluster

    if pgcluster.bin_dir() is None:
        pytest.skip("PostgreSQL binaries are missing (make test installs Debian's postgresql)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    cluster = pgcluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture()
def pg_url(pg_cluster, request) -> str:
    """A fresh, empty database on the session's server for each test."""
    import re

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:50]
    return pg_cluster.create_database(name)
