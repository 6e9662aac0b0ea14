"""Throughput of the timex component alone (tokens/s per core), on the 10kGNAD articles.

    python -m benchmarks.bench_timex [--repeat 3] [--limit N]

Texts are tokenised by the blank German pipeline with chronik's sentence boundaries first (as in
chronik); only `chronik_timex` is timed, in CPU seconds of this process, so the figure is per core
whatever else runs. Target: >= 20,000 tokens/s.
"""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table

from benchmarks.common import gnad_articles, save
from benchmarks.timex_corpus import bench
from chronik.nlp.timex import version

TARGET = 20_000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs; the fastest counts (default 3)"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    result = bench(texts=gnad_articles(), limit=args.limit, repeat=args.repeat)
    result["rules"] = version()
    result["target_tokens_per_second"] = TARGET
    table = Table(title="chronik_timex alone (10kGNAD, blank German tokenizer)")
    for column in ("documents", "tokens", "timexes", "CPU s", "wall s", "tokens/s per core"):
        table.add_column(column, justify="right")
    table.add_row(
        f"{result['documents']:,}",
        f"{result['tokens']:,}",
        f"{result['timexes']:,}",
        f"{result['cpu_seconds']:.2f}",
        f"{result['wall_seconds']:.2f}",
        f"{result['tokens_per_second']:,}",
    )
    console = Console()
    console.print(table)
    verdict = "meets" if result["tokens_per_second"] >= TARGET else "MISSES"
    console.print(f"{verdict} the target of {TARGET:,} tokens/s; saved {save('timex', result)}")


if __name__ == "__main__":
    main()
