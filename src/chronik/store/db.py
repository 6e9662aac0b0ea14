"""Open a store, migrate it, and write reports with their annotations, one transaction per report.

Idempotent by construction: a report's id is a hash of its content, so writing it twice is a no-op,
and a report killed half-way never commits, so a re-run finishes the job without duplicates.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from chronik.errors import ConfigError, StoreError
from chronik.store import schema
from chronik.store.facts import write_annotations
from chronik.types import Annotations, Report

MIGRATIONS = Path(__file__).parent / "migrations"

Conn = Connection
"""A handle on one open transaction (from `transaction`) or connection (from `connection`): what the
store functions that take part in a caller's unit of work are given. Callers outside the store use
this name, not SQLAlchemy's."""


@dataclass(frozen=True)
class Store:
    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


@contextmanager
def transaction(store: Store) -> Iterator[Conn]:
    """One unit of work: committed when the block ends, rolled back if it raises."""
    with store.engine.begin() as conn:
        yield conn


# The PostgreSQL advisory lock every writing transaction takes (any number; chronik's own).
WRITER_LOCK = 0x636872


@contextmanager
def write_transaction(store: Store) -> Iterator[Conn]:
    """A unit of work that writes, one at a time across processes: SQLite starts it with BEGIN
    IMMEDIATE (waits up to busy_timeout for the write lock instead of failing when another writer
    committed after it read), PostgreSQL takes a transaction-level advisory lock. So a check
    before an insert, and linking, see every transaction committed before them: two writers end
    as one would."""
    with store.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
        yield conn


@contextmanager
def connection(store: Store) -> Iterator[Conn]:
    """A connection for reading (nothing it does is committed)."""
    with store.engine.connect() as conn:
        yield conn


def database_url(db: str) -> str:
    """A path becomes a SQLite URL; anything with '://' is taken as a SQLAlchemy URL."""
    if "://" in db:
        return db
    if db == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    # the wait first: switching a new file to WAL needs a lock that a second process opening the
    # same new store may hold for a moment (the driver's default wait is 5 s, short under load)
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class StoreOpenError(StoreError, ConfigError):
    """--db names something that cannot be a chronik database (not a database, a folder, a
    read-only file, a driver that is not installed): a usage error (exit 2), and still a
    StoreError for code that catches those."""


def open_store(db: str, *, migrate_to_head: bool = True) -> Store:
    """Open (and create or upgrade) the database at a path or URL."""
    url = database_url(db)
    if "://" not in db and db != ":memory:":
        _check_sqlite_path(db, Path(db).expanduser())
    try:
        # pre-ping: a server restarted during a long ingest costs a reconnect, not the run
        engine = sa.create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise StoreOpenError(f"cannot use database {db!r}: {exc}") from None
    except ImportError as exc:
        raise StoreOpenError(
            f"cannot use database {_hide_password(db)}: its driver is not installed "
            f"({exc}); for PostgreSQL install psycopg (pip install 'psycopg[binary]') and use "
            "postgresql+psycopg://…"
        ) from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine, engine.url.render_as_string(hide_password=True))
    if migrate_to_head:
        migrate(store)
    return store


def _hide_password(db: str) -> str:
    try:
        return sa.engine.make_url(db).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return repr(db)


def _check_sqlite_path(db: str, path: Path) -> None:
    """What SQLite would only call "unable to open database file", said with its reason."""
    if path.is_dir():
        raise StoreOpenError(f"--db {db}: is a folder, not a database file; give a file path")
    if not path.parent.is_dir():
        raise StoreOpenError(
            f"--db {db}: folder {path.parent} does not exist; create it or give another path"
        )
    if not os.access(path if path.exists() else path.parent, os.W_OK):
        raise StoreOpenError(
            f"--db {db}: is read-only; chronik writes to the database and to its -wal and -shm "
            "files beside it: give a writable path"
        )
    if path.exists() and path.stat().st_size:
        with path.open("rb") as head:
            if head.read(16) != b"SQLite format 3\x00":
                raise StoreOpenError(
                    f"--db {db}: is not a SQLite database (its first bytes say otherwise); "
                    "give a new file name or an existing chronik database"
                )


