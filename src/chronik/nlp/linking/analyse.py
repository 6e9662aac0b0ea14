"""What one mention names, before any clustering: a grounded entity (alias table, gazetteer,
demonym) or a person name / other name with its matching keys. Pure: depends on the mention, its
report and the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chronik.names import keys as nm
from chronik.names.aliases import AliasTable
from chronik.names.translit import cyrillic_to_latin, has_cyrillic
from chronik.nlp.lang.de import COMPOUND_HEADS, NAME_TITLES
from chronik.nlp.linking.tables import Gazetteer, demonyms, role_lexicon, role_word, speech_verbs

_ADJ_ENDING = re.compile(r"(e|en|em|er|es)$")
# ostukrainisch, prorussisch, Westpolen: a direction or stance before a place name or its adjective
_PREFIX = re.compile(
    r"^(pro|anti|nordost|nordwest|südost|südwest|nord|süd|ost|west|zentral|mittel|gesamt)-?",
    re.IGNORECASE,
)
_DEMONYM_ENDING = re.compile(r"(n|s)$")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Austrian districts and city quarters are named '<city>-Umgebung', '<city>-Land', '<city>-Süd':
# a place of their own, not the city ('Graz-Umgebung' is no mention of Graz).
_DISTRICT_TAILS = frozenset(_words("umgebung land nord süd ost west mitte"))
# Arabic articles written with a hyphen belong to the name ('Al-Schabaab-Miliz' names al-Schabaab).
_ARTICLE_PARTS = frozenset(_words("al el ad as ar an at az ash asch"))
# Heads of compounds that name a group or institution, never a person or a place: a hyphenated
# 'Hisbollah-Miliz', 'Tigray-Front', 'Simon-Wiesenthal-Zentrum', 'Wagner-Gruppe' is an ORG.
_ORG_HEADS = _words(
    "brigade brigaden front miliz milizen zentrum partei gruppe bewegung organisation stiftung "
    "institut fabrik konzern agentur verband gewerkschaft bündnis allianz kommando netzwerk"
)
# Classifier nouns before a name in close apposition: 'Nachrichtenagentur AFP', 'Oppositionspartei
# CHP', 'Medienbehörde KommAustria' name AFP, CHP, KommAustria (10kGNAD: 34 such pairs, all but one
# so).
_APPOSITION_HEADS = _words(
    "partei agentur miliz gruppe organisation bewegung sender behörde institut verband "
    "gewerkschaft bündnis allianz front netzwerk konzern zeitung magazin plattform"
)


@dataclass
class Analysis:
    """`kind`: grounded (canonical known), person, name. `surface`: the name with inflection
    removed."""

    kind: str
    type_class: str  # P for persons, X for places, organisations and the rest
    surface: str
    rule: str
    canonical: str | None = None
    info: dict = field(default_factory=dict)
    person: nm.PersonName | None = None
    keys: frozenset[str] = frozenset()
    exact: bool = False  # acronyms and one-letter names: exact keys only, no fuzzy match
    government_of: str | None = None


def type_class(type_: str) -> str:
    return "P" if type_ == "PER" else "X"


def country_of_adjective(
    word: str, gaz: Gazetteer, aliases: AliasTable | None = None
) -> tuple[str, str] | None:
    """See _country_of_adjective; also with a prefix (ostukrainische, prorussischen) and for places
    with -er (Moskauer, Kiewer, Berliner)."""
    hit = _country_of_adjective(word, gaz)
    if hit is None and _PREFIX.match(word) and len(_PREFIX.sub("", word)) >= 4:
        hit = _country_of_adjective(_PREFIX.sub("", word), gaz)
    if hit is None:
        m = re.match(r"^(\w{4,}?)er(in|innen|n|s)?$", word)  # Wiener; not Hub-er
        if m and m.group(1)[0].isupper():
            alias = aliases.lookup(m.group(1), "LOC") if aliases else None
            place = gaz.lookup(m.group(1))
            if alias:
                return alias.canonical, "deriv:place-er"
            if place:
                return place.canonical, "deriv:place-er"
    return hit


def _country_of_adjective(word: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """'belarussischen' -> Belarus, 'russische' -> Russia, 'Ukrainer' -> Ukraine, 'Israelis' ->
    Israel.

    Irregular forms come from demonyms.tsv; the rest from suffix rules against German country names
    (stem + ien/en/land/a/e/ei, or the stem itself)."""
    w = word.lower()
    whole = _ADJ_ENDING.sub("", w) if "isch" in w else w
    if whole in demonyms():
        return demonyms()[whole], "deriv:table"
    w = w.split("-")[-1] if w.count("-") == 1 else w
    stems = []
    if "isch" in w:
        stems.append(_ADJ_ENDING.sub("", w) if not w.endswith("isch") else w)
    else:
        stems += [w, _DEMONYM_ENDING.sub("", w), re.sub(r"(innen|in)$", "", w)]
    table = demonyms()
    for stem in stems:
        if stem in table:
            return table[stem], "deriv:table"
    for stem in stems:
        base = stem[:-4] if stem.endswith("isch") else re.sub(r"(er|e)$", "", stem)
        # marokkan-isch -> Marokko, kolumbian-isch -> Kolumbien, ecuadorian-isch -> Ecuador,
        # maltes-isch -> Malta, chilen-isch -> Chile
        shorter = (
            [re.sub(r"ian$", "ia", base), re.sub(r"(ian|an|es|en)$", "", base)]
            if len(base) >= 5
            else []
        )
        for tail in ("", "ien", "en", "land", "a", "e", "ei", "s", "ia", "o"):
            for b in (base, base[:-1] if base.endswith("ss") else None, *shorter):
                if not b or len(b) < 3 or len(b + tail) < 4:  # 'Vater' is no VAT (Vatican)
                    continue
                place = gaz.lookup(b + tail)
                if place and place.kind == "country":
                    return place.canonical, f"deriv:rule:{tail or '-'}"
    return None


def adjective_bases(word: str) -> list[str]:
    """Names an adjective or demonym may come from, for places no table knows: 'korsischen' ->
    Korsika, 'niederösterreichischen' -> Niederösterreich, 'Tiroler' -> Tirol, 'Krimtataren' ->
    Krim (matched against the names of the same report)."""
    w = word.lower()
    m = re.match(r"^(\w{3,}?)(isch(e|en|em|er|es)?|er(in|innen|n|s)?|tataren)$", w)
    if not m:
        return []
    base = m.group(1)
    return [base + tail for tail in ("", "a", "ika", "ien", "en", "land", "e")]


def name_in_compound(text: str, aliases: AliasTable, gaz: Gazetteer, type_: str) -> str | None:
    """'Nato-Gipfel' -> Nato, 'Kremlsprecher' -> Kreml, 'EU-Kommission' -> EU (the annotation
    spec's own example of a part mention: an acronym before the hyphen is the name inside, even
    where the whole is a name too), 'Krim-Brücke' -> Krim-Brücke (a known name)."""
    parts = [p for p in re.split(r"[-‑]", text) if p]
    if len(parts) > 1 and nm.is_acronym(parts[0]) and _known(parts[0], aliases, gaz, type_):
        return parts[0]
    if aliases.lookup(text, type_) or gaz.lookup(text) or is_district_name(text):
        return text
    if len(parts) > 2 and parts[0].lower() in _ARTICLE_PARTS:
        parts = [f"{parts[0]}-{parts[1]}", *parts[2:]]
    for p in parts:
        if (
            aliases.lookup(p, type_)
            or aliases.lookup(p, "ORG")
            or aliases.lookup(p, "LOC")
            or gaz.lookup(p)
        ):
            return p
    low = text.lower()
    for cut in range(len(text) - 4, 3, -1):  # 'Kremlsprecher'; never 'Un|icredit' or 'Eu|rogruppe'
        head = text[:cut]
        if (
            aliases.lookup(head, type_)
            or aliases.lookup(head, "ORG")
            or aliases.lookup(head, "LOC")
        ):
            return head
        place = gaz.lookup(head)
        if place and place.kind == "country" and low[cut : cut + 1].isalpha():
            return head
    if len(parts) > 1:
        return parts[0]
    for cut in range(3, len(text) - 3):
        if (
            low[cut:] in COMPOUND_HEADS
            or low[cut:].rstrip("sn") in COMPOUND_HEADS
            or low[cut:] in role_lexicon()
        ):
            return (
                text[:cut].rstrip("s")
                if low[cut - 1] == "s" and low[cut - 2] in "tgk"
                else text[:cut]
            )
    return None


def _known(name: str, aliases: AliasTable, gaz: Gazetteer, type_: str) -> bool:
    return bool(
        aliases.lookup(name, type_)
        or aliases.lookup(name, "ORG")
        or aliases.lookup(name, "LOC")
        or gaz.lookup(name)
    )


def is_district_name(text: str) -> bool:
    """'Graz-Umgebung', 'Linz-Land', 'Graz-Süd': a district or quarter named after its city."""
    parts = re.split(r"[-‑]", text)
    return len(parts) == 2 and len(parts[0]) >= 3 and parts[1].lower() in _DISTRICT_TAILS


def role_compound_type(text: str, aliases: AliasTable, gaz: Gazetteer) -> str | None:
    """'Kremlsprecher', 'Nato-Sprecherin', 'US-Präsident' tagged PER: a role noun is no person's
    name but a part mention of the name inside it (LOC for a place, ORG otherwise), or None."""
    raw = nm.normalise(text)
    if " " in raw or role_word(raw) is None:
        return None
    inner = name_in_compound(raw, aliases, gaz, "LOC")
    if not inner or inner == raw or not _known(inner, aliases, gaz, "LOC"):
        return None
    return "LOC" if aliases.lookup(inner, "LOC") or gaz.lookup(inner) else "ORG"


def type_by_head(text: str, type_: str) -> str:
    """ORG for a hyphenated name whose head names a group ('Hisbollah-Miliz' tagged PER,
    'Tigray-Front' tagged LOC); the tagger's type otherwise. German compounds take the class of
    their head."""
    parts = re.split(r"[-‑]", nm.normalise(text))
    if type_ == "ORG" or len(parts) < 2 or " " in text.strip() or not parts[0][:1].isupper():
        return type_
    if parts[0].lower() in _DISTRICT_TAILS:  # 'Ost-Front' is a front line
        return type_
    head = parts[-1].lower()
    return "ORG" if head.endswith(_ORG_HEADS) else type_


def apposed_name(text: str) -> str | None:
    """The name in 'Nachrichtenagentur AFP' or 'Oppositionspartei CHP': a classifier noun, then an
    acronym."""
    words = text.split(" ")
    if len(words) != 2 or nm.is_acronym(words[0]) or not nm.is_acronym(words[1]):
        return None
    if len(words[1].replace(".", "")) < 2 or not words[0][:1].isupper():
        return None
    return words[1] if words[0].lower().endswith(_APPOSITION_HEADS) else None


def _people_in_compound(word: str, gaz: Gazetteer, aliases: AliasTable) -> tuple[str, str] | None:
    """'Palästinenserführung', 'Türkenviertel': a compound of a people's name and a noun names
    the people's country (the longest such first part, at least 5 letters before a 4-letter
    head)."""
    for cut in range(len(word) - 4, 4, -1):
        head = word[:cut]
        if not word[cut : cut + 1].isalpha():
            continue
        hit = country_of_adjective(head, gaz, aliases)
        if hit and hit[1] == "deriv:table":
            return hit[0], "deriv:compound"
    return None


def _grounded(surface: str, type_: str, aliases: AliasTable, gaz: Gazetteer) -> Analysis | None:
    alias = aliases.lookup(surface, type_)
    if alias is not None:
        place = gaz.by_canonical.get(alias.canonical) if type_ != "PER" else None
        return Analysis(
            "grounded",
            type_class(type_),
            surface,
            f"alias:{alias.origin}",
            alias.canonical,
            place.info() if place else {},
        )
    if type_ == "PER":
        return None
    place = gaz.lookup(surface, german_only=type_ != "LOC")
    if (
        place is None
        or (place.kind == "city" and type_ != "LOC")
        or (nm.is_acronym(surface) and place.kind == "city")
    ):
        return None
    return Analysis(
        "grounded", "X", surface, f"gazetteer:{place.kind}", place.canonical, place.info()
    )


def analyse_mention(
    text: str,
    type_: str,
    sub: str | None,
    aliases: AliasTable,
    gaz: Gazetteer,
    known: dict[str, int] | None = None,
) -> Analysis:
    """`known`: how often surface forms (lookup keys) are seen, which decides whether "-s" is an
    inflection."""
    raw = _headline_case(nm.normalise(text), type_)
    apposed = apposed_name(raw) if type_ != "PER" and sub is None else None
    if apposed:
        a = analyse_mention(apposed, type_, None, aliases, gaz, known)
        a.rule += ":apposition"
        return a
    if sub == "deriv":
        hit = country_of_adjective(raw, gaz, aliases)
        if hit:
            place = gaz.by_canonical.get(hit[0])
            return Analysis("grounded", "X", raw, hit[1], hit[0], place.info() if place else {})
        alias = aliases.lookup(raw, type_)
        if alias:
            return Analysis(
                "grounded", type_class(type_), raw, f"alias:{alias.origin}", alias.canonical
            )
    if sub in ("deriv", "part") and " " not in raw and "-" not in raw:
        hit = _people_in_compound(raw, gaz, aliases)
        if hit and not (sub == "part" and name_in_compound(raw, aliases, gaz, type_)):
            place = gaz.by_canonical.get(hit[0])
            return Analysis("grounded", "X", raw, hit[1], hit[0], place.info() if place else {})
    if sub in ("part", "deriv"):  # a compound tagged deriv ("Kremlsprecher") is a part mention
        inner = name_in_compound(raw, aliases, gaz, type_)
        if inner:
            raw = inner
            people = (
                country_of_adjective(inner, gaz, aliases)
                if type_ != "PER" and not _grounded(inner, type_, aliases, gaz)
                else None
            )
            if people:  # 'Palästinenserpräsident', 'Kurdenpartei': the people's country
                place = gaz.by_canonical.get(people[0])
                info = place.info() if place else {}
                return Analysis("grounded", "X", inner, people[1] + ":part", people[0], info)
    if has_cyrillic(raw):
        de, en = cyrillic_to_latin(raw)
        for form in (raw, de, en):
            hit = _grounded(form, type_, aliases, gaz)
            if hit:
                hit.rule += ":cyrillic"
                return hit
    forms = nm.genitive_candidates(raw, type_)
    for form in forms + (nm.declension_candidates(raw) if type_ != "PER" else []):
        hit = _grounded(form, type_, aliases, gaz)
        if hit:
            return hit
    if type_ != "PER" and _PREFIX.match(raw) and not nm.is_acronym(raw):
        rest = _PREFIX.sub("", raw)
        for form in (
            nm.genitive_candidates(rest[:1].upper() + rest[1:], type_) if len(rest) >= 4 else []
        ):
            hit = _grounded(form, type_, aliases, gaz)
            if hit and hit.info.get("kind") == "country":
                hit.rule += ":prefix"
                return hit
    if sub is None and type_ != "PER":
        hit = _unmarked_derived(raw, type_, aliases, gaz)
        if hit:
            return hit
    surface = _pick_form(forms, type_, known or {})
    exact = nm.is_acronym(surface)
    if type_ == "PER":
        surface = strip_titles(surface)
        exact = nm.is_acronym(surface)
        person = nm.split_person(surface)
        keys = frozenset({nm.fold(surface)}) if exact else nm.surname_keys(person)
        return Analysis("person", "P", surface, "person", person=person, keys=keys, exact=exact)
    keys = frozenset({nm.lookup_key(surface)}) if exact else nm.org_name_keys(surface)
    return Analysis("name", "X", _nominative(surface), "name", keys=keys, exact=exact)


def _nominative(name: str) -> str:
    """The name as a heading: 'Deutschen Presse-Agentur' -> 'Deutsche Presse-Agentur' (weak
    adjective endings -en/-em before the head levelled to -e; -er stays: 'Wiener Zeitung')."""
    words = name.split(" ")
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return name
    head = [re.sub(r"(?<=\w{2}[^e\W])e[nm]$", "e", w) for w in words[:-1]]
    return " ".join(head + words[-1:])


def _headline_case(name: str, type_: str) -> str:
    """'SCHOIGU', 'LUKASCHENKO IN MINSK' from an all-caps headline: persons and places written as
    names ('Lukaschenko'); short all-caps words stay acronyms (USA, EU), and so do organisations
    (UNICEF)."""
    if type_ not in ("PER", "LOC") or not name.isupper():
        return name
    return " ".join(
        w.capitalize() if sum(c.isalpha() for c in w) > 4 else w for w in name.split(" ")
    )


def strip_titles(name: str) -> str:
    """'Präsident Selenskyj', 'Dr. Angela Merkel' -> the name (when a span took its title along)."""
    words = name.split(" ")
    while len(words) > 1 and (words[0].lower() in NAME_TITLES or role_word(words[0]) is not None):
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in _SENTENCE_STARTS:
        words = words[:-1]  # 'Abdullah II. Bei' (a sentence end after 'II.' missed): the next word
    return " ".join(words)


# Words that open a German sentence and never end a name: a person span that runs over a missed
# sentence boundary ends before them.
_OPENERS = """
    bei in im am an auf aus mit nach von vor zu zum zur der die das den dem des ein eine er sie es
    wir und aber doch dann damit dass als wie wo was wer seit laut trotz
