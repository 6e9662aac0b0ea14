"""The entity view: one entity's names, roles over time, events (one page), claims by and about it
and the entities named with it, as known on a day."""

from __future__ import annotations

import weakref
from datetime import date
from typing import Any

import sqlalchemy as sa

from chronik.store import filters as fl
from chronik.store import schema
from chronik.store.db import Store
from chronik.store.filters import Page, as_of, iso, known_events, narrow
from chronik.store.timeline import describe_events, event_rows

RECENT_REPORTS = 200  # an entity's names, claims and neighbours are read from its latest reports

r, e, a, m, c = (
    schema.reports.c,
    schema.events.c,
    schema.event_args.c,
    schema.mentions.c,
    schema.claims.c,
)


def entity(
    store: Store, entity_id: int, *, as_of_day: date | None = None, page: Page = Page()
) -> dict[str, Any] | None:
    """One entity: its names, roles over time, events (one page), claims by and about it,
    co-occurring entities."""
    ent = schema.entities.c
    with store.engine.connect() as conn:
        fl.interactive(conn)
        row = conn.execute(sa.select(schema.entities).where(ent.id == entity_id)).mappings().first()
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

    Names, claims and neighbours are read from these, so an entity named in 50,000 reports costs
    what one named in 500 does. A much named entity walks the reports by date and stops; a rare one
    sorts its few.
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
            .select_from(schema.mentions.join(schema.reports, r.id == m.report_id))
            .where(m.entity_id == entity_id, as_of(day))
            .group_by(r.id, r.date_end)
            .order_by(r.date_end.desc().nulls_last(), r.id)
            .limit(RECENT_REPORTS)
        )
    return [x.id for x in conn.execute(q)]


def _entity_names(conn: sa.Connection, entity_id: int, recent: list[str]) -> list[dict[str, Any]]:
    """The spellings used for it in its recent reports, with how often and when first and last
    seen."""
    if not recent:
        return []
    q = (
        sa.select(
            m.text,
            sa.func.count().label("n"),
            sa.func.min(r.date_start).label("first"),
            sa.func.max(r.date_end).label("last"),
        )
        .select_from(schema.mentions.join(schema.reports, r.id == m.report_id))
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
    """A table another migration may add (the linker's entity_names and roles), reflected when
    present."""
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
    """Roles the linker found for it (`roles`, migration 0002), each with the first and last report
    saying so."""
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
        .select_from(roles.join(schema.reports, r.id == ro.report_id))
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
        sa.select(a.event_id)
        .join(schema.mentions, m.id == a.mention_id)
        .where(m.entity_id == entity_id)
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
    events = describe_events(conn, event_rows(conn, ids[: page.limit]), day)
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
    """Claims in its recent reports whose source names the entity (`by`), or whose proposition
    mentions it."""
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
            schema.mentions.join(schema.claims, c.report_id == m.report_id).join(
                schema.reports, r.id == c.report_id
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
    """The mention is not the claim's own source (a denial's "Die russische Seite" is by Russia, not
    about it)."""
    return sa.or_(c.source_start.is_(None), m.end <= c.source_start, m.start >= c.source_end)


def _co_occurring(
    conn: sa.Connection, entity_id: int, recent: list[str], limit: int = 20
) -> list[dict[str, Any]]:
    """Entities named in the same reports, counted over its recent reports."""
    if not recent:
        return []
    other = schema.mentions.alias("other")
    ent = schema.entities.c
    q = (
        sa.select(
            ent.id,
            ent.canonical,
            ent.type,
            sa.func.count(sa.distinct(other.c.report_id)).label("reports"),
        )
        .select_from(other.join(schema.entities, ent.id == other.c.entity_id))
        .where(other.c.report_id.in_(recent), other.c.entity_id != entity_id)
        .group_by(ent.id, ent.canonical, ent.type)
        .order_by(sa.desc("reports"), ent.canonical)
        .limit(limit)
    )
    return [dict(x) for x in conn.execute(q).mappings()]