_USAGE_TROUBLE = (
    ("not a database", "is not a SQLite database; give another --db"),
    ("readonly database", "is read-only; chronik writes to it and to its -wal and -shm files"),
    ("unable to open database file", "cannot be opened; check the path and its permissions"),
)


def _open_failure(store: Store, exc: sa.exc.DBAPIError) -> StoreError:
    text = str(exc.orig)
    for needle, advice in _USAGE_TROUBLE:
        if needle in text.lower():
            return StoreOpenError(f"database {store.url} {advice} ({text})")
    return StoreError(f"cannot open or migrate {store.url}: {text}")


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(store: Store) -> None:
    """Upgrade to the newest migration; cheap when already there. Under the writers' lock, so two
    processes opening a new store at once migrate it once."""
    cfg = _alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    try:
        if current_revision(store) == head:
            return
        with write_transaction(store) as conn:
            if MigrationContext.configure(conn).get_current_revision() == head:
                return  # another process migrated it while this one waited
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except sa.exc.DBAPIError as exc:
        raise _open_failure(store, exc) from None


@dataclass(frozen=True)
class WriteResult:
    report_id: str
    status: str  # added | duplicate | new_version


def has_report(store: Store, report_id: str) -> bool:
    def look() -> bool:
        with store.engine.connect() as conn:
            return (
                conn.execute(
                    sa.select(schema.reports.c.id).where(schema.reports.c.id == report_id)
                ).first()
                is not None
            )

    return with_reconnect(store, look, f"look up report {report_id}")


RETRY_SECONDS = (0.5, 1, 2, 4, 8, 15)

# What a database that stopped answering raises: jobs catch these to end a run with a message,
# without importing SQLAlchemy themselves.
CONNECTION_ERRORS = (sa.exc.OperationalError, sa.exc.InterfaceError)


T = TypeVar("T")


# Tries of a unit of work that another writer's insert collided with (unique key): the next try
# sees that row and leaves it alone; a collision that persists is a fault, raised.
COLLISION_TRIES = 3


def with_reconnect(store: Store, work: Callable[[], T], what: str) -> T:
    """Run one idempotent unit of database work, again after a lost connection (server restart,
    failover), a busy database (SQLITE_BUSY past busy_timeout, a PostgreSQL serialization failure
    or deadlock) or a unique key another writer took first, with back-off; after ~30 s give up
    with a message naming the work and the database."""
    collisions = 0
    for wait in (*RETRY_SECONDS, None):
        try:
            return work()
        except sa.exc.IntegrityError as exc:
            collisions += 1
            if wait is None or collisions >= COLLISION_TRIES or not _is_collision(exc):
                raise  # a fact that breaks the schema is a fault: the caller sees it as it is
            time.sleep(wait / 4)
        except sa.exc.DBAPIError as exc:
            if wait is None or not (_is_disconnect(exc) or _is_busy(exc)):
                raise StoreError(f"cannot {what} in {store.url}: {exc.orig}{_hint(exc)}") from None
            time.sleep(wait)
    raise AssertionError("unreachable")


def _hint(exc: sa.exc.DBAPIError) -> str:
    text = str(exc.orig).lower()
    if any(s in text for s in ("disk i/o error", "disk is full", "no space left", "disk full")):
        return (
            "; the disk is full or a file size limit was reached: make room and run again (what"
            " was stored is kept, and the next run finishes it)"
        )
    return ""


def _is_collision(exc: sa.exc.IntegrityError) -> bool:
    """A unique key another writer inserted first (not a fact that breaks the schema)."""
    code = getattr(exc.orig, "sqlstate", None)
    return code == "23505" or "unique constraint failed" in str(exc.orig).lower()


def _is_busy(exc: sa.exc.DBAPIError) -> bool:
    """Another writer holds the database: worth waiting for, then trying the work again."""
    code = getattr(exc.orig, "sqlstate", None)
    if code in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return True
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text


def write_report(
    store: Store, report: Report, annotations: Annotations | None = None
) -> WriteResult:
    """Store a report and its annotations atomically; an identical report is left as it is.

    One transaction, idempotent: a retry after a lost connection can neither half-write nor
    duplicate.
    """
    return with_reconnect(
        store,
        lambda: _write_once(store, report, annotations),
        f"write report {report.id} ({report.origin})",
    )


