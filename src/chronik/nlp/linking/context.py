"""What the rest of the report says about a mention, before it is linked: a person's name tagged
as a place (the genitive "Kerns" of Chancellor Kern, "Lukaschenko" after a missed sentence split)
is the person; a city found under a foreign alternate name is grounded only in its own region; a
generic institution ("Verteidigungsministerium") is told apart by the place it belongs to.

Pure: works on the analyses of one report and the index (which a store fills on demand).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from chronik.names import keys as nm
from chronik.nlp.linking.analyse import Analysis, adjective_bases
from chronik.nlp.linking.tables import Gazetteer, Place

# Institutions that every country has: the name alone does not say whose they are. (Not police
# words: 'Sittenpolizei' names one body, and a report need not say whose it is.)
GENERIC_INSTITUTION = re.compile(
    r"(ministerium|ministeriums|regierung|parlament|parlaments|armee|staatsanwaltschaft"
    r"|geheimdienst|geheimdienstes|generalstab|generalstabs|botschaft|zentralbank|präsidialamt"
    r"|verfassungsgericht|verfassungsgerichts|außenamt)",
    re.IGNORECASE,
)
# Between an institution and the place that owns it: "in Minsk", "von Belarus", "Russlands".
_AFTER = re.compile(r"\s+(?:(?:in|im|von|aus|des|der)\s+)?(?:(?:der|dem|den|des)\s+)?")


@dataclass
class MentionLike:
    start: int
    end: int
    text: str
    type: str
    sub: str | None = None


def report_region(analyses: list[Analysis], gaz: Gazetteer) -> set[str]:
    """ISO codes of the countries a report names, or names a place or people of."""
    region: set[str] = set()
    for a in analyses:
        if a.kind != "grounded" or a.type_class != "X":
            continue
        for key in ("iso2", "capital_of"):
            if a.info.get(key) and not _weak(a, gaz):
                region.add(a.info[key])
    return region


def _weak(a: Analysis, gaz: Gazetteer) -> bool:
    place = gaz.by_canonical.get(a.canonical or "")
    return bool(
        a.rule.startswith("gazetteer:city") and place and gaz.by_other_name(a.surface, place)
    )


def place_in_region(a: Analysis, region: set[str], gaz: Gazetteer) -> Analysis:
    """A city whose name has several places goes to the one in the report's region; a city found
    only under a foreign alternate name outside the region is not grounded (Bethlehem in a report
    on the West Bank is not Belém in Brazil)."""
    if not a.rule.startswith("gazetteer:city"):
        return a
    place = gaz.by_canonical.get(a.canonical or "")
    if place is None or place.iso2 in region:
        return a
    near = [p for p in gaz.candidates(a.surface) if p.kind == "city" and p.iso2 in region]
    if near:
        return _grounded_as(a, near[0])
    if gaz.by_other_name(a.surface, place):
        keys = nm.org_name_keys(a.surface)
        return Analysis("name", "X", a.surface, "name:foreign-city-name", keys=keys)
    return a


def _grounded_as(a: Analysis, place: Place) -> Analysis:
    return replace(a, canonical=place.canonical, info=place.info(), rule=a.rule + ":region")


def person_keys(analyses: list[Analysis]) -> set[str]:
    """Surname keys of the persons a report names: in full ('Christian Kern'), or a bare name
    tagged as a person more often than as anything else ('Lukaschenko' PER twice, LOC once; not
    'Novomatic' ORG nine times and PER once)."""
    out: set[str] = set()
    bare: dict[str, int] = {}
    for a in analyses:
        if a.type_class != "P":
            for k in a.keys if a.kind == "name" and " " not in a.surface else ():
                bare[k] = bare.get(k, 0) - 1
        elif a.kind == "grounded":
            out |= nm.surname_keys(nm.split_person(a.canonical or ""))
        elif a.person is not None and a.person.full:
            out |= a.keys
        else:
            for k in a.keys:
                bare[k] = bare.get(k, 0) + 1
    return out | {k for k, n in bare.items() if n > 0}


def places_tagged_as_persons(
    mentions: list[MentionLike], analyses: list[Analysis], gaz: Gazetteer
) -> list[int]:
    """Mentions tagged PER that the alias table grounds to a place of the gazetteer ('Kiew' ->
    Kyiv), unless the report names a person in full whose surname that is."""
    full: set[str] = set()
    for a in analyses:
        if a.type_class == "P" and a.person is not None and a.person.full:
            full |= a.keys
    out = []
    for i, (m, a) in enumerate(zip(mentions, analyses)):
        if m.type != "PER" or a.kind != "grounded" or not a.canonical or " " in a.surface:
            continue
        if (
            a.canonical in gaz.by_canonical
            and not nm.surname_keys(nm.split_person(a.surface)) & full
        ):
            out.append(i)
    return out


def stray_person_tags(
    mentions: list[MentionLike], analyses: list[Analysis], in_report: set[str]
) -> dict[int, str]:
    """Mention index -> type for bare names tagged PER that the report tags as one other type more
    often ('Novomatic' ORG nine times, PER once), unless a person of that surname is named in
    full."""
    tags: dict[str, Counter] = {}
    for m, a in zip(mentions, analyses):
        if a.kind != "grounded" and " " not in a.surface.strip():
            tags.setdefault(nm.lookup_key(a.surface), Counter())[m.type] += 1
    out = {}
    for i, (m, a) in enumerate(zip(mentions, analyses)):
        if m.type != "PER" or a.kind != "person" or (a.person and a.person.full):
            continue
        if a.keys & in_report:
            continue
        found = tags.get(nm.lookup_key(a.surface), Counter())
        other = max((t for t in found if t != "PER"), key=lambda t: found[t], default=None)
        if other and found[other] > found["PER"]:
            out[i] = other
    return out


def person_form(
    m: MentionLike,
    a: Analysis,
    in_report: set[str],
    known_person: Callable[[str], bool],
    gaz: Gazetteer,
) -> str | None:
    """The person name a place or organisation mention really is, or None.

    A form (as written, or without a genitive -s) whose surname keys are those of a person named in
    the report; or, for a name that grounds to nothing, the surname of a person known with a first
    name (elsewhere in the file or in the store: `known_person(form)`). A
    country, a capital or an alias is never turned into a person (Washington, Jordan, Georgia)."""
    if m.type == "PER" or m.sub is not None or nm.is_acronym(m.text):
        return None
    if a.kind == "grounded" and not _weak(a, gaz):
        return None
    for form in nm.genitive_candidates(nm.normalise(m.text), "PER"):
        if not form[:1].isupper():
            continue
        keys = nm.surname_keys(nm.split_person(form))
        if keys & in_report:
            return form
        if a.kind == "name" and " " not in form and known_person(form):
            return form
    return None


def owner_place(
    i: int, mentions: list[MentionLike], analyses: list[Analysis], text: str, gaz: Gazetteer
) -> str | None:
    """The country (or region) a generic institution belongs to: 'Verteidigungsministerium in
    Moskau' and 'das russische Verteidigungsministerium' are Russia's, 'das Parlament Georgiens'
    Georgia's."""
    owner = _owner(i, mentions, analyses, text)
    if owner is None:
        return None
    place = gaz.by_canonical.get(owner)
    country = gaz.countries.get(place.capital_of) if place and place.capital_of else None
    return country.canonical if country else owner


