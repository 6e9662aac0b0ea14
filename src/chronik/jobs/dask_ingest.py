"""Ingest on a Dask cluster: reading and NLP run as tasks on the workers, writing stays on the client.

    ingest_dask(store, ["news/"], ReadOptions(), settings, "tcp://10.0.0.5:8786")   # an existing cluster
    ingest_dask(store, ["news/"], ReadOptions(), settings, "local:2")   # 2 worker processes here, for this run

How the work is cut (the choices, and why):
- Files up to SMALL_FILE_BYTES are grouped, in input order, into chunks of about CHUNK_BYTES. A task on a
  worker reads a chunk and keeps the reports there; a tiny second task sends back only their ids and
  Skipped records; the client drops ids already stored (or met earlier in this run) and asks for the rest
  to be analysed by a third task that Dask places beside the data. So the text crosses the network once
  (worker -> client, with its annotations) and nothing already stored is analysed.
- A bigger file, and a chunk whose files the workers cannot see (a cluster on other machines without the
  client's file system), is read by the client, filtered, and shipped in batches of `settings.batch_size`.
- The pipeline is built once per worker process (a cache keyed by the settings that shape it) and warmed
  on every worker before any report is sent, which also checks that the workers run this chronik version.
- At most `window` units are open at once (submitted, running, or done but not yet written), so a huge
  input never queues in memory on the client or the scheduler. Results are written in input order (a small
  reorder buffer), so versions of one source are chained exactly as `run.ingest` chains them.
- The client thread is the one writer, doing what run.ingest does: each report in its own transaction
  (COPY on PostgreSQL), then linked into the store (crosslink.after_write), in input order since linking
  depends on what was linked before.

Faults: a worker that dies has its tasks (and the chunks it held) recomputed elsewhere by Dask (`retries`
covers exceptions, the scheduler's allowed-failures covers deaths); ids are content hashes and writing is
idempotent, so nothing is written twice and a re-run after a killed client finishes the job. A scheduler that
does not answer, a cluster without workers, a lost scheduler and a database that stops answering end the run
with a ChronikError naming what to do; what was committed stays.
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from chronik import __version__
from chronik.errors import ChronikError, ConfigError, StoreError
from chronik.ingest import ReadOptions, Skipped, read_file
from chronik.ingest.formats import has_known_extension
from chronik.ingest.walk import iter_files
from chronik.jobs.ingest import IngestSummary, store_analysed
from chronik.kb.link import finish_pending
from chronik.nlp import pipeline
from chronik.settings import Settings
from chronik.store import db
from chronik.store.db import Store, has_report
from chronik.types import Annotations, Report

SMALL_FILE_BYTES = 2_000_000  # read on a worker; bigger files are streamed by the client
CHUNK_BYTES = (
    256_000  # about 60 news reports: a task of some seconds, cheap to redo when a worker dies
)
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler and to see its first worker
WARM_TIMEOUT = 600.0  # building the pipeline on a worker (the accurate tier loads a large model)
RETRIES = 2
DEFAULT_LOCAL_WORKERS = 2

Pair = tuple[Report, Annotations]


class ClusterError(ChronikError):
    """The Dask scheduler or its workers cannot be reached or used."""


@dataclass
class ClusterSummary(IngestSummary):
    """IngestSummary plus what the cluster did; `analysed` grows as tasks finish (before writing)."""

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


# --- connecting -------------------------------------------------------------------------------------------


def local_workers(scheduler: str) -> int | None:
    """`local` -> 2, `local:4` -> 4, an address -> None."""
    if scheduler != "local" and not scheduler.startswith("local:"):
        return None
    count = scheduler.partition(":")[2] or str(DEFAULT_LOCAL_WORKERS)
    if not count.isdigit() or int(count) < 1:
        raise ConfigError(
            f"--dask {scheduler!r}: write local, local:N with N >= 1, or a scheduler address "
            "such as tcp://host:8786"
        )
    return int(count)


def _distributed():  # type: ignore[no-untyped-def]
    try:
        import distributed
    except ImportError:
        raise ConfigError(
            "running on Dask needs the optional extra: pip install 'chronik[dask]'"
        ) from None
    return distributed


@contextmanager
def cluster_client(scheduler: str, timeout: float | None = None) -> Iterator[Any]:
    """A connected distributed.Client with at least one worker; a LocalCluster for `local[:N]`."""
    dd = _distributed()
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    n_local = local_workers(scheduler)
    cluster = None
    if n_local is not None:
        try:
            with (
                warnings.catch_warnings()
            ):  # the scheduler's HTTP port falls back to a free one: not news
                warnings.filterwarnings("ignore", message="Port .* is already in use")
                cluster = dd.LocalCluster(
                    n_workers=n_local,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
        except (OSError, RuntimeError) as exc:
            raise ClusterError(
                f"cannot start {n_local} local Dask worker processes ({exc}); free some memory "
                "or give fewer with --dask local:N"
            ) from None
        client = dd.Client(cluster, set_as_default=False)
    else:
        try:
            client = dd.Client(scheduler, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler} within {timeout:g} s ({exc}); "
                "check the address and that `dask scheduler` runs there"
            ) from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise ClusterError(
                f"the Dask scheduler at {scheduler} has no workers after {timeout:g} s; start some "
                f"with `dask worker {scheduler}` (chronik {__version__} installed)"
            ) from None
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- what runs on the workers ----------------------------------------------------------------------------

_PIPELINES: dict[tuple, Any] = {}
_PIPELINES_LOCK = threading.Lock()


def _pipeline_key(settings: Settings) -> tuple:
    """The settings `pipeline.build` reads: two runs that agree on them share a worker's pipeline."""
    return (settings.tier, settings.spacy_model, tuple(settings.disabled))


