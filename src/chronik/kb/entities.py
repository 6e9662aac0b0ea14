"""Linking reports into the store: `link_report` per report (incremental, indexed), `relink_all`
from scratch.

Per report the linker reads only the rows of `entity_keys` whose keys the report's names have (one
indexed `key IN (...)` query), links in memory, and writes the differences, all in the report's own
transaction. User decisions (entity_decisions) are compiled into the alias table the linker uses, so
they survive relinking.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from chronik.names import keys as nm
from chronik.names.aliases import (
    Alias,
    AliasTable,
    build_alias_table,
    default_aliases,
    file_aliases,
)
from chronik.nlp.linking.cluster import Entity, Index, index_keys
from chronik.nlp.linking.link import Linked, Linker, MentionInput
from chronik.store import entities as entity_rows
from chronik.store.db import Conn, Store, transaction
from chronik.store.decisions import active_decisions, decisions_stamp
from chronik.store.entities import unlinked_report_ids

COMPONENT = "linking:rules-1"


@dataclass(frozen=True)
class LinkResult:
    report_id: str
    mentions: int
    new_entities: int
    roles: int = 0


def decision_aliases(conn: Conn) -> list[Alias]:
    """User decisions as aliases, oldest first: merges and splits pin names to a canonical."""
    out = []
    for r in active_decisions(conn):
        args = r["args"]
        origin = f"decision {r['id']} ({r['action']})"
        for variant in args.get("names", [args.get("variant")]):
            if variant:
                out.append(Alias(variant, args["canonical"], args.get("type") or "*", origin))
    return out


def combine_aliases(file: list[Alias], user: list[Alias]) -> AliasTable:
    """User aliases replace file aliases for the same variant and type; conflicts among user aliases
    are resolved by the later decision; cycles anywhere raise AliasError."""
    chosen: dict[tuple[str, str], Alias] = {}
    for a in file:
        chosen.setdefault((nm.lookup_key(a.variant), a.type), a)
    for a in user:
        chosen[(nm.lookup_key(a.variant), a.type)] = a
    return build_alias_table(list(chosen.values()))


_ALIAS_CACHE: dict[tuple[str, int, int], AliasTable] = {}


def alias_table(conn: Conn, store_url: str = "") -> AliasTable:
    """File aliases with the store's user decisions applied; compiled once per set of decisions."""
    count, last = decisions_stamp(conn)
    if not count:
        return default_aliases()
    key = (store_url, count, last)
    if key not in _ALIAS_CACHE:
        _ALIAS_CACHE.clear()
        _ALIAS_CACHE[key] = combine_aliases(list(file_aliases()), decision_aliases(conn))
    return _ALIAS_CACHE[key]


def _info(row: Any) -> dict:
    info = row.info if isinstance(row.info, dict) else json.loads(row.info or "{}")
    return dict(info or {})


class StoreIndex(Index):
    """The linker's Index, filled on demand from entity_keys; new entities get negative ids until
    flushed."""

    def __init__(self, conn: Conn) -> None:
        super().__init__()
        self.conn = conn
        self.next_id = -1
        self.loaded_keys: set[str] = set()

    def create(
        self, type_: str, canonical: str | None, grounded: bool, info: dict | None = None
    ) -> Entity:
        entity = Entity(self.next_id, type_, canonical, grounded, dict(info or {}), dirty=True)
        self.next_id -= 1
        self.entities[entity.id] = entity
        return entity

    def prefetch(self, keys: set[str]) -> None:
        keys = keys - self.loaded_keys
        if not keys:
            return
        self.loaded_keys |= keys
        rows = entity_rows.key_entities(self.conn, keys)
        ids = {r.entity_id for r in rows} - set(self.entities)
        for r in rows:
            self.keys.setdefault(r.key, set()).add(r.entity_id)
        if ids:
            self._load_entities(ids)

    def _load_entities(self, ids: set[int]) -> None:
        for row in entity_rows.entities_by_id(self.conn, ids):
            info = _info(row)
            self.entities[row.id] = Entity(
                row.id,
                row.type,
                row.canonical,
                bool(info.get("grounded")),
                info,
                first_names=set(info.get("first", [])),
                first_date=row.first_date,
                last_date=row.last_date,
                n_mentions=row.n_mentions,
            )
        for r in entity_rows.name_keys_of(self.conn, ids):
            self.entities[r.entity_id].keys.add(r.key)

    def can_merge(self) -> bool:
        return False  # stored entities are merged by relinking or `chronik entity merge`

    def get(self, key: str) -> list[Entity]:
        """Fuzzy blocks are read only when a name was not found by its exact keys."""
        if key not in self.loaded_keys:
            self.prefetch({key})
        return super().get(key)

    def add_key(self, key: str, entity: Entity) -> None:
        if key not in self.loaded_keys and not key.startswith("b:"):
            self.prefetch({key})
        super().add_key(key, entity)


