"""Entity rows and the links of mentions to them: entities, entity_keys (the linker's index),
entity_names (spellings with counts), mention_links (which rule linked a mention), and the mentions'
entity columns.

Functions take the connection of the caller's transaction (`store.db.transaction`), so the linker, a
relink and a user correction each write all their rows in one unit of work. Keys and names arrive
here already normalised: how a name becomes a key is the linker's business
(chronik.names.keys).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Conn, Store, connection

ENTITY_CHUNK = 5000  # entity rows per INSERT … RETURNING in a bulk relink
ROW_CHUNK = 20000  # key, name, mention rows per statement in a bulk relink


# --- reading -----


def report_to_link(conn: Conn, report_id: str) -> sa.Row | None:
    """A report's text, date and first day, or None if there is no such report."""
    r = schema.reports.c
    return conn.execute(sa.select(r.text, r.date, r.date_start).where(r.id == report_id)).first()


def report_mentions(conn: Conn, report_id: str) -> list[sa.Row]:
    """A report's mentions in text order, with the entity each is linked to (None: not yet)."""
    m = schema.mentions.c
    return list(
        conn.execute(
            sa.select(m.id, m.start, m.end, m.text, m.type, m.sub, m.entity_id)
            .where(m.report_id == report_id)
            .order_by(m.start)
        ).all()
    )


def current_reports_with_mentions(conn: Conn) -> tuple[list[sa.Row], dict[str, list[sa.Row]]]:
    """Every current report in date order (undated first), and their mentions in text order."""
    r, m = schema.reports.c, schema.mentions.c
    reports = conn.execute(
        sa.select(r.id, r.text, r.date, r.date_start)
        .where(r.is_current == sa.true())
        .order_by(r.date_start.nulls_first(), r.id)
    ).all()
    mentions: dict[str, list[sa.Row]] = defaultdict(list)
    for row in conn.execute(
        sa.select(m.id, m.report_id, m.start, m.end, m.text, m.type, m.sub)
        .join(schema.reports, r.id == m.report_id)
        .where(r.is_current == sa.true())
        .order_by(m.report_id, m.start)
    ):
        mentions[row.report_id].append(row)
    return list(reports), mentions


def current_report_ids(conn: Conn) -> list[str]:
    """Current reports in date order, undated first (the order linking depends on)."""
    r = schema.reports.c
    query = (
        sa.select(r.id).where(r.is_current == sa.true()).order_by(r.date_start.nulls_first(), r.id)
    )
    return [row.id for row in conn.execute(query)]


def unlinked_report_ids(store: Store) -> list[str]:
    """Current reports with a mention not linked yet, oldest first (the order linking depends
    on)."""
    m, r = schema.mentions.c, schema.reports.c
    query = (
        sa.select(r.id, r.date_start)
        .where(
            r.is_current == sa.true(),
            r.id.in_(sa.select(m.report_id).where(m.entity_id.is_(None))),
        )
        .order_by(r.date_start.nulls_first(), r.id)
    )
    with connection(store) as conn:
        return [row.id for row in conn.execute(query)]


def key_entities(conn: Conn, keys: set[str]) -> list[sa.Row]:
    """(key, entity_id) for the given index keys: one indexed `key IN (...)`."""
    k = schema.entity_keys.c
    return list(conn.execute(sa.select(k.key, k.entity_id).where(k.key.in_(sorted(keys)))).all())


def entities_by_id(conn: Conn, ids: set[int]) -> list[sa.Row]:
    e = schema.entities.c
    return list(conn.execute(sa.select(schema.entities).where(e.id.in_(sorted(ids)))).all())


def name_keys_of(conn: Conn, ids: set[int]) -> list[sa.Row]:
    """(key, entity_id) of the entities' surname and name keys (prefixes s: and n:)."""
    k = schema.entity_keys.c
    query = sa.select(k.key, k.entity_id).where(
        k.entity_id.in_(sorted(ids)), sa.or_(k.key.like("s:%"), k.key.like("n:%"))
    )
    return list(conn.execute(query).all())


def known_name_keys(conn: Conn, keys: set[str]) -> set[str]:
    """Which of these lookup keys some entity has been seen under (entity_names)."""
    n = schema.entity_names.c
    query = sa.select(n.key).where(n.key.in_(sorted(keys))).distinct()
    return {row.key for row in conn.execute(query)}


def known_index_keys(conn: Conn, keys: set[str]) -> list[str]:
    """Which of these index keys exist (entity_keys)."""
    k = schema.entity_keys.c
    query = sa.select(k.key).where(k.key.in_(sorted(keys))).distinct()
    return list(conn.execute(query).scalars().all())


def entity_id_by_key(conn: Conn, key: str) -> int | None:
    k = schema.entity_keys.c
    row = conn.execute(sa.select(k.entity_id).where(k.key == key)).first()
    return row.entity_id if row else None


def entity_id_by_canonical(conn: Conn, canonical: str) -> int | None:
    """The most mentioned entity with this canonical name."""
    e = schema.entities.c
    query = sa.select(e.id).where(e.canonical == canonical).order_by(e.n_mentions.desc()).limit(1)
    row = conn.execute(query).first()
    return row.id if row else None


def name_counts(conn: Conn, ids: list[int]) -> list[sa.Row]:
    """(entity_id, name, count) of the entities' spellings."""
    n = schema.entity_names.c
    query = sa.select(n.entity_id, n.name, n.count).where(n.entity_id.in_(sorted(ids)))
    return list(conn.execute(query).all())


def count_entities(conn: Conn) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(schema.entities)).scalar_one()


# --- writing -----


