"""Ingest and re-analysis on a real Dask LocalCluster with 2 worker processes (started once for
the module)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

distributed = pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed (extra 'dask')"
)

from chronik.errors import ConfigError, StoreError  # noqa: E402
from chronik.ingest import ReadOptions  # noqa: E402
from chronik.jobs import dask_cluster  # noqa: E402
from chronik.jobs import dask_ingest as cd  # noqa: E402
from chronik.jobs import write as write_path  # noqa: E402
from chronik.jobs.ingest import ingest  # noqa: E402
from chronik.jobs.reanalyse import reanalyse  # noqa: E402
from chronik.settings import Settings  # noqa: E402
from chronik.store import schema as t  # noqa: E402
from chronik.store.db import open_store, write_report  # noqa: E402

pytestmark = pytest.mark.filterwarnings(
    "ignore:Port .* is already in use"
)  # a cluster's HTTP port moves on

SETTINGS = Settings(batch_size=2)
TEXT = (
    "Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron. "
    "Die Regierung teilte mit, es sei das Treffen Nummer {n} gewesen. Im Oktober hatte die Polizei in "
    "Wien {n} Personen festgenommen."
)


@pytest.fixture(scope="module")
def cluster():
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=40,
        ) as local,
        distributed.Client(local, set_as_default=False) as client,
    ):
        yield local.scheduler_address, client


def write_jsonl(path: Path, records: list[dict], bad_line: bool = False) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + (
        ["{not json"] if bad_line else []
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(n: int, source: str | None = None, text: str = TEXT) -> dict:
    return {"id": source or f"r{n}", "date": f"2022-12-{1 + n % 28:02d}", "text": text.format(n=n)}


def make_corpus(folder: Path) -> Path:
    """Four small files, one 'big' file the client streams, a bad line, a repeated report and a
    new version."""
    folder.mkdir()
    for f in range(4):
        write_jsonl(
            folder / f"a{f}.jsonl", [record(f * 10 + i) for i in range(3)], bad_line=(f == 1)
        )
    write_jsonl(folder / "b-big.jsonl", [record(100 + i) for i in range(5)])
    write_jsonl(
        folder / "c-late.jsonl", [record(0), record(1, source="r1", text=TEXT + " Nachtrag {n}.")]
    )
    return folder


def table_counts(store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in (
                t.reports,
                t.sentences,
                t.mentions,
                t.timexes,
                t.events,
                t.claims,
                t.entities,
                t.mention_links,
                t.claim_links,
            )
        }


def current_ids(store) -> set[str]:
    with store.engine.connect() as conn:
        return set(
            conn.execute(
                sa.select(t.reports.c.id).where(t.reports.c.is_current == sa.true())
            ).scalars()
        )


@pytest.fixture()
def small_chunks(monkeypatch):
    monkeypatch.setattr(cd, "CHUNK_BYTES", 1)  # one task per file
    monkeypatch.setattr(cd, "SMALL_FILE_BYTES", 1500)  # b-big.jsonl is streamed by the client


def test_dask_ingest_stores_what_run_ingest_stores(cluster, tmp_path, small_chunks):
    corpus = make_corpus(tmp_path / "in")
    reference = open_store(str(tmp_path / "ref.db"))
    expected = ingest(reference, [corpus], ReadOptions(), SETTINGS)
    store = open_store(str(tmp_path / "dask.db"))
    progress: list[int] = []

    got = cd.ingest_dask(
        store,
        [corpus],
        ReadOptions(),
        SETTINGS,
        cluster[0],
        on_progress=lambda s: progress.append(s.stored),
    )

    assert (
        (got.added, got.new_versions, got.duplicates)
        == (expected.added, expected.new_versions, expected.duplicates)
        == (17, 1, 1)
    )
    assert [str(s) for s in got.skipped] == [str(s) for s in expected.skipped]
    assert (got.mentions, got.timexes, got.events, got.claims) == (
        expected.mentions,
        expected.timexes,
        expected.events,
        expected.claims,
    )
    assert (got.events_joined, got.contradictions) == (
        expected.events_joined,
        expected.contradictions,
    )
    assert table_counts(store) == table_counts(reference)
    assert current_ids(store) == current_ids(reference)
    assert got.workers == 2 and got.analysed == 18 and progress[-1] == 18

    again = cd.ingest_dask(store, [corpus], ReadOptions(), SETTINGS, cluster[0])
    assert (again.stored, again.duplicates) == (0, 19)
    assert table_counts(store) == table_counts(reference)


def test_killed_worker_loses_nothing_and_writes_nothing_twice(cluster, tmp_path, small_chunks):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for f in range(8):
        write_jsonl(corpus / f"f{f}.jsonl", [record(f * 10 + i) for i in range(3)])
    reference = open_store(str(tmp_path / "ref.db"))
    ingest(reference, [corpus], ReadOptions(), SETTINGS)
    address, client = cluster
    victims = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_once(summary) -> None:  # type: ignore[no-untyped-def]
        if (
            not killed and summary.tasks >= 1
        ):  # tasks of the other units are in flight on both workers
            os.kill(victims[0], signal.SIGKILL)
            killed.append(victims[0])

    store = open_store(str(tmp_path / "dask.db"))
    got = cd.ingest_dask(store, [corpus], ReadOptions(), SETTINGS, address, on_progress=kill_once)

    assert killed
    assert victims[0] not in client.run(os.getpid).values()  # the nanny started a new process
    assert got.added == 24 and got.duplicates == 0
    assert table_counts(store) == table_counts(reference)


CLIENT = """
import sys
from chronik.jobs import dask_ingest as cd
from chronik.ingest import ReadOptions
from chronik.settings import Settings
from chronik.store.db import open_store
cd.CHUNK_BYTES = 1
cd.ingest_dask(open_store(sys.argv[1]), [sys.argv[2]], ReadOptions(), Settings(batch_size=2), sys.argv[3])
"""


def test_killed_client_then_rerun_finishes_without_duplicates(cluster, tmp_path, small_chunks):
    corpus = make_corpus(tmp_path / "in")
    reference = open_store(str(tmp_path / "ref.db"))
    ingest(reference, [corpus], ReadOptions(), SETTINGS)
    db_path = tmp_path / "dask.db"
    store = open_store(str(db_path))
    client = subprocess.Popen([sys.executable, "-c", CLIENT, str(db_path), str(corpus), cluster[0]])
    deadline = time.monotonic() + 90
    while (
        table_counts(store)["reports"] < 3 and client.poll() is None and time.monotonic() < deadline
    ):
        time.sleep(0.1)
    client.send_signal(signal.SIGKILL)
    client.wait()
    kept = table_counts(store)["reports"]
    assert 3 <= kept < 18  # killed mid-run, with some reports committed

    finished = cd.ingest_dask(store, [corpus], ReadOptions(), SETTINGS, cluster[0])

    assert (finished.stored, finished.duplicates) == (18 - kept, kept + 1)
    assert current_ids(store) == current_ids(reference)
    facts = ("reports", "sentences", "mentions", "timexes", "events", "claims")
    assert {k: table_counts(store)[k] for k in facts} == {
        k: table_counts(reference)[k] for k in facts
    }
    # write_report and crosslink.after_write are two transactions; a report committed just before
    # the kill is linked by the re-run (crosslink.finish_pending), so the links match too
    assert table_counts(store) == table_counts(reference)


def test_unreachable_scheduler_is_a_clear_error_not_a_hang(monkeypatch, tmp_path):
    monkeypatch.setattr(dask_cluster, "CONNECT_TIMEOUT", 2.0)
    started = time.monotonic()
    with pytest.raises(
        cd.ClusterError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 2 s"
    ):
        cd.ingest_dask(
            open_store(str(tmp_path / "x.db")),
            [tmp_path],
            ReadOptions(),
            SETTINGS,
            "tcp://127.0.0.1:9",
        )
    assert time.monotonic() - started < 15


def test_scheduler_without_workers_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(dask_cluster, "CONNECT_TIMEOUT", 1.0)
    with (
        distributed.LocalCluster(
            n_workers=0, host="127.0.0.1", dashboard_address=None, silence_logs=40
        ) as empty,
        pytest.raises(
            cd.ClusterError, match=r"has no workers after 1 s; start some with `dask worker tcp://"
        ),
    ):
        cd.ingest_dask(
            open_store(str(tmp_path / "x.db")),
            [tmp_path],
            ReadOptions(),
            SETTINGS,
            empty.scheduler_address,
        )


def test_local_cluster_is_started_and_stopped_for_the_run(tmp_path):
    corpus = write_jsonl(tmp_path / "few.jsonl", [record(i) for i in range(3)])
    store = open_store(str(tmp_path / "db.db"))
    got = cd.ingest_dask(store, [corpus], ReadOptions(), SETTINGS, "local:1")
    assert (got.workers, got.added, table_counts(store)["reports"]) == (1, 3, 3)


def test_local_scheduler_names():
    assert dask_cluster.local_workers("local") == 2
    assert dask_cluster.local_workers("local:3") == 3
    assert dask_cluster.local_workers("tcp://10.0.0.5:8786") is None
    with pytest.raises(ConfigError, match="local:N"):
        dask_cluster.local_workers("local:many")


def test_database_gone_mid_run_keeps_what_was_committed(
    cluster, tmp_path, small_chunks, monkeypatch
):
    corpus = make_corpus(tmp_path / "in")
    store = open_store(str(tmp_path / "dask.db"))
    writes: list[str] = []

    def write_then_fail(store, report, annotations):  # type: ignore[no-untyped-def]
        if len(writes) == 4:
            raise sa.exc.OperationalError(
                "INSERT", {}, ConnectionRefusedError("server closed the connection")
            )
        writes.append(report.id)
        return write_report(store, report, annotations)

    monkeypatch.setattr(
        cd.db, "write_many", None, raising=False
    )  # the per-report path, even once COPY lands
    monkeypatch.setattr(write_path, "write_report", write_then_fail)
    with pytest.raises(
        StoreError,
        match=r"stopped answering \(server closed the connection\); 4 reports were "
        r"stored in this run and stay; run the same command again",
    ):
        cd.ingest_dask(store, [corpus], ReadOptions(), SETTINGS, cluster[0])
    assert current_ids(store) == set(writes)

    monkeypatch.undo()
    finished = cd.ingest_dask(store, [corpus], ReadOptions(), SETTINGS, cluster[0])
    assert finished.stored == 14 and table_counts(store)["reports"] == 18


def test_reanalyse_on_dask_replaces_only_stale_reports(cluster, tmp_path):
    corpus = make_corpus(tmp_path / "in")
    store = open_store(str(tmp_path / "db.db"))
    ingest(store, [corpus], ReadOptions(), SETTINGS)
    before = table_counts(store)
    with store.engine.begin() as conn:
        stale = list(
            conn.execute(sa.select(t.reports.c.id).order_by(t.reports.c.id).limit(5)).scalars()
        )
        conn.execute(
            t.reports.update().where(t.reports.c.id.in_(stale)).values(pipeline="chronik-0.0.9+old")
        )
        conn.execute(t.mentions.delete().where(t.mentions.c.report_id.in_(stale)))

    summary = reanalyse(store, SETTINGS, since="0.1.0", scheduler=cluster[0])

    assert summary.selected == summary.reanalysed == 5
    assert summary.stale_versions == {"chronik-0.0.9+old": 5}
    assert table_counts(store) == before
    with store.engine.connect() as conn:
        versions = set(conn.execute(sa.select(t.reports.c.pipeline).distinct()).scalars())
    assert versions == {summary.pipeline}
    assert reanalyse(store, SETTINGS, since="0.1.0", scheduler=cluster[0]).selected == 0
