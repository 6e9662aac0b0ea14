"""A small corpus of dated reports that tell the same attacks several times, with accusations and
denials, so a store built from it has event clusters and contradiction links to compare."""

from __future__ import annotations

import json
import random
from pathlib import Path

PLACES = ("Kiew", "Charkiw", "Odessa", "Lwiw", "Cherson", "Dnipro")
ACCUSE = (
    "Die Ukraine wirft Russland vor, am {day}. Dezember Umspannwerke in {place} angegriffen zu "
    "haben. Der Bürgermeister von {place} sprach von schweren Schäden."
)
DENY = (
    "Russland bestreitet, am {day}. Dezember in {place} Umspannwerke angegriffen zu haben. "
    "Das Verteidigungsministerium in Moskau nannte die Vorwürfe eine Provokation."
)
REPORT = (
    "Nach Angaben der Behörden haben russische Truppen am {day}. Dezember {place} angegriffen. "
    "Mehrere Gebäude wurden beschädigt, sagte ein Sprecher der Stadtverwaltung."
)


def records(n: int, seed: int = 18) -> list[dict]:
    """n reports: each of a few attacks (place, day) told by several sources, some denying it."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        day = 1 + (i // len(PLACES)) % 20
        template = (ACCUSE, DENY, REPORT)[rng.randrange(3)]
        out.append(
            {
                "id": f"r{i}",
                "date": f"2022-12-{min(day + rng.randrange(2), 28):02d}",
                "source": f"Quelle {i % 5}",
                "text": template.format(day=day, place=place) + f" (Meldung {i})",
            }
        )
    return out


def write_corpus(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path
