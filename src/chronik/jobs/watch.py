"""`chronik watch`: follow feeds and folders, store what is new through the one write path, then
fire alerts.

A pass over a feed: fetch it (conditionally), and for each item not seen before (or that the feed
says was updated) fetch the page, extract the article, and when its text is new analyse, store and
link it (`store_and_link`, as `chronik ingest` does), then match the alerts against it. An item's
key (guid, else link) is the report's `source_id`, so a changed article becomes a new version. A
pass over a folder does the same for new and changed files (jobs/watch_folder.py). Articles stored
in the last REVISIT_HOURS are asked for again each pass, conditionally, since pages change without
the feed saying so; older ones only when the feed gives them a new date.

Every source is handled on its own: what goes wrong with one is recorded against it (`sources`,
`source_errors`) and the next source is read. Only a database that cannot be written stops a pass.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from chronik.errors import StoreError
from chronik.ingest.article import read_article
from chronik.ingest.base import Skipped
from chronik.ingest.feeds import FeedError, FeedItem, parse_feed
from chronik.ingest.fetch import FEED_TYPES, HTML_TYPES, Fetcher, FetchError, FetchOptions
from chronik.ingest.report import normalise_for_id
from chronik.jobs.alerts import deliver_pending
from chronik.jobs.watch_folder import POLL_SECONDS, SETTLE_SECONDS, FolderEvents, scan_folder
from chronik.jobs.watched import PassSummary, Source, SourceResult
from chronik.jobs.write import store_and_link
from chronik.nlp import pipeline
from chronik.settings import Settings
from chronik.store.db import Store, has_report
from chronik.store.sources import (
    SeenItem,
    SourceState,
    ensure_source,
    mark_seen,
    record_error,
    record_pass,
    seen_item,
    stored_since,
)
from chronik.types import Report

DEFAULT_INTERVAL = 900.0  # seconds between passes over a feed (GDELT updates every 15 minutes)
# Hours an article stays "recent" after it was first stored: each pass asks for it again with
# If-None-Match / If-Modified-Since (a 304 costs the site nothing), because news pages are corrected
# and extended without the feed saying so. Older items are fetched again only when the feed gives
# them a new date. 0 turns revisits off.
REVISIT_HOURS = 48.0


def content_hash(text: str) -> str:
    """Of the text as the report id sees it: layout changes are not changes."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()


