"""Ingest on a Dask cluster: reading and NLP run as tasks on the workers, writing stays on the
client.

    ingest_dask(store, ["news/"], ReadOptions(), settings, "tcp://10.0.0.5:8786")  # a cluster
    ingest_dask(store, ["news/"], ReadOptions(), settings, "local:2")  # 2 processes, this run

How the work is cut (the choices, and why):
- Files up to SMALL_FILE_BYTES are grouped, in input order, into chunks of about CHUNK_BYTES. A task
  on a worker reads a chunk and keeps the reports there; a tiny second task sends back only their
  ids and Skipped records; the client drops ids already stored (or met earlier in this run) and asks
  for the rest to be analysed by a third task that Dask places beside the data. So the text crosses
  the network once (worker -> client, with its annotations) and nothing already stored is analysed.
- A bigger file, and a chunk whose files the workers cannot see (a cluster on other machines without
  the client's file system), is read by the client, filtered, and shipped in batches of
  `settings.batch_size`.
- The pipeline is built once per worker process (a cache keyed by the settings that shape it) and
  warmed on every worker before any report is sent, which also checks that the workers run this
  chronik version.
- At most `window` units are open at once (submitted, running, or done but not yet written), so a
  huge input never queues in memory on the client or the scheduler. Results are written in input
  order (a small reorder buffer), so versions of one source are chained exactly as
  `jobs.ingest.ingest` chains them.
- The client thread is the one writer, doing what jobs.ingest does: each report in its own
  transaction (COPY on PostgreSQL), then linked into the store (jobs.write.store_and_link), in input
  order since linking depends on what was linked before.

Faults: a worker that dies has its tasks (and the chunks it held) recomputed elsewhere by Dask
(`retries` covers exceptions, the scheduler's allowed-failures covers deaths); ids are content
hashes and writing is idempotent, so nothing is written twice and a re-run after a killed client
finishes the job. A scheduler that does not answer, a cluster without workers, a lost scheduler and
a database that stops answering end the run with a ChronikError naming what to do; what was
committed stays.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chronik.ingest import ReadOptions, Skipped, read_file
from chronik.ingest.formats import has_known_extension
from chronik.ingest.walk import iter_files
from chronik.jobs.dask_cluster import (
    RETRIES,
    ClusterError,
    Pair,
    Unit,
    analyse_reports,
    cluster_client,
    cluster_faults,
    database_faults,
    for_workers,
    run_window,
    warm_workers,
    window_size,
)
from chronik.jobs.ingest import IngestSummary, store_analysed
from chronik.kb.link import finish_pending
from chronik.settings import Settings
from chronik.store import db
from chronik.store.db import Store, has_report
from chronik.types import Report

SMALL_FILE_BYTES = 2_000_000  # read on a worker; bigger files are streamed by the client
# about 60 news reports: a task of some seconds, cheap to redo when a worker dies
CHUNK_BYTES = 256_000

__all__ = ["ClusterError", "ClusterSummary", "ingest_dask"]


# --- tasks that run on the workers ---


def _read_chunk(paths: list[str], options: ReadOptions) -> list[Report | Skipped] | None:
    """None when a file is not on this worker's disk: the client then reads the chunk itself."""
    if not all(Path(p).is_file() for p in paths):
        return None
    return [item for p in paths for item in read_file(Path(p), options)]


def _ids_and_skips(items: list[Report | Skipped] | None) -> tuple[list[str], list[Skipped]] | None:
    if items is None:
        return None
    return [i.id for i in items if isinstance(i, Report)], [
        i for i in items if isinstance(i, Skipped)
    ]


def _analyse_kept(items: list[Report | Skipped], keep: set[str], settings: Settings) -> list[Pair]:
    return analyse_reports([i for i in items if isinstance(i, Report) and i.id in keep], settings)


@dataclass
class ClusterSummary(IngestSummary):
    """IngestSummary plus what the cluster did; `analysed` grows as tasks finish (before
    writing)."""

    workers: int = 0
    tasks: int = 0
    analysed: int = 0

    def as_dict(self) -> dict:
        return {
            **super().as_dict(),
            "workers": self.workers,
            "tasks": self.tasks,
            "analysed": self.analysed,
        }


# --- ingest ---------------------------------------------------------------------------------------


def ingest_dask(
    store: Store,
    paths: Iterable[Path | str],
    options: ReadOptions,
    settings: Settings,
    scheduler: str,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> ClusterSummary:
    """Like jobs.ingest, with reading and NLP on the Dask cluster at `scheduler` (or
    `local[:N]`)."""
    summary = ClusterSummary()
    started = time.perf_counter()

    def progress() -> None:
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)

    settings = for_workers(settings)
    stored = lambda: summary.stored  # noqa: E731
    finish_pending(store)
    with (
        cluster_client(scheduler) as client,
        cluster_faults(scheduler, stored),
        database_faults(store, stored),
    ):
        warm_workers(client, settings)
        summary.workers = len(client.scheduler_info()["workers"])
        planner = _IngestPlanner(client, store, options, settings, summary, on_skip)

        def task_done() -> None:
            summary.tasks += 1
            progress()

        for unit in run_window(client, planner.units(paths), window_size(client), task_done):
            store_pairs(store, unit.pairs, summary)
            progress()
    if summary.stored:
        db.optimize(store)
    summary.seconds = time.perf_counter() - started
    return summary


