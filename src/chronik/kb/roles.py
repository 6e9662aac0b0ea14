"""Role facts of one report into the `roles` table; bare role mentions resolved against earlier facts."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronik.nlp.linking import names as nm
from chronik.nlp.linking.link import Linked, Linker
from chronik.nlp.linking.roles import MentionView, RoleBook, find_roles
from chronik.store import schema as t

COMPONENT = "linking:roles-1"


def _entity_by_canonical(
    conn: Connection, canonical: str, type_class: str, create: bool
) -> int | None:
    key = f"g:{type_class}:{nm.lookup_key(canonical)}"
    row = conn.execute(
        sa.select(t.entity_keys.c.entity_id).where(t.entity_keys.c.key == key)
    ).first()
    if row is not None:
        return row.entity_id
    row = conn.execute(
        sa.select(t.entities.c.id)
        .where(t.entities.c.canonical == canonical)
        .order_by(t.entities.c.n_mentions.desc())
        .limit(1)
    ).first()
    if row is not None or not create:
        return row.id if row else None
    new_id = conn.execute(
        t.entities.insert().values(
            canonical=canonical,
            type="PER" if type_class == "P" else "LOC",
            key=key,
            n_mentions=0,
            info={"grounded": True},
        )
    ).inserted_primary_key[0]
    conn.execute(t.entity_keys.insert().values(key=key, entity_id=new_id))
    return new_id


def _stated_lookup(conn: Connection, report_id: str):  # type: ignore[no-untyped-def]
    """Facts stated in other reports for (role, of), as (date, holder canonical)."""

    def lookup(role: str, of: str) -> list[tuple[str, str]]:
        of_id = _entity_by_canonical(conn, of, "X", False)
        if of_id is None:
            return []
        r, e = t.roles.c, t.entities.c
        rows = conn.execute(
            sa.select(r.date, e.canonical)
            .join_from(t.roles, t.entities, r.holder_id == e.id)
            .where(
                r.role == role,
                r.of_entity_id == of_id,
                r.kind == "stated",
                r.report_id != report_id,
                r.date.is_not(None),
            )
            .order_by(r.date_start.desc())
            .limit(50)
        ).all()
        return [(row.date, row.canonical) for row in rows]

    return lookup


def store_roles(
    conn: Connection,
    report_id: str,
    rep: Any,
    rows: list[Any],
    linked: list[Linked],
    ids: dict[int, int],
    linker: Linker,
) -> int:
    views = [
        MentionView(
            r.start, r.end, r.text, r.type, r.sub, linker.index.entities[l.entity_id].canonical
        )
        for r, l in zip(rows, linked)
    ]
    facts = find_roles(rep.text, views)
    book = RoleBook()
    out = []
    for f in facts:
        if f.kind == "stated":
            holder_id = (
                ids[linked[f.holder_index].entity_id] if f.holder_index is not None else None
            )
            book.add(f.role, f.of, f.holder, rep.date)
        else:
            f.holder, why = book.holder(
                f.role, f.of or "", rep.date, _stated_lookup(conn, report_id)
            )
            f.rule = f"{f.rule}:{why}"
            holder_id = _entity_by_canonical(conn, f.holder, "P", True) if f.holder else None
        if holder_id is None:
            continue
        of_id = _entity_by_canonical(conn, f.of, "X", False) if f.of else None
        out.append(
            {
                "holder_id": holder_id,
                "role": f.role,
                "of_entity_id": of_id,
                "of_text": f.of_text or f.of,
                "report_id": report_id,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "date": rep.date,
                "date_start": rep.date_start,
                "kind": f.kind,
                "rule": f.rule[:120],
                "component": COMPONENT,
            }
        )
    if out:
        conn.execute(t.roles.insert(), out)
    return len(out)
