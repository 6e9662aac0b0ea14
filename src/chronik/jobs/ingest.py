"""Ingest as a job: read files -> analyse in batches (optionally in worker processes) -> store.

Each report is written in its own transaction, and reports already stored are recognised by id
before any NLP runs, so a run killed at any moment is finished by running it again.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from chronik.ingest import ReadOptions, Skipped, read_paths
from chronik.jobs.write import FactCounts, count_facts, store_and_link
from chronik.kb.link import finish_pending
from chronik.settings import Settings
from chronik.store.db import Store, has_report, optimize
from chronik.types import Annotations, Report

# Skipped inputs kept in the summary (its JSON lists them); the rest are only counted.
SKIPPED_KEPT = 100


@dataclass
class IngestSummary(FactCounts):
    added: int = 0
    new_versions: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)  # the first SKIPPED_KEPT of them
    skipped_count: int = 0
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return self.added + self.new_versions

    def skip(self, item: Skipped) -> None:
        """Count a skipped input; only the first few are kept, so millions of bad lines cost
        memory for a number, not for a list (the caller's on_skip sees every one)."""
        self.skipped_count += 1
        if len(self.skipped) < SKIPPED_KEPT:
            self.skipped.append(item)

    def as_dict(self) -> dict:
        return {
            "added": self.added,
            "new_versions": self.new_versions,
            "duplicates": self.duplicates,
            "skipped": self.skipped_count,
            **self.facts_dict(),
            "seconds": round(self.seconds, 3),
            "words_per_second": round(self.words / self.seconds, 1) if self.seconds else None,
            "skipped_inputs": [str(s) for s in self.skipped],
        }


Progress = Callable[[IngestSummary], None]


def ingest(
    store: Store,
    paths: Iterable[Path | str],
    options: ReadOptions,
    settings: Settings,
    on_progress: Progress | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> IngestSummary:
    """Read, analyse and store; returns counts. Bad inputs are counted as Skipped, never raised."""
    summary = IngestSummary()
    started = time.perf_counter()
    finish_pending(store)
    seen: set[str] = set()

    def fresh_reports() -> Iterator[Report]:
        for item in read_paths(paths, options):
            if isinstance(item, Skipped):
                summary.skip(item)
                if on_skip:
                    on_skip(item)
            elif item.id in seen or has_report(store, item.id):
                summary.duplicates += 1
            else:
                seen.add(item.id)
                yield item

    for report, found in analyse_stream(fresh_reports(), settings):
        store_analysed(store, report, found, summary)
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)
    if summary.stored:
        optimize(store)
    summary.seconds = time.perf_counter() - started
    return summary


def store_analysed(
    store: Store, report: Report, annotations: Annotations, summary: IngestSummary
) -> None:
    """Write one analysed report through the one write path and count it."""
    stored = store_and_link(store, report, annotations)
    if stored.status == "duplicate":
        summary.duplicates += 1
        return
    if stored.status == "new_version":
        summary.new_versions += 1
    else:
        summary.added += 1
    count_facts(summary, report, annotations, stored)


def _batches(reports: Iterable[Report], size: int) -> Iterator[list[Report]]:
    batch: list[Report] = []
    for report in reports:
        batch.append(report)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_stream(
    reports: Iterable[Report], settings: Settings
) -> Iterator[tuple[Report, Annotations]]:
    """In order; with settings.workers > 1 the pipeline is loaded once per worker process. It is
    loaded when the first report to analyse arrives: a run of duplicates or bad lines never pays
    for the models (time and memory)."""
    reports = iter(reports)
    first = next(reports, None)
    if first is None:
        return
    reports = itertools.chain([first], reports)
    if settings.workers <= 1:
        from chronik.nlp import pipeline  # here: importing the models costs ~300 MB

        nlp = pipeline.build(settings)
        yield from pipeline.analyse_many(nlp, reports, batch_size=settings.batch_size)
        return
    with ProcessPoolExecutor(
        settings.workers, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        pending: list[Future] = []
        for batch in _batches(reports, settings.batch_size):
            pending.append(pool.submit(_analyse_batch, batch))
            if len(pending) >= settings.workers * 2:  # bounded: a huge input never queues in memory
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


_worker_nlp = None


def _init_worker(settings: Settings) -> None:
    global _worker_nlp
    from chronik.nlp import pipeline

    _worker_nlp = pipeline.build(settings)


def _analyse_batch(batch: list[Report]) -> list[tuple[Report, Annotations]]:
    assert _worker_nlp is not None, "worker initialiser did not run"
    from chronik.nlp import pipeline

    return list(pipeline.analyse_many(_worker_nlp, batch))