def _is_disconnect(exc: sa.exc.DBAPIError) -> bool:
    if exc.connection_invalidated:
        return True
    text = str(exc.orig).lower()
    return any(
        s in text
        for s in (
            "terminating connection",
            "server closed",
            "connection refused",
            "could not connect",
            "connection failed",
            "the database system is",
        )
    )


def _write_once(store: Store, report: Report, annotations: Annotations | None) -> WriteResult:
    with write_transaction(store) as conn:
        if conn.execute(
            sa.select(schema.reports.c.id).where(schema.reports.c.id == report.id)
        ).first():
            return WriteResult(report.id, "duplicate")
        previous = _current_version(conn, report.source_id)
        version, supersedes = (previous[1] + 1, previous[0]) if previous else (1, None)
        if previous:
            conn.execute(
                schema.reports.update()
                .where(schema.reports.c.id == previous[0])
                .values(is_current=False)
            )
        conn.execute(
            schema.reports.insert().values(**_report_row(report, version, supersedes, annotations))
        )
        if annotations is not None:
            write_annotations(conn, report.id, annotations)
        mark_pending(conn, report.id)
    return WriteResult(report.id, "new_version" if previous else "added")


def mark_pending(conn: Connection, report_id: str) -> None:
    """Mark a report as written but not linked, in the transaction that writes it; the one that
    finishes its links unmarks it (store.links.clear_pending). A report already marked keeps its
    place in the queue."""
    p = schema.pending_links
    if conn.execute(sa.select(p.c.seq).where(p.c.report_id == report_id)).first() is None:
        conn.execute(p.insert().values(report_id=report_id, marked_at=datetime.now(UTC)))


def _current_version(conn: Connection, source_id: str | None) -> tuple[str, int] | None:
    if not source_id:
        return None
    row = conn.execute(
        sa.select(schema.reports.c.id, schema.reports.c.version)
        .where(schema.reports.c.source_id == source_id, schema.reports.c.is_current == sa.true())
        .order_by(schema.reports.c.version.desc())
    ).first()
    return (row.id, row.version) if row else None


def _report_row(
    report: Report, version: int, supersedes: str | None, ann: Annotations | None
) -> dict:
    d = report.date
    return {
        "id": report.id,
        "source_id": report.source_id,
        "version": version,
        "supersedes": supersedes,
        "is_current": True,
        "date": d.iso if d else None,
        "date_precision": d.precision if d else None,
        "date_start": d.earliest() if d else None,
        "date_end": d.latest() if d else None,
        "title": report.title,
        "source": report.source,
        "url": report.url,
        "lang": report.lang,
        "text": report.text,
        "n_words": len(report.text.split()),
        "origin": report.origin,
        "ingested_at": datetime.now(UTC),
        "pipeline": ann.pipeline if ann else None,
    }


def write_many(store: Store, pairs: Iterable[tuple[Report, Annotations]]) -> list[WriteResult]:
    """Several reports, still one transaction each: a failure loses at most the report being
    written."""
    return [write_report(store, report, ann) for report, ann in pairs]


def optimize(store: Store) -> None:
    """Refresh the planner's statistics after bulk writes (the query layer's indexes rely on
    them). Under the writers' lock: SQLite's PRAGMA optimize reads, then writes, and a read
    snapshot that another ingest committed past cannot wait for the lock ('database is locked'
    at once). Retried like a write; if other writers keep the store busy past that, skipped:
    the last of them refreshes the statistics, and no fact depends on them."""

    def run() -> None:
        with write_transaction(store) as conn:
            conn.exec_driver_sql("PRAGMA optimize" if store.dialect == "sqlite" else "ANALYZE")

    try:
        with_reconnect(store, run, "refresh the query planner's statistics")
    except StoreError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise


def replace_annotations(store: Store, report_id: str, ann: Annotations) -> None:
    """Re-analysis: drop a report's facts and write the new ones, atomically; the report is marked
    pending until it is linked again."""
    with write_transaction(store) as conn:
        for table in (
            schema.claims,
            schema.events,
            schema.timexes,
            schema.mentions,
            schema.sentences,
        ):
            conn.execute(table.delete().where(table.c.report_id == report_id))
        write_annotations(conn, report_id, ann)
        mark_pending(conn, report_id)
