"""The network view: entities as nodes, actor -> target edges per event type, weighted by events.

Without a period the view covers the whole store, or, when the store holds more than
DEFAULT_EVENTS events, its latest months holding about that many (the aggregation reads every
event of the period; this bounds it on large stores, and the page says which period it shows).
Of the entities, the MAX_NODES busiest (most events in the period) are drawn, with the heaviest
edges among them; `min_weight` drops edges of fewer events. `edge_events` lists the events behind
a node or an edge with the sentence that tells each.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Store
from chronik.store.filters import (
    LEAD_CHARS,
    Filters,
    as_of,
    collected,
    event_conditions,
    interactive,
    iso,
)

r, e = schema.reports.c, schema.events.c
DEFAULT_EVENTS = 8_000  # events aggregated when no period is given: ~80 ms CPU at 100k reports
MAX_NODES = 40  # entities drawn: more make labels collide on a page-wide canvas
EDGE_EVENTS = 20  # events listed for one node or edge


@dataclass(frozen=True)
class Shape:
    """How much of the network to draw."""

    max_edges: int = 300
    max_nodes: int = MAX_NODES
    min_weight: int = 1


def latest_month(store: Store, day: date | None = None) -> tuple[date, date] | None:
    """The calendar month of the newest report known on `day`."""
    with store.engine.connect() as conn:
        last = conn.execute(sa.select(sa.func.max(r.date_end)).where(as_of(day))).scalar()
    if last is None:
        return None
    return last.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])


def default_start(conn: sa.Connection, day: date | None) -> date | None:
    """The first day of the month from which on the latest DEFAULT_EVENTS events lie, or None
    when the whole store holds fewer (then the whole period is shown). One index walk on
    events.earliest."""
    newest = e.earliest <= day if day else sa.true()
    row = conn.execute(
        sa.select(e.earliest)
        .where(e.earliest.is_not(None), newest)
        .order_by(e.earliest.desc())
        .limit(1)
        .offset(DEFAULT_EVENTS)
    ).first()
    return row.earliest.replace(day=1) if row else None


def network(
    store: Store,
    filters: Filters = Filters(),
    *,
    max_edges: int = 300,
    max_nodes: int = MAX_NODES,
    min_weight: int = 1,
) -> dict[str, Any]:
    """The busiest entities as nodes; an edge actor -> target per event type, weighted by how many
    events link them."""
    shape = Shape(max_edges, max_nodes, min_weight)
    whole = filters.start is None and filters.end is None
    with store.engine.connect() as conn:
        interactive(conn)
        if whole and (start := default_start(conn, filters.as_of)):
            filters = replace(filters, start=start)
        pairs = _edges(conn, filters, shape.min_weight)
        edges, weights = _busiest(pairs, shape)
        nodes = _nodes(conn, weights)
    return {
        "filters": filters.params(),
        "period": "whole" if whole and filters.start is None else "latest" if whole else "given",
        "min_weight": shape.min_weight,
        "max_nodes": shape.max_nodes,
        "nodes": nodes,
        "edges": edges,
        "truncated": len(edges) < len(pairs),
    }


Edge = tuple[int, int, str, int]  # source, target, event type, weight


def _edges(conn: sa.Connection, filters: Filters, min_weight: int) -> list[Edge]:
    """Every (source, target, type) with its weight, heaviest first, as plain tuples: thousands
    of them are summed per node and only the drawn few become dicts (a dict per row of 7,000 cost
    a third of the default network)."""
    actor, target = schema.event_args.alias("actor"), schema.event_args.alias("target")
    ma, mt = schema.mentions.alias("ma"), schema.mentions.alias("mt")
    weight = sa.func.count(sa.distinct(e.id))
    q = (
        sa.select(
            ma.c.entity_id.label("source"),
            mt.c.entity_id.label("target"),
            e.type,
            weight.label("weight"),
        )
        .select_from(
            schema.events.join(actor, sa.and_(actor.c.event_id == e.id, actor.c.role == "actor"))
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
        .having(weight >= min_weight)
        .order_by(sa.desc("weight"), ma.c.entity_id, mt.c.entity_id, e.type)
    )
    return [tuple(x) for x in conn.execute(q)]


def _busiest(pairs: list[Edge], shape: Shape) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """The max_nodes entities with most events on edges, and the heaviest edges among them."""
    weight: dict[int, int] = {}
    for source, target, _type, w in pairs:
        weight[source] = weight.get(source, 0) + w
        weight[target] = weight.get(target, 0) + w
    kept = set(sorted(weight, key=lambda n: (-weight[n], n))[: shape.max_nodes])
    chosen = [x for x in pairs if x[0] in kept and x[1] in kept][: shape.max_edges]
    edges = [{"source": a, "target": b, "type": t, "weight": w} for a, b, t, w in chosen]
    drawn: dict[int, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            drawn[end] = drawn.get(end, 0) + edge["weight"]
    return edges, drawn


def _nodes(conn: sa.Connection, weight: dict[int, int]) -> list[dict[str, Any]]:
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


def edge_events(
    store: Store,
    filters: Filters,
    source: int,
    target: int | None = None,
    *,
    limit: int = EDGE_EVENTS,
) -> dict[str, Any]:
    """The events of one node (source acts or is acted on) or one edge (source acts on target,
    of the filters' types), newest first, each with the sentence that tells it."""
    ends = [(source, ("actor",) if target else ("actor", "target"))]
    if target:
        ends.append((target, ("target",)))
    with store.engine.connect() as conn:
        interactive(conn)
        conds = event_conditions(conn, filters) + [_plays(conn, x, roles) for x, roles in ends]
        rows = _event_rows(conn, conds, limit)
        names = _names(conn, [x for x in (source, target) if x])
    return {
        "filters": filters.params(),
        "source": {"id": source, "label": names.get(source)},
        "target": {"id": target, "label": names.get(target)} if target else None,
        "events": rows,
    }


def _plays(conn: sa.Connection, entity_id: int, roles: tuple[str, ...]) -> sa.ColumnElement[bool]:
    """Events where the entity is an argument in one of `roles` (a much-named entity's events are
    walked in date order instead of collected: see filters.collected)."""
    a, m = schema.event_args.c, schema.mentions.c
    candidates = (
        sa.select(a.event_id)
        .join(schema.mentions, m.id == a.mention_id)
        .where(m.entity_id == entity_id, a.role.in_(roles))
    )
    # counted by its arguments in these roles, not all its mentions (a place is rarely one)
    return collected(conn, candidates, a.event_id)


def _sentence() -> Any:
    """The text of the sentence holding the event's trigger."""
    s = schema.sentences.c
    return (
        sa.select(sa.func.substr(r.text, s.start + 1, s.end - s.start))
        .select_from(schema.sentences.join(schema.reports, r.id == s.report_id))
        .where(s.report_id == e.report_id, s.start <= e.trigger_start, s.end > e.trigger_start)
        .limit(1)
        .scalar_subquery()
    )


def _event_rows(
    conn: sa.Connection, conds: list[sa.ColumnElement[bool]], limit: int
) -> list[dict[str, Any]]:
    q = (
        sa.select(
            e.id,
            e.report_id,
            e.type,
            e.trigger_text,
            e.negated,
            e.time_value,
            e.earliest,
            e.latest,
            _sentence().label("sentence"),
            sa.select(r.title).where(r.id == e.report_id).scalar_subquery().label("report_title"),
            sa.select(sa.func.substr(r.text, 1, LEAD_CHARS))
            .where(r.id == e.report_id)
            .scalar_subquery()
            .label("report_lead"),
            sa.select(r.date).where(r.id == e.report_id).scalar_subquery().label("report_date"),
        )
        .where(*conds)
        .order_by(e.earliest.desc().nulls_last(), e.id.desc())
        .limit(limit)
    )
    rows = [dict(x) for x in conn.execute(q).mappings()]
    for row in rows:
        row.update(negated=bool(row["negated"]), earliest=iso(row["earliest"]))
        row["latest"] = iso(row["latest"])
    return rows


def _names(conn: sa.Connection, ids: list[int]) -> dict[int, str]:
    ent = schema.entities.c
    return dict(conn.execute(sa.select(ent.id, ent.canonical).where(ent.id.in_(ids))).all())
