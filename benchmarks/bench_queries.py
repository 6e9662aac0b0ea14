"""Latency of the query layer and of the web pages against their JSON twins, on >= 100,000 reports.

    python -m benchmarks.bench_queries             # builds (once, ~6 min) or reuses the database
    python -m benchmarks.bench_queries --reports 10000 --samples 50

Prints p50/p95 per query and per page vs its .json twin, checks them against the targets (p95 <= 100
ms for search, report, entity and timeline; <= 300 ms for a month's network; a page within 2x of its
twin), and saves benchmarks/results/queries.json. Everything runs in this process; no network.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from benchmarks.common import percentiles, save
from benchmarks.query_db import DAYS, START, build_or_reuse, db_path, fill
from chronik.store import queries, schema
from chronik.store.db import Store, open_store
from chronik.store.queries import Filters

TARGETS = {
    "search": 100,
    "report": 100,
    "entity": 100,
    "timeline": 100,
    "network": 300,
    "claims": 100,
}
_WORD = re.compile(r"\b[A-Za-zÄÖÜäöüß]{5,}\b")


class Sampler:
    """Query arguments drawn from the database itself, so that they hit real data."""

    def __init__(self, store: Store, seed: int) -> None:
        self.rng = random.Random(seed)
        with store.engine.connect() as conn:
            self.report_ids = [
                r[0] for r in conn.exec_driver_sql("SELECT id FROM reports ORDER BY id")
            ]
            self.entities = [
                r[0] for r in conn.exec_driver_sql("SELECT id FROM entities WHERE n_mentions >= 5")
            ]
            self.heavy = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT id FROM entities ORDER BY n_mentions DESC LIMIT 10"
                )
            ]
            self.places = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT canonical FROM entities WHERE type = 'LOC' AND info IS NOT NULL "
                    "AND canonical IN (SELECT canonical FROM entities GROUP BY canonical "
                    "HAVING count(*) = 1)"  # an ambiguous name is a 409, not a timeline
                )
            ]
            self.sources = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT source_text FROM claims WHERE source_text IS NOT NULL LIMIT 2000"
                )
            ]
        self.store = store

    def report_id(self) -> str:
        return self.rng.choice(self.report_ids)

    def words(self) -> str:
        with self.store.engine.connect() as conn:
            text = conn.execute(
                sa.select(schema.reports.c.text).where(schema.reports.c.id == self.report_id())
            ).scalar_one()
        words = _WORD.findall(text)
        return " ".join(self.rng.sample(words, k=min(len(words), self.rng.choice((1, 1, 2)))))

    def prefixes(self, n: int = 166) -> str:
        """A pasted list of n prefix terms (the query normaliser keeps the first few); the words
        come from a pool read once, so the figure is the search's, not the sampler's."""
        if not hasattr(self, "pool"):
            self.pool = sorted({w for _ in range(60) for w in self.words().split()})
        return " ".join(w[:6] + "*" for w in self.rng.choices(self.pool, k=n))

    def day(self) -> date:
        return START + timedelta(days=self.rng.randint(0, DAYS - 1))

    def month(self) -> tuple[date, date]:
        first = self.day().replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)

    def entity(self) -> int:
        return self.rng.choice(self.entities)

    def event_type(self) -> str:
        return self.rng.choice(queries.EVENT_TYPES)


def _time(fn: Callable[[], Any], samples: int) -> dict[str, Any]:
    """Wall-clock and CPU milliseconds. On a shared machine the CPU figure shows the query's own
    cost; the wall figure adds the wait for a core (compare the load average printed at the
    start)."""
    fn()  # warm the caches once; the figures are for a running server
    wall, cpu = [], []
    for _ in range(samples):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {**percentiles(wall), "cpu": percentiles(cpu)}


def query_cases(store: Store, s: Sampler) -> dict[str, tuple[str, Callable[[], Any]]]:
    """name -> (target group, a call with fresh random arguments each time)."""
    return {
        "search": ("search", lambda: queries.search(store, s.words())),
        "search as_of": ("search", lambda: queries.search(store, s.words(), as_of=s.day())),
        "search A OR B": (
            "search",
            lambda: queries.search(store, f"{s.words().split()[0]} OR {s.words().split()[0]}"),
        ),
        "search 166 prefixes": ("search", lambda: queries.search(store, s.prefixes())),
        "report": ("report", lambda: queries.report(store, s.report_id())),
        "entity": ("entity", lambda: queries.entity(store, s.entity())),
        "entity as_of": ("entity", lambda: queries.entity(store, s.entity(), as_of_day=s.day())),
        "entity (10 most named)": ("entity", lambda: queries.entity(store, s.rng.choice(s.heavy))),
        "timeline": ("timeline", lambda: queries.timeline(store)),
        "timeline type": (
            "timeline",
            lambda: queries.timeline(store, Filters(types=(s.event_type(),))),
        ),
        "timeline entity": (
            "timeline",
            lambda: queries.timeline(store, Filters(entity=str(s.entity()))),
        ),
        "timeline place": (
            "timeline",
            lambda: queries.timeline(store, Filters(place=s.rng.choice(s.places))),
        ),
        "timeline month": (
            "timeline",
            lambda: queries.timeline(store, Filters(start=(m := s.month())[0], end=m[1])),
        ),
        "timeline certainty": (
            "timeline",
            lambda: queries.timeline(store, Filters(certainty=("alleged",))),
        ),
        "timeline source": (
            "timeline",
            lambda: queries.timeline(store, Filters(source=s.rng.choice(s.sources))),
        ),
        "timeline place+month": (
            "timeline",
            lambda: queries.timeline(
                store, Filters(place=s.rng.choice(s.places), start=(m := s.month())[0], end=m[1])
            ),
        ),
        "timeline as_of": ("timeline", lambda: queries.timeline(store, Filters(as_of=s.day()))),
        "timeline entity+type+as_of": (
            "timeline",
            lambda: queries.timeline(
                store, Filters(entity=str(s.entity()), types=(s.event_type(),), as_of=s.day())
            ),
        ),
        "network month": (
            "network",
            lambda: queries.network(store, Filters(start=(m := s.month())[0], end=m[1])),
        ),
        "network default": ("network", lambda: queries.network(store)),
        "network events": (
            "network",
            lambda: queries.edge_events(store, Filters(), s.rng.choice(s.heavy)),
        ),
        "network month as_of": (
            "network",
            lambda: queries.network(
                store, Filters(start=(m := s.month())[0], end=m[1], as_of=m[1])
            ),
        ),
        "claims": ("claims", lambda: queries.claims(store)),
        "claims as_of": ("claims", lambda: queries.claims(store, Filters(as_of=s.day()))),
        "claims entity": ("claims", lambda: queries.claims(store, Filters(entity=str(s.entity())))),
    }


def page_cases(s: Sampler) -> dict[str, Callable[[], str]]:
    """Page paths (without .json) with random arguments."""

    def month() -> str:
        first, last = s.month()
        return f"start={first}&end={last}"

    return {
        "/search": lambda: f"/search?q={s.words()}",
        "/reports/{id}": lambda: f"/reports/{s.report_id()}",
        "/entities/{id}": lambda: f"/entities/{s.entity()}",
        "/timeline": lambda: f"/timeline?type={s.event_type()}&as_of={s.day()}",
        "/network": lambda: f"/network?{month()}",
        "/claims": lambda: f"/claims?as_of={s.day()}",
    }


def _result_name(store: Store) -> str:
    return "queries" if store.dialect == "sqlite" else "queries-" + store.dialect


def _twin(path: str) -> str:
    base, _, query = path.partition("?")
    return base + ".json" + ("?" + query if query else "")


def time_pages(store_path: str, s: Sampler, samples: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from chronik.api.app import create_app
    from chronik.settings import Settings

    client = TestClient(create_app(Settings(db=store_path)))
    out = {}
    for name, make in page_cases(s).items():
        paths = [make() for _ in range(samples)]
        for path in paths[:2]:
            assert client.get(path).status_code == 200, path
        for path in paths:  # read each report/entity once, so neither side pays for a cold cache
            client.get(_twin(path))
        html = _time_paths(client, paths)
        twin = _time_paths(client, [_twin(p) for p in paths])
        out[name] = {
            "page": html,
            "json": twin,
            "ratio_p50": round(html["p50"] / max(twin["p50"], 0.01), 2),
            "cpu_ratio_p50": round(html["cpu"]["p50"] / max(twin["cpu"]["p50"], 0.01), 2),
        }
    return out


def _time_paths(client: Any, paths: list[str]) -> dict[str, Any]:
    """Wall and CPU time per request (CPU of the whole process: the test client runs the app in a
    thread)."""
    wall, cpu = [], []
    for path in paths:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            sys.exit(f"{path}: HTTP {response.status_code} {response.text[:200]}")
    return {**percentiles(wall), "cpu": percentiles(cpu)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--db", help="Run against this database URL (filled with the synthetic corpus when empty)."
    )
    parser.add_argument(
        "--pg",
        action="store_true",
        help="Start a throw-away PostgreSQL server (Debian's binaries) and run against it.",
    )
    args = parser.parse_args(argv)
    cluster = None
    if args.pg:
        from tests import pgcluster

        cluster = pgcluster.start(
            shared_buffers="1GB"
        )  # a server's setting, not the 128 MB default
        args.db = cluster.create_database("bench")
    try:
        run(args)
    finally:
        if cluster is not None:
            cluster.stop()


def run(args: argparse.Namespace) -> None:
    if args.db:
        store = open_store(args.db)
        if queries.stats(store)["reports"] == 0:
            print(f"filling {store.url} with {args.reports:,} reports")
            fill(store, args.reports)
    else:
        store = build_or_reuse(args.reports)
    sampler = Sampler(store, args.seed)
    stats = queries.stats(store)
    print(
        f"\n{stats['reports']:,} reports, {stats['mentions']:,} mentions, "
        f"{stats['entities']:,} entities, "
        f"{stats['events']:,} events, {stats['claims']:,} claims\n"
    )
    results: dict[str, Any] = {
        "reports": stats["reports"],
        "samples": args.samples,
        "queries": {},
        "pages": {},
    }
    failures = []
    load = os.getloadavg()[0]
    results["load_average"] = load
    print(f"load average {load:.1f} on {os.cpu_count()} cores\n")
    print(f"{'query':32} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'cpu p95':>8} {'target':>7}")
    for name, (group, call) in query_cases(store, sampler).items():
        figures = _time(call, args.samples)
        results["queries"][name] = {**figures, "target_p95": TARGETS[group]}
        ok = figures["p95"] <= TARGETS[group]
        failures += [] if ok else [name]
        print(
            f"{name:32} {figures['p50']:8.1f} {figures['p95']:8.1f} {figures['cpu']['p50']:8.1f} "
            f"{figures['cpu']['p95']:8.1f} {TARGETS[group]:7} {'' if ok else 'OVER'}"
        )
    print(
        f"\n{'page vs .json twin':24} {'page p50':>8} {'p95':>7} {'json p50':>8} {'p95':>7} "
        f"{'ratio':>6} "
        f"{'cpu p50 page/json':>18} {'ratio':>6}"
    )
    for name, fig in time_pages(
        args.db or str(db_path(args.reports)), sampler, max(20, args.samples // 2)
    ).items():
        results["pages"][name] = fig
        ok = fig["ratio_p50"] <= 2.0
        failures += [] if ok else [f"page {name}"]
        print(
            f"{name:24} {fig['page']['p50']:8.1f} {fig['page']['p95']:7.1f} "
            f"{fig['json']['p50']:8.1f} "
            f"{fig['json']['p95']:7.1f} {fig['ratio_p50']:6.2f} {fig['page']['cpu']['p50']:8.1f} / "
            f"{fig['json']['cpu']['p50']:7.1f} {fig['cpu_ratio_p50']:6.2f} {'' if ok else 'OVER'}"
        )
    results["over_target"] = failures
    results["database"] = store.dialect
    print(
        f"\nsaved {save(_result_name(store), results)}; "
        + (f"over target: {', '.join(failures)}" if failures else "all within target")
    )


if __name__ == "__main__":
    main()
