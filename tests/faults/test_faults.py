"""Fault injection: kill -9 at any moment (and right between a write and its links), two writers at
once, a full disk. Each ends in the store a clean sequential run makes: the same reports, facts,
event clusters and contradiction links.

Runs the real CLI in subprocesses with the fast entity tier (the model tier is not what is tested).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from chronik.store import schema as t
from chronik.store.db import open_store
from chronik.store.links import link_counts, pending_report_ids
from tests.faults.corpus import records, write_corpus

N_REPORTS = 16
ENV = {**os.environ, "CHRONIK_TIER": "fast"}
FACTS = (t.reports, t.mentions, t.events, t.claims, t.entities, t.mention_links, t.claim_links)


def chronik(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "chronik", *args],
        env=env or ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def ingest(corpus: Path, db: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = chronik("ingest", str(corpus), "--db", str(db), env=env)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def state(db: Path | str) -> dict:
    """What must match a clean run: row counts, link counts, nothing left pending."""
    store = open_store(str(db))
    with store.engine.connect() as conn:
        out = {
            table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in FACTS
        }
        out.update(link_counts(conn))
        out["pending"] = len(pending_report_ids(conn))
    store.engine.dispose()
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "all.jsonl", records(N_REPORTS))


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory) -> dict:
    """A clean sequential run of the whole corpus."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    done = ingest(corpus, db)
    assert done.returncode == 0, done.stderr
    found = state(db)
    assert found["contradiction_links"] > 0 and found["event_clusters"] > 0  # something to lose
    return found


def test_a_kill_between_write_and_links_is_repaired_by_the_next_run(corpus, clean, tmp_path):
    db = tmp_path / "k.db"
    killed = ingest(corpus, db, {**ENV, "CHRONIK_FAULT_KILL_AFTER_WRITES": "7"})
    assert killed.returncode == -signal.SIGKILL
    store = open_store(str(db))
    with store.engine.connect() as conn:
        assert len(pending_report_ids(conn)) == 1  # written, not linked
    store.engine.dispose()
    again = ingest(corpus, db)
    assert again.returncode == 0, again.stderr
    assert state(db) == clean


def test_kills_at_random_moments_then_a_rerun_end_as_a_clean_run(corpus, clean, tmp_path):
    db = tmp_path / "r.db"
    rng = random.Random(18)
    for _ in range(3):
        proc = chronik("ingest", str(corpus), "--db", str(db))
        time.sleep(rng.uniform(2.0, 7.0))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    done = ingest(corpus, db)
    assert done.returncode == 0, done.stderr
    assert state(db) == clean


def _concurrently(db: Path, *corpora: Path) -> None:
    procs = [chronik("ingest", str(c), "--db", str(db)) for c in corpora]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err


def test_two_ingests_of_disjoint_halves_at_once_end_as_a_sequential_run(corpus, clean, tmp_path):
    rows = records(N_REPORTS)
    half = N_REPORTS // 2
    first = write_corpus(tmp_path / "a.jsonl", rows[:half])
    second = write_corpus(tmp_path / "b.jsonl", rows[half:])
    _concurrently(tmp_path / "h.db", second, first)
    assert state(tmp_path / "h.db") == clean


def test_two_ingests_of_the_same_file_at_once_store_it_once(corpus, clean, tmp_path):
    _concurrently(tmp_path / "s.db", corpus, corpus)  # used to crash with IntegrityError
    assert state(tmp_path / "s.db") == clean


def test_a_full_disk_is_a_clear_error_and_leaves_a_consistent_store(corpus, clean, tmp_path):
    db = tmp_path / "f.db"
    open_store(str(db)).engine.dispose()  # the schema fits; the reports will not
    limit_kb = db.stat().st_size // 1024 + 8
    proc = subprocess.run(
        ["bash", "-c", f'ulimit -f {limit_kb}; exec "$@"', "chronik", sys.executable, "-m"]
        + ["chronik", "ingest", str(corpus), "--db", str(db)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (1, 2), proc.stderr
    assert "Traceback" not in proc.stderr
    assert "the disk is full" in proc.stderr.replace("\n", " "), proc.stderr
    store = open_store(str(db))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    store.engine.dispose()
    done = ingest(corpus, db)  # room again: the next run finishes the job
    assert done.returncode == 0, done.stderr
    assert state(db) == clean


def test_two_ingests_at_once_on_postgresql_end_as_a_sequential_run(corpus, clean, pg_url, tmp_path):
    rows = records(N_REPORTS)
    half = N_REPORTS // 2
    first = write_corpus(tmp_path / "a.jsonl", rows[:half])
    second = write_corpus(tmp_path / "b.jsonl", rows[half:])
    open_store(pg_url).engine.dispose()  # migrated once; the writers' lock covers the rest
    procs = [chronik("ingest", str(c), "--db", pg_url) for c in (second, first, second)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    assert state(pg_url) == clean
