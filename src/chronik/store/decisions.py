"""User decisions about entities (entity_decisions: merge, split, alias) and the rows a correction
reads and rewrites: finding an entity by name, moving mentions to another entity, rebuilding its
counts.

Functions take the connection of the caller's transaction (`store.db.transaction`), so a correction
is checked, recorded and applied in one unit of work. Name keys arrive already normalised.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Conn

# --- the decisions -----


def active_decisions(conn: Conn) -> list[dict[str, Any]]:
    """The decisions in force, oldest first: {id, action, args (a dict), created_at, active}."""
    d = schema.entity_decisions
    rows = conn.execute(sa.select(d).where(d.c.active == sa.true()).order_by(d.c.id)).mappings()
    out = []
    for r in rows:
        row = dict(r)
        row["args"] = r["args"] if isinstance(r["args"], dict) else json.loads(r["args"])
        out.append(row)
    return out


def decisions_stamp(conn: Conn) -> tuple[int, int]:
    """(number of decisions ever recorded, highest id): changes whenever a decision is added."""
    d = schema.entity_decisions.c
    count, last = conn.execute(sa.select(sa.func.count(), sa.func.max(d.id))).one()
    return count, last or 0


def record_decision(conn: Conn, action: str, args: dict[str, Any]) -> int:
    """Store a decision in force; its id."""
    stmt = schema.entity_decisions.insert().values(
        action=action, args=args, created_at=datetime.now(UTC), active=True
    )
    return conn.execute(stmt).inserted_primary_key[0]


def active_decision(conn: Conn, decision_id: int) -> sa.Row | None:
    d = schema.entity_decisions
    query = sa.select(d).where(d.c.id == decision_id, d.c.active == sa.true())
    return conn.execute(query).first()


def withdraw_decision(conn: Conn, decision_id: int) -> None:
    d = schema.entity_decisions
    conn.execute(d.update().where(d.c.id == decision_id).values(active=False))


# --- an entity's rows (names are resolved in chronik.store.lookup) -----


def entity_row(conn: Conn, entity_id: int) -> sa.Row | None:
    e = schema.entities
    return conn.execute(sa.select(e).where(e.c.id == entity_id)).first()


def entity_names(conn: Conn, entity_id: int) -> list[sa.Row]:
    """(name, count) of an entity's spellings, most frequent first."""
    n = schema.entity_names.c
    query = sa.select(n.name, n.count).where(n.entity_id == entity_id)
    return list(conn.execute(query.order_by(n.count.desc(), n.name)).all())


def entity_keys(conn: Conn, entity_id: int) -> list[str]:
    k = schema.entity_keys.c
    return list(conn.execute(sa.select(k.key).where(k.entity_id == entity_id)).scalars().all())


def reports_mentioning(conn: Conn, entity_id: int, limit: int) -> list[sa.Row]:
    """(id, date, title, mentions) of the reports that mention an entity, newest first."""
    m, rep = schema.mentions.c, schema.reports.c
    return list(
        conn.execute(
            sa.select(rep.id, rep.date, rep.title, sa.func.count().label("mentions"))
            .join_from(schema.mentions, schema.reports, m.report_id == rep.id)
            .where(m.entity_id == entity_id)
            .group_by(rep.id, rep.date, rep.title)
            .order_by(rep.date_start.desc(), rep.id)
            .limit(limit)
        ).all()
    )


# --- moving mentions -----


def mention_ids_of(conn: Conn, entity_id: int) -> list[int]:
    m = schema.mentions.c
    return [r.id for r in conn.execute(sa.select(m.id).where(m.entity_id == entity_id))]


def mentions_with_surface(
    conn: Conn, entity_ids: list[int] | None, name_keys: list[str]
) -> list[sa.Row]:
    """(id, text, type, surface) of the mentions of these entities, or (entity_ids None) of every
    entity seen under one of these name keys; surface is the name as linked (None if never
    linked)."""
    m, ml = schema.mentions.c, schema.mention_links.c
    query = sa.select(m.id, m.text, m.type, ml.surface).outerjoin_from(
        schema.mentions, schema.mention_links, ml.mention_id == m.id
    )
    if entity_ids is not None:
        query = query.where(m.entity_id.in_(entity_ids))
    else:
        n = schema.entity_names.c
        query = query.where(m.entity_id.in_(sa.select(n.entity_id).where(n.key.in_(name_keys))))
    return list(conn.execute(query).all())


def first_mention_type(conn: Conn, mention_ids: list[int]) -> str | None:
    m = schema.mentions.c
    return conn.execute(sa.select(m.type).where(m.id.in_(mention_ids))).scalar()


def move_mentions(conn: Conn, mention_ids: list[int], target: int) -> set[int]:
    """Link mentions to entity `target` (rule "decision"); returns the other entities they leave."""
    m, ml = schema.mentions, schema.mention_links
    old = {
        r.entity_id
        for r in conn.execute(sa.select(m.c.entity_id).where(m.c.id.in_(mention_ids)))
        if r.entity_id
    }
    e = schema.entities.c
    canonical = conn.execute(sa.select(e.canonical).where(e.id == target)).scalar_one()
    conn.execute(
        m.update().where(m.c.id.in_(mention_ids)).values(entity_id=target, canonical=canonical)
    )
    conn.execute(
        ml.update()
        .where(ml.c.mention_id.in_(mention_ids))
        .values(entity_id=target, rule="decision")
    )
    return old - {target}


def mention_names_and_dates(conn: Conn, entity_id: int) -> list[sa.Row]:
    """(name as linked, report date) of every mention of an entity."""
    m, ml, rep = schema.mentions.c, schema.mention_links.c, schema.reports.c
    return list(
        conn.execute(
            sa.select(sa.func.coalesce(ml.surface, m.text).label("name"), rep.date)
            .join_from(schema.mentions, schema.reports, m.report_id == rep.id)
            .outerjoin(schema.mention_links, ml.mention_id == m.id)
            .where(m.entity_id == entity_id)
        ).all()
    )


def replace_names(conn: Conn, entity_id: int, rows: list[dict]) -> None:
    """An entity's spellings replaced by these ({entity_id, name, key, count})."""
    n = schema.entity_names
    conn.execute(n.delete().where(n.c.entity_id == entity_id))
    if rows:
        conn.execute(n.insert(), rows)


def delete_entity(conn: Conn, entity_id: int) -> None:
    e = schema.entities
    conn.execute(e.delete().where(e.c.id == entity_id))


def set_entity(conn: Conn, entity_id: int, **values: Any) -> None:
    """Set columns of one entity row (n_mentions, first_date, info, ...)."""
    e = schema.entities
    conn.execute(e.update().where(e.c.id == entity_id).values(**values))
