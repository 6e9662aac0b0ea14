"""The exploring views over stored facts: timeline, entity and network.

Pure functions of (store, arguments) -> plain dicts, shared by the API, the web pages and the CLI (through
chronik.store.queries, which re-exports them). SQLAlchemy Core only, nothing SQLite-specific. Filters and
`as_of` are in chronik.store.filters; contested claims and places have modules of their own.
"""

from __future__ import annotations

import calendar
import weakref
from dataclasses import replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from chronik.store import filters as fl
from chronik.store import schema as t
from chronik.store.db import Store
from chronik.store.filters import Filters, Page, as_of, event_conditions, iso, known_events, narrow

RECENT_REPORTS = 200  # an entity's names, claims and neighbours are read from its latest reports

r, e, a, m, c = t.reports.c, t.events.c, t.event_args.c, t.mentions.c, t.claims.c


# ---------------------------------------------------------------- timeline


def timeline(
    store: Store, filters: Filters = Filters(), page: Page = Page(), *, newest_first: bool = True
) -> dict[str, Any]:
    """Events matching the filters in date order, one page; `has_more` instead of an exact total."""
    with store.engine.connect() as conn:
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
        events = _describe_events(conn, _event_rows(conn, ids[: page.limit]), filters.as_of)
    return {
        "filters": filters.params(),
        "offset": page.offset,
        "limit": page.limit,
        "has_more": len(ids) > page.limit,
        "events": events,
    }


def _event_rows(conn: sa.Connection, ids: list[int]) -> list[Any]:
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
        r.source.label("report_source"),
    ).select_from(t.events.join(t.reports, r.id == e.report_id))


def _reported_by(
    conn: sa.Connection, clusters: list[int], day: date | None
) -> dict[int, dict[str, Any]]:
    """For events told by several reports: how many reports, how many independent sources (publishers, or
    reports where the publisher is unknown), first and last report date — as known on `day`."""
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
        .join(t.reports, r.id == e.report_id)
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


def _describe_events(
    conn: sa.Connection, rows: list[Any], day: date | None = None
) -> list[dict[str, Any]]:
    """Event rows with their arguments (and linked entities), the claims that carry them, and how many
    reports and sources tell the same event."""
    ids = [row["id"] for row in rows]
    args: dict[int, dict[str, list[dict[str, Any]]]] = {}
    carried: dict[int, list[dict[str, Any]]] = {}
    if ids:
        q = (
            sa.select(a.event_id, a.role, a.text, m.entity_id)
            .select_from(t.event_args.outerjoin(t.mentions, m.id == a.mention_id))
            .where(a.event_id.in_(ids))
            .order_by(a.id)
        )
        for arg in conn.execute(q):
            args.setdefault(arg.event_id, {}).setdefault(arg.role, []).append(
                {"text": arg.text, "entity_id": arg.entity_id}
            )
        ce = t.claim_events.c
        q2 = (
            sa.select(ce.event_id, c.local_id, c.certainty, c.source_text)
            .join(t.claims, c.id == ce.claim_id)
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


# ---------------------------------------------------------------- entity


def entity(
    store: Store, entity_id: int, *, as_of_day: date | None = None, page: Page = Page()
) -> dict[str, Any] | None:
    """One entity: its names, roles over time, events (one page), claims by and about it, co-occurring entities."""
    ent = t.entities.c
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t.entities).where(ent.id == entity_id)).mappings().first()
        if row is None:
            return None
        out = {
            k: row[k]
            for k in ("id", "canonical", "type", "first_date", "last_date", "n_mentions", "info")
        }
        out["as_of"] = iso(as_of_day)
        named = row["n_mentions"] or 0
        recent = _recent_reports(conn, entity_id, as_of_day, named > fl.RECENT_HEAVY)
        out["recent_reports"] = len(recent)
        out["names"] = _entity_names(conn, entity_id, recent)
        out["roles"] = _roles(conn, entity_id, as_of_day)
        out["linked_names"] = _linked_names(conn, entity_id)
        out["events"], out["has_more"] = _entity_events(
            conn, entity_id, as_of_day, page, named > fl.HEAVY
        )
        out["offset"], out["limit"] = page.offset, page.limit
        out["claims_by"] = _entity_claims(conn, entity_id, recent, by=True)
        out["claims_about"] = _entity_claims(conn, entity_id, recent, by=False)
        out["co_occurring"] = _co_occurring(conn, entity_id, recent)
    return out


