"""Name keys that know German: normalising, inflection, person names, transliteration-proof phonetic
keys.

Two names match on a key, never on a bare similarity threshold: `phonetic_keys` gives each token one
key per reading (German orthography, English orthography), and two tokens match when they share a
key. Fuzzy similarity (rapidfuzz) is used only inside a block of same-type names whose keys already
agree on the start.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler
from rapidfuzz.fuzz import ratio

from chronik.names.translit import cyrillic_to_latin, has_cyrillic, latin_key_form


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Articles dropped from the front of a name ('der Kreml', 'the Guardian').
NAME_ARTICLES = _words("das dem den der des die the")
# Name particles that belong to the surname ('de', 'van', 'bin').
NAME_PARTICLES = _words("bin da de del della der di du ibn la le ten ter van von zu")
# Generic parts of hyphenated organisation names ('Wagner-Gruppe' = 'Wagner').
GENERIC_NAME_PARTS = _words(
    "bewegung gruppe konzern miliz organisation partei söldnertruppe truppe"
)

_QUOTES = "\"'„“”‚‘’»«›‹"
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")  # '<b>Hamas</b>' from a scraped page
_NAME_PREFIX = re.compile(r"^(al|el|as|ad|ar|an|at|az|ash|asch)[-‑]", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")

# Two long phonetic keys with the same first letter are one name when Jaro-Winkler reaches this:
# below it, different surnames sharing a stem (Petrow/Petrenko) start to merge.
SIMILAR_KEY_JARO_WINKLER = 0.92
# ... and the edit-distance ratio (0-100) agrees too, so a shared prefix alone is not enough.
SIMILAR_KEY_RATIO = 85
# Given names as spelling variants (Alexander/Aleksandr/Oleksandr): looser than surnames, since
# they only decide between people who already share a surname.
GIVEN_NAME_RATIO = 75
# Keys shorter than this are compared exactly only: short names (Li, Kim, Wang) are too alike.
MIN_FUZZY_KEY = 6
# Readings of a multi-word name multiply per word; past this many the rarest add no matches.
MAX_NAME_KEYS = 16


@lru_cache(maxsize=100_000)
def normalise(text: str) -> str:
    """NFC, quotes and leading articles dropped, white space collapsed; case kept."""
    text = _TAG.sub("", unicodedata.normalize("NFC", text)).strip().strip(_QUOTES).strip()
    text = re.sub(r"\s+", " ", text.replace("\u00ad", ""))
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in NAME_ARTICLES:
        words = words[1:]
    return " ".join(words)


def fold(text: str) -> str:
    """Lower case without diacritics (ß -> ss); letters of other scripts are kept."""
    text = text.lower().replace("ß", "ss").replace("ł", "l").replace("ø", "o").replace("æ", "ae")
    return "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )


@lru_cache(maxsize=100_000)
def lookup_key(text: str) -> str:
    """Exact-match key for alias tables and gazetteers: folded, hyphens and dots as spaces."""
    return re.sub(r"[\s\-‑.]+", " ", fold(normalise(text))).strip()


def is_acronym(text: str) -> bool:
    """All-caps or one-letter names (IS, USA, AfD, G7): matched exactly, never fuzzily or
    inflected."""
    t = text.replace(".", "").replace("-", "")
    return (
        len(t) <= 1
        or (t.upper() == t and any(c.isalpha() for c in t))
        or (len(t) <= 4 and sum(c.isupper() for c in t) >= 2)
    )


def genitive_candidates(text: str, type_: str) -> list[str]:
    """The form as written first, then forms without a German genitive/dative ending.

    "Russlands" -> Russland, "Schoigus" -> Schoigu, "des Irans" -> Iran; the caller keeps the first
    form that is known (alias table, gazetteer, another mention), so "Belarus" and "Paris" stay
    whole.
    """
    out = [text]
    if is_acronym(text) or len(text) < 4:
        return out
    last = text.split(" ")[-1]
    head = text[: len(text) - len(last)]
    if last.endswith(("'", "’")):
        out.append(head + last[:-1])
    elif last.endswith("s") and not last.endswith(("ss", "ß")):
        out.append(head + last[:-1])
        if last.endswith("es") and len(last) > 5:
            out.append(head + last[:-2])
    return out


def declension_candidates(text: str) -> list[str]:
    """Multi-word names in another case: 'Vereinigten Arabischen Emiraten' -> 'Vereinigte Arabische
    Emirate', 'der Europäischen Union' -> 'Europäische Union' (adjectives levelled to -e, a dative
    plural -n dropped)."""
    words = text.split(" ")
    if len(words) < 2 or is_acronym(text):
        return []
    head = [re.sub(r"(?<=\w{3})e[nmrs]$", "e", w) if w[:1].isupper() else w for w in words[:-1]]
    last = words[-1]
    lasts = (
        [last]
        + ([last[:-1]] if last.endswith("en") and len(last) > 5 else [])
        + ([last[:-1]] if last.endswith("s") and not last.endswith("ss") else [])
    )
    out = [" ".join(head + [x]) for x in lasts]
    return [x for x in dict.fromkeys(out) if x != text]


# Before a final -us these letters make a name of its own (Franziskus, Markus, Julius, Klaus), not
# the genitive of a name in -u (Schoigus).
_LATIN_US = "iktnaerlmpcs"


def strong_genitive(text: str) -> str | None:
    """For an unknown person: "Lukaschenkos", "Poroschenkos", "Schoigus", "Selenskyjs", "Lawrows"
    are genitives; "Abbas", "Tsipras", "Franziskus", "Carlos", "Mattis", "Jones", "Lars" are names.
    Foreign names end in -as, -os, -us so often that only endings a genitive makes nearly always
    are stripped: -ys/-js, Slavic -ow/-ew + s, -enko + s, and -us after a consonant that Latin and
    Greek names do not put there."""
    last = text.split(" ")[-1]
    if len(last) < 5 or not last.endswith("s") or is_acronym(last):
        return None
    low = last.lower()
    if low.endswith(("ys", "js", "ows", "ews", "nkos")) or (
        low.endswith("us") and low[-3] not in _LATIN_US + "aeiouy"
    ):
        return text[:-1]
    return None


@dataclass(frozen=True)
class PersonName:
    first: tuple[str, ...]  # given names as written (initials kept with their dot)
    last: str  # surname, particles included ("von der Leyen", "al-Assad")

    @property
    def full(self) -> bool:
        return bool(self.first)


@lru_cache(maxsize=100_000)
def split_person(text: str) -> PersonName:
    """'Sergej Schoigu' -> (Sergej,), Schoigu; 'Ursula von der Leyen' -> (Ursula,), 'von der
    Leyen'."""
    words = normalise(text).split(" ")
    if len(words) == 1:
        return PersonName((), words[0])
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in NAME_PARTICLES:
        i -= 1
    return PersonName(tuple(words[:i]), " ".join(words[i:]))


