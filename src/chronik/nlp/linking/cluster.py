"""Cross-document clustering of analysed mentions into entities, against an index keyed by name
keys.

The same code links a whole file in memory (`link_documents`) and one new report into a store
(`kb.entities.link_report`): the store loads only the index rows whose keys the report's mentions
have, so linking never scans all entities. Key namespaces: g:<class>:<canonical>   grounded entities
(alias table, gazetteer, demonyms) s:<surname key>          persons known with a first name
o:<surname key>          persons known by surname only (ambiguous or never introduced) n:<name key>
other names b:<class>:<ends of key>  fuzzy block: candidates for spelling variants the key rules
miss (read lazily)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from chronik.names import keys as nm
from chronik.names.translit import cyrillic_to_latin, has_cyrillic
from chronik.nlp.linking.analyse import Analysis

# A bare surname joins a person seen within this many days of the report: the news of a season
# (a minister, a commander), while a namesake years apart stays a different person.
NEIGHBOURHOOD_DAYS = 60


@dataclass
class Entity:
    id: int
    type: str
    canonical: str | None
    grounded: bool = False
    info: dict = field(default_factory=dict)
    names: Counter = field(default_factory=Counter)
    first_names: set[str] = field(default_factory=set)
    first_date: str | None = None
    last_date: str | None = None
    n_mentions: int = 0
    keys: set[str] = field(default_factory=set)
    dirty: bool = False

    def best_name(self) -> str:
        """The most common full spelling: Latin before Cyrillic (which is transliterated the English
        way when it is all there is), multi-word person names before surnames, then frequency."""
        if self.grounded and self.canonical:
            return self.canonical
        if not self.names:
            return self.canonical or ""
        best = max(
            self.names.items(),
            key=lambda kv: (
                not has_cyrillic(kv[0]),
                self.type == "PER" and " " in kv[0],
                kv[1],
                -len(kv[0]),
                _latin_score(kv[0]),
            ),
        )[0]
        return cyrillic_to_latin(best)[1] if has_cyrillic(best) else best

    def seen(self, surface: str, when: str | None) -> None:
        self.names[surface] += 1
        self.n_mentions += 1
        if when:
            self.first_date = min(self.first_date or when, when)
            self.last_date = max(self.last_date or when, when)
        self.dirty = True


def _latin_score(name: str) -> int:
    """Ties go to the international (English) transliteration: sh/v/y rather than sch/w/j."""
    low = name.lower()
    return name.isascii() + low.count("sh") - low.count("sch") + low.count("v") - low.count("w")


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(
            (value[:10] + "-01-01"[len(value[:10]) - 4 :]) if len(value) < 10 else value[:10]
        )
    except ValueError:
        return None


def days_apart(a: str | None, b: str | None) -> int | None:
    da, db = _day(a), _day(b)
    return abs((da - db).days) if da and db else None


class Index:
    """key -> entity ids, plus the entities; the in-memory form of the store's entity_keys table."""

    def __init__(self) -> None:
        self.keys: dict[str, set[int]] = {}
        self.entities: dict[int, Entity] = {}
        self.next_id = 1
        self.new_keys: list[tuple[str, int]] = []
        self.redirect: dict[int, int] = {}

    def get(self, key: str) -> list[Entity]:
        return [self.entities[i] for i in sorted(self.keys.get(key, ())) if i in self.entities]

    def add_key(self, key: str, entity: Entity) -> None:
        ids = self.keys.setdefault(key, set())
        if entity.id not in ids:
            ids.add(entity.id)
            entity.keys.add(key)
            self.new_keys.append((key, entity.id))

    def create(
        self, type_: str, canonical: str | None, grounded: bool, info: dict | None = None
    ) -> Entity:
        entity = Entity(self.next_id, type_, canonical, grounded, dict(info or {}), dirty=True)
        self.next_id += 1
        self.entities[entity.id] = entity
        return entity

    def can_merge(self) -> bool:
        return True

    def merge(self, keep: Entity, drop: Entity) -> None:
        """Two entities found to be one (a short form in brackets): `drop` is folded into `keep`."""
        for key in list(drop.keys):
            self.keys.get(key, set()).discard(drop.id)
            self.add_key(key, keep)
        keep.names.update(drop.names)
        keep.first_names |= drop.first_names
        keep.n_mentions += drop.n_mentions
        keep.first_date = min(filter(None, (keep.first_date, drop.first_date)), default=None)
        keep.last_date = max(filter(None, (keep.last_date, drop.last_date)), default=None)
        self.redirect[drop.id] = keep.id
        del self.entities[drop.id]

    def resolve(self, entity_id: int) -> int:
        while entity_id in self.redirect:
            entity_id = self.redirect[entity_id]
        return entity_id


@dataclass
class Decision:
    entity_id: int
    rule: str


def block_keys(a: Analysis) -> list[str]:
    if a.exact:
        return []
    return [
        block_key(a.type_class, k)
        for k in sorted(a.keys)
        if len(k.replace("_", "")) >= nm.MIN_FUZZY_KEY
    ]


def block_key(type_class: str, key: str) -> str:
    """Spelling variants the rules miss differ inside a name, rarely at both ends: block on the
    first two and the last two characters of the key, so a block stays small in a store of any
    size."""
    return f"b:{type_class}:{key[:2]}{key[-2:]}"