def worker_pipeline(settings: Settings) -> Any:
    """The pipeline of this worker process, built on first use."""
    key = _pipeline_key(settings)
    with _PIPELINES_LOCK:
        if key not in _PIPELINES:
            _PIPELINES[key] = pipeline.build(settings)
        return _PIPELINES[key]


def _warm(settings: Settings) -> tuple[str, str]:
    return __version__, pipeline.version(worker_pipeline(settings))


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


def analyse_reports(reports: list[Report], settings: Settings) -> list[Pair]:
    nlp = worker_pipeline(settings)
    return list(pipeline.analyse_many(nlp, reports, batch_size=settings.batch_size))


# --- the client's loop: a bounded window of units, finished in input order ---------------------------------


@dataclass
class Unit:
    """One piece of work; `advance` turns a finished future's result into the next future, or None when done."""

    seq: int
    advance: Callable[[Any], Any] = lambda result: None
    future: Any = None
    pairs: list[Pair] = field(default_factory=list)


def run_window(
    client: Any, units: Iterator[Unit], window: int, on_task: Callable[[], None] = lambda: None
) -> Iterator[Unit]:
    """Keep at most `window` units open; yield finished units in sequence order."""
    pending = _distributed().as_completed(loop=client.loop)
    owners: dict[str, Unit] = {}
    finished: dict[int, Unit] = {}
    open_units = 0
    next_seq = 0
    exhausted = False

    def top_up() -> None:
        nonlocal open_units, exhausted
        while not exhausted and open_units < window:
            unit = next(units, None)
            if unit is None:
                exhausted = True
            else:
                open_units += 1
                if unit.future is None:
                    finished[unit.seq] = unit
                else:
                    owners[unit.future.key] = unit
                    pending.add(unit.future)

    top_up()
    while True:
        while next_seq in finished:
            open_units -= 1
            yield finished.pop(next_seq)
            next_seq += 1
            top_up()
        if pending.is_empty():  # every open unit is finished, so the input is exhausted
            return
        future = next(pending)
        unit = owners.pop(future.key)
        following = unit.advance(future.result())
        on_task()
        if following is None:
            unit.future = None
            finished[unit.seq] = unit
        else:
            unit.future = following
            owners[following.key] = unit
            pending.add(following)