# --- phonetic keys
# -------------------------------------------------------------------------------------
# Markers: 3 = ш/ж (sch, sh, zh), 4 = ч (tsch, ch), 5 = щ, 7 = ц (z, ts), x = х (ch, kh).
_GERMAN = [
    ("schtsch", "5"),
    ("tsch", "4"),
    ("dsch", "4"),
    ("sch", "3"),
    ("ch", "x"),
    ("z", "7"),
    ("tz", "7"),
    ("j", "y"),
    ("w", "v"),
    ("ck", "k"),
    ("ph", "f"),
    ("qu", "kv"),
]
_ENGLISH = [
    ("shch", "5"),
    ("tch", "4"),
    ("ch", "4"),
    ("zh", "3"),
    ("sh", "3"),
    ("kh", "x"),
    ("ts", "7"),
    ("z", "s"),
    ("w", "v"),
    ("ck", "k"),
    ("ph", "f"),
    ("j", "4"),
    ("qu", "kv"),
]
_TAIL = [
    (r"(ij|iy|yj|yy|ii|yi|iy|y)$", "i"),
    (r"(ej|ey|ei)$", "ei"),
    (r"(off|ow|ov)$", "ov"),
    (r"(eff|ew|ev)$", "ev"),
    (r"y", "i"),
    (r"ie(?=[^aeiou]|$)", "i"),
    (r"([sli])\1+", r"\1"),
    (r"c", "k"),
    (r"h(?=[^aeiou]|$)", ""),
]


def _reading(token: str, rules: list[tuple[str, str]]) -> str:
    s = token.replace("x", "ks")
    for a, b in rules:
        s = s.replace(a, b)
    for pattern, repl in _TAIL:
        s = re.sub(pattern, repl, s)
    return s


