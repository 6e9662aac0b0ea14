"""Relinking a whole store at once: every current report linked in memory in date order (the same
Linker as `link_report`, in two passes as `link_documents`: bare surnames are resolved once every
full name is known), then written in bulk. Used by `relink_all`; far faster than report-by-report on
a big store."""

from __future__ import annotations

from typing import Any

from chronik.names import keys as nm
from chronik.names.aliases import AliasTable
from chronik.nlp.linking.cluster import Entity, Index
from chronik.nlp.linking.link import Linked, Linker, MentionInput, known_forms
from chronik.nlp.linking.roles import MentionView, RoleBook, RoleFact, find_roles
from chronik.store import entities as entity_rows
from chronik.store.db import Conn
from chronik.store.roles import insert_roles

COMPONENT = "linking:rules-1"
ROLES_COMPONENT = "linking:roles-1"


def relink_in_memory(conn: Conn, aliases: AliasTable) -> int:
    """Caller has unlinked everything and owns the transaction."""
    reports, mentions = entity_rows.current_reports_with_mentions(conn)
    linker = Linker(aliases, Index())
    known = known_forms([(x.text, x.type) for rows in mentions.values() for x in rows])
    linked: dict[str, list[Linked]] = {}
    state = []
    for (
        rep
    ) in reports:  # first what each report says itself, then bare surnames against the whole store
        rows = mentions.get(rep.id, [])
        if rows:
            inputs = [MentionInput(x.start, x.end, x.text, x.type, x.sub) for x in rows]
            analyses = linker.analyse(inputs, known)
            decided, pending = linker.link_local(inputs, analyses, rep.text)
            state.append((rep, inputs, analyses, decided, pending))
    for rep, inputs, analyses, decided, pending in state:
        linker.link_surnames(inputs, analyses, pending, rep.date, decided)
        linked[rep.id] = linker.record(inputs, analyses, decided, rep.text, rep.date)
    for ls in linked.values():
        for link in ls:
            link.entity_id = linker.index.resolve(link.entity_id)
    ids = _write_entities(conn, linker.index)
    _write_mentions(conn, linker.index, mentions, linked, ids)
    _write_roles(conn, linker.index, reports, mentions, linked, ids)
    return len(reports)


def _entity_row(e: Entity) -> dict[str, Any]:
    info = {
        **e.info,
        "grounded": e.grounded,
        **({"first": sorted(e.first_names)} if e.first_names else {}),
    }
    return {
        "canonical": (e.canonical if e.grounded and e.canonical else e.best_name() or "?")[:300],
        "type": e.type,
        "key": next(iter(sorted(e.keys)), None),
        "first_date": e.first_date,
        "last_date": e.last_date,
        "n_mentions": e.n_mentions,
        "info": info,
    }


def _write_entities(conn: Conn, index: Index) -> dict[int, int]:
    ents = sorted(index.entities.values(), key=lambda e: e.id)
    stored = entity_rows.insert_entities(conn, [_entity_row(e) for e in ents])
    ids = {e.id: i for e, i in zip(ents, stored)}
    for e in ents:
        e.canonical = _entity_row(e)["canonical"]
    keys = [{"key": k, "entity_id": ids[i]} for k, members in index.keys.items() for i in members]
    names = [
        {"entity_id": ids[e.id], "name": n[:300], "key": nm.lookup_key(n), "count": c}
        for e in ents
        for n, c in e.names.items()
    ]
    entity_rows.insert_keys(conn, keys)
    entity_rows.insert_names(conn, names)
    return ids


def _write_mentions(
    conn: Conn,
    index: Index,
    mentions: dict[str, list[Any]],
    linked: dict[str, list[Linked]],
    ids: dict[int, int],
) -> None:
    govs = {link.government_of for ls in linked.values() for link in ls if link.government_of}
    gov_ids = {g: ids[e[0].id] for g in govs if (e := index.get(f"g:X:{nm.lookup_key(g)}"))}
    updates, links = [], []
    for rid, ls in linked.items():
        for row, link in zip(mentions[rid], ls):
            e = index.entities[link.entity_id]
            updates.append({"mid": row.id, "eid": ids[e.id], "canon": e.canonical})
            links.append(
                {
                    "mention_id": row.id,
                    "entity_id": ids[e.id],
                    "surface": link.surface[:300],
                    "rule": link.rule[:120],
                    "government_of": gov_ids.get(link.government_of),
                    "component": COMPONENT,
                }
            )
    entity_rows.link_mentions(conn, updates, links)


def _write_roles(
    conn: Conn,
    index: Index,
    reports: list[Any],
    mentions: dict[str, list[Any]],
    linked: dict[str, list[Linked]],
    ids: dict[int, int],
) -> None:
    book = RoleBook()
    facts: list[tuple[Any, RoleFact, int | None]] = []
    for rep in reports:
        rows, ls = mentions.get(rep.id, []), linked.get(rep.id, [])
        views = [
            MentionView(
                x.start, x.end, x.text, x.type, x.sub, index.entities[link.entity_id].canonical
            )
            for x, link in zip(rows, ls)
        ]
        for f in find_roles(rep.text, views):
            holder = ids[ls[f.holder_index].entity_id] if f.holder_index is not None else None
            if f.kind == "stated":
                book.add(f.role, f.of, f.holder, rep.date)
            facts.append((rep, f, holder))
    by_canonical: dict[str, int] = {}
    for e in index.entities.values():
        by_canonical.setdefault(e.canonical or "", ids[e.id])
    out = []
    for rep, f, holder in facts:
        if f.kind == "resolved" and f.of:
            f.holder, why = book.holder(f.role, f.of, rep.date)
            f.rule += f":{why}"
            holder = by_canonical.get(f.holder or "") or (
                _new_person(conn, f.holder, by_canonical) if f.holder else None
            )
        if holder is None:
            continue
        out.append(
            {
                "holder_id": holder,
                "role": f.role,
                "of_entity_id": by_canonical.get(f.of or ""),
                "of_text": f.of_text or f.of,
                "report_id": rep.id,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "date": rep.date,
                "date_start": rep.date_start,
                "kind": f.kind,
                "rule": f.rule[:120],
                "component": ROLES_COMPONENT,
            }
        )
    insert_roles(conn, out)


def _new_person(conn: Conn, canonical: str, by_canonical: dict[str, int]) -> int:
    """A role holder known only from the list of terms becomes a grounded entity without
    mentions."""
    key = f"g:P:{nm.lookup_key(canonical)}"
    row = {
        "canonical": canonical,
        "type": "PER",
        "key": key,
        "n_mentions": 0,
        "info": {"grounded": True},
    }
    new_id = entity_rows.new_keyed_entity(conn, key, row)
    by_canonical[canonical] = new_id
    return new_id
