"""Alerts: saved filters, the facts of one report they are matched against, and their firings.

An alert fires at most once per report (a unique (alert, report) row), so running the matching again
after a crash, or for a report seen twice, sends nothing twice. A firing with a webhook carries its
delivery state (pending, delivered, failed) so that a webhook that is down is retried later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Store


@dataclass(frozen=True)
class Alert:
    id: int
    name: str
    filters: dict[str, Any]
    webhook: str | None
    feed: bool
    created_at: datetime | None = None


@dataclass
class ReportFacts:
    """One report's stored facts in the shape alert matching needs (plain dicts, no SQL rows)."""

    report: dict[str, Any]
    mentions: list[dict[str, Any]] = field(default_factory=list)  # with entity names
    events: list[dict[str, Any]] = field(default_factory=list)  # with args (role, text, names)
    claims: list[dict[str, Any]] = field(default_factory=list)  # with event ids, contested


@dataclass(frozen=True)
class Delivery:
    id: int
    alert: str
    webhook: str
    payload: dict[str, Any]
    attempts: int


def add_alert(
    store: Store, name: str, filters: dict[str, Any], webhook: str | None, feed: bool
) -> Alert | None:
    """The new alert, or None when an alert of that name exists."""
    a = schema.alerts.c
    with store.engine.begin() as conn:
        if conn.execute(sa.select(a.id).where(a.name == name)).first():
            return None
        conn.execute(
            schema.alerts.insert().values(
                name=name, filters=filters, webhook=webhook, feed=feed, created_at=_now()
            )
        )
    return get_alert(store, name)


def get_alert(store: Store, name: str) -> Alert | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(schema.alerts).where(schema.alerts.c.name == name)).first()
    return _alert(row) if row else None


def list_alerts(store: Store) -> list[Alert]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(schema.alerts).order_by(schema.alerts.c.name)).all()
    return [_alert(row) for row in rows]


def remove_alert(store: Store, name: str) -> bool:
    a, f = schema.alerts.c, schema.alert_fired.c
    with store.engine.begin() as conn:
        row = conn.execute(sa.select(a.id).where(a.name == name)).first()
        if row is None:
            return False
        conn.execute(schema.alert_fired.delete().where(f.alert_id == row.id))
        conn.execute(schema.alerts.delete().where(a.id == row.id))
    return True


def _alert(row: Any) -> Alert:
    return Alert(row.id, row.name, dict(row.filters or {}), row.webhook, row.feed, row.created_at)


def report_facts(store: Store, report_id: str) -> ReportFacts | None:
    """A stored report's mentions (with their entity's names), events (with arguments) and claims
    (with their events and whether another report contradicts them)."""
    with store.engine.connect() as conn:
        report = _report(conn, report_id)
        if report is None:
            return None
        mentions = _mentions(conn, report_id)
        by_mention = {m["id"]: m for m in mentions}
        return ReportFacts(
            report=report,
            mentions=mentions,
            events=_events(conn, report_id, by_mention),
            claims=_claims(conn, report_id),
        )


def _report(conn: sa.Connection, report_id: str) -> dict[str, Any] | None:
    r = schema.reports.c
    row = conn.execute(
        sa.select(
            r.id, r.source_id, r.version, r.date, r.title, r.source, r.url, r.text, r.ingested_at
        ).where(r.id == report_id)
    ).first()
    if row is None:
        return None
    out = dict(row._mapping)
    out["ingested_at"] = _iso(row.ingested_at)
    return out


def _mentions(conn: sa.Connection, report_id: str) -> list[dict[str, Any]]:
    m, ent, names, keys = (
        schema.mentions.c,
        schema.entities.c,
        schema.entity_names.c,
        schema.entity_keys.c,
    )
    rows = conn.execute(
        sa.select(
            m.id,
            m.start,
            m.end,
            m.text,
            m.type,
            m.lemma,
            m.canonical,
            m.entity_id,
            ent.canonical.label("entity"),
        )
        .select_from(schema.mentions.outerjoin(schema.entities, ent.id == m.entity_id))
        .where(m.report_id == report_id)
        .order_by(m.start)
    ).all()
    ids = {row.entity_id for row in rows if row.entity_id is not None}
    known: dict[int, list[str]] = {}
    indexed: dict[int, list[str]] = {}
    if ids:
        for entity_id, name in conn.execute(
            sa.select(names.entity_id, names.name).where(names.entity_id.in_(ids))
        ):
            known.setdefault(entity_id, []).append(name)
        for entity_id, key in conn.execute(
            sa.select(keys.entity_id, keys.key).where(keys.entity_id.in_(ids))
        ):
            indexed.setdefault(entity_id, []).append(key)
    return [
        {
            **dict(row._mapping),
            "names": sorted(known.get(row.entity_id, [])),
            "keys": sorted(indexed.get(row.entity_id, [])),  # the linker's index keys
        }
        for row in rows
    ]


