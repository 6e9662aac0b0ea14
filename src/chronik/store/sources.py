"""Watched sources (feeds and folders): their state, their errors and the items already taken.

`chronik watch` asks here before fetching an item (was it seen, did the feed say it changed, what
was its content hash) and writes here after each item and each pass; `chronik sources` and the
/sources page read the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Store

ERRORS_SHOWN = 5  # recent errors listed per source
ERRORS_KEPT = 500  # per source: a feed failing every 10 minutes for months keeps the newest ones
ERRORS_KEPT = 500  # per source: a feed failing every 10 minutes for months keeps the newest ones


@dataclass(frozen=True)
class SourceState:
    id: int
    key: str
    kind: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class SeenItem:
    url: str | None
    updated: str | None
    content_hash: str | None
    report_id: str | None
    etag: str | None
    last_modified: str | None
    status: str | None
    first_seen: datetime | None = None


def now() -> datetime:
    return datetime.now(UTC)


def ensure_source(
    store: Store, key: str, kind: str, name: str | None = None, language: str | None = None
) -> SourceState:
    """The source's row, made on first sight; a given name or language replaces the stored one."""
    s = schema.sources.c
    with store.engine.begin() as conn:
        row = conn.execute(sa.select(schema.sources).where(s.key == key)).first()
        if row is None:
            conn.execute(
                schema.sources.insert().values(key=key, kind=kind, name=name, language=language)
            )
            row = conn.execute(sa.select(schema.sources).where(s.key == key)).one()
        elif (name and name != row.name) or (language and language != row.language):
            conn.execute(
                schema.sources.update()
                .where(s.id == row.id)
                .values(name=name or row.name, language=language or row.language)
            )
    return SourceState(row.id, row.key, row.kind, row.etag, row.last_modified)


def record_pass(
    store: Store,
    source_id: int,
    status: str,
    *,
    ok: bool,
    new: int = 0,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    """What one pass over a source found: its status line, new reports, the feed's validators."""
    s = schema.sources.c
    moment = now()
    values: dict[str, Any] = {
        "last_fetch": moment,
        "status": status[:300],
        "last_new": new,
        "items": s["items"] + new,
    }
    if ok:
        values["last_ok"] = moment
    if etag is not None or last_modified is not None:
        values.update(etag=etag, last_modified=last_modified)
    with store.engine.begin() as conn:
        conn.execute(schema.sources.update().where(s.id == source_id).values(**values))


def record_error(store: Store, source_id: int, message: str, item: str | None = None) -> None:
    """Every failure is kept with its time, its item (None: the source as a whole) and message."""
    s = schema.sources.c
    with store.engine.begin() as conn:
        conn.execute(
            schema.source_errors.insert().values(
                source_id=source_id, at=now(), item=item, message=message
            )
        )
        conn.execute(schema.sources.update().where(s.id == source_id).values(errors=s.errors + 1))
        _prune_errors(conn, source_id)


def _prune_errors(conn: sa.Connection, source_id: int) -> None:
    x = schema.source_errors.c
    oldest_kept = (
        sa.select(x.id)
        .where(x.source_id == source_id)
        .order_by(x.id.desc())
        .offset(ERRORS_KEPT - 1)
        .limit(1)
        .scalar_subquery()
    )
    conn.execute(schema.source_errors.delete().where(x.source_id == source_id, x.id < oldest_kept))


def seen_item(store: Store, source_id: int, item_key: str) -> SeenItem | None:
    t = schema.seen_items.c
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(schema.seen_items).where(t.source_id == source_id, t.item_key == item_key)
        ).first()
    if row is None:
        return None
    return SeenItem(
        row.url,
        row.updated,
        row.content_hash,
        row.report_id,
        row.etag,
        row.last_modified,
        row.status,
        _aware(row.first_seen),
    )


def stored_since(store: Store, source_id: int, since: datetime) -> bool:
    """Whether a report was taken from the source's items first seen after `since`."""
    t = schema.seen_items.c
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(t.item_key)
            .where(t.source_id == source_id, t.first_seen > since, t.report_id.is_not(None))
            .limit(1)
        ).first()
    return row is not None


def mark_seen(store: Store, source_id: int, item_key: str, status: str, **fields: Any) -> None:
    """Insert or update what is known about an item; fields not given keep their stored value."""
    t = schema.seen_items.c
    moment = now()
    values = {k: v for k, v in fields.items() if v is not None}
    values.update(status=status[:300], last_seen=moment)
    where = sa.and_(t.source_id == source_id, t.item_key == item_key)
    with store.engine.begin() as conn:
        updated = conn.execute(schema.seen_items.update().where(where).values(**values))
        if updated.rowcount == 0:
            conn.execute(
                schema.seen_items.insert().values(
                    source_id=source_id, item_key=item_key, first_seen=moment, **values
                )
            )


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Every source with its state and recent errors, for `chronik sources` and /sources."""
    s, x = schema.sources.c, schema.source_errors.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(schema.sources).order_by(s.id)).all()
        out = []
        for row in rows:
            errors = conn.execute(
                sa.select(x.at, x.item, x.message)
                .where(x.source_id == row.id)
                .order_by(x.id.desc())
                .limit(ERRORS_SHOWN)
            ).all()
            out.append(
                {
                    "id": row.id,
                    "source": row.key,
                    "kind": row.kind,
                    "name": row.name,
                    "language": row.language,
                    "last_fetch": _iso(row.last_fetch),
                    "last_ok": _iso(row.last_ok),
                    "status": row.status,
                    "items": row.items,
                    "last_new": row.last_new,
                    "errors": row.errors,
                    "recent_errors": [
                        {"at": _iso(e.at), "item": e.item, "message": e.message} for e in errors
                    ],
                }
            )
    return out


def reports_since(store: Store, since: datetime, limit: int = 50) -> dict[str, Any]:
    """Current reports stored after `since` (newest first) and how many there are."""
    r = schema.reports.c
    cond = sa.and_(r.ingested_at > since, r.is_current == sa.true())
    with store.engine.connect() as conn:
        count = conn.execute(
            sa.select(sa.func.count()).select_from(schema.reports).where(cond)
        ).scalar_one()
        rows = conn.execute(
            sa.select(r.id, r.title, r.date, r.source, r.url, r.version, r.ingested_at)
            .where(cond)
            .order_by(r.ingested_at.desc())
            .limit(limit)
        ).all()
    return {
        "since": since.isoformat(),
        "count": count,
        "reports": [
            {
                "id": row.id,
                "title": row.title,
                "date": row.date,
                "source": row.source,
                "url": row.url,
                "version": row.version,
                "ingested_at": _iso(row.ingested_at),
            }
            for row in rows
        ],
    }


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _iso(value: datetime | None) -> str | None:
    value = _aware(value)
    return value.isoformat() if value is not None else None