def _owner(i: int, mentions: list[MentionLike], analyses: list[Analysis], text: str) -> str | None:
    m, a = mentions[i], analyses[i]
    if m.type != "ORG" or a.kind != "name" or " " in a.surface.strip():
        return None
    if not GENERIC_INSTITUTION.search(a.surface.lower()):
        return None
    if not GENERIC_INSTITUTION.fullmatch(_head(a.surface.lower())):
        return None
    if i + 1 < len(mentions):
        nxt, na = mentions[i + 1], analyses[i + 1]
        if (
            na.kind == "grounded"
            and na.type_class == "X"
            and _AFTER.fullmatch(text[m.end : nxt.start])
        ):
            return na.canonical
    if i > 0:
        prev, pa = mentions[i - 1], analyses[i - 1]
        if (
            pa.kind == "grounded"
            and pa.type_class == "X"
            and prev.sub == "deriv"
            and re.fullmatch(r"\s+", text[prev.end : m.start])
        ):
            return pa.canonical
    return None


def _head(word: str) -> str:
    """The institution word ending a compound: 'verteidigungsministerium' -> 'ministerium'."""
    match = GENERIC_INSTITUTION.search(word)
    return word[match.start() :] if match else word


def owned(a: Analysis, place: str) -> Analysis:
    """The institution's analysis with its owner in name and keys, so Minsk's and Moscow's
    ministries are two entities and every mention of Minsk's is one."""
    suffix = "_" + nm.lookup_key(place).replace(" ", "_")
    keys = frozenset(k + suffix for k in a.keys)
    return replace(a, surface=f"{a.surface} ({place})", keys=keys, rule="name:owned")


def derived_in_report(mentions: list[MentionLike], analyses: list[Analysis]) -> None:
    """An adjective or demonym of a place no table knows takes the entity of that place when the
    report names it: 'korsischen' after 'Korsika', 'Tiroler' after 'Tirol'."""
    names: dict[str, int] = {}
    for i, (m, a) in enumerate(zip(mentions, analyses)):
        if m.sub != "deriv" and m.type == "LOC":
            names.setdefault(nm.lookup_key(a.surface), i)
    for i, (m, a) in enumerate(zip(mentions, analyses)):
        if m.sub != "deriv" or a.kind == "grounded":
            continue
        for base in adjective_bases(a.surface):
            j = names.get(nm.lookup_key(base))
            if j is not None:
                analyses[i] = replace(analyses[j], rule="deriv:in-report")
                break
