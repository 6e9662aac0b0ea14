"""Live monitoring: items per minute from a feed served locally, and the delay from a file appearing
in a watched folder to its facts being queryable.

    python -m benchmarks.bench_watch [--items 200] [--files 10] [--host-delay 0] [--tier fast]

The feed's articles are 10kGNAD texts (from ../shared at bench time) as HTML pages with a date,
on an http.server on 127.0.0.1; one watch pass is timed end to end (fetch, robots.txt, extraction,
analysis, store, link, alerts). With the default politeness (--host-delay 1) one host is read at
most at 60 pages a minute whatever the machine; the benchmark reports the machine's own rate (host
delay 0) unless told otherwise. The folder delay is measured with `watch_forever` running in a
thread: a file is written (atomically, by rename) and the clock stops when its report is stored.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.common import gnad_articles, percentiles, save
from chronik.dates import parse_iso
from chronik.ingest.fetch import FetchOptions
from chronik.ingest.report import make_report
from chronik.jobs.watch import Watcher, watch_forever
from chronik.jobs.watched import parse_source
from chronik.settings import Settings
from chronik.store.db import has_report, open_store
from tests.feedserver import FeedServer, Page, article_html, rss


def feed_rate(items: int, host_delay: float, workdir: Path, tier: str) -> dict[str, float]:
    articles = gnad_articles()
    server = FeedServer().start()
    entries = []
    for i in range(items):
        text = articles[i % len(articles)] + f"\n(Meldung {i})"
        server.pages[f"/a/{i}.html"] = Page(article_html(f"Meldung {i}", text, "2019-03-01"))
        entries.append({"link": server.url(f"/a/{i}.html"), "title": f"Meldung {i}"})
    server.pages["/feed.xml"] = Page(rss(entries), "application/rss+xml")
    db = str(workdir / "feed.db")
    store = open_store(db)
    options = FetchOptions(host_delay=host_delay, trust_env=False)
    try:
        with Watcher(store, Settings(db=db, tier=tier), options) as watcher:
            _ = watcher.nlp  # built before the clock starts, as in a long-running watch
            started = time.perf_counter()
            summary = watcher.run_pass([parse_source(server.url("/feed.xml"))])
            seconds = time.perf_counter() - started
    finally:
        server.stop()
    stored = summary.added + summary.new_versions
    return {
        "items": items,
        "stored": stored,
        "errors": summary.errors,
        "seconds": round(seconds, 2),
        "items_per_minute": round(stored / seconds * 60, 1),
        "host_delay": host_delay,
        "tier": tier,
    }


def folder_delay(files: int, workdir: Path, tier: str) -> dict[str, float]:
    articles = gnad_articles()
    inbox = workdir / "inbox"
    inbox.mkdir()
    db = str(workdir / "folder.db")
    store = open_store(db)
    stop = threading.Event()
    passes: list[object] = []
    delays = []
    with Watcher(store, Settings(db=db, tier=tier)) as watcher:
        thread = threading.Thread(
            target=watch_forever,
            args=(watcher, [parse_source(str(inbox))], 3600.0, passes.append, stop),
            daemon=True,
        )
        thread.start()
        while not passes:
            time.sleep(0.01)
        _ = watcher.nlp  # warm: the first report should not pay the pipeline build
        for i in range(files):
            text = f"Berlin, 1. März 2019. {articles[100 + i]}"
            expected = make_report(text, parse_iso("2019-03-01")).id
            tmp = inbox / f".neu-{i}.tmp"
            tmp.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            os.replace(tmp, inbox / f"neu-{i}.txt")
            while not has_report(store, expected):
                if time.perf_counter() - started > 60:
                    raise SystemExit(f"file {i} not stored after 60 s")
                time.sleep(0.005)
            delays.append((time.perf_counter() - started) * 1000)
            time.sleep(0.3)
        stop.set()
        thread.join(timeout=5)
    return {"files": files, "tier": tier, "delay_ms": percentiles(delays)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--host-delay", type=float, default=0.0)
    parser.add_argument("--tier", default=Settings().tier, help="NER tier (default: chronik's)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rate = feed_rate(args.items, args.host_delay, Path(tmp), args.tier)
        delay = folder_delay(args.files, Path(tmp), args.tier)
    print(f"{'what':<40}{'value':>20}")
    print(f"{'feed items stored':<40}{rate['stored']:>20}")
    print(f"{'feed pass seconds':<40}{rate['seconds']:>20}")
    print(f"{'items per minute':<40}{rate['items_per_minute']:>20}")
    print(f"{'folder delay p50 ms':<40}{delay['delay_ms']['p50']:>20}")
    print(f"{'folder delay p95 ms':<40}{delay['delay_ms']['p95']:>20}")
    print(f"{'folder delay max ms':<40}{delay['delay_ms']['max']:>20}")
    path = save("watch", {"feed": rate, "folder": delay})
    print(f"saved {path}")


if __name__ == "__main__":
    main()