def _events(
    conn: sa.Connection, report_id: str, by_mention: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    e, a = schema.events.c, schema.event_args.c
    rows = conn.execute(
        sa.select(e.id, e.type, e.trigger_text, e.negated, e.modality, e.time_value)
        .where(e.report_id == report_id)
        .order_by(e.trigger_start)
    ).all()
    events = {row.id: {**dict(row._mapping), "args": []} for row in rows}
    if events:
        for arg in conn.execute(
            sa.select(a.event_id, a.role, a.text, a.mention_id)
            .where(a.event_id.in_(list(events)))
            .order_by(a.id)
        ):
            mention = by_mention.get(arg.mention_id) if arg.mention_id else None
            events[arg.event_id]["args"].append(
                {"role": arg.role, "text": arg.text, "mention": mention}
            )
    return list(events.values())


def _claims(conn: sa.Connection, report_id: str) -> list[dict[str, Any]]:
    c, ce, cl = schema.claims.c, schema.claim_events.c, schema.claim_links.c
    rows = conn.execute(
        sa.select(c.id, c.start, c.end, c.text, c.certainty, c.source_text, c.cue_text)
        .where(c.report_id == report_id)
        .order_by(c.start)
    ).all()
    claims = {row.id: {**dict(row._mapping), "events": [], "contested": False} for row in rows}
    if claims:
        ids = list(claims)
        for claim_id, event_id in conn.execute(
            sa.select(ce.claim_id, ce.event_id).where(ce.claim_id.in_(ids))
        ):
            claims[claim_id]["events"].append(event_id)
        for (claim_id,) in conn.execute(sa.select(cl.claim_id).where(cl.claim_id.in_(ids))):
            claims[claim_id]["contested"] = True
    return list(claims.values())


def current_report_ids(store: Store, limit: int) -> list[str]:
    """The newest current reports (by ingest time), for `chronik alert test`."""
    r = schema.reports.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(r.id)
            .where(r.is_current == sa.true())
            .order_by(r.ingested_at.desc())
            .limit(limit)
        )
        return [row.id for row in rows]


def record_fired(store: Store, alert: Alert, report_id: str, payload: dict[str, Any]) -> bool:
    """Remember a firing; False when this alert already fired on this report (nothing written)."""
    f = schema.alert_fired.c
    with store.engine.begin() as conn:
        if conn.execute(
            sa.select(f.id).where(f.alert_id == alert.id, f.report_id == report_id)
        ).first():
            return False
        conn.execute(
            schema.alert_fired.insert().values(
                alert_id=alert.id,
                report_id=report_id,
                fired_at=_now(),
                payload=payload,
                delivery="pending" if alert.webhook else "none",
                attempts=0,
            )
        )
    return True


def due_deliveries(store: Store, limit: int = 100, at: datetime | None = None) -> list[Delivery]:
    """Pending webhook deliveries whose next attempt is due (by `at`, default now), oldest first."""
    f, a = schema.alert_fired.c, schema.alerts.c
    moment = at or _now()
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(f.id, a.name, a.webhook, f.payload, f.attempts)
            .join(schema.alerts, a.id == f.alert_id)
            .where(
                f.delivery == "pending",
                a.webhook.is_not(None),
                sa.or_(f.next_attempt.is_(None), f.next_attempt <= moment),
            )
            .order_by(f.id)
            .limit(limit)
        ).all()
    return [Delivery(row.id, row.name, row.webhook, row.payload, row.attempts) for row in rows]


def record_delivery(
    store: Store,
    fired_id: int,
    *,
    delivered: bool,
    error: str | None = None,
    next_attempt: datetime | None = None,
) -> None:
    """One delivery attempt: delivered, to be retried at `next_attempt`, or given up (neither)."""
    f = schema.alert_fired.c
    if delivered:
        state = "delivered"
    else:
        state = "pending" if next_attempt is not None else "failed"
    with store.engine.begin() as conn:
        conn.execute(
            schema.alert_fired.update()
            .where(f.id == fired_id)
            .values(
                delivery=state,
                attempts=f.attempts + 1,
                last_error=error,
                next_attempt=next_attempt,
            )
        )


def fired_list(
    store: Store, limit: int = 50, since: datetime | None = None, feed_only: bool = False
) -> list[dict[str, Any]]:
    """Recent firings, newest first: what /alerts, its .json twin and /alerts.atom show."""
    f, a = schema.alert_fired.c, schema.alerts.c
    query = (
        sa.select(
            f.id,
            a.name,
            a.feed,
            f.report_id,
            f.fired_at,
            f.payload,
            f.delivery,
            f.attempts,
            f.last_error,
        )
        .join(schema.alerts, a.id == f.alert_id)
        .order_by(f.fired_at.desc(), f.id.desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(f.fired_at > since)
    if feed_only:
        query = query.where(a.feed == sa.true())
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "id": row.id,
            "alert": row.name,
            "feed": row.feed,
            "report_id": row.report_id,
            "fired_at": _iso(row.fired_at),
            "payload": row.payload,
            "delivery": row.delivery,
            "attempts": row.attempts,
            "last_error": row.last_error,
        }
        for row in rows
    ]


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite returns naive datetimes; they were written in UTC
        value = value.replace(tzinfo=UTC)
    return value.isoformat()
