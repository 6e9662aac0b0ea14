"""Throughput of the NER tiers in the pipeline, tokens/s per core.

    python -m benchmarks.bench_ner [--tier fast|accurate] [--limit N] [--full]

Without `--full` the pipeline is tokenizer + sentences + entities (the NER's own cost); with it,
every component ingest runs (timex, events, claims too), which is what the issue's fast-tier target
is about.

Texts are the 10kGNAD articles (CC BY-NC-SA: speed only). Time is CPU seconds of this process (all
its threads), so the figure is per core whatever else runs on the machine; wall time is shown beside
it. Targets: fast >= 10,000 tokens/s per core; accurate (the default tier: two e5 members as a
cascade, int8 weights in onnxruntime) >= 2,000 for the whole pipeline (`--full`); resident memory
< 1.5 GB. CHRONIK_NER_ENSEMBLE=1 (all three members on every window) and
CHRONIK_NER_BACKEND=numpy|float32 measure the other accurate variants.
"""

from __future__ import annotations

import argparse
import resource
import time

from rich.console import Console
from rich.table import Table

from benchmarks.common import gnad_articles, save
from chronik.nlp import pipeline
from chronik.settings import Settings

TARGETS = {"fast": 10_000, "accurate": 2_000}


def measure(tier: str, limit: int | None, full: bool = False) -> dict:
    nlp = pipeline.build(
        Settings(tier=tier, disabled=() if full else ("timex", "events", "claims"))
    )
    texts = gnad_articles()[:limit]
    nlp("Warm-up: Angela Merkel in Berlin.")
    cpu, wall = time.process_time(), time.perf_counter()
    tokens = mentions = 0
    for doc in nlp.pipe(texts, batch_size=32):
        tokens += sum(1 for t in doc if not t.is_space)
        mentions += len(doc._.mentions)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {
        "tier": tier,
        "pipeline": "full" if full else "entities",
        "components": list(nlp.pipe_names),
        "documents": len(texts),
        "tokens": tokens,
        "mentions": mentions,
        "cpu_seconds": round(cpu, 2),
        "wall_seconds": round(wall, 2),
        "tokens_per_second": round(tokens / max(cpu, 1e-9)),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "target_tokens_per_second": TARGETS[tier],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tier", choices=tuple(TARGETS), default="fast")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--full", action="store_true", help="run every ingest component, not only entities"
    )
    args = parser.parse_args()
    result = measure(args.tier, args.limit, args.full)
    table = Table(
        title=f"tier {args.tier}, 10kGNAD, components: {' + '.join(result['components'])}"
    )
    for column in (
        "documents",
        "tokens",
        "mentions",
        "CPU s",
        "wall s",
        "tokens/s per core",
        "max RSS MB",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        f"{result['documents']:,}",
        f"{result['tokens']:,}",
        f"{result['mentions']:,}",
        f"{result['cpu_seconds']:.2f}",
        f"{result['wall_seconds']:.2f}",
        f"{result['tokens_per_second']:,}",
        f"{result['max_rss_mb']:,}",
    )
    console = Console()
    console.print(table)
    target = TARGETS[args.tier]
    verdict = "meets" if result["tokens_per_second"] >= target else "MISSES"
    console.print(
        f"{verdict} the target of {target:,} tokens/s per core; saved "
        f"{save('ner_' + args.tier + ('_full' if args.full else ''), result)}"
    )


if __name__ == "__main__":
    main()
