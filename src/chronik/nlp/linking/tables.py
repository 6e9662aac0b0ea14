"""The data files of linking (nlp/resources/linking/: places, demonyms, roles), loaded once.

The alias table is not here: the store resolves typed names with it too, so it lives below both in
chronik.names.aliases.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from chronik.names.aliases import read_table
from chronik.names.keys import lookup_key

PACKAGE = "chronik.nlp.resources.linking"


def _read_lines(name: str) -> list[tuple[int, list[str]]]:
    return read_table(name, PACKAGE)


@dataclass(frozen=True)
class Place:
    canonical: str
    kind: str  # country us_state city
    iso2: str
    iso3: str
    lat: float | None
    lon: float | None
    geonameid: int
    population: int
    capital_of: str  # iso2 of the country whose capital it is

    def info(self) -> dict:
        out = {"kind": self.kind, "geonameid": self.geonameid}
        for key in ("iso2", "iso3", "lat", "lon", "capital_of"):
            value = getattr(self, key)
            if value not in ("", None):
                out[key] = value
        return out


@dataclass
class Gazetteer:
    by_name: dict[
        str, list[tuple[int, Place]]
    ]  # lookup key -> (priority, place); lower priority wins
    countries: dict[str, Place]  # iso2 -> country
    by_canonical: dict[str, Place]

    def by_other_name(self, text: str, place: Place) -> bool:
        """A city (no capital) found under a name that is not its own: one of the GeoNames
        alternate names of any language ("Kerns" for Cairns, "Bethlehem" for Belém), which names
        a far-away place by chance unless the report is about its country."""
        return (
            place.kind == "city"
            and not place.capital_of
            and lookup_key(text) != lookup_key(place.canonical)
        )

    def candidates(self, text: str) -> list[Place]:
        """Every place with this name, best first (priority, then population)."""
        hits = sorted(
            self.by_name.get(lookup_key(text), []), key=lambda h: (h[0], -h[1].population)
        )
        return list({h[1].geonameid: h[1] for h in hits}.values())

    def lookup(self, text: str, german_only: bool = False) -> Place | None:
        """The place a name means; `german_only`: only German names (for ORG mentions, where
        'Austria' is the football club, not the country)."""
        hits = self.by_name.get(lookup_key(text))
        if hits and german_only:
            hits = [h for h in hits if h[0] % 2 == 0 and h[0] < 4]
        return min(hits, key=lambda h: (h[0], -h[1].population))[1] if hits else None

    def country_of_capital(self, place: Place) -> Place | None:
        return self.countries.get(place.capital_of) if place.capital_of else None


def _float(value: str) -> float | None:
    return float(value) if value else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    by_name: dict[str, list[tuple[int, Place]]] = {}
    countries: dict[str, Place] = {}
    by_canonical: dict[str, Place] = {}
    for _, c in _read_lines("places.tsv"):
        c += [""] * (11 - len(c))
        p = Place(
            c[0], c[1], c[2], c[3], _float(c[4]), _float(c[5]), int(c[6] or 0), int(c[7] or 0), c[8]
        )
        base = {"country": 0, "us_state": 2, "city": 4}[p.kind]
        german = [n for n in c[9].split("|") if n]
        names = (
            [(base if not german or p.canonical in german else base + 1, p.canonical)]
            + [(base, n) for n in german]
            + [(base + 1, n) for n in c[10].split("|") if n]
            + ([(3, p.iso3)] if p.iso3 and p.kind == "country" else [])
        )
        for prio, n in names:
            by_name.setdefault(lookup_key(n), []).append((prio, p))
        if p.kind == "country":
            countries[p.iso2] = p
        by_canonical.setdefault(p.canonical, p)
    return Gazetteer(by_name, countries, by_canonical)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    return {cols[0].strip(): cols[1].strip() for _, cols in _read_lines("demonyms.tsv")}


@dataclass(frozen=True)
class RoleWord:
    word: str
    role: str  # "=" for Amtskollege: the role mentioned before
    implied_of: str | None


@lru_cache(maxsize=1)
def role_lexicon() -> dict[str, RoleWord]:
    out = {}
    for _, cols in _read_lines("roles.tsv"):
        cols += [""] * (3 - len(cols))
        out[cols[0].strip()] = RoleWord(cols[0].strip(), cols[1].strip(), cols[2].strip() or None)
    return out


# Inflection endings stripped from a role noun before the lexicon lookup (Ministers, Präsidenten).
_INFLECTION = ("en", "n", "s", "es")


def role_word(token: str) -> tuple[RoleWord, str | None] | None:
    """The lexicon entry of a (possibly inflected, possibly compound) role noun, and the compound's
    prefix."""
    lex = role_lexicon()
    low = token.lower()
    forms = [low] + [
        low[: -len(e)] for e in _INFLECTION if low.endswith(e) and len(low) - len(e) >= 4
    ]
    for f in forms:
        if f in lex:
            return lex[f], None
    for f in forms:
        if "-" in f:
            head, tail = f.rsplit("-", 1)
            if tail in lex:
                return lex[tail], token[: len(head)]
    for f in forms:
        for cut in range(2, len(f) - 4):
            if (
                f[cut:] in lex
                and lex[f[cut:]].role != "="
                and f[cut:] not in ("chef", "leiter", "premier")
            ):
                return lex[f[cut:]], token[:cut]
    return None


@dataclass(frozen=True)
class Holder:
    role: str
    of: str
    holder: str
    start: str
    end: str | None


@lru_cache(maxsize=1)
def role_holders() -> tuple[Holder, ...]:
    out = []
    for _, cols in _read_lines("role_holders.tsv"):
        cols += [""] * (5 - len(cols))
        out.append(Holder(cols[0], cols[1], cols[2], cols[3], cols[4] or None))
    return tuple(out)


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    text = resources.files(PACKAGE).joinpath("speech_verbs.txt").read_text(encoding="utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )
