"""Linking one report's mentions against an Index: grounding, persons within the report, then across
reports.

`link_documents` runs it over a whole annotation-format file in memory (what `chronik eval events`
calls); chronik.kb.entities runs it per report against the store.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from typing import Any

from chronik.names import keys as nm
from chronik.names.aliases import AliasTable, default_aliases
from chronik.nlp.linking import context as ctx
from chronik.nlp.linking.analyse import (
    Analysis,
    analyse_mention,
    government_of,
    role_compound_type,
    type_by_head,
)
from chronik.nlp.linking.cluster import (
    Decision,
    Entity,
    Index,
    index_keys,
    resolve_full_person,
    resolve_grounded,
    resolve_name,
    resolve_surname,
)
from chronik.nlp.linking.tables import Gazetteer, gazetteer

LINKED_TYPES = ("PER", "LOC", "ORG", "OTH")
PERSON_SURNAME = "P:"  # known_forms: surnames of persons named with a first name


@dataclass
class MentionInput:
    start: int
    end: int
    text: str
    type: str
    sub: str | None = None


@dataclass
class Linked:
    entity_id: int
    rule: str
    surface: str
    analysis: Analysis
    government_of: str | None = None


class AliasKeys:
    """Phonetic keys of the alias table's names, so 'Shoigus' or 'Sergej Shoigu' (not listed) still
    ground."""

    def __init__(self, aliases: AliasTable) -> None:
        self.person: dict[str, set[str]] = {}
        for by_type in aliases.entries.values():
            for a in by_type.values():
                if a.type in ("PER", "*"):
                    for name in (a.variant, a.canonical):
                        p = nm.split_person(name)
                        for k in nm.surname_keys(p):
                            self.person.setdefault(k, set()).add(a.canonical)

    def person_canonical(self, a: Analysis) -> str | None:
        if a.exact or a.person is None:
            return None
        found = {c for k in a.keys for c in self.person.get(k, ())}
        fits = [
            c for c in found if nm.first_names_compatible(a.person.first, nm.split_person(c).first)
        ]
        return fits[0] if len(fits) == 1 else None


_ALIAS_KEYS: dict[int, tuple[AliasTable, AliasKeys]] = {}


def alias_keys(aliases: AliasTable) -> AliasKeys:
    """Built once per alias table (it is rebuilt only when user decisions change)."""
    hit = _ALIAS_KEYS.get(id(aliases))
    if hit is None or hit[0] is not aliases:
        if len(_ALIAS_KEYS) > 8:
            _ALIAS_KEYS.clear()
        hit = _ALIAS_KEYS[id(aliases)] = (aliases, AliasKeys(aliases))
    return hit[1]


class Linker:
    def __init__(
        self,
        aliases: AliasTable | None = None,
        index: Index | None = None,
        gaz: Gazetteer | None = None,
    ) -> None:
        self.aliases = aliases or default_aliases()
        self.alias_keys = alias_keys(self.aliases)
        self.gaz = gaz or gazetteer()
        self.index = index or Index()
        self.known: dict[str, int] = {}

    def analyse(self, mentions: list[MentionInput], known: dict[str, int]) -> list[Analysis]:
        """`known`: forms seen elsewhere (the file, the store); the report's own forms count too,
        so 'Mitterlehners' is stripped in a report that also says 'Mitterlehner'."""
        local = known_forms([(m.text, m.type) for m in mentions])
        known = {k: max(v, known.get(k, 0)) for k, v in local.items()} | {
            k: v for k, v in known.items() if k not in local
        }
        self.known = known
        out = []
        for i, m in enumerate(mentions):
            a = analyse_mention(m.text, m.type, m.sub, self.aliases, self.gaz, known)
            role_type = (
                role_compound_type(m.text, self.aliases, self.gaz) if m.type == "PER" else None
            )
            if role_type:
                mentions[i] = m = replace(m, type=role_type, sub="part")
                a = analyse_mention(m.text, m.type, m.sub, self.aliases, self.gaz, known)
                a.rule += ":retyped-role"
            elif a.kind != "grounded" and type_by_head(m.text, m.type) != m.type:
                mentions[i] = m = replace(m, type=type_by_head(m.text, m.type))
                a = analyse_mention(m.text, m.type, m.sub, self.aliases, self.gaz, known)
                a.rule += ":retyped-head"
            if a.kind == "person":
                canonical = self.alias_keys.person_canonical(a)
                if canonical:
                    a = Analysis(
                        "grounded",
                        "P",
                        a.surface,
                        "alias:key",
                        canonical,
                        person=a.person,
                        keys=a.keys,
                    )
            out.append(a)
        return out

    def link_local(
        self, mentions: list[MentionInput], analyses: list[Analysis], text: str
    ) -> tuple[dict[int, Decision], list[int]]:
        """Everything but bare surnames that the report itself does not explain; those are
        returned."""
        decided: dict[int, Decision] = {}
        pending: list[int] = []
        self.in_context(mentions, analyses, text)
        shorter = short_place_forms(mentions, analyses)
        for i, (m, a) in enumerate(zip(mentions, analyses)):
            if i in shorter:
                continue
            if a.kind == "grounded":
                decided[i] = resolve_grounded(self.index, a, m.type)
            elif a.kind == "name":
                decided[i] = resolve_name(self.index, a, m.type)
            elif a.person is not None and a.person.full:
                decided[i] = resolve_full_person(self.index, a, m.type)
        for i, j in shorter.items():
            if j in decided:
                analyses[i] = replace(analyses[j], rule="short-place:in-report")
                decided[i] = Decision(decided[j].entity_id, "short-place:in-report")
            else:
                pending.append(i)
        self._bracketed_short_forms(mentions, analyses, decided, text)
        local: dict[str, set[int]] = {}
        for i, a in enumerate(analyses):
            if (
                i in decided
                and a.type_class == "P"
                and ((a.person and a.person.full) or a.kind == "grounded")
            ):
                keys = (
                    a.keys
                    if a.kind != "grounded"
                    else nm.surname_keys(nm.split_person(a.canonical or ""))
                )
                for k in keys:
                    local.setdefault(k, set()).add(decided[i].entity_id)
        given = self._given_names(analyses, decided)
        for i, a in enumerate(analyses):
            if i in decided:
                continue
            ids = {e for k in a.keys for e in local.get(k, ())}
            by_given = {e for k in a.keys for e in given.get(k, ())} if not ids else set()
            if len(ids) == 1:
                decided[i] = Decision(next(iter(ids)), "surname:in-report")
            elif len(by_given) == 1 and a.type_class == "P" and not a.exact:
                decided[i] = Decision(next(iter(by_given)), "given-name:in-report")
            else:
                pending.append(i)
        return decided, pending

    @staticmethod
    def _given_names(analyses: list[Analysis], decided: dict[int, Decision]) -> dict[str, set[int]]:
        """First-name keys of the full names in a report: a lone 'Marco' after 'Marco Rubio', and
        'Xi' or 'Ban' (family name first) after 'Xi Jinping', 'Ban Ki-moon'."""
        out: dict[str, set[int]] = {}
        for i, a in enumerate(analyses):
            person = a.person or (
                nm.split_person(a.canonical or "") if a.kind == "grounded" else None
            )
            if i in decided and a.type_class == "P" and person and person.full:
                for k in nm.phonetic_keys(person.first[0].rstrip(".")):
                    out.setdefault(k, set()).add(decided[i].entity_id)
        return out

    def in_context(self, mentions: list[MentionInput], analyses: list[Analysis], text: str) -> None:
        """Analyses corrected by what the report says elsewhere (chronik.nlp.linking.context):
        persons tagged as places become persons (the mention's type too, so the entity is one
        person), a stray person tag of a name the report tags otherwise takes that type, cities are
        grounded in the report's region, generic institutions get their owner."""
        in_report = ctx.person_keys(analyses)
        for i, (m, a) in enumerate(zip(mentions, analyses)):
            form = ctx.person_form(m, a, in_report, self._known_person, self.gaz)
            if form is not None:
                person = analyse_mention(form, "PER", None, self.aliases, self.gaz, {})
                analyses[i] = replace(person, rule=person.rule + ":retyped")
                mentions[i] = replace(m, type="PER")
        for i in ctx.places_tagged_as_persons(mentions, analyses, self.gaz):
            m = mentions[i] = replace(mentions[i], type="LOC")
            place = analyse_mention(m.text, "LOC", m.sub, self.aliases, self.gaz, self.known)
            analyses[i] = replace(place, rule=place.rule + ":retyped")
        for i, type_ in ctx.stray_person_tags(mentions, analyses, in_report).items():
            m = mentions[i] = replace(mentions[i], type=type_)
            other = analyse_mention(m.text, type_, m.sub, self.aliases, self.gaz, self.known)
            analyses[i] = replace(other, rule=other.rule + ":retyped")
        ctx.derived_in_report(mentions, analyses)  # type: ignore[arg-type]
        region = ctx.report_region(analyses, self.gaz)
        for i, a in enumerate(analyses):
            analyses[i] = ctx.place_in_region(a, region, self.gaz)
            owner = ctx.owner_place(i, mentions, analyses, text, self.gaz)  # type: ignore[arg-type]
            if owner:
                analyses[i] = ctx.owned(analyses[i], owner)

    def _known_person(self, surname: str) -> bool:
        """A person with a first name and this surname: in the index (the store, the reports linked
        so far) or among the file's full names (`known_forms`)."""
        if self.known.get(PERSON_SURNAME + nm.lookup_key(surname), 0):
            return True
        keys = nm.surname_keys(nm.split_person(surname))
        return any(
            e.type == "PER" and e.first_names for k in keys for e in self.index.get(f"s:{k}")
        )

    def _bracketed_short_forms(
        self,
        mentions: list[MentionInput],
        analyses: list[Analysis],
        decided: dict[int, Decision],
        text: str,
    ) -> None:
        """'Internationale Atomenergiebehörde (IAEO)': the short form in brackets names the same
        entity, from now on in every report (its key is added to the long form's entity)."""
        for i in range(len(mentions) - 1):
            long, short = mentions[i], mentions[i + 1]
            if (
                i in decided
                and i + 1 in decided
                and long.type != "PER"
                and short.type != "PER"
                and re.fullmatch(r"\s*\(\s*", text[long.end : short.start])
                and text[short.end : short.end + 1] == ")"
                and nm.is_acronym(short.text)
                and decided[i].entity_id != decided[i + 1].entity_id
            ):
                if analyses[i + 1].kind == "grounded" and analyses[i].kind != "grounded":
                    i, j = i + 1, i  # a known acronym gives its entity to an unknown long form
                else:
                    j = i + 1
                target = self.index.entities[decided[i].entity_id]
                other = self.index.entities[decided[j].entity_id]
                if self.index.can_merge() and not (other.grounded and target.grounded):
                    keep, drop = (other, target) if other.grounded else (target, other)
                    self.index.merge(keep, drop)
                    target = keep
                    for d in decided.values():
                        d.entity_id = self.index.resolve(d.entity_id)
                for k in index_keys(analyses[j]):
                    if not k.startswith("b:"):
                        self.index.add_key(k, target)
                decided[i] = Decision(target.id, decided[i].rule)
                decided[j] = Decision(target.id, "bracket-short-form")

    def link_surnames(
        self,
        mentions: list[MentionInput],
        analyses: list[Analysis],
        pending: list[int],
        when: str | None,
        decided: dict[int, Decision],
    ) -> None:
        for i in pending:
            decided[i] = resolve_surname(self.index, analyses[i], mentions[i].type, when)

    def record(
        self,
        mentions: list[MentionInput],
        analyses: list[Analysis],
        decided: dict[int, Decision],
        text: str,
        when: str | None,
    ) -> list[Linked]:
        out = []
        for i, (m, a) in enumerate(zip(mentions, analyses)):
            d = decided[i]
            d.entity_id = self.index.resolve(d.entity_id)
            entity = self.index.entities[d.entity_id]
            _count_type(entity, m.type)
            entity.seen(a.surface, when)
            gov = (
                government_of(a.info, text, m.end, m.start, self.gaz)
                if a.kind == "grounded"
                else None
            )
            out.append(Linked(d.entity_id, d.rule, a.surface, a, gov))
        return out

    def link_report(
        self,
        mentions: list[MentionInput],
        text: str,
        when: str | None,
        known: dict[str, int] | None = None,
    ) -> list[Linked]:
        """One report, all steps (the incremental path)."""
        analyses = self.analyse(mentions, known or {})
        decided, pending = self.link_local(mentions, analyses, text)
        self.link_surnames(mentions, analyses, pending, when, decided)
        return self.record(mentions, analyses, decided, text, when)


def _count_type(entity: Entity, type_: str) -> None:
    """One entity, one type: the type most of its mentions were tagged with (a 'Lukaschenko' tagged
    LOC once does not make a place of the person), and a person's whenever it was named with a
    first name as a person. Counts live in info["types"]."""
    if type_ not in LINKED_TYPES:
        return
    types = entity.info.get("types")
    if not isinstance(types, dict):
        types = entity.info["types"] = {entity.type: entity.n_mentions}
    types[type_] = types.get(type_, 0) + 1
    entity.type = max(types, key=lambda t: (types[t], t == entity.type))
    if entity.first_names and types.get("PER"):
        entity.type = "PER"  # 'Alexej Nawalny' named in full: 'Nawalnys' tagged LOC is still him
    entity.dirty = True


# Words that join a place name to what tells it apart from its namesakes: 'Bruck an der Mur',
# 'Frankfurt am Main', 'Neumarkt in der Oberpfalz', 'Rothenburg ob der Tauber'.
_PLACE_QUALIFIERS = re.compile(r" (an der|an den|am|im|in der|ob der|bei|auf der) ")


def short_place_forms(mentions: list[MentionInput], analyses: list[Analysis]) -> dict[int, int]:
    """Mention index -> index of the full name it shortens, within one report: 'Bruck' after or
    before 'Bruck an der Mur' is that place, not another Bruck. Only names no table grounds,
    and only when one full name in the report fits."""
    full: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for j, (m, a) in enumerate(zip(mentions, analyses)):
        parts = _PLACE_QUALIFIERS.split(a.surface, maxsplit=1)
        if m.type == "LOC" and len(parts) > 1 and " " not in parts[0]:
            key = nm.lookup_key(parts[0])
            full.setdefault(key, set()).add(nm.lookup_key(a.surface))
            first.setdefault(key, j)
    out = {}
    for i, (m, a) in enumerate(zip(mentions, analyses)):
        key = nm.lookup_key(a.surface)
        if m.type == "LOC" and a.kind == "name" and len(full.get(key, ())) == 1:
            out[i] = first[key]
    return out


def known_forms(mentions: list[tuple[str, str]]) -> dict[str, int]:
    """How often each surface form (and each person's surname) is seen: lookup key -> count."""
    known: dict[str, int] = {}
    for text, type_ in mentions:
        keys = {nm.lookup_key(nm.normalise(text))}
        if type_ == "PER":
            person = nm.split_person(text)
            keys.add(nm.lookup_key(person.last))
            if person.full:
                keys.add(PERSON_SURNAME + nm.lookup_key(person.last))
        for k in keys:
            known[k] = known.get(k, 0) + 1
    return known


def _inputs(record: dict[str, Any]) -> tuple[list[int], list[MentionInput]]:
    idx, out = [], []
    for i, m in enumerate(record.get("entities") or []):
        if m.get("type") in LINKED_TYPES:
            idx.append(i)
            out.append(
                MentionInput(
                    m["start"],
                    m["end"],
                    m.get("text") or record["text"][m["start"] : m["end"]],
                    m["type"],
                    m.get("sub"),
                )
            )
    return idx, out


def link_documents(
    records: list[dict[str, Any]], aliases: AliasTable | None = None
) -> list[dict[str, Any]]:
    """Annotation-format records of many reports -> copies with every mention's `canonical` set.

    Cross-document: all reports are linked together, in date order; bare surnames are resolved after
    every full name of the file is known, against persons seen near the report's date. Capitals
    standing for their government get `government_of` (the country's canonical name)."""
    out = copy.deepcopy(records)
    linker = Linker(aliases)
    known = known_forms(
        [(m.get("text", ""), m.get("type", "")) for r in out for m in r.get("entities") or []]
    )
    order = sorted(range(len(out)), key=lambda i: (str(out[i].get("date") or ""), i))
    state = []
    for ri in order:
        rec = out[ri]
        idx, mentions = _inputs(rec)
        analyses = linker.analyse(mentions, known)
        decided, pending = linker.link_local(mentions, analyses, rec.get("text", ""))
        state.append((ri, idx, mentions, analyses, decided, pending))
    for ri, idx, mentions, analyses, decided, pending in state:
        linker.link_surnames(mentions, analyses, pending, out[ri].get("date"), decided)
        linked = linker.record(
            mentions, analyses, decided, out[ri].get("text", ""), out[ri].get("date")
        )
        for i, link in zip(idx, linked):
            out[ri]["entities"][i]["_entity"] = link.entity_id
            if link.government_of:
                out[ri]["entities"][i]["government_of"] = link.government_of
    names = {eid: e.best_name() for eid, e in linker.index.entities.items()}
    for rec in out:
        for m in rec.get("entities") or []:
            if "_entity" in m:
                m["canonical"] = names[linker.index.resolve(m.pop("_entity"))]
    return out
