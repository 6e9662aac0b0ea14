"""Watched folders: new and changed files ingested as they appear.

A file is looked at again only when its size or modification time changed, and read again only when
its bytes did (sha256). A file that gives one report without an id of its own (a .txt, an .html
page) gets its path as `source_id`, so an edited file becomes a new version of its report. A file
modified less than SETTLE_SECONDS ago may still be being written: it waits for the next scan.

`FolderEvents` tells the watch loop when a folder changed: watchfiles (inotify, FSEvents, ...) in a
background thread, or, where that cannot run, nothing, and the loop polls every POLL_SECONDS.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from chronik.ingest import ReadOptions, Skipped, read_file
from chronik.ingest.formats import has_known_extension
from chronik.ingest.walk import iter_files
from chronik.jobs.watched import Source, SourceResult
from chronik.store.db import Store
from chronik.store.sources import SourceState, mark_seen, record_error, seen_item
from chronik.types import Report

SETTLE_SECONDS = 0.2  # a file written this recently may be half-written
POLL_SECONDS = 2.0  # folder scans without file events (watchfiles missing or failing)


class Watcher(Protocol):
    """What a folder scan needs of the watch run (jobs.watch.Watcher)."""

    store: Store

    def source_failed(self, state: SourceState, result: SourceResult, message: str) -> None: ...

    def store_report(self, report: Report, result: SourceResult) -> str: ...


def scan_folder(watcher: Watcher, source: Source, state: SourceState, result: SourceResult) -> None:
    folder = Path(source.key)
    if not folder.is_dir():
        message = f"{folder}: no such folder (or not a folder)"
        watcher.source_failed(state, result, message)
        return
    waiting = 0
    for item in iter_files([folder], has_known_extension):
        if isinstance(item, Skipped):
            if item.path != str(folder):  # an empty folder is normal for a watched one
                _file_failed(watcher, state, result, str(item), item.path)
            continue
        waiting += _scan_file(watcher, source, state, item, result)
    result.status = "ok" if not waiting else f"ok; {waiting} files still being written"


def _scan_file(
    watcher: Watcher, source: Source, state: SourceState, path: Path, result: SourceResult
) -> int:
    """1 when the file is too fresh to read yet, else 0."""
    try:
        info = path.stat()
    except OSError as exc:  # gone since the listing
        _file_failed(watcher, state, result, f"{path}: {exc.strerror}", str(path))
        return 0
    if time.time() - info.st_mtime < SETTLE_SECONDS:
        return 1
    key = str(path)
    stamp = f"{info.st_size}:{info.st_mtime_ns}"
    seen = seen_item(watcher.store, state.id, key)
    if seen and seen.updated == stamp:
        result.unchanged += 1
        return 0
    digest = _file_hash(path)
    if seen and seen.content_hash == digest:
        mark_seen(watcher.store, state.id, key, "unchanged", updated=stamp)
        result.unchanged += 1
        return 0
    reports = []
    for item in read_file(path, ReadOptions(lang=source.language)):
        if isinstance(item, Skipped):
            _file_failed(watcher, state, result, str(item), key)
        else:
            reports.append(item)
    if len(reports) == 1 and reports[0].source_id is None:
        reports[0] = replace(reports[0], source_id=f"file:{key}")
    for report in reports:
        watcher.store_report(report, result)
    status = "stored" if reports else "skipped: no report in the file"
    mark_seen(
        watcher.store,
        state.id,
        key,
        status,
        url=None,
        updated=stamp,
        content_hash=digest,
        report_id=reports[-1].id if reports else None,
    )
    return 0


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_failed(
    watcher: Watcher, state: SourceState, result: SourceResult, message: str, item: str
) -> None:
    result.skipped += 1
    result.errors.append(message)
    record_error(watcher.store, state.id, message, item)


class FolderEvents:
    """Sets `changed` (with the folders that changed) when a file below a watched folder changes."""

    def __init__(self, folders: list[str]) -> None:
        self.folders = folders
        self.changed = threading.Event()
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.active = False  # False: watchfiles cannot run here, the loop polls
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        existing = [f for f in self.folders if Path(f).is_dir()]
        if not existing:
            return
        try:
            import watchfiles  # noqa: F401
        except ImportError:
            return
        self.active = True
        self._thread = threading.Thread(
            target=self._run, args=(existing,), name="chronik-folder-events", daemon=True
        )
        self._thread.start()

    def _run(self, folders: list[str]) -> None:
        import watchfiles

        try:
            for changes in watchfiles.watch(
                *folders, stop_event=self._stop, debounce=50, step=20, raise_interrupt=False
            ):
                touched = {
                    folder
                    for _kind, changed in changes
                    for folder in folders
                    if changed == folder or changed.startswith(folder.rstrip(os.sep) + os.sep)
                }
                with self._lock:
                    self._pending |= touched
                self.changed.set()
        except (OSError, RuntimeError):  # no inotify watches left, a folder removed: poll instead
            self.active = False

    def take(self) -> set[str]:
        """The folders that changed since the last call."""
        with self._lock:
            pending, self._pending = self._pending, set()
        self.changed.clear()
        return pending

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