@lru_cache(maxsize=200_000)
def phonetic_keys(token: str) -> frozenset[str]:
    """Keys of one name token under German and English transliteration habits.

    Schoigu/Shoigu/Шойгу -> '3oigu'; Peskow/Peskov -> 'peskov'; Selenskyj/Zelensky -> 'selenski'.
    Tokens of scripts without a rule get their folded form as the only key, so they still match
    themselves.
    """
    if has_cyrillic(token):
        de, en = cyrillic_to_latin(token)
        return phonetic_keys(de) | phonetic_keys(en)
    latin = latin_key_form(token)
    t = fold(_NAME_PREFIX.sub("", latin if latin is not None else token))
    t = re.sub(r"[^\w]", "", t)
    if t == "st":  # St. Pölten = Sankt Pölten
        t = "sankt"
    if not t or not t.isascii() or len(t) <= 1:
        return frozenset({t or fold(token)})
    return frozenset({_reading(t, _GERMAN), _reading(t, _ENGLISH)})


@lru_cache(maxsize=100_000)
def name_keys(text: str) -> frozenset[str]:
    """Keys of a whole multi-word name (tokens joined by '_'), all reading combinations of the
    first/last."""
    words = [w for w in re.split(r"[\s\-‑]+", normalise(text)) if w]
    if not words:
        return frozenset()
    keys = {""}
    for w in words:
        keys = {f"{k}_{p}" if k else p for k in keys for p in sorted(phonetic_keys(w))}
        if len(keys) > MAX_NAME_KEYS:
            keys = set(sorted(keys)[:MAX_NAME_KEYS])
    return frozenset(keys)


def org_name_keys(text: str) -> frozenset[str]:
    """Keys of a non-person name, with adjective declension levelled ('Internationalen
    Atomenergiebehörde' = 'Internationale Atomenergiebehörde', 'Vereinten Nationen' = 'Vereinte
    Nationen') and generic parts of hyphenated names dropped ('Wagner-Gruppe' = 'Wagner')."""
    words = normalise(text).split(" ")
    if len(words) == 1 and "-" in words[0]:
        parts = [p for p in words[0].split("-") if p]
        kept = [p for p in parts if p.lower() not in GENERIC_NAME_PARTS]
        if kept and len(kept) < len(parts):
            words = ["-".join(kept)]
    levelled = [
        re.sub(r"(?<=\w{3})e[nmrs]$", "e", w) if i < len(words) - 1 and w[:1].isupper() else w
        for i, w in enumerate(words)
    ]
    return name_keys(" ".join(levelled))


def surname_keys(name: PersonName) -> frozenset[str]:
    return name_keys(name.last)


def first_names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given names agree when one side has none, or some given name of each side agrees: an initial
    fits, they share a key, or they are spelling variants (Alexander/Aleksandr/Oleksandr); Thomas
    and Gerd do not. 'Recep Tayyip Erdoğan' and 'Tayyip Erdoğan' agree."""
    if not a or not b:
        return True
    xs = [p for w in a for p in w.split("-") if p]
    ys = [p for w in b for p in w.split("-") if p]
    return any(_given_compatible(x, y) for x in xs for y in ys)


def _given_compatible(x: str, y: str) -> bool:
    if _INITIAL.match(x) or _INITIAL.match(y) or len(x) == 1 or len(y) == 1:
        return fold(x)[0] == fold(y)[0]
    kx, ky = phonetic_keys(x), phonetic_keys(y)
    if kx & ky:
        return True
    return (
        max(ratio(p, q) for p in kx for q in ky) >= GIVEN_NAME_RATIO
        and fold(x)[0] in fold(y)[:2] + "ao"
    )


def similar_keys(a: str, b: str) -> bool:
    """Spelling variants that the key rules miss (Gerassimow/Gerasimov are caught by rules,
    Tichanowskaja/ Tsikhanouskaya by the alias table): only long keys, same first letter,
    Jaro-Winkler >= SIMILAR_KEY_JARO_WINKLER."""
    if len(a) < MIN_FUZZY_KEY or len(b) < MIN_FUZZY_KEY or a[0] != b[0]:
        return False
    return (
        JaroWinkler.similarity(a, b) >= SIMILAR_KEY_JARO_WINKLER
        and ratio(a, b) >= SIMILAR_KEY_RATIO
    )
