"""Ingest of the 10kGNAD articles: one process (run.ingest) vs a Dask LocalCluster
(distributed.ingest_dask).

    python -m benchmarks.bench_distributed [--reports 2000] [--workers 2] [--per-file 100]

Both runs read the same JSON Lines files (`--per-file` reports each, so each file is one read task
on a worker) into fresh SQLite stores. Printed: reports/s and words/s for each, the speed-up, the
cluster's start-up (LocalCluster + pipeline built on every worker, paid once per run), and the
per-report overhead of the distributed path as CPU time: all CPU the client, scheduler and workers
spent per report, minus what the single process spent per report. Wall-clock figures on a machine
whose cores are shared are noisy; the CPU overhead is the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.common import replicated, save
from chronik.ingest import ReadOptions
from chronik.jobs.dask_ingest import ingest_dask
from chronik.jobs.ingest import ingest
from chronik.nlp import pipeline
from chronik.settings import load as load_settings
from chronik.store.db import open_store


def write_corpus(folder: Path, n: int, per_file: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    items = replicated(n)
    for start in range(0, n, per_file):
        with (folder / f"part-{start // per_file:05d}.jsonl").open("w", encoding="utf-8") as handle:
            for i in range(start, min(start + per_file, n)):
                day, text = items[i]
                handle.write(
                    json.dumps({"id": f"gnad-{i}", "date": day, "text": text}, ensure_ascii=False)
                    + "\n"
                )
                words += len(text.split())
    return words


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def single(corpus: Path, db: Path, settings) -> dict:  # type: ignore[no-untyped-def]
    """run.ingest builds its pipeline inside; that build is timed apart (a second build, imports
    warm) and taken out, so both columns are steady-state figures."""
    pipeline.build(settings)
    cpu, wall = own_cpu(), time.perf_counter()
    pipeline.build(settings)
    build_cpu, build_wall = own_cpu() - cpu, time.perf_counter() - wall
    cpu, wall = own_cpu(), time.perf_counter()
    summary = ingest(
        open_store(str(db)), [corpus], ReadOptions(), settings.with_overrides(workers=1)
    )
    return {
        "reports": summary.stored,
        "words": summary.words,
        "seconds": time.perf_counter() - wall - build_wall,
        "cpu_seconds": own_cpu() - cpu - build_cpu,
        "startup_seconds": build_wall,
        "mentions": summary.mentions,
    }


def on_cluster(corpus: Path, warmup: Path, tmp: Path, settings, workers: int) -> dict:  # type: ignore[no-untyped-def]
    import distributed

    wall = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=40,
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        address = cluster.scheduler_address
        ingest_dask(open_store(str(tmp / "warm.db")), [warmup], ReadOptions(), settings, address)
        startup = time.perf_counter() - wall
        workers_cpu = sum(client.run(own_cpu).values())
        cpu, wall = own_cpu(), time.perf_counter()
        summary = ingest_dask(
            open_store(str(tmp / "dask.db")), [corpus], ReadOptions(), settings, address
        )
        seconds = time.perf_counter() - wall
        client_cpu = (
            own_cpu() - cpu
        )  # reading big files, filtering, writing, and the scheduler (a thread here)
        workers_cpu = sum(client.run(own_cpu).values()) - workers_cpu
    return {
        "reports": summary.stored,
        "words": summary.words,
        "seconds": seconds,
        "cpu_seconds": client_cpu + workers_cpu,
        "client_cpu_seconds": client_cpu,
        "workers_cpu_seconds": workers_cpu,
        "startup_seconds": startup,
        "mentions": summary.mentions,
        "tasks": summary.tasks,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument(
        "--workers", type=int, default=2, help="worker processes of the LocalCluster"
    )
    parser.add_argument("--per-file", type=int, default=100, help="reports per input file")
    args = parser.parse_args()
    console = Console()
    settings = load_settings()  # CHRONIK_* variables apply (tier, batch size)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        words = write_corpus(tmp / "corpus", args.reports, args.per_file)
        write_corpus(tmp / "warmup", 8, 8)
        console.print(f"{args.reports:,} reports ({words:,} words); single process …")
        one = single(tmp / "corpus", tmp / "single.db", settings)
        console.print(f"LocalCluster with {args.workers} workers …")
        many = on_cluster(tmp / "corpus", tmp / "warmup", tmp, settings, args.workers)
    result = summarise(args, one, many)
    show(console, result)
    console.print(f"saved {save(f'distributed-{args.reports}', result)}")


def summarise(args: argparse.Namespace, one: dict, many: dict) -> dict:
    def rates(run: dict) -> dict:
        return {
            "reports_per_second": round(run["reports"] / run["seconds"], 2),
            "words_per_second": round(run["words"] / run["seconds"], 1),
            "cpu_ms_per_report": round(1000 * run["cpu_seconds"] / run["reports"], 1),
            **{k: round(v, 2) if isinstance(v, float) else v for k, v in run.items()},
        }

    one, many = rates(one), rates(many)
    return {
        "reports": args.reports,
        "workers": args.workers,
        "per_file": args.per_file,
        "single": one,
        "dask": many,
        "speed_up": round(one["seconds"] / many["seconds"], 2),
        "speed_up_with_startup": round(
            (one["seconds"] + one["startup_seconds"]) / (many["seconds"] + many["startup_seconds"]),
            2,
        ),
        "overhead_cpu_ms_per_report": round(
            many["cpu_ms_per_report"] - one["cpu_ms_per_report"], 1
        ),
        "same_mentions": one["mentions"] == many["mentions"],
    }


def show(console: Console, result: dict) -> None:
    table = Table(
        title=f"ingest of {result['reports']:,} reports: one process vs Dask "
        f"({result['workers']} workers)"
    )
    for column in ("measure", "single", "dask"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for key in (
        "reports",
        "seconds",
        "reports_per_second",
        "words_per_second",
        "cpu_ms_per_report",
        "mentions",
    ):
        table.add_row(key, f"{result['single'][key]:,}", f"{result['dask'][key]:,}")
    many = result["dask"]
    for label, key in (
        ("  of which client + scheduler", "client_cpu_seconds"),
        ("  of which workers", "workers_cpu_seconds"),
    ):
        table.add_row(label, "", f"{1000 * many[key] / many['reports']:.1f}")
    table.add_row(
        "start-up s (pipeline build; + LocalCluster)",
        f"{result['single']['startup_seconds']:,}",
        f"{result['dask']['startup_seconds']:,}",
    )
    console.print(table)
    console.print(
        f"speed-up {result['speed_up']}× (with start-up {result['speed_up_with_startup']}×); "
        f"distributed overhead {result['overhead_cpu_ms_per_report']} ms CPU per report; "
        f"same mentions: {result['same_mentions']}"
    )


if __name__ == "__main__":
    main()