def _recent_reports(
    conn: sa.Connection, entity_id: int, day: date | None, heavy: bool
) -> list[str]:
    """Ids of the latest RECENT_REPORTS reports naming the entity (known on `day`), newest first.

    Names, claims and neighbours are read from these, so an entity named in 50,000 reports costs what one
    named in 500 does. A much named entity walks the reports by date and stops; a rare one sorts its few.
    """
    if heavy:
        named = sa.exists(sa.select(m.id).where(m.entity_id == entity_id, m.report_id == r.id))
        q = (
            sa.select(r.id)
            .where(as_of(day), named)
            .order_by(r.date_end.desc().nulls_last(), r.id)
            .limit(RECENT_REPORTS)
        )
    else:
        q = (
            sa.select(r.id)
            .select_from(t.mentions.join(t.reports, r.id == m.report_id))
            .where(m.entity_id == entity_id, as_of(day))
            .group_by(r.id, r.date_end)
            .order_by(r.date_end.desc().nulls_last(), r.id)
            .limit(RECENT_REPORTS)
        )
    return [x.id for x in conn.execute(q)]


def _entity_names(conn: sa.Connection, entity_id: int, recent: list[str]) -> list[dict[str, Any]]:
    """The spellings used for it in its recent reports, with how often and when first and last seen."""
    if not recent:
        return []
    q = (
        sa.select(
            m.text,
            sa.func.count().label("n"),
            sa.func.min(r.date_start).label("first"),
            sa.func.max(r.date_end).label("last"),
        )
        .select_from(t.mentions.join(t.reports, r.id == m.report_id))
        .where(m.entity_id == entity_id, m.report_id.in_(recent))
        .group_by(m.text)
        .order_by(sa.desc("n"), m.text)
        .limit(30)
    )
    return [
        {"name": x.text, "n": x.n, "first": iso(x.first), "last": iso(x.last)}
        for x in conn.execute(q)
    ]


_TABLES: weakref.WeakKeyDictionary[sa.Engine, set[str]] = weakref.WeakKeyDictionary()


def _table(conn: sa.Connection, name: str) -> sa.Table | None:
    """A table another migration may add (the linker's entity_names and roles), reflected when present."""
    engine = conn.engine
    if engine not in _TABLES:
        _TABLES[engine] = set(sa.inspect(conn).get_table_names())
    if name not in _TABLES[engine]:
        return None
    return _reflect(engine, name, conn)


_REFLECTED: weakref.WeakKeyDictionary[sa.Engine, dict[str, sa.Table]] = weakref.WeakKeyDictionary()


def _reflect(engine: sa.Engine, name: str, conn: sa.Connection) -> sa.Table:
    tables = _REFLECTED.setdefault(engine, {})
    if name not in tables:
        tables[name] = sa.Table(name, sa.MetaData(), autoload_with=conn)
    return tables[name]


def _roles(conn: sa.Connection, entity_id: int, day: date | None) -> list[dict[str, Any]]:
    """Roles the linker found for it (`roles`, migration 0002), each with the first and last report saying so."""
    roles = _table(conn, "roles")
    if roles is None:
        return []
    ro = roles.c
    q = (
        sa.select(
            ro.role,
            ro.of_entity_id,
            ro.of_text,
            sa.func.count().label("n"),
            sa.func.min(ro.date_start).label("first"),
            sa.func.max(ro.date_start).label("last"),
        )
        .select_from(roles.join(t.reports, r.id == ro.report_id))
        .where(ro.holder_id == entity_id, as_of(day))
        .group_by(ro.role, ro.of_entity_id, ro.of_text)
        .order_by(sa.func.min(ro.date_start), ro.role)
        .limit(100)
    )
    return [
        {
            "role": x.role,
            "of_entity_id": x.of_entity_id,
            "of": x.of_text,
            "n": x.n,
            "first": iso(x.first),
            "last": iso(x.last),
        }
        for x in conn.execute(q)
    ]


def _linked_names(conn: sa.Connection, entity_id: int) -> list[dict[str, Any]]:
    """Every name the linker has filed under the entity (`entity_names`), most used first."""
    names = _table(conn, "entity_names")
    if names is None:
        return []
    q = sa.select(names.c.name, names.c["count"]).where(names.c.entity_id == entity_id)
    return [
        {"name": x.name, "n": x.count}
        for x in conn.execute(q.order_by(names.c["count"].desc()).limit(100))
    ]