def insert_entities(conn: Conn, rows: list[dict]) -> list[int]:
    """New entity rows; their ids in the order given."""
    e = schema.entities
    ids: list[int] = []
    for chunk in range(0, len(rows), ENTITY_CHUNK):
        result = conn.execute(
            e.insert().returning(e.c.id, sort_by_parameter_order=True),
            rows[chunk : chunk + ENTITY_CHUNK],
        )
        ids.extend(r.id for r in result.all())
    return ids


def new_keyed_entity(conn: Conn, key: str, row: dict) -> int:
    """One entity findable under `key` from now on (the key goes into entity_keys too); its id."""
    new_id = conn.execute(schema.entities.insert().values(**row)).inserted_primary_key[0]
    conn.execute(schema.entity_keys.insert().values(key=key, entity_id=new_id))
    return new_id


def _upsert(
    conn: Conn,
    table: sa.Table,
    rows: list[dict],
    keys: list[str],
    update: dict[str, Callable[[Any], Any]] | None,
) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table)
    if update is None:
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    else:
        stmt = stmt.on_conflict_do_update(
            index_elements=keys, set_={k: v(stmt) for k, v in update.items()}
        )
    conn.execute(stmt, rows)


def add_keys(conn: Conn, rows: list[dict]) -> None:
    """entity_keys rows ({key, entity_id}); those already there are left as they are."""
    _upsert(conn, schema.entity_keys, rows, ["key", "entity_id"], None)


def add_key(conn: Conn, key: str, entity_id: int) -> None:
    """One entity_keys row, unless it is there already."""
    k = schema.entity_keys.c
    exists = conn.execute(sa.select(k.key).where(k.key == key, k.entity_id == entity_id)).first()
    if not exists:
        conn.execute(schema.entity_keys.insert().values(key=key, entity_id=entity_id))


def add_name_counts(conn: Conn, rows: list[dict]) -> None:
    """entity_names rows ({entity_id, name, key, count}); a name already there gets its count
    added."""
    _upsert(
        conn,
        schema.entity_names,
        rows,
        ["entity_id", "name"],
        {"count": lambda s: schema.entity_names.c.count + s.excluded["count"]},
    )


def insert_keys(conn: Conn, rows: list[dict]) -> None:
    """entity_keys rows in bulk, into an unlinked store (no conflicts possible)."""
    for chunk in range(0, len(rows), ROW_CHUNK):
        conn.execute(schema.entity_keys.insert(), rows[chunk : chunk + ROW_CHUNK])


def insert_names(conn: Conn, rows: list[dict]) -> None:
    """entity_names rows in bulk ({entity_id, name, key, count})."""
    for chunk in range(0, len(rows), ROW_CHUNK):
        conn.execute(schema.entity_names.insert(), rows[chunk : chunk + ROW_CHUNK])


def update_entities(conn: Conn, rows: list[dict]) -> None:
    """Rewrite entity rows, each given as {"eid": id, column: value, ...} (the same columns in
    all)."""
    if not rows:
        return
    e = schema.entities
    conn.execute(
        e.update()
        .where(e.c.id == sa.bindparam("eid"))
        .values({k: sa.bindparam(k) for k in rows[0] if k != "eid"}),
        rows,
    )


def rename_mentions(conn: Conn, entity_id: int, canonical: str) -> None:
    """The canonical name copied onto an entity's mentions."""
    m = schema.mentions
    conn.execute(m.update().where(m.c.entity_id == entity_id).values(canonical=canonical))


def link_mentions(conn: Conn, updates: list[dict], links: list[dict]) -> None:
    """Point mentions at entities ({mid, eid, canon}) and record how ({mention_id, entity_id,
    surface, rule, government_of, component} in mention_links)."""
    m = schema.mentions
    stmt = (
        m.update()
        .where(m.c.id == sa.bindparam("mid"))
        .values(entity_id=sa.bindparam("eid"), canonical=sa.bindparam("canon"))
    )
    for chunk in range(0, len(updates), ROW_CHUNK):
        conn.execute(stmt, updates[chunk : chunk + ROW_CHUNK])
    for chunk in range(0, len(links), ROW_CHUNK):
        conn.execute(schema.mention_links.insert(), links[chunk : chunk + ROW_CHUNK])


def unlink_all(conn: Conn) -> None:
    """Drop every entity, link, name, key and role; mentions keep their text, lose their entity."""
    for table in (schema.roles, schema.mention_links, schema.entity_names, schema.entity_keys):
        conn.execute(table.delete())
    conn.execute(schema.mentions.update().values(entity_id=None, canonical=None))
    conn.execute(schema.entities.delete())


# --- listing -----


def _prefix(column: Any, prefix: str) -> sa.ColumnElement[bool]:
    """Case-insensitive prefix match; % and _ in the prefix are plain characters."""
    escaped = prefix.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.func.lower(column).like(escaped + "%", escape="\\")


def list_entities(
    conn: Conn,
    type_: str | None = None,
    prefix: str | None = None,
    min_mentions: int = 0,
    limit: int = 50,
) -> list[sa.Row]:
    """(id, canonical, type, n_mentions, first_date, last_date) of entities, most mentioned first;
    `prefix` matches the canonical name or any spelling the entity was seen under."""
    e, n = schema.entities.c, schema.entity_names.c
    query = sa.select(e.id, e.canonical, e.type, e.n_mentions, e.first_date, e.last_date)
    if type_:
        query = query.where(e.type == type_)
    if min_mentions:
        query = query.where(e.n_mentions >= min_mentions)
    if prefix:
        named = sa.select(n.entity_id).where(_prefix(n.name, prefix))
        query = query.where(sa.or_(_prefix(e.canonical, prefix), e.id.in_(named)))
    query = query.order_by(e.n_mentions.desc(), e.canonical, e.id).limit(limit)
    return list(conn.execute(query).all())
