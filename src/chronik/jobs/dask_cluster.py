"""Dask plumbing shared by the Dask ingest and the Dask re-analysis: connecting to a scheduler (or
starting a LocalCluster), the pipeline cached on each worker, the bounded window of units the client
keeps open, and turning cluster and database faults into messages that say what was kept.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from chronik import __version__
from chronik.errors import ChronikError, ConfigError, StoreError
from chronik.nlp import pipeline
from chronik.settings import Settings
from chronik.store.db import CONNECTION_ERRORS, Store
from chronik.types import Annotations, Report

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler and to see its first worker
WARM_TIMEOUT = 600.0  # building the pipeline on a worker (the accurate tier loads a large model)
RETRIES = 2
DEFAULT_LOCAL_WORKERS = 2

Pair = tuple[Report, Annotations]


class ClusterError(ChronikError):
    """The Dask scheduler or its workers cannot be reached or used."""


# --- connecting -----------------------------------------------------------------------------------


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


# --- what runs on the workers ---------------------------------------------------------------------

_PIPELINES: dict[tuple, Any] = {}
_PIPELINES_LOCK = threading.Lock()


def _pipeline_key(settings: Settings) -> tuple:
    """The settings `pipeline.build` reads: two runs that agree on them share a worker's
    pipeline."""
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


def analyse_reports(reports: list[Report], settings: Settings) -> list[Pair]:
    nlp = worker_pipeline(settings)
    return list(pipeline.analyse_many(nlp, reports, batch_size=settings.batch_size))


# --- the client's loop: a bounded window of units, finished in input order ------------------------


@dataclass
class Unit:
    """One piece of work; `advance` turns a finished future's result into the next future, or
    None when done."""

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
    except CONNECTION_ERRORS as exc:
        raise StoreError(
            f"{store.url}: the database stopped answering ({getattr(exc, 'orig', exc)}); "
            f"{done():,} "
            "reports were stored in this run and stay; run the same command again when it is "
            "back"
        ) from None


def warm_workers(client: Any, settings: Settings) -> str:
    """Build the pipeline on every worker now, check versions; returns the workers' pipeline
    version."""
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
    """What the workers need to build the pipeline: no database URL (it may hold a password), no
    API token."""
    return replace(settings, db="", api_token=None)


def window_size(client: Any) -> int:
    return max(4, 2 * len(client.scheduler_info()["workers"]) + 2)
