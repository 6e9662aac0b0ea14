"""Ingest throughput (reports/s, words/s) with the pipeline as it stands, then search latency on the
result.

python -m benchmarks.bench_ingest [--reports 10000] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.common import percentiles, replicated, save
from chronik.ingest import ReadOptions
from chronik.jobs.ingest import ingest
from chronik.settings import load as load_settings
from chronik.store import queries
from chronik.store.db import open_store


def write_corpus(path: Path, n: int) -> int:
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i, (day, text) in enumerate(replicated(n)):
            handle.write(
                json.dumps({"id": f"gnad-{i}", "date": day, "text": text}, ensure_ascii=False)
                + "\n"
            )
            words += len(text.split())
    return words


def search_latency(store, n: int = 300, seed: int = 7) -> dict[str, float]:
    vocabulary = [
        "Regierung",
        "Wien",
        "Polizei",
        "Prozent",
        "Euro",
        "Unternehmen",
        "Bundesliga",
        "Forscher",
        "Minister",
        "Kritik",
        "Österreich",
        "Flüchtlinge",
        "Gericht",
        "Spiel",
        "Studie",
        "Wahl*",
    ]
    rng = random.Random(seed)
    samples = []
    for _ in range(n):
        query = " ".join(rng.sample(vocabulary, rng.choice((1, 1, 2))))
        started = time.perf_counter()
        queries.search(store, query, limit=20)
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = write_corpus(corpus, args.reports)
        store = open_store(str(Path(tmp) / "bench.db"))
        settings = load_settings().with_overrides(workers=args.workers)  # CHRONIK_* variables apply
        console.print(
            f"ingesting {args.reports:,} reports ({words:,} words), {args.workers} worker(s) …"
        )
        summary = ingest(store, [corpus], ReadOptions(), settings)
        search = search_latency(store)
    result = {
        "reports": summary.stored,
        "words": summary.words,
        "seconds": round(summary.seconds, 2),
        "reports_per_second": round(summary.stored / summary.seconds, 1),
        "words_per_second": round(summary.words / summary.seconds, 1),
        "workers": args.workers,
        "mentions": summary.mentions,
        "timexes": summary.timexes,
        "events": summary.events,
        "claims": summary.claims,
        "search_ms": search,
    }
    table = Table(title="ingest and search")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("reports", "words", "seconds", "reports_per_second", "words_per_second", "workers"):
        table.add_row(key, f"{result[key]:,}")
    table.add_row("search p50 / p95 ms", f"{search['p50']} / {search['p95']}")
    console.print(table)
    console.print(f"saved {save(f'ingest-w{args.workers}', result)}")


if __name__ == "__main__":
    main()