def _entity_events(
    conn: sa.Connection, entity_id: int, day: date | None, page: Page, heavy: bool
) -> tuple[list[dict[str, Any]], bool]:
    """Its events newest first, with the role it plays in each."""
    mine = (
        sa.select(a.event_id).join(t.mentions, m.id == a.mention_id).where(m.entity_id == entity_id)
    )
    condition = narrow(mine, a.event_id, fl.HEAVY + 1 if heavy else 0)
    ids = [
        x.id
        for x in conn.execute(
            sa.select(e.id)
            .where(condition, *known_events(day))
            .order_by(e.earliest.desc().nulls_last(), e.id.desc())
            .limit(page.limit + 1)
            .offset(page.offset)
        )
    ]
    events = _describe_events(conn, _event_rows(conn, ids[: page.limit]), day)
    for item in events:
        item["roles"] = [
            role
            for role in ("actor", "target", "place")
            if any(x["entity_id"] == entity_id for x in item[role])
        ]
    return events, len(ids) > page.limit


def _entity_claims(
    conn: sa.Connection, entity_id: int, recent: list[str], *, by: bool, limit: int = 20
) -> list[dict[str, Any]]:
    """Claims in its recent reports whose source names the entity (`by`), or whose proposition mentions it."""
    if not recent:
        return []
    lo, hi = (c.source_start, c.source_end) if by else (c.start, c.end)
    q = (
        sa.select(
            c.id,
            c.report_id,
            c.local_id,
            c.text,
            c.certainty,
            c.source_text,
            c.cue_text,
            r.date,
            r.date_end,
        )
        .select_from(
            t.mentions.join(t.claims, c.report_id == m.report_id).join(
                t.reports, r.id == c.report_id
            )
        )
        .where(
            m.entity_id == entity_id,
            m.report_id.in_(recent),
            m.start >= lo,
            m.end <= hi,
            *([] if by else [_outside_source()]),
        )
        .distinct()
        .order_by(r.date_end.desc(), c.id.desc())
        .limit(limit)
    )
    return [
        {
            "id": x.id,
            "report_id": x.report_id,
            "local_id": x.local_id,
            "text": x.text,
            "certainty": x.certainty,
            "source": x.source_text,
            "cue": x.cue_text,
            "report_date": x.date,
        }
        for x in conn.execute(q)
    ]


def _outside_source() -> sa.ColumnElement[bool]:
    """The mention is not the claim's own source (a denial's "Die russische Seite" is by Russia, not about it)."""
    return sa.or_(c.source_start.is_(None), m.end <= c.source_start, m.start >= c.source_end)


def _co_occurring(
    conn: sa.Connection, entity_id: int, recent: list[str], limit: int = 20
) -> list[dict[str, Any]]:
    """Entities named in the same reports, counted over its recent reports."""
    if not recent:
        return []
    other = t.mentions.alias("other")
    ent = t.entities.c
    q = (
        sa.select(
            ent.id,
            ent.canonical,
            ent.type,
            sa.func.count(sa.distinct(other.c.report_id)).label("reports"),
        )
        .select_from(other.join(t.entities, ent.id == other.c.entity_id))
        .where(other.c.report_id.in_(recent), other.c.entity_id != entity_id)
        .group_by(ent.id, ent.canonical, ent.type)
        .order_by(sa.desc("reports"), ent.canonical)
        .limit(limit)
    )
    return [dict(x) for x in conn.execute(q).mappings()]


# ---------------------------------------------------------------- network


def latest_month(store: Store, day: date | None = None) -> tuple[date, date] | None:
    """The calendar month of the newest report known on `day` (the network's default period)."""
    with store.engine.connect() as conn:
        last = conn.execute(sa.select(sa.func.max(r.date_end)).where(as_of(day))).scalar()
    if last is None:
        return None
    return last.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])


def network(store: Store, filters: Filters = Filters(), *, max_edges: int = 300) -> dict[str, Any]:
    """Entities as nodes; an edge actor -> target per event type, weighted by how many events link them."""
    if filters.start is None and filters.end is None:
        month = latest_month(store, filters.as_of)
        if month:
            filters = replace(filters, start=month[0], end=month[1])
    actor, target = t.event_args.alias("actor"), t.event_args.alias("target")
    ma, mt = t.mentions.alias("ma"), t.mentions.alias("mt")
    with store.engine.connect() as conn:
        q = (
            sa.select(
                ma.c.entity_id.label("source"),
                mt.c.entity_id.label("target"),
                e.type,
                sa.func.count(sa.distinct(e.id)).label("weight"),
            )
            .select_from(
                t.events.join(actor, sa.and_(actor.c.event_id == e.id, actor.c.role == "actor"))
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
    ent = t.entities.c
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
