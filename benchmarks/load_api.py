"""The API and pages under load: 50 concurrent clients for 60 s against a local server (locust, as a
library).

    python -m benchmarks.load_api                  # on the 100,000-report database of bench_queries
    python -m benchmarks.load_api --users 50 --seconds 60 --reports 100000 --workers 2

Starts the app with uvicorn (chronik.api.app:from_environment, 1 or more processes) on a free
127.0.0.1 port, runs locust's users in this one (gevent), prints requests, errors and p50/p95 per
endpoint, and saves results/load_api-wN.json. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()  # before anything imports ssl or sockets: locust runs its users on gevent

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import socket  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from datetime import date, timedelta  # noqa: E402

import gevent  # noqa: E402
from locust import HttpUser, between, task  # noqa: E402
from locust.env import Environment  # noqa: E402

from benchmarks.common import save  # noqa: E402
from chronik.types import EVENT_TYPES  # noqa: E402

START, DAYS = date(2015, 1, 1), 3653
SAMPLE: dict[str, list] = {}


def _sample(db: str, seed: int = 11) -> None:
    """Report ids, entity ids and words from the database, read with plain sqlite3 (no pool under
    gevent)."""
    rng = random.Random(seed)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        n = conn.execute("SELECT max(rowid) FROM reports").fetchone()[0]
        rows = [rng.randint(1, n) for _ in range(400)]
        SAMPLE["reports"] = [
            conn.execute("SELECT id FROM reports WHERE rowid = ?", (i,)).fetchone()[0] for i in rows
        ]
        SAMPLE["entities"] = [
            r[0] for r in conn.execute("SELECT id FROM entities WHERE n_mentions >= 5")
        ]
        texts = [
            conn.execute("SELECT text FROM reports WHERE rowid = ?", (i,)).fetchone()[0]
            for i in rows[:100]
        ]
    SAMPLE["words"] = [w for text in texts for w in text.split() if w.isalpha() and len(w) >= 5][
        :3000
    ]


def _day() -> date:
    return START + timedelta(days=random.randint(0, DAYS - 1))


def _month() -> str:
    first = _day().replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return f"start={first}&end={last}"


class Reader(HttpUser):
    """Someone exploring: mostly JSON API calls, some pages."""

    wait_time = between(0.0, 0.2)

    @task(4)
    def search(self) -> None:
        self.client.get(f"/api/search?q={random.choice(SAMPLE['words'])}", name="/api/search")

    @task(4)
    def report(self) -> None:
        self.client.get(
            f"/api/reports/{random.choice(SAMPLE['reports'])}", name="/api/reports/{id}"
        )

    @task(3)
    def entity(self) -> None:
        self.client.get(
            f"/api/entities/{random.choice(SAMPLE['entities'])}", name="/api/entities/{id}"
        )

    @task(4)
    def timeline(self) -> None:
        self.client.get(
            f"/api/timeline?type={random.choice(EVENT_TYPES)}&as_of={_day()}", name="/api/timeline"
        )

    @task(2)
    def network(self) -> None:
        self.client.get(f"/api/network?{_month()}", name="/api/network (month)")

    @task(2)
    def claims(self) -> None:
        self.client.get(f"/api/claims?as_of={_day()}", name="/api/claims")

    @task(2)
    def report_page(self) -> None:
        self.client.get(f"/reports/{random.choice(SAMPLE['reports'])}", name="/reports/{id} (page)")

    @task(1)
    def timeline_page(self) -> None:
        self.client.get(
            f"/timeline?entity={random.choice(SAMPLE['entities'])}", name="/timeline (page)"
        )

    @task(1)
    def bad_input(self) -> None:
        """Hostile input must give a 4xx quickly; it counts as an error only if it does not."""
        with self.client.get(
            "/api/timeline?limit=1000000&as_of=2022-13-01",
            name="/api/timeline (bad input)",
            catch_response=True,
        ) as response:
            if response.status_code == 422:
                response.success()
            else:
                response.failure(f"expected 422, got {response.status_code}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: str, port: int, workers: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "chronik.api.app:from_environment",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(command, env={**os.environ, "CHRONIK_DB": db})
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=30).read()
            return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    sys.exit("the server did not start within 60 s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (uvicorn --workers)"
    )
    args = parser.parse_args(argv)
    from benchmarks.query_db import build_or_reuse, db_path

    build_or_reuse(args.reports)
    db = str(db_path(args.reports))
    _sample(db)
    port = _free_port()
    server = _start_server(db, port, args.workers)
    try:
        env = Environment(user_classes=[Reader], host=f"http://127.0.0.1:{port}")
        runner = env.create_local_runner()
        runner.start(args.users, spawn_rate=args.users)
        gevent.spawn_later(args.seconds, runner.quit)
        runner.greenlet.join()
    finally:
        server.terminate()
        server.wait(timeout=10)
    _report(env, args)


def _report(env: Environment, args: argparse.Namespace) -> None:
    rows = {}
    print(
        f"\n{args.users} clients, {args.seconds} s, {args.workers} server process(es), "
        f"http://127.0.0.1 ({args.reports:,} reports, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n"
    )
    print(f"{'endpoint':32} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for entry in sorted(env.stats.entries.values(), key=lambda x: x.name):
        rows[entry.name] = {
            "requests": entry.num_requests,
            "errors": entry.num_failures,
            "p50": entry.get_response_time_percentile(0.5),
            "p95": entry.get_response_time_percentile(0.95),
        }
        print(
            f"{entry.name:32} {entry.num_requests:9} {entry.num_failures:7} "
            f"{rows[entry.name]['p50']:8.0f} "
            f"{rows[entry.name]['p95']:8.0f}"
        )
    total = env.stats.total
    summary = {
        "requests": total.num_requests,
        "errors": total.num_failures,
        "rps": round(total.total_rps, 1),
        "p50": total.get_response_time_percentile(0.5),
        "p95": total.get_response_time_percentile(0.95),
    }
    print(
        f"{'all':32} {summary['requests']:9} {summary['errors']:7} {summary['p50']:8.0f} "
        f"{summary['p95']:8.0f}"
        f"   ({summary['rps']} requests/s)"
    )
    for error in env.stats.errors.values():
        print(f"  error: {error.method} {error.name}: {error.error} ×{error.occurrences}")
    path = save(
        f"load_api-w{args.workers}",
        {
            "users": args.users,
            "seconds": args.seconds,
            "reports": args.reports,
            "workers": args.workers,
            "load_average": os.getloadavg()[0],
            "total": summary,
            "endpoints": rows,
        },
    )
    print(f"saved {path}")
    sys.exit(1 if summary["errors"] else 0)


if __name__ == "__main__":
    main()
