"""Relinking a whole store at once: every current report linked in memory in date order (the same Linker as
`link_report`, in two passes as `link_documents`: bare surnames are resolved once every full name is known),
then written in bulk. Used by `relink_all`; far faster than report-by-report on a big store."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronik.nlp.linking import names as nm
from chronik.nlp.linking.cluster import Entity, Index
from chronik.nlp.linking.link import Linked, Linker, MentionInput, known_forms
from chronik.nlp.linking.resources import AliasTable
from chronik.nlp.linking.roles import MentionView, RoleBook, RoleFact, find_roles
from chronik.store import schema as t

COMPONENT = "linking:rules-1"
ROLES_COMPONENT = "linking:roles-1"


def _reports(conn: Connection) -> tuple[list[Any], dict[str, list[Any]]]:
    r, m = t.reports.c, t.mentions.c
    reports = conn.execute(
        sa.select(r.id, r.text, r.date, r.date_start)
        .where(r.is_current == sa.true())
        .order_by(r.date_start.nulls_first(), r.id)
    ).all()
    mentions: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(
        sa.select(m.id, m.report_id, m.start, m.end, m.text, m.type, m.sub)
        .join(t.reports, t.reports.c.id == m.report_id)
        .where(r.is_current == sa.true())
        .order_by(m.report_id, m.start)
    ):
        mentions[row.report_id].append(row)
    return reports, mentions


def relink_in_memory(conn: Connection, aliases: AliasTable) -> int:
    """Caller has unlinked everything and owns the transaction."""
    reports, mentions = _reports(conn)
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


def _write_entities(conn: Connection, index: Index) -> dict[int, int]:
    ents = sorted(index.entities.values(), key=lambda e: e.id)
    ids: dict[int, int] = {}
    for chunk in range(0, len(ents), 5000):
        part = ents[chunk : chunk + 5000]
        rows = conn.execute(
            t.entities.insert().returning(t.entities.c.id, sort_by_parameter_order=True),
            [_entity_row(e) for e in part],
        ).all()
        ids.update({e.id: r.id for e, r in zip(part, rows)})
    for e in ents:
        e.canonical = _entity_row(e)["canonical"]
    keys = [{"key": k, "entity_id": ids[i]} for k, members in index.keys.items() for i in members]
    names = [
        {"entity_id": ids[e.id], "name": n[:300], "key": nm.lookup_key(n), "count": c}
        for e in ents
        for n, c in e.names.items()
    ]
    for table, rows in ((t.entity_keys, keys), (t.entity_names, names)):
        for chunk in range(0, len(rows), 20000):
            conn.execute(table.insert(), rows[chunk : chunk + 20000])
    return ids


def _write_mentions(
    conn: Connection,
    index: Index,
    mentions: dict[str, list[Any]],
    linked: dict[str, list[Linked]],
    ids: dict[int, int],
) -> None:
    govs = {l.government_of for ls in linked.values() for l in ls if l.government_of}
    gov_ids = {g: ids[e[0].id] for g in govs if (e := index.get(f"g:X:{nm.lookup_key(g)}"))}
    updates, links = [], []
    for rid, ls in linked.items():
        for row, l in zip(mentions[rid], ls):
            e = index.entities[l.entity_id]
            updates.append({"mid": row.id, "eid": ids[e.id], "canon": e.canonical})
            links.append(
                {
                    "mention_id": row.id,
                    "entity_id": ids[e.id],
                    "surface": l.surface[:300],
                    "rule": l.rule[:120],
                    "government_of": gov_ids.get(l.government_of),
                    "component": COMPONENT,
                }
            )
    stmt = (
        t.mentions.update()
        .where(t.mentions.c.id == sa.bindparam("mid"))
        .values(entity_id=sa.bindparam("eid"), canonical=sa.bindparam("canon"))
    )
    for chunk in range(0, len(updates), 20000):
        conn.execute(stmt, updates[chunk : chunk + 20000])
        conn.execute(t.mention_links.insert(), links[chunk : chunk + 20000])


def _write_roles(
    conn: Connection,
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
                x.start, x.end, x.text, x.type, x.sub, index.entities[l.entity_id].canonical
            )
            for x, l in zip(rows, ls)
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
    if out:
        conn.execute(t.roles.insert(), out)


def _new_person(conn: Connection, canonical: str, by_canonical: dict[str, int]) -> int:
    """A role holder known only from the list of terms becomes a grounded entity without mentions."""
    key = f"g:P:{nm.lookup_key(canonical)}"
    new_id = conn.execute(
        t.entities.insert().values(
            canonical=canonical, type="PER", key=key, n_mentions=0, info={"grounded": True}
        )
    ).inserted_primary_key[0]
    conn.execute(t.entity_keys.insert().values(key=key, entity_id=new_id))
    by_canonical[canonical] = new_id
    return new_id