def index_keys(a: Analysis) -> list[str]:
    """Every key a mention's resolution may read (the store prefetches exactly these)."""
    if a.kind == "grounded":
        return [f"g:{a.type_class}:{nm.lookup_key(a.canonical or '')}"]
    if a.kind == "person":
        return (
            [f"s:{k}" for k in sorted(a.keys)] + [f"o:{k}" for k in sorted(a.keys)] + block_keys(a)
        )
    return [f"n:{k}" for k in sorted(a.keys)] + block_keys(a)


def resolve_grounded(index: Index, a: Analysis, type_: str) -> Decision:
    key = f"g:{a.type_class}:{nm.lookup_key(a.canonical or '')}"
    found = index.get(key)
    entity = found[0] if found else index.create(type_, a.canonical, True, a.info)
    index.add_key(key, entity)
    if a.kind == "grounded" and a.type_class == "P":
        _index_person(index, entity, nm.split_person(a.canonical or ""))
    return Decision(entity.id, a.rule)


def _index_person(index: Index, entity: Entity, person: nm.PersonName) -> None:
    if person.full:
        entity.first_names.add(person.first[0])
        for k in nm.surname_keys(person):
            index.add_key(f"s:{k}", entity)
            if len(k) >= nm.MIN_FUZZY_KEY:
                index.add_key(block_key("P", k), entity)


def resolve_full_person(index: Index, a: Analysis, type_: str) -> Decision:
    person = a.person
    assert person is not None
    candidates = [e for k in sorted(a.keys) for e in index.get(f"s:{k}")]
    fitting = _fitting(candidates, person)
    rule = "person:key"
    if not fitting and not a.exact:
        fuzzy = [
            e
            for b in block_keys(a)
            for e in index.get(b)
            if any(
                nm.similar_keys(k, ek[2:]) for k in a.keys for ek in e.keys if ek.startswith("s:")
            )
        ]
        fitting = _fitting(fuzzy, person)
        rule = "person:fuzzy"
    if (
        not fitting
    ):  # a person known so far by surname only (seen before the full name) becomes this one
        fitting = [
            e
            for k in sorted(a.keys)
            for e in index.get(f"o:{k}")
            if e.type == "PER" and not e.info.get("ambiguous")
        ][:1]
        rule = "person:from-surname"
    if fitting:
        entity = max(fitting, key=lambda e: (e.grounded, e.n_mentions, -e.id))
    else:
        entity, rule = index.create(type_, None, False), "person:new"
    _index_person(index, entity, person)
    return Decision(entity.id, rule)


def _fitting(candidates: list[Entity], person: nm.PersonName) -> list[Entity]:
    out: dict[int, Entity] = {}
    for e in candidates:
        if e.type == "PER" and (
            not e.first_names
            or any(nm.first_names_compatible(person.first, (f,)) for f in e.first_names)
        ):
            out[e.id] = e
    return list(out.values())


def resolve_surname(index: Index, a: Analysis, type_: str, when: str | None) -> Decision:
    """A surname alone links to the one known person with that surname, or the one seen near this
    date; otherwise to a surname-only entity, so two different Müllers are never merged by a bare
    'Müller'."""
    candidates = {e.id: e for k in sorted(a.keys) for e in index.get(f"s:{k}") if e.type == "PER"}
    if len(candidates) == 1:
        return Decision(next(iter(candidates)), "surname:unique")
    if len(candidates) > 1:
        near = [e for e in candidates.values() if _near(e, when)]
        if len(near) == 1:
            return Decision(near[0].id, "surname:neighbourhood")
    if not a.keys:  # nothing to match on (an empty or punctuation-only span): an entity of its own
        return Decision(index.create(type_, a.surface or "?", False).id, "surname:empty")
    key = f"o:{sorted(a.keys)[0]}"
    found = index.get(key)
    entity = found[0] if found else index.create(type_, None, False)
    if candidates:
        entity.info["ambiguous"] = True
    for k in a.keys:
        index.add_key(f"o:{k}", entity)
    return Decision(entity.id, "surname:ambiguous" if candidates else "surname:only")


def _near(entity: Entity, when: str | None) -> bool:
    gaps = [
        g
        for g in (days_apart(entity.first_date, when), days_apart(entity.last_date, when))
        if g is not None
    ]
    return bool(gaps) and min(gaps) <= NEIGHBOURHOOD_DAYS


def resolve_name(index: Index, a: Analysis, type_: str) -> Decision:
    candidates = {e.id: e for k in sorted(a.keys) for e in index.get(f"n:{k}") if e.type != "PER"}
    rule = "name:key"
    if not candidates and not a.exact:
        candidates = {
            e.id: e
            for b in block_keys(a)
            for e in index.get(b)
            if e.type != "PER"
            and any(
                nm.similar_keys(k, ek[2:]) for k in a.keys for ek in e.keys if ek.startswith("n:")
            )
        }
        rule = "name:fuzzy"
    if candidates:
        entity = max(candidates.values(), key=lambda e: (e.n_mentions, -e.id))
    else:
        entity, rule = index.create(type_, None, False), "name:new"
    for k in a.keys:
        index.add_key(f"n:{k}", entity)
    for b in block_keys(a):
        index.add_key(b, entity)
    return Decision(entity.id, rule)