def _known_forms(conn: Conn, inputs: list[MentionInput]) -> dict[str, int]:
    """Which inflection-stripped forms the store already knows as names ('Schoigu'), and which forms
    as written it knows (then 'Tsipras' is a name, not a genitive): lookup key -> 2 when known."""
    cands = {
        nm.lookup_key(f)
        for m in inputs
        for f in nm.genitive_candidates(nm.normalise(m.text), m.type)
    }
    if not cands:
        return {}
    known = entity_rows.known_name_keys(conn, cands)
    persons = {
        f"s:{k}": f
        for m in inputs
        if m.type == "PER"
        for f in nm.genitive_candidates(nm.normalise(m.text), m.type)[1:]
        for k in nm.surname_keys(nm.split_person(f))
    }
    if persons:
        hits = entity_rows.known_index_keys(conn, set(persons))
        known |= {nm.lookup_key(persons[h]) for h in hits}
    return {k: 2 for k in known}


def _prefetch_for(index: StoreIndex, linker: Linker, analyses: list) -> None:
    keys: set[str] = set()
    for a in analyses:
        keys.update(k for k in index_keys(a) if not k.startswith("b:"))
        if a.kind == "grounded" and a.type_class == "P":
            keys.update(f"s:{k}" for k in nm.surname_keys(nm.split_person(a.canonical or "")))
    index.prefetch(keys)


def link_report(store: Store, report_id: str) -> LinkResult:
    """Link one stored report's mentions (after write_report); a report already linked is left as it
    is."""
    with transaction(store) as conn:
        return link_report_conn(conn, report_id, alias_table(conn, store.url))


def link_report_conn(
    conn: Conn, report_id: str, aliases: AliasTable | None = None, roles: bool = True
) -> LinkResult:
    """`link_report` inside the caller's transaction (relinking runs it report by report)."""
    rep = entity_rows.report_to_link(conn, report_id)
    rows = entity_rows.report_mentions(conn, report_id)
    if rep is None or not rows or any(r.entity_id is not None for r in rows):
        return LinkResult(report_id, 0, 0)
    inputs = [MentionInput(r.start, r.end, r.text, r.type, r.sub) for r in rows]
    index = StoreIndex(conn)
    linker = Linker(aliases or alias_table(conn), index)
    analyses = linker.analyse(inputs, _known_forms(conn, inputs))
    _prefetch_for(index, linker, analyses)
    decided, pending = linker.link_local(inputs, analyses, rep.text)
    linker.link_surnames(inputs, analyses, pending, rep.date, decided)
    linked = linker.record(inputs, analyses, decided, rep.text, rep.date)
    n_new = sum(1 for e in index.entities.values() if e.id < 0)
    ids = flush(conn, index, [r.id for r in rows], linked)
    n_roles = 0
    if roles:
        from chronik.kb.roles import store_roles

        n_roles = store_roles(conn, report_id, rep, rows, linked, ids, linker)
    return LinkResult(report_id, len(rows), n_new, n_roles)


def _entity_row(e: Entity) -> dict:
    info = dict(e.info)
    info["grounded"] = e.grounded
    if e.first_names:
        info["first"] = sorted(e.first_names)
    return {
        "canonical": (e.canonical or e.best_name() or "?")[:300],
        "type": e.type,
        "key": next(iter(sorted(e.keys)), None),
        "first_date": e.first_date,
        "last_date": e.last_date,
        "n_mentions": e.n_mentions,
        "info": info,
    }


