"""What every benchmark shares: the 10kGNAD articles from ../shared, timing helpers, result
files."""

from __future__ import annotations

import csv
import json
import platform
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GNAD = SHARED / "data" / "10kgnad" / "bench.csv"
RESULTS = ROOT / "benchmarks" / "results"


def gnad_articles() -> list[str]:
    """The 775 real articles (CC BY-NC-SA: read from ../shared at bench time, never copied into
    the repo)."""
    if not GNAD.exists():
        sys.exit(f"{GNAD} not found: the benchmarks need ../shared/data beside the project")
    csv.field_size_limit(sys.maxsize)
    with GNAD.open(encoding="utf-8", newline="") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) >= 2]


def replicated(n: int, start: date = date(2015, 1, 1)) -> list[tuple[str, str]]:
    """n (date, text) pairs: the articles over and over, each copy on a later day, so every id
    differs."""
    articles = gnad_articles()
    return [
        ((start + timedelta(days=i // len(articles))).isoformat(), articles[i % len(articles)])
        for i in range(n)
    ]


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    q = statistics.quantiles(ordered, n=100) if len(ordered) > 1 else ordered * 99
    return {
        "p50": round(q[49], 2),
        "p95": round(q[94], 2),
        "max": round(ordered[-1], 2),
        "n": len(ordered),
    }


def machine() -> dict[str, object]:
    import os

    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(
        json.dumps({"machine": machine(), **data}, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return path
