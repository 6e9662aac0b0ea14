"""What a name typed by a user (`--entity`, `?entity=`, `entity show`) can match, in the linker's
own keys: Schoigu, Shoigu, Шойгу, Schoigus and "Sergei Shoigu" give the same keys, so every command
that takes an entity finds the same one. Pure: the store runs the lookup.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronik.names import keys as nm
from chronik.names.aliases import AliasTable
from chronik.names.translit import cyrillic_to_latin, has_cyrillic

_TYPES = ("PER", "LOC", "ORG", "OTH")


@dataclass(frozen=True)
class NameQuery:
    """`name_keys`: lookup keys of spellings (entities.key and entity_names.key are compared);
    `index_keys`: the linker's index keys (entity_keys); `first`: given names typed, which a
    candidate person must fit."""

    text: str
    name_keys: tuple[str, ...]
    index_keys: tuple[str, ...]
    first: tuple[str, ...] = ()


def _forms(text: str) -> list[str]:
    """The name as typed, its transliterations, and without a genitive -s (Schoigus)."""
    forms = [text]
    if has_cyrillic(text):
        forms += list(cyrillic_to_latin(text))
    for f in list(forms):
        forms += nm.genitive_candidates(f, "PER")[1:]
    return list(dict.fromkeys(f for f in forms if f))


def name_query(text: str, aliases: AliasTable | None = None) -> NameQuery:
    """Keys for one typed name. An alias of the table adds its canonical's keys (Weißrussland ->
    Belarus)."""
    text = nm.normalise(text)
    forms = _forms(text)
    canonicals = []
    if aliases is not None:
        for f in forms:
            for t in _TYPES:
                hit = aliases.lookup(f, t)
                if hit:
                    canonicals.append(hit.canonical)
    lookups = list(dict.fromkeys(nm.lookup_key(f) for f in forms + canonicals))
    index: list[str] = []
    for c in dict.fromkeys(forms + canonicals):
        key = nm.lookup_key(c)
        index += [f"g:P:{key}", f"g:X:{key}"]
    first: tuple[str, ...] = ()
    for f in forms + canonicals:
        person = nm.split_person(f)
        first = first or person.first
        for k in sorted(nm.surname_keys(person)):
            index += [f"s:{k}", f"o:{k}"]
        for k in sorted(nm.org_name_keys(f)):
            index.append(f"n:{k}")
    return NameQuery(
        text, tuple(lookups), tuple(dict.fromkeys(index)), first if not canonicals else ()
    )


def fits_first_names(query: NameQuery, names: list[str]) -> bool:
    """A candidate person fits when the typed given name agrees with one of its spellings that has
    one ('Sergei Shoigu' fits 'Sergej Schoigu', not 'Anna Schoigu')."""
    if not query.first:
        return True
    firsts = [nm.split_person(n).first for n in names if " " in n.strip()]
    return not firsts or any(nm.first_names_compatible(query.first, f) for f in firsts)