def flush(
    conn: Conn, index: StoreIndex, mention_ids: list[int], linked: list[Linked]
) -> dict[int, int]:
    """Write what the linker changed, in a handful of statements; returns temporary -> stored entity
    ids."""
    ids: dict[int, int] = {e.id: e.id for e in index.entities.values() if e.id > 0}
    new = sorted((e for e in index.entities.values() if e.id < 0), key=lambda e: -e.id)
    for e in new:
        e.canonical = e.canonical or e.best_name()
    if new:
        stored = entity_rows.insert_entities(conn, [_entity_row(e) for e in new])
        ids.update({e.id: i for e, i in zip(new, stored)})
    entity_rows.add_keys(conn, [{"key": k, "entity_id": ids[i]} for k, i in index.new_keys])
    counts: dict[tuple[int, str], int] = {}
    for link in linked:
        key = (ids[link.entity_id], link.surface[:300])
        counts[key] = counts.get(key, 0) + 1
    entity_rows.add_name_counts(
        conn,
        [
            {"entity_id": e, "name": n, "key": nm.lookup_key(n), "count": c}
            for (e, n), c in counts.items()
        ],
    )
    _update_entities(conn, [e for e in index.entities.values() if e.id > 0 and e.dirty])
    canon = {ids[tmp]: e.canonical for tmp, e in index.entities.items()}
    updates = [
        {"mid": mid, "eid": ids[link.entity_id], "canon": canon[ids[link.entity_id]]}
        for mid, link in zip(mention_ids, linked)
    ]
    gov = _government_ids(conn, index, linked)
    entity_rows.link_mentions(
        conn,
        updates,
        [
            {
                "mention_id": mid,
                "entity_id": ids[link.entity_id],
                "surface": link.surface[:300],
                "rule": link.rule[:120],
                "government_of": gov.get(link.government_of),
                "component": COMPONENT,
            }
            for mid, link in zip(mention_ids, linked)
        ],
    )
    return ids


def _update_entities(conn: Conn, entities: list[Entity]) -> None:
    """Counts and dates; the canonical of an ungrounded entity follows its most common spelling."""
    if not entities:
        return
    ungrounded = {e.id: e for e in entities if not e.grounded}
    if ungrounded:
        for r in entity_rows.name_counts(conn, list(ungrounded)):
            ungrounded[r.entity_id].names[r.name] = r.count
        for e in ungrounded.values():
            best = e.best_name()
            if best and best != e.canonical:
                e.canonical = best
                entity_rows.rename_mentions(conn, e.id, best[:300])
    entity_rows.update_entities(conn, [{"eid": e.id, **_entity_row(e)} for e in entities])


def _government_ids(conn: Conn, index: StoreIndex, linked: list[Linked]) -> dict[str, int]:
    names = {link.government_of for link in linked if link.government_of}
    out = {}
    for name in names:
        key = f"g:X:{nm.lookup_key(name)}"
        found = entity_rows.entity_id_by_key(conn, key)
        if found is None:
            entity = Entity(0, "LOC", name, True)
            entity.keys.add(key)
            found = entity_rows.new_keyed_entity(conn, key, _entity_row(entity))
        out[name] = found
    return out


def relink_all(store: Store) -> int:
    """Drop every link and link all current reports again in date order, in one transaction; user
    decisions (entity_decisions) are kept and applied. Returns the number of reports linked."""
    with transaction(store) as conn:
        return relink_conn(conn, store.url)


def relink_conn(conn: Conn, url: str = "", in_memory: bool = True) -> int:
    """In memory (default) or report by report through `link_report_conn` (the incremental path)."""
    entity_rows.unlink_all(conn)
    aliases = alias_table(conn, url)
    if in_memory:
        from chronik.kb.relink import relink_in_memory

        return relink_in_memory(conn, aliases)
    ids = entity_rows.current_report_ids(conn)
    for rid in ids:
        link_report_conn(conn, rid, aliases)
    return len(ids)


def link_pending(store: Store) -> int:
    """Link every current report whose mentions are not linked yet (after an ingest, or one that was
    cut short), oldest first, one transaction per report. Returns the number of reports linked."""
    ids = unlinked_report_ids(store)
    for rid in ids:
        link_report(store, rid)
    return len(ids)
