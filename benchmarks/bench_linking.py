"""Incremental entity linking into a big store: median and p95 ms of `link_report` for a new report.

    python -m benchmarks.bench_linking --reports 100000 [--measure 300] [--db PATH]

Builds a synthetic store of N linked reports (names from the gold files and the sample corpus with
shifted dates, plus synthetic persons from the NER name lists, so there are tens of thousands of
entities), written in bulk; then writes new reports one by one and times only `link_report` on each.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from benchmarks.common import ROOT, percentiles, save
from chronik.dates import parse_iso
from chronik.kb.entities import COMPONENT, link_report
from chronik.names import keys as nm
from chronik.nlp.linking.cluster import Index
from chronik.nlp.linking.link import Linker, MentionInput
from chronik.store import schema as t
from chronik.store.db import open_store, write_report
from chronik.types import Annotations, Mention, Report

SEED = 20221205
START = date(2010, 1, 1)


def gold_names() -> list[tuple[str, str, str | None]]:
    out = []
    for path in sorted((ROOT / "data" / "gold" / "events").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out += [
                    (m["text"], m["type"], m.get("sub"))
                    for m in json.loads(line).get("entities", [])
                ]
    return out or [
        ("Sergej Schoigu", "PER", None),
        ("Russland", "LOC", None),
        ("russische", "LOC", "deriv"),
    ]


def name_list(name: str) -> list[str]:
    path = ROOT / "src" / "chronik" / "nlp" / "resources" / "ner" / name
    words = [
        w.strip().split("\t")[0]
        for w in path.read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    ]
    return [w for w in words if w[:1].isupper()] or ["Anna", "Peter"]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.gold = gold_names()
        firsts, lasts = name_list("first_names.tsv"), name_list("last_names.tsv")
        self.people = [(self.rng.choice(firsts), self.rng.choice(lasts)) for _ in range(40_000)]

    def report(self, i: int) -> tuple[str, str, list[tuple[str, str, str | None]]]:
        rng = self.rng
        names = [rng.choice(self.gold) for _ in range(3)]
        for _ in range(3):
            first, last = self.people[
                min(int(rng.paretovariate(0.6)) - 1, len(self.people) - 1)
                if rng.random() < 0.5
                else rng.randrange(len(self.people))
            ]
            names.append((f"{first} {last}" if rng.random() < 0.6 else last, "PER", None))
        day = (START + timedelta(days=i // 40)).isoformat()
        text = " ".join(f"{n} sagte am Montag etwas." for n, _, _ in names)
        return day, text, names


def _mentions(text: str, names: list[tuple[str, str, str | None]]) -> list[Mention]:
    out, pos = [], 0
    for i, (name, type_, sub) in enumerate(names, 1):
        start = text.index(name, pos)
        out.append(
            Mention(start, start + len(name), name, type_, sub, component="bench", id=f"m{i}")
        )
        pos = start + len(name)
    return out


def build(db: str, n: int, gen: Generator) -> None:
    """Link n reports in memory (the same linker), then write reports, mentions and the index in
    bulk."""
    store = open_store(db)
    linker = Linker(index=Index())
    reports, mentions, links = [], [], []
    for i in range(n):
        day, text, names = gen.report(i)
        rid = hashlib.sha1(f"{i}:{text}".encode()).hexdigest()
        ms = _mentions(text, names)
        linked = linker.link_report(
            [MentionInput(m.start, m.end, m.text, m.type, m.sub) for m in ms], text, day
        )
        d = parse_iso(day)
        reports.append(
            {
                "id": rid,
                "date": day,
                "date_precision": "day",
                "date_start": d.earliest(),
                "date_end": d.latest(),
                "text": text,
                "n_words": len(text.split()),
                "is_current": True,
                "version": 1,
                "lang": "de",
                "ingested_at": datetime.now(UTC),
                "pipeline": "bench",
            }
        )
        for m, found in zip(ms, linked):
            mentions.append(
                {
                    "report_id": rid,
                    "local_id": m.id,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "type": m.type,
                    "sub": m.sub,
                    "entity_id": found.entity_id,
                    "component": "bench",
                }
            )
            links.append((found.entity_id, found.surface, found.rule))
    ents = linker.index.entities
    with store.engine.begin() as conn:
        conn.execute(
            t.entities.insert(),
            [
                {
                    "id": e.id,
                    "canonical": e.best_name()[:300],
                    "type": e.type,
                    "key": None,
                    "first_date": e.first_date,
                    "last_date": e.last_date,
                    "n_mentions": e.n_mentions,
                    "info": {
                        "grounded": e.grounded,
                        **({"first": sorted(e.first_names)} if e.first_names else {}),
                    },
                }
                for e in ents.values()
            ],
        )
        conn.execute(
            t.entity_keys.insert(),
            [{"key": k, "entity_id": i} for k, ids in linker.index.keys.items() for i in ids],
        )
        conn.execute(
            t.entity_names.insert(),
            [
                {"entity_id": e.id, "name": name[:300], "key": nm.lookup_key(name), "count": c}
                for e in ents.values()
                for name, c in e.names.items()
            ],
        )
        for chunk in range(0, len(reports), 20_000):
            conn.execute(t.reports.insert(), reports[chunk : chunk + 20_000])
        for m in mentions:
            m["canonical"] = ents[m["entity_id"]].best_name()[:300]
        for chunk in range(0, len(mentions), 50_000):
            conn.execute(t.mentions.insert(), mentions[chunk : chunk + 50_000])
        ids = [r.id for r in conn.execute(sa.select(t.mentions.c.id).order_by(t.mentions.c.id))]
        conn.execute(
            t.mention_links.insert(),
            [
                {
                    "mention_id": mid,
                    "entity_id": e,
                    "surface": s[:300],
                    "rule": r[:120],
                    "component": COMPONENT,
                }
                for mid, (e, s, r) in zip(ids, links)
            ],
        )
    store.engine.dispose()


def measure(db: str, n_existing: int, count: int, gen: Generator) -> list[float]:
    store = open_store(db)
    samples = []
    for j in range(count + 20):
        day, text, names = gen.report(n_existing + j)
        rid = hashlib.sha1(f"new{j}:{text}".encode()).hexdigest()
        write_report(
            store, Report(rid, text, parse_iso(day)), Annotations(mentions=_mentions(text, names))
        )
        t0 = time.perf_counter()
        link_report(store, rid)
        if j >= 20:  # the first ones load the gazetteer and the alias table
            samples.append((time.perf_counter() - t0) * 1000)
    return samples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--measure", type=int, default=300)
    ap.add_argument(
        "--db", default=None, help="where to build the store (default: a temporary file)"
    )
    args = ap.parse_args()
    gen = Generator(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench_linking.db")
        t0 = time.perf_counter()
        build(db, args.reports, gen)
        built = time.perf_counter() - t0
        with open_store(db).engine.connect() as conn:
            n_ent = conn.execute(sa.select(sa.func.count()).select_from(t.entities)).scalar_one()
        samples = measure(db, args.reports, args.measure, gen)
    p = percentiles(samples)
    print(
        f"{'store':>10} {'entities':>9} {'new reports':>12} {'median ms':>10} {'p95 ms':>8} "
        f"{'max ms':>8}"
    )
    print(
        f"{args.reports:>10,} {n_ent:>9,} {p['n']:>12} {p['p50']:>10} {p['p95']:>8} {p['max']:>8}"
    )
    print(f"(store built in {built:.0f} s; target: median < 50 ms)")
    path = save(
        "linking",
        {
            "reports": args.reports,
            "entities": n_ent,
            "link_report_ms": p,
            "build_s": round(built, 1),
        },
    )
    print(f"saved {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
