"""Re-run the current pipeline over stored reports analysed by an older one, here or on a Dask
cluster.

Every analysed report stores the version of the pipeline that analysed it (`reports.pipeline`, from
`pipeline.version`): "chronik-0.1.0+chronik_sentences+chronik_entities+…". What "older" means:

- `since` given (`--since 0.2.0`, or "chronik-0.2.0"): a report is stale when the chronik release in
  its version string is lower than `since` by release order (packaging.version: 0.10.0 > 0.9.1,
  1.0.0rc1 < 1.0.0).
- `since` None: a report is stale when its version string differs in any way from the current one
  (another release, or another set of components).
- A report never analysed (no version) or with a version that does not start with "chronik-X.Y.Z" is
  stale in both cases: nothing says it is up to date.

Each report's annotations are replaced in one transaction (store.db.replace_annotations), so a run
stopped half-way leaves every report either old or new, and the same command finishes the job: what
was done is no longer stale. Old versions of a report are re-analysed too, since as-of queries read
them. The new facts are then linked into the store as at ingest (kb.link.after_write), against
everything stored by now; for links exactly as a fresh ingest in date order would make them, run
`chronik entity relink` afterwards.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from packaging.version import InvalidVersion, Version

from chronik import __version__
from chronik.errors import ConfigError
from chronik.jobs.ingest import analyse_stream
from chronik.jobs.write import FactCounts, count_facts, store_and_link
from chronik.nlp import pipeline
from chronik.settings import Settings
from chronik.store.db import Store, optimize
from chronik.store.stale import pipeline_versions, reports_analysed_by
from chronik.types import Annotations, Report

_RELEASE = re.compile(
    r"^chronik-(\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?)(?:\+|$)"
)


@dataclass
class ReanalyseSummary(FactCounts):
    pipeline: str = ""  # the version written now
    selected: int = 0
    reanalysed: int = 0
    stale_versions: dict[str, int] = field(
        default_factory=dict
    )  # version found -> reports ("" = none)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "pipeline": self.pipeline,
            "selected": self.selected,
            "reanalysed": self.reanalysed,
            **self.facts_dict(),
            "stale_versions": self.stale_versions,
            "seconds": round(self.seconds, 3),
        }


def release(version: str | None) -> Version | None:
    """The chronik release in a stored pipeline version ("chronik-0.1.0+…" -> 0.1.0); None if there
    is none."""
    match = _RELEASE.match(version or "")
    if not match:
        return None
    try:
        return Version(match.group(1))
    except InvalidVersion:
        return None


def parse_since(since: str) -> Version:
    """`--since 0.2.0`, `--since chronik-0.2.0` or a whole stored version string."""
    text = since.strip()
    found = release(text if text.startswith("chronik-") else f"chronik-{text}")
    if found is None:
        raise ConfigError(
            f"--since {since!r}: give a chronik release such as 0.2.0 (or chronik-0.2.0)"
        )
    return found


def is_stale(stored: str | None, since: Version | None, current: str) -> bool:
    """Whether a report analysed by `stored` must be analysed again (the rules are in the module
    docstring)."""
    found = release(stored)
    if found is None:
        return True
    if since is None:
        return stored != current
    return found < since


def stale_versions(store: Store, since: Version | None, current: str) -> dict[str | None, int]:
    """The distinct stored versions that are stale, with their report counts."""
    found = pipeline_versions(store)
    return {version: n for version, n in found.items() if is_stale(version, since, current)}


def reanalyse(
    store: Store,
    settings: Settings,
    since: str | None = None,
    scheduler: str | None = None,
    on_progress: Callable[[ReanalyseSummary], None] | None = None,
) -> ReanalyseSummary:
    """Analyse stale reports again with the current pipeline, here (settings.workers processes) or
    on Dask."""
    wanted = parse_since(since) if since is not None else None
    if wanted is not None and wanted > Version(__version__):
        raise ConfigError(
            f"--since {since}: this chronik is {__version__}, so what it writes would still be "
            "older than that; install the newer chronik or give an older version"
        )
    summary = ReanalyseSummary()
    started = time.perf_counter()
    if scheduler is None:
        nlp = pipeline.build(settings)
        summary.pipeline = pipeline.version(nlp)
        reports = _select(store, wanted, summary)
        if settings.workers > 1:
            pairs = analyse_stream(reports, settings)
        else:
            pairs = pipeline.analyse_many(nlp, reports, batch_size=settings.batch_size)
        _replace_all(store, pairs, summary, started, on_progress)
    else:
        from chronik.jobs import dask_cluster as distributed

        with distributed.cluster_client(scheduler) as client:
            worker_settings = distributed.for_workers(settings)
            summary.pipeline = distributed.warm_workers(client, worker_settings)
            pairs = _dask_pairs(client, scheduler, store, worker_settings, wanted, summary)
            _replace_all(store, pairs, summary, started, on_progress)
    if summary.reanalysed:
        optimize(store)
    summary.seconds = time.perf_counter() - started
    return summary


def _select(store: Store, wanted: Version | None, summary: ReanalyseSummary) -> Iterator[Report]:
    versions = stale_versions(store, wanted, summary.pipeline)
    summary.stale_versions = {v or "": n for v, n in versions.items()}
    summary.selected = sum(versions.values())
    return reports_analysed_by(store, list(versions))


def _dask_pairs(
    client: object,
    scheduler: str,
    store: Store,
    settings: Settings,
    wanted: Version | None,
    summary: ReanalyseSummary,
) -> Iterator[tuple[Report, Annotations]]:
    from chronik.jobs import dask_cluster as distributed

    reports = _select(store, wanted, summary)

    def units() -> Iterator[distributed.Unit]:
        batch: list[Report] = []
        seq = 0
        for report in reports:
            batch.append(report)
            if len(batch) >= settings.batch_size:
                yield _batch_unit(client, seq, batch, settings)
                seq, batch = seq + 1, []
        if batch:
            yield _batch_unit(client, seq, batch, settings)

    done = lambda: summary.reanalysed  # noqa: E731
    with distributed.cluster_faults(scheduler, done):
        for unit in distributed.run_window(client, units(), distributed.window_size(client)):
            yield from unit.pairs


def _batch_unit(client: object, seq: int, reports: list[Report], settings: Settings) -> object:
    from chronik.jobs import dask_cluster as distributed

    future = client.submit(
        distributed.analyse_reports,
        reports,
        settings,  # type: ignore[attr-defined]
        retries=distributed.RETRIES,
        pure=False,
    )
    unit = distributed.Unit(seq, future=future)

    def keep(pairs: list[tuple[Report, Annotations]]) -> None:
        unit.pairs = pairs

    unit.advance = keep
    return unit


def _replace_all(
    store: Store,
    pairs: Iterator[tuple[Report, Annotations]],
    summary: ReanalyseSummary,
    started: float,
    on_progress: Callable[[ReanalyseSummary], None] | None,
) -> None:
    from chronik.jobs.dask_cluster import database_faults

    with database_faults(store, lambda: summary.reanalysed):
        for report, annotations in pairs:
            count_facts(
                summary,
                report,
                annotations,
                store_and_link(store, report, annotations, replace=True),
            )
            summary.reanalysed += 1
            summary.seconds = time.perf_counter() - started
            if on_progress:
                on_progress(summary)