class _IngestPlanner:
    """Turns paths into Units, filtering out what is stored before anything is analysed."""

    def __init__(
        self,
        client: Any,
        store: Store,
        options: ReadOptions,
        settings: Settings,
        summary: ClusterSummary,
        on_skip: Callable[[Skipped], None] | None,
    ) -> None:
        self.client, self.store, self.options, self.settings = client, store, options, settings
        self.summary, self.on_skip = summary, on_skip
        self.seen: set[str] = set()
        self.seq = 0

    def units(self, paths: Iterable[Path | str]) -> Iterator[Unit]:
        wanted = has_known_extension if self.options.format == "auto" else None
        chunk: list[str] = []
        size = 0
        for item in iter_files(paths, wanted):
            if isinstance(item, Skipped):
                self.skip(item)
                continue
            nbytes = item.stat().st_size
            if nbytes > SMALL_FILE_BYTES:
                if chunk:
                    yield self.chunk_unit(chunk)
                    chunk, size = [], 0
                yield from self.streamed(read_file(item, self.options))
                continue
            chunk.append(str(item))
            size += nbytes
            if size >= CHUNK_BYTES:
                yield self.chunk_unit(chunk)
                chunk, size = [], 0
        if chunk:
            yield self.chunk_unit(chunk)

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq - 1

    def chunk_unit(self, paths: list[str]) -> Unit:
        unit = Unit(self.next_seq())
        read = self.client.submit(_read_chunk, paths, self.options, retries=RETRIES, pure=False)
        unit.future = self.client.submit(_ids_and_skips, read, retries=RETRIES, pure=False)

        def analyse(pairs: list[Pair]) -> None:
            self.summary.analysed += len(pairs)
            unit.pairs = pairs

        def after_ids(answer: tuple[list[str], list[Skipped]] | None) -> Any:
            if answer is None:  # not on the workers' disks: read here, ship the reports
                fresh = list(
                    self.fresh(item for p in paths for item in read_file(Path(p), self.options))
                )
                future = self.submit_reports(fresh) if fresh else None
            else:
                ids, skips = answer
                for skip in skips:
                    self.skip(skip)
                keep = {i for i in ids if self.is_fresh(i)}
                future = (
                    self.client.submit(
                        _analyse_kept, read, keep, self.settings, retries=RETRIES, pure=False
                    )
                    if keep
                    else None
                )
            unit.advance = analyse
            return future

        unit.advance = after_ids
        return unit

    def streamed(self, items: Iterable[Report | Skipped]) -> Iterator[Unit]:
        batch: list[Report] = []
        for report in self.fresh(items):
            batch.append(report)
            if len(batch) >= self.settings.batch_size:
                yield self.batch_unit(batch)
                batch = []
        if batch:
            yield self.batch_unit(batch)

    def batch_unit(self, reports: list[Report]) -> Unit:
        unit = Unit(self.next_seq(), future=self.submit_reports(reports))

        def analyse(pairs: list[Pair]) -> None:
            self.summary.analysed += len(pairs)
            unit.pairs = pairs

        unit.advance = analyse
        return unit

    def submit_reports(self, reports: list[Report]) -> Any:
        return self.client.submit(
            analyse_reports, reports, self.settings, retries=RETRIES, pure=False
        )

    def fresh(self, items: Iterable[Report | Skipped]) -> Iterator[Report]:
        for item in items:
            if isinstance(item, Skipped):
                self.skip(item)
            elif self.is_fresh(item.id):
                yield item

    def is_fresh(self, report_id: str) -> bool:
        """Not yet met in this run and not stored: worth analysing. Counts the rest as
        duplicates."""
        if report_id in self.seen or has_report(self.store, report_id):
            self.summary.duplicates += 1
            return False
        self.seen.add(report_id)
        return True

    def skip(self, item: Skipped) -> None:
        self.summary.skip(item)
        if self.on_skip:
            self.on_skip(item)


def store_pairs(store: Store, pairs: list[Pair], summary: IngestSummary) -> None:
    """What jobs.ingest does with each analysed report, in input order: write it (own
    transaction), link it into what the store knows (order matters for linking, so one writer),
    count it as it commits so that a failure reports exactly what stayed."""
    for report, found in pairs:
        store_analysed(store, report, found, summary)