class Watcher:
    """One run of `chronik watch`: the store, the pipeline (built on first need) and the fetcher."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        fetch_options: FetchOptions | None = None,
        revisit_hours: float = REVISIT_HOURS,
    ) -> None:
        self.store = store
        self.settings = settings
        self.fetcher = Fetcher(fetch_options)
        self.revisit = timedelta(hours=revisit_hours)
        self._nlp: Any = None

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run_pass(
        self, sources: list[Source], on_source: Callable[[SourceResult], None] | None = None
    ) -> PassSummary:
        """Every source once, then the due webhook deliveries."""
        started = time.perf_counter()
        summary = PassSummary()
        for source in sources:
            result = self.run_source(source)
            summary.sources.append(result)
            if on_source:
                on_source(result)
        summary.deliveries = deliver_pending(self.store)
        summary.seconds = time.perf_counter() - started
        return summary

    def run_source(self, source: Source) -> SourceResult:
        """One source; its failures are recorded and returned, never raised (except the store's)."""
        state = ensure_source(self.store, source.key, source.kind, source.name, source.language)
        result = SourceResult(source.key, source.kind)
        try:
            if source.kind == "feed":
                self._feed(source, state, result)
            else:
                scan_folder(self, source, state, result)
        except StoreError:
            raise
        except Exception as exc:  # one broken source must not stop the others
            self.source_failed(state, result, f"{type(exc).__name__}: {exc}")
        if result.ok:
            etag, modified = result.validators or (None, None)
            record_pass(
                self.store,
                state.id,
                result.status,
                ok=True,
                new=result.new,
                etag=etag,
                last_modified=modified,
            )
        return result

    def source_failed(self, state: SourceState, result: SourceResult, message: str) -> None:
        result.ok = False
        result.status = message
        result.errors.append(message)
        record_error(self.store, state.id, message)
        record_pass(self.store, state.id, message, ok=False, new=result.new)

    def _feed(self, source: Source, state: SourceState, result: SourceResult) -> None:
        # while recent articles are revisited, the feed is read in full: a 304 would hide its items
        revisiting = self.revisit and stored_since(self.store, state.id, _now() - self.revisit)
        etag, modified = (None, None) if revisiting else (state.etag, state.last_modified)
        try:
            fetched = self.fetcher.get(source.key, FEED_TYPES, etag, modified)
            if fetched.not_modified:
                result.status = "not modified"
                return
            feed = parse_feed(fetched.body, fetched.url)
        except (FetchError, FeedError) as exc:
            message = str(exc) if isinstance(exc, FetchError) else f"{source.key}: {exc}"
            self.source_failed(state, result, message)
            return
        for item in feed.items:
            self._feed_item(source, state, item, feed.title, result)
        result.status = f"ok: {len(feed.items)} items"
        # validators are kept only once every item was handled: a pass that died half-way, or items
        # to fetch again (a timeout, a 503), must not make the next pass "not modified"
        if not result.retry_later:
            result.validators = (fetched.etag or "", fetched.last_modified or "")

    def _feed_item(
        self,
        source: Source,
        state: SourceState,
        item: FeedItem,
        feed_title: str | None,
        result: SourceResult,
    ) -> None:
        seen = seen_item(self.store, state.id, item.key)
        if seen and seen.updated == item.updated and _final(seen.status) and not self._due(seen):
            result.unchanged += 1
            return
        if item.url is None:
            self._item_skipped(state, item, result, "the feed item has no link to an article")
            return
        conditional = seen if seen and seen.report_id else None
        try:
            page = self.fetcher.get(
                item.url,
                HTML_TYPES,
                conditional.etag if conditional else None,
                conditional.last_modified if conditional else None,
            )
        except FetchError as exc:
            self._item_failed(state, item, result, str(exc), final=not exc.retryable)
            return
        if page.not_modified:
            mark_seen(self.store, state.id, item.key, "unchanged", updated=item.updated)
            result.unchanged += 1
            return
        report = read_article(
            page.body, page.url, item, source=source.name or feed_title, lang=source.language
        )
        if isinstance(report, Skipped):
            self._item_skipped(state, item, result, report.reason)
            return
        digest = content_hash(report.text)
        if seen and seen.content_hash == digest:
            mark_seen(self.store, state.id, item.key, "unchanged", updated=item.updated)
            result.unchanged += 1
            return
        status = self.store_report(report, result)
        mark_seen(
            self.store,
            state.id,
            item.key,
            status,
            url=item.url,
            updated=item.updated,
            content_hash=digest,
            report_id=report.id,
            etag=page.etag,
            last_modified=page.last_modified,
        )

    def _item_skipped(
        self, state: SourceState, item: FeedItem, result: SourceResult, reason: str
    ) -> None:
        self._item_failed(state, item, result, reason, final=True)

    def _item_failed(
        self, state: SourceState, item: FeedItem, result: SourceResult, reason: str, final: bool
    ) -> None:
        """Final trouble (no link, a PDF, no text) is not tried again until the item changes;
        passing trouble (timeouts, 5xx) is tried again next pass."""
        where = item.url or item.title or item.key
        message = reason if reason.startswith(where) else f"{where}: {reason}"
        result.skipped += 1
        result.retry_later = result.retry_later or not final
        result.errors.append(message)
        record_error(self.store, state.id, message, item.url or item.key)
        status = ("skipped: " if final else "error: ") + reason
        mark_seen(self.store, state.id, item.key, status, url=item.url, updated=item.updated)

    def store_report(self, report: Report, result: SourceResult) -> str:
        """Analyse, store and link one report, then match the alerts; returns its status. A report
        already stored (the same text under another link, an unchanged record of a changed file)
        is recognised by its id before any analysis."""
        if has_report(self.store, report.id):
            result.unchanged += 1
            return "duplicate"
        annotations = pipeline.analyse(self.nlp, report)
        stored = store_and_link(self.store, report, annotations)
        if stored.status == "duplicate":
            result.unchanged += 1
            return "duplicate"
        if stored.status == "new_version":
            result.new_versions += 1
        else:
            result.added += 1
        result.alerts += len(stored.alerts)
        return "stored"

    def _due(self, seen: SeenItem) -> bool:
        """A stored article is asked for again (conditionally) while it is recent: pages are
        corrected and extended without the feed saying so."""
        if not self.revisit or seen.report_id is None or seen.first_seen is None:
            return False
        return _now() - seen.first_seen < self.revisit

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = pipeline.build(self.settings)
        return self._nlp


def _now() -> datetime:
    return datetime.now(UTC)


def _final(status: str | None) -> bool:
    """An item in this state is not fetched again until the feed says it changed."""
    return bool(status) and not status.startswith("error")


def watch_forever(
    watcher: Watcher,
    sources: list[Source],
    interval: float,
    on_pass: Callable[[PassSummary], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Pass over each source when it is due (its interval, else `interval`) and over a folder as
    soon as a file in it changes; until `stop` is set (or the process is interrupted)."""
    stop = stop or threading.Event()
    events = FolderEvents([s.key for s in sources if s.kind == "folder"])
    events.start()

    def period(source: Source) -> float:
        every = source.interval or interval
        return every if source.kind == "feed" or events.active else min(every, POLL_SECONDS)

    due = {s.key: 0.0 for s in sources}
    try:
        while not stop.is_set():
            changed = events.take()
            now = time.monotonic()
            todo = [s for s in sources if due[s.key] <= now or s.key in changed]
            if todo:
                summary = watcher.run_pass(todo)
                for source, result in zip(todo, summary.sources):
                    again = SETTLE_SECONDS if "still being written" in result.status else 0
                    due[source.key] = time.monotonic() + (again or period(source))
                if on_pass:
                    on_pass(summary)
            wait = min(due.values()) - time.monotonic()
            if wait > 0:
                events.changed.wait(min(wait, 0.5))
    finally:
        events.stop()
