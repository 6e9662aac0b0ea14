"""Open a store, migrate it, and write reports with their annotations, one transaction per report.

Idempotent by construction: a report's id is a hash of its content, so writing it twice is a no-op, and
a report killed half-way never commits, so a re-run finishes the job without duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from chronik.errors import StoreError
from chronik.store import schema as t
from chronik.types import Annotations, Report

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Store:
    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


def database_url(db: str) -> str:
    """A path becomes a SQLite URL; anything with '://' is taken as a SQLAlchemy URL."""
    if "://" in db:
        return db
    if db == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def open_store(db: str, *, migrate_to_head: bool = True) -> Store:
    """Open (and create or upgrade) the database at a path or URL."""
    url = database_url(db)
    try:
        engine = sa.create_engine(url, future=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise StoreError(f"cannot use database {db!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine, url)
    if migrate_to_head:
        migrate(store)
    return store


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(store: Store) -> None:
    """Upgrade to the newest migration; cheap when already there."""
    cfg = _alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    try:
        if current_revision(store) == head:
            return
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except sa.exc.OperationalError as exc:
        raise StoreError(f"cannot open or migrate {store.url}: {exc.orig}") from None


@dataclass(frozen=True)
class WriteResult:
    report_id: str
    status: str  # added | duplicate | new_version


def has_report(store: Store, report_id: str) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(t.reports.c.id).where(t.reports.c.id == report_id)).first() is not None


def write_report(store: Store, report: Report, annotations: Annotations | None = None) -> WriteResult:
    """Store a report and its annotations atomically; an identical report is left as it is."""
    with store.engine.begin() as conn:
        if conn.execute(sa.select(t.reports.c.id).where(t.reports.c.id == report.id)).first():
            return WriteResult(report.id, "duplicate")
        previous = _current_version(conn, report.source_id)
        version, supersedes = (previous[1] + 1, previous[0]) if previous else (1, None)
        if previous:
            conn.execute(t.reports.update().where(t.reports.c.id == previous[0]).values(is_current=False))
        conn.execute(t.reports.insert().values(**_report_row(report, version, supersedes, annotations)))
        if annotations is not None:
            write_annotations(conn, report.id, annotations)
    return WriteResult(report.id, "new_version" if previous else "added")


def _current_version(conn: Connection, source_id: str | None) -> tuple[str, int] | None:
    if not source_id:
        return None
    row = conn.execute(
        sa.select(t.reports.c.id, t.reports.c.version)
        .where(t.reports.c.source_id == source_id, t.reports.c.is_current == sa.true())
        .order_by(t.reports.c.version.desc())
    ).first()
    return (row.id, row.version) if row else None


def _report_row(report: Report, version: int, supersedes: str | None, ann: Annotations | None) -> dict:
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
        "ingested_at": datetime.now(timezone.utc),
        "pipeline": ann.pipeline if ann else None,
    }


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def write_annotations(conn: Connection, report_id: str, ann: Annotations) -> None:
    """Insert every fact of one report; caller owns the transaction."""
    if ann.sentences:
        conn.execute(t.sentences.insert(), [
            {"report_id": report_id, "idx": i, "start": s.start, "end": s.end} for i, s in enumerate(ann.sentences)
        ])
    mention_ids = _insert_mentions(conn, report_id, ann)
    if ann.timexes:
        conn.execute(t.timexes.insert(), [
            {"report_id": report_id, "local_id": x.id, "start": x.start, "end": x.end, "text": x.text,
             "type": x.type, "value": x.value, "mod": x.mod, "earliest": _iso_date(x.earliest),
             "latest": _iso_date(x.latest), "approx": x.approx, "component": x.component}
            for x in ann.timexes
        ])
    event_ids = _insert_events(conn, report_id, ann, mention_ids)
    _insert_claims(conn, report_id, ann, event_ids)
    conn.execute(t.reports.update().where(t.reports.c.id == report_id).values(pipeline=ann.pipeline))


def _insert_mentions(conn: Connection, report_id: str, ann: Annotations) -> dict[tuple[int, int], int]:
    ids: dict[tuple[int, int], int] = {}
    for m in ann.mentions:
        row = conn.execute(t.mentions.insert().values(
            report_id=report_id, local_id=m.id, start=m.start, end=m.end, text=m.text, type=m.type,
            sub=m.sub, lemma=m.lemma, canonical=m.canonical, component=m.component,
        ))
        ids[(m.start, m.end)] = row.inserted_primary_key[0]
    return ids


def _insert_events(conn: Connection, report_id: str, ann: Annotations, mention_ids: dict) -> dict[str, int]:
    ids: dict[str, int] = {}
    for e in ann.events:
        row = conn.execute(t.events.insert().values(
            report_id=report_id, local_id=e.id, type=e.type, trigger_start=e.trigger.start,
            trigger_end=e.trigger.end, trigger_text=e.trigger.text, negated=e.negated, modality=e.modality,
            time_value=e.time_value, earliest=_iso_date(e.earliest), latest=_iso_date(e.latest),
            component=e.component,
        ))
        ids[e.id] = row.inserted_primary_key[0]
        args = [
            {"event_id": ids[e.id], "role": role, "start": s.start, "end": s.end, "text": s.text,
             "mention_id": mention_ids.get((s.start, s.end))}
            for role in ("actor", "target", "place", "time") for s in getattr(e, role)
        ]
        if args:
            conn.execute(t.event_args.insert(), args)
    return ids


def _insert_claims(conn: Connection, report_id: str, ann: Annotations, event_ids: dict[str, int]) -> None:
    ids: dict[str, int] = {}
    for c in ann.claims:
        row = conn.execute(t.claims.insert().values(
            report_id=report_id, local_id=c.id, start=c.start, end=c.end, text=c.text, certainty=c.certainty,
            source_start=c.source.start if c.source else None, source_end=c.source.end if c.source else None,
            source_text=c.source.text if c.source else None, cue_start=c.cue.start if c.cue else None,
            cue_end=c.cue.end if c.cue else None, cue_text=c.cue.text if c.cue else None, component=c.component,
        ))
        ids[c.id] = row.inserted_primary_key[0]
    links = {(ids[c.id], ids[o]) for c in ann.claims for o in c.contradicts if o in ids}
    links |= {(b, a) for a, b in links}
    if links:
        conn.execute(t.claim_links.insert(), [{"claim_id": a, "other_id": b, "relation": "contradicts"} for a, b in links])
    pairs = {(ids[c.id], event_ids[v]) for c in ann.claims for v in c.events if v in event_ids}
    if pairs:
        conn.execute(t.claim_events.insert(), [{"claim_id": a, "event_id": b} for a, b in pairs])


def replace_annotations(store: Store, report_id: str, ann: Annotations) -> None:
    """Re-analysis: drop a report's facts and write the new ones, atomically."""
    with store.engine.begin() as conn:
        for table in (t.claims, t.events, t.timexes, t.mentions, t.sentences):
            conn.execute(table.delete().where(table.c.report_id == report_id))
        write_annotations(conn, report_id, ann)
