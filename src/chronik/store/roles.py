"""Role facts ("Verteidigungsminister Schoigu"): who held which role of what, as a report tells it.

Functions take the connection of the caller's transaction (`store.db.transaction`).
"""

from __future__ import annotations

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Conn

STATED_LIMIT = 50  # earlier statements of a role read to resolve a bare one: the newest are enough


def insert_roles(conn: Conn, rows: list[dict]) -> None:
    """Role rows as the `roles` table has them (holder_id, role, of_entity_id, report_id, ...)."""
    if rows:
        conn.execute(schema.roles.insert(), rows)


def stated_holders(conn: Conn, role: str, of_id: int, report_id: str) -> list[tuple[str, str]]:
    """Who other reports state held `role` of entity `of_id`, newest first: (date, holder
    canonical)."""
    r, e = schema.roles.c, schema.entities.c
    rows = conn.execute(
        sa.select(r.date, e.canonical)
        .join_from(schema.roles, schema.entities, r.holder_id == e.id)
        .where(
            r.role == role,
            r.of_entity_id == of_id,
            r.kind == "stated",
            r.report_id != report_id,
            r.date.is_not(None),
        )
        .order_by(r.date_start.desc())
        .limit(STATED_LIMIT)
    ).all()
    return [(row.date, row.canonical) for row in rows]


def roles_held(conn: Conn, entity_id: int) -> list[sa.Row]:
    """The roles an entity held, oldest first: role, of_text, of (canonical), date, report_id, kind,
    text, rule."""
    r = schema.roles.c
    of = schema.entities.alias("of")
    return list(
        conn.execute(
            sa.select(
                r.role,
                r.of_text,
                of.c.canonical.label("of"),
                r.date,
                r.report_id,
                r.kind,
                r.text,
                r.rule,
            )
            .outerjoin_from(schema.roles, of, of.c.id == r.of_entity_id)
            .where(r.holder_id == entity_id)
            .order_by(r.date_start, r.id)
        ).all()
    )


def count_roles_held(conn: Conn, entity_id: int) -> int:
    query = sa.select(sa.func.count()).select_from(schema.roles)
    return conn.execute(query.where(schema.roles.c.holder_id == entity_id)).scalar_one()


def move_roles(conn: Conn, from_id: int, to_id: int) -> None:
    """Roles held by, or held of, one entity now belong to another (a merge)."""
    r = schema.roles
    conn.execute(r.update().where(r.c.holder_id == from_id).values(holder_id=to_id))
    conn.execute(r.update().where(r.c.of_entity_id == from_id).values(of_entity_id=to_id))