@contextmanager
def cluster_faults(scheduler: str, done: Callable[[], int]) -> Iterator[None]:
    """Turn a dead cluster into a ChronikError that says what was kept."""
    dd = _distributed()
    from distributed.scheduler import KilledWorker

    try:
        yield
    except KilledWorker as exc:
        raise ClusterError(
            f"a task killed every worker that ran it ({exc}); a worker may be running out of "
            f"memory: give workers more memory or use a smaller --batch-size. {done():,} reports "
            "were stored and stay; run the same command again to do the rest"
        ) from None
    except (dd.comm.CommClosedError, dd.client.FutureCancelledError, OSError, TimeoutError) as exc:
        raise ClusterError(
            f"lost the Dask scheduler at {scheduler} ({exc}); {done():,} reports were stored and "
            "stay; run the same command again to do the rest"
        ) from None


@contextmanager
def database_faults(store: Store, done: Callable[[], int]) -> Iterator[None]:
    try:
        yield
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
        raise StoreError(
            f"{store.url}: the database stopped answering ({getattr(exc, 'orig', exc)}); {done():,} "
            "reports were stored in this run and stay; run the same command again when it is "
            "back"
        ) from None


def warm_workers(client: Any, settings: Settings) -> str:
    """Build the pipeline on every worker now, check versions; returns the workers' pipeline version."""
    workers = list(client.scheduler_info()["workers"])
    futures = [
        client.submit(_warm, settings, workers=[w], allow_other_workers=True, pure=False)
        for w in workers
    ]
    try:
        answers = {future.result(timeout=WARM_TIMEOUT) for future in futures}
    except ImportError as exc:
        raise ClusterError(
            f"the Dask workers cannot run chronik ({exc}); install chronik[dask]=={__version__} "
            "on the scheduler and every worker"
        ) from None
    except TimeoutError:
        raise ClusterError(
            f"the Dask workers did not build the pipeline within {WARM_TIMEOUT:g} s; check their "
            "logs (a missing model, too little memory)"
        ) from None
    versions = {chronik for chronik, _ in answers}
    if versions != {__version__}:
        raise ClusterError(
            f"the Dask workers run chronik {', '.join(sorted(versions))} but this client runs "
            f"{__version__}; install the same version on the client, scheduler and workers"
        )
    pipelines = {p for _, p in answers}
    if len(pipelines) > 1:
        raise ClusterError(
            f"the Dask workers build different pipelines ({sorted(pipelines)}); install the same "
            "models and settings on every worker"
        )
    return pipelines.pop()


def for_workers(settings: Settings) -> Settings:
    """What the workers need to build the pipeline: no database URL (it may hold a password), no API token."""
    return replace(settings, db="", api_token=None)


def window_size(client: Any) -> int:
    return max(4, 2 * len(client.scheduler_info()["workers"]) + 2)


# --- ingest ----------------------------------------------------------------------------------------------


def ingest_dask(
    store: Store,
    paths: Iterable[Path | str],
    options: ReadOptions,
    settings: Settings,
    scheduler: str,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> ClusterSummary:
    """Like run.ingest, with reading and NLP on the Dask cluster at `scheduler` (or `local[:N]`)."""
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
        """Not yet met in this run and not stored: worth analysing. Counts the rest as duplicates."""
        if report_id in self.seen or has_report(self.store, report_id):
            self.summary.duplicates += 1
            return False
        self.seen.add(report_id)
        return True

    def skip(self, item: Skipped) -> None:
        self.summary.skipped.append(item)
        if self.on_skip:
            self.on_skip(item)


def store_pairs(store: Store, pairs: list[Pair], summary: IngestSummary) -> None:
    """What run.ingest does with each analysed report, in input order: write it (own transaction), link it
    into what the store knows (order matters for linking, so one writer), count it as it commits so that a
    failure reports exactly what stayed."""
    for report, annotations in pairs:
        store_analysed(store, report, annotations, summary)
