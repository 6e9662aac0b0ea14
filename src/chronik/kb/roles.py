"""Role facts of one report into the `roles` table; bare role mentions resolved against earlier
facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chronik.names import keys as nm
from chronik.nlp.linking.link import Linked, Linker
from chronik.nlp.linking.roles import MentionView, RoleBook, find_roles
from chronik.store.db import Conn
from chronik.store.entities import entity_id_by_canonical, entity_id_by_key, new_keyed_entity
from chronik.store.roles import insert_roles, stated_holders

COMPONENT = "linking:roles-1"


def _entity_by_canonical(conn: Conn, canonical: str, type_class: str, create: bool) -> int | None:
    """By grounded key, then by canonical name; with `create`, a grounded entity without
    mentions."""
    key = f"g:{type_class}:{nm.lookup_key(canonical)}"
    found = entity_id_by_key(conn, key)
    if found is not None:
        return found
    found = entity_id_by_canonical(conn, canonical)
    if found is not None or not create:
        return found
    row = {
        "canonical": canonical,
        "type": "PER" if type_class == "P" else "LOC",
        "key": key,
        "n_mentions": 0,
        "info": {"grounded": True},
    }
    return new_keyed_entity(conn, key, row)


def _stated_lookup(conn: Conn, report_id: str) -> Callable[[str, str], list[tuple[str, str]]]:
    """Facts stated in other reports for (role, of), as (date, holder canonical)."""

    def lookup(role: str, of: str) -> list[tuple[str, str]]:
        of_id = _entity_by_canonical(conn, of, "X", False)
        if of_id is None:
            return []
        return stated_holders(conn, role, of_id, report_id)

    return lookup


def store_roles(
    conn: Conn,
    report_id: str,
    rep: Any,
    rows: list[Any],
    linked: list[Linked],
    ids: dict[int, int],
    linker: Linker,
) -> int:
    views = [
        MentionView(
            r.start, r.end, r.text, r.type, r.sub, linker.index.entities[link.entity_id].canonical
        )
        for r, link in zip(rows, linked)
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
    insert_roles(conn, out)
    return len(out)
