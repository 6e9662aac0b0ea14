"""The network view: entities as nodes, actor -> target edges per event type, weighted by events."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Store
from chronik.store.filters import Filters, as_of, event_conditions

r, e = schema.reports.c, schema.events.c


def latest_month(store: Store, day: date | None = None) -> tuple[date, date] | None:
    """The calendar month of the newest report known on `day` (the network's default period)."""
    with store.engine.connect() as conn:
        last = conn.execute(sa.select(sa.func.max(r.date_end)).where(as_of(day))).scalar()
    if last is None:
        return None
    return last.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])


def network(store: Store, filters: Filters = Filters(), *, max_edges: int = 300) -> dict[str, Any]:
    """Entities as nodes; an edge actor -> target per event type, weighted by how many events link
    them."""
    if filters.start is None and filters.end is None:
        month = latest_month(store, filters.as_of)
        if month:
            filters = replace(filters, start=month[0], end=month[1])
    actor, target = schema.event_args.alias("actor"), schema.event_args.alias("target")
    ma, mt = schema.mentions.alias("ma"), schema.mentions.alias("mt")
    with store.engine.connect() as conn:
        q = (
            sa.select(
                ma.c.entity_id.label("source"),
                mt.c.entity_id.label("target"),
                e.type,
                sa.func.count(sa.distinct(e.id)).label("weight"),
            )
            .select_from(
                schema.events.join(
                    actor, sa.and_(actor.c.event_id == e.id, actor.c.role == "actor")
                )
                .join(ma, ma.c.id == actor.c.mention_id)
                .join(target, sa.and_(target.c.event_id == e.id, target.c.role == "target"))
                .join(mt, mt.c.id == target.c.mention_id)
            )
            .where(
                *event_conditions(conn, filters),
                ma.c.entity_id.is_not(None),
                mt.c.entity_id.is_not(None),
                ma.c.entity_id != mt.c.entity_id,
            )
            .group_by(ma.c.entity_id, mt.c.entity_id, e.type)
            .order_by(sa.desc("weight"), ma.c.entity_id, mt.c.entity_id)
            .limit(max_edges)
        )
        edges = [dict(x) for x in conn.execute(q).mappings()]
        nodes = _nodes(conn, edges)
    return {
        "filters": filters.params(),
        "nodes": nodes,
        "edges": edges,
        "truncated": len(edges) == max_edges,
    }


def _nodes(conn: sa.Connection, edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    weight: dict[int, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            weight[end] = weight.get(end, 0) + edge["weight"]
    if not weight:
        return []
    ent = schema.entities.c
    rows = conn.execute(
        sa.select(ent.id, ent.canonical, ent.type).where(ent.id.in_(list(weight)))
    ).mappings()
    return sorted(
        (
            {"id": x["id"], "label": x["canonical"], "type": x["type"], "weight": weight[x["id"]]}
            for x in rows
        ),
        key=lambda n: (-n["weight"], n["label"]),
    )
