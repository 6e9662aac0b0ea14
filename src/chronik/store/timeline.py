"""The timeline view: events matching the filters in date order, and the description of events
(their arguments, claims and how many reports tell them) that the entity view shares.

Pure functions of (store, arguments) -> plain dicts, shared by the API, the web pages and the CLI
(through chronik.store.queries, which re-exports them). SQLAlchemy Core only, nothing
SQLite-specific. Filters and `as_of` are in chronik.store.filters; the entity, network, contested
claims and places views have modules of their own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Store
from chronik.store.filters import LEAD_CHARS, Filters, Page, event_conditions, interactive, iso

r, e, a, m, c = (
    schema.reports.c,
    schema.events.c,
    schema.event_args.c,
    schema.mentions.c,
    schema.claims.c,
)


def timeline(
    store: Store, filters: Filters = Filters(), page: Page = Page(), *, newest_first: bool = True
) -> dict[str, Any]:
    """Events matching the filters in date order, one page; `has_more` instead of an exact total."""
    with store.engine.connect() as conn:
        interactive(conn)
        order = (
            (e.earliest.desc().nulls_last(), e.id.desc())
            if newest_first
            else (e.earliest.asc().nulls_last(), e.id)
        )
        ids = [
            x.id
            for x in conn.execute(
                sa.select(e.id)
                .where(*event_conditions(conn, filters))
                .order_by(*order)
                .limit(page.limit + 1)
                .offset(page.offset)
            )
        ]
        events = describe_events(conn, event_rows(conn, ids[: page.limit]), filters.as_of)
    return {
        "filters": filters.params(),
        "offset": page.offset,
        "limit": page.limit,
        "has_more": len(ids) > page.limit,
        "events": events,
    }


def event_rows(conn: sa.Connection, ids: list[int]) -> list[Any]:
    """The page's events with their reports' date and title, in the order of `ids`."""
    if not ids:
        return []
    rows = {x["id"]: x for x in conn.execute(_event_columns().where(e.id.in_(ids))).mappings()}
    return [rows[i] for i in ids]


def _event_columns() -> sa.Select:
    return sa.select(
        e.id,
        e.report_id,
        e.local_id,
        e.type,
        e.trigger_text,
        e.negated,
        e.modality,
        e.time_value,
        e.earliest,
        e.latest,
        e.cluster_id,
        r.date.label("report_date"),
        r.title.label("report_title"),
        sa.func.substr(r.text, 1, LEAD_CHARS).label("report_lead"),
        r.source.label("report_source"),
    ).select_from(schema.events.join(schema.reports, r.id == e.report_id))


def _reported_by(
    conn: sa.Connection, clusters: list[int], day: date | None
) -> dict[int, dict[str, Any]]:
    """For events told by several reports: how many reports, how many independent sources
    (publishers, or reports where the publisher is unknown), first and last report date — as known
    on `day`."""
    if not clusters:
        return {}
    source = sa.func.coalesce(r.source, r.id)
    q = (
        sa.select(
            e.cluster_id,
            sa.func.count(sa.distinct(e.report_id)).label("reports"),
            sa.func.count(sa.distinct(source)).label("sources"),
            sa.func.min(r.date_start).label("first"),
            sa.func.max(r.date_end).label("last"),
        )
        .join(schema.reports, r.id == e.report_id)
        .where(e.cluster_id.in_(clusters))
        .group_by(e.cluster_id)
    )
    if day is not None:
        q = q.where(r.date_end.is_not(None), r.date_end <= day)
    return {
        x.cluster_id: {
            "cluster": x.cluster_id,
            "reports": x.reports,
            "sources": x.sources,
            "first_reported": iso(x.first),
            "last_reported": iso(x.last),
        }
        for x in conn.execute(q)
    }


def describe_events(
    conn: sa.Connection, rows: list[Any], day: date | None = None
) -> list[dict[str, Any]]:
    """Event rows with their arguments (and linked entities), the claims that carry them, and how
    many reports and sources tell the same event."""
    ids = [row["id"] for row in rows]
    args: dict[int, dict[str, list[dict[str, Any]]]] = {}
    carried: dict[int, list[dict[str, Any]]] = {}
    if ids:
        q = (
            sa.select(a.event_id, a.role, a.text, m.entity_id)
            .select_from(schema.event_args.outerjoin(schema.mentions, m.id == a.mention_id))
            .where(a.event_id.in_(ids))
            .order_by(a.id)
        )
        for arg in conn.execute(q):
            args.setdefault(arg.event_id, {}).setdefault(arg.role, []).append(
                {"text": arg.text, "entity_id": arg.entity_id}
            )
        ce = schema.claim_events.c
        q2 = (
            sa.select(ce.event_id, c.local_id, c.certainty, c.source_text)
            .join(schema.claims, c.id == ce.claim_id)
            .where(ce.event_id.in_(ids))
        )
        for claim in conn.execute(q2):
            carried.setdefault(claim.event_id, []).append(
                {"id": claim.local_id, "certainty": claim.certainty, "source": claim.source_text}
            )
    told = _reported_by(
        conn, sorted({row["cluster_id"] for row in rows if row["cluster_id"] is not None}), day
    )
    out = []
    for row in rows:
        item = {
            k: row[k]
            for k in (
                "id",
                "report_id",
                "local_id",
                "type",
                "trigger_text",
                "modality",
                "time_value",
                "report_date",
                "report_title",
                "report_lead",
            )
        }
        item.update(
            negated=bool(row["negated"]), earliest=iso(row["earliest"]), latest=iso(row["latest"])
        )
        roles = args.get(row["id"], {})
        item.update({role: roles.get(role, []) for role in ("actor", "target", "place", "time")})
        item["claims"] = carried.get(row["id"], [])
        item["reported_by"] = told.get(row["cluster_id"]) or {
            "cluster": None,
            "reports": 1,
            "sources": 1,
            "first_reported": row["report_date"],
            "last_reported": row["report_date"],
        }
        out.append(item)
    return out
