"""From tagged tokens to mentions: chunking BIO tags, splitting GermEval labels, normalising names.

Lemmas follow what a reader would look up: the genitive "Russlands" is "Russland", "Schoigus" is
"Schoigu" (when the report or a name list knows the bare form), derived adjectives lose their
inflection ("russischen" -> "russisch").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from chronik.nlp.ner.gazetteers import Gazetteers

ADJ_ENDINGS = ("en", "em", "er", "es", "e")
INSTITUTION = re.compile(
    r"^[A-ZÄÖÜ][a-zäöüß-]*(ministerium|ministerien)$|^(Außenamt|Kreml|Generalstab)$"
)
INSTITUTION_RULE = "rule:institution-in-place"
SAME_NAME_RULE = "rule:same-name-in-report"
# GermEval tags currency names OTH ("Euro": 47 times in its dev file); chronik's annotation spec
# does not count them as names (none of events-dev's 960 gold mentions is one), and a currency is no
# entity to link, map or follow. The taggers keep GermEval's convention (`chronik eval ner`); the
# pipeline drops these.
CURRENCIES = frozenset(
    (
        "Euro", "Cent", "Dollar", "US-Dollar", "Franken", "Pfund", "Rubel", "Yuan", "Renminbi",
        "Yen", "Lira", "Zloty", "Złoty", "Forint", "Kronen", "Krone", "Dinar", "Rial", "Riyal",
        "Rupien", "Rupie", "Hrywnja", "Hrywnia", "Schilling", "Peso", "Bitcoin",
    )
)  # fmt: skip
MIN_GENITIVE = 4  # shorter words ending in -s ("Bus", "Eis") are not a name plus genitive -s
MIN_REPEATED_NAME = 3  # shorter names ("Xi", "EU") are too often other words to spread in a report


def is_currency(text: str, kind: str, sub: str | None) -> bool:
    """An OTH mention that is only a currency's name ("Euro", "US-Dollar")."""
    return kind == "OTH" and sub is None and text in CURRENCIES


def split_label(label: str) -> tuple[str, str | None]:
    """'LOCderiv' -> ('LOC', 'deriv'); 'PER' -> ('PER', None)."""
    for sub in ("deriv", "part"):
        if label.endswith(sub):
            return label[: -len(sub)], sub
    return label, None


def genitive_stem(word: str, known: Collection[str], gaz: Gazetteers) -> str:
    """The bare name of a genitive ("Russlands", "Obamas", "Merkel’s"), or the word itself."""
    for apostrophe in ("'s", "’s", "'", "’"):
        if word.endswith(apostrophe) and len(word) > len(apostrophe) + 1:
            return word[: -len(apostrophe)]
    if len(word) < MIN_GENITIVE or not word.endswith("s") or word.endswith("ss"):
        return word
    stem = word[:-1]
    if stem in known:
        return stem
    if _listed(word, gaz):  # Paris, Markus, Carlos end in -s themselves
        return word
    return stem if _listed(stem, gaz) else word


def _listed(name: str, gaz: Gazetteers) -> bool:
    return name in gaz.places or name in gaz.last or name in gaz.first or name in gaz.orgs


def lemma(text: str, kind: str, sub: str | None, known: Collection[str], gaz: Gazetteers) -> str:
    """`known`: bare forms of names found elsewhere in the same document."""
    if sub == "deriv":
        lower = text.lower()
        for ending in ADJ_ENDINGS:
            if lower.endswith(ending) and lower[: -len(ending)].endswith(("isch", "sch")):
                return lower[: -len(ending)]
        return text
    if sub == "part":
        return text
    words = text.split(" ")
    words[-1] = genitive_stem(words[-1], known, gaz)
    return " ".join(words)


def institutions_in_places(words: Sequence[str], tags: Sequence[str]) -> list[int]:
    """Indexes of words like "Verteidigungsministerium" followed by "in"/"aus" and a tagged place:
    the annotation guidelines make the institution an ORG only when a place name fixes which one it
    is."""
    found = []
    for i in range(len(words) - 2):
        if (
            tags[i] == "O"
            and INSTITUTION.match(words[i])
            and words[i + 1] in ("in", "aus")
            and tags[i + 2] == "B-LOC"
        ):
            found.append(i)
    return found


def names_in_report(mentions: Sequence[tuple[str, str, str | None]]) -> dict[str, str]:
    """Word -> type for names the model tagged somewhere in a report: the surname of a full person
    name ("Alexander Lukaschenko" -> "Lukaschenko") and one-word names. A later bare "Lukaschenko"
    that the model missed is the same name (one sense per discourse)."""
    names: dict[str, str] = {}
    for text, kind, sub in mentions:
        words = text.split(" ")
        if sub is not None or kind == "OTH":
            continue
        if kind == "PER" and len(words) >= 2:
            names.setdefault(words[-1], kind)
        elif len(words) == 1:
            names.setdefault(words[0], kind)
    return {
        w: k
        for w, k in names.items()
        if len(w) >= MIN_REPEATED_NAME and w[:1].isupper() and not w.isupper()
    }