"""
_SENTENCE_STARTS = frozenset(_OPENERS.split())


def _unmarked_derived(raw: str, type_: str, aliases: AliasTable, gaz: Gazetteer) -> Analysis | None:
    """A tagger that did not mark `sub`: 'russischen' is still Russia, 'Nato-Gipfel' still NATO
    (hyphenated compounds only: 'Deutschlandfunk' is a name of its own)."""
    if " " in raw:
        return None
    if raw[:1].islower() or re.search(r"(isch(e|en|em|er|es)?|er|ern)$", raw):
        hit = country_of_adjective(raw, gaz, aliases)  # also nouns: Belgier, Iraner, Brüsseler
        if hit:
            place = gaz.by_canonical.get(hit[0])
            return Analysis(
                "grounded", "X", raw, hit[1] + ":unmarked", hit[0], place.info() if place else {}
            )
    if "-" in raw.strip("-") and not is_district_name(raw):
        for part in [p for p in re.split(r"[-‑]", raw) if p]:
            if part.lower() in _ARTICLE_PARTS:
                continue
            hit = _grounded(part, type_, aliases, gaz)
            if hit:
                hit.rule += ":part-unmarked"
                return hit
    return None


def _pick_form(forms: list[str], type_: str, known: dict[str, int]) -> str:
    """An inflected form is stripped when the bare form is known elsewhere; a form that is itself
    seen more than once (Tsipras, Gudenus) is a name of its own; otherwise persons go by the
    genitive rule."""
    for form in forms[1:]:
        if known.get(nm.lookup_key(form), 0) > 0:
            return form
        if type_ == "PER" and " " in form and known.get(nm.lookup_key(form.split(" ")[-1]), 0):
            return form  # 'Christian Kerns' in a report that says 'Kern'

    if (
        known.get(nm.lookup_key(forms[0]), 0) > 1
        or known.get(nm.lookup_key(forms[0].split(" ")[-1]), 0) > 1
    ):
        return forms[0]
    if type_ == "PER":
        stripped = nm.strong_genitive(forms[0])
        if stripped:
            return stripped
    return forms[0]


def government_of(place_info: dict, text: str, end: int, start: int, gaz: Gazetteer) -> str | None:
    """A capital followed (or, in verb-first clauses, preceded) by a verb of saying or acting stands
    for its government: 'Moskau bestreitet', 'bestritt Moskau'."""
    if not place_info.get("capital_of"):
        return None
    after = re.match(r"\s*(\w+)", text[end : end + 40])
    before = re.search(r"(\w+)\s*$", text[max(0, start - 40) : start])
    verbs = speech_verbs()
    if (after and after.group(1).lower() in verbs) or (before and before.group(1).lower() in verbs):
        country = gaz.countries.get(place_info["capital_of"])
        return country.canonical if country else None
    return None
