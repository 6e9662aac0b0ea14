"""Run every benchmark in turn (`make bench`). Each also runs alone: python -m benchmarks.<name>."""

from __future__ import annotations

import subprocess
import sys

BENCHES = [
    ["benchmarks.bench_ingest", "--reports", "10000", "--workers", "1"],
    ["benchmarks.bench_ner", "--tier", "accurate", "--full"],  # the default tier, whole pipeline
    ["benchmarks.bench_ner", "--tier", "accurate", "--limit", "200"],
    ["benchmarks.bench_ner", "--tier", "fast"],
    ["benchmarks.bench_ner", "--tier", "fast", "--full", "--limit", "200"],
    ["benchmarks.bench_timex", "--repeat", "3"],
    ["benchmarks.bench_linking", "--reports", "100000", "--measure", "300"],
    ["benchmarks.bench_queries"],
    ["benchmarks.bench_queries", "--pg"],  # a local PostgreSQL cluster, filled once (~10 min)
    ["benchmarks.load_api", "--workers", "2"],
    ["benchmarks.bench_watch"],
]


def main() -> None:
    failed = 0
    for bench in BENCHES:
        print(f"\n== {' '.join(bench)}", flush=True)
        failed += subprocess.call([sys.executable, "-m", *bench]) != 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
