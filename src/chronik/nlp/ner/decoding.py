"""From tagged tokens to mentions: chunking BIO tags, splitting GermEval labels, normalising names.

Lemmas follow what a reader would look up: the genitive "Russlands" is "Russland", "Schoigus" is
"Schoigu" (when the report or a name list knows the bare form), derived adjectives lose their
inflection ("russischen" -> "russisch").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from functools import lru_cache

from chronik.nlp.ner.gazetteers import Gazetteers
from chronik.nlp.ner.germeval import chunks

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


MAX_LISTED_WORDS = 6  # the longest organisation name the lists hold, in words
# Words inside a name that no name ends with ("Institut für Nationales Gedenken", "Block gegen den
# Islam"); "und" joins two names as often as it continues one: a span never grows left over it.
NAME_JOINERS = frozenset(
    (
        "für",
        "und",
        "der",
        "des",
        "die",
        "den",
        "dem",
        "von",
        "vom",
        "zur",
        "zum",
        "gegen",
        "am",
        "im",
    )
)
ISCH_ENDINGS = ("ische", "ischen", "ischer", "isches", "ischem")  # "Islamischen", "Arabische"


def mend(
    words: Sequence[str],
    tags: Sequence[str],
    organisations: frozenset[str],
    places: Collection[str],
) -> list[str]:
    """A sentence's tags after the repairs below."""
    return org_bounds(words, listed_organisations(words, tags, organisations, places))


@lru_cache(maxsize=4)
def _first_words(names: frozenset[str]) -> frozenset[str]:
    return frozenset(name.split(" ")[0] for name in names)


def listed_organisations(
    words: Sequence[str], tags: Sequence[str], names: frozenset[str], places: Collection[str]
) -> list[str]:
    """Untagged runs of words that spell a listed organisation ("Vereinten Nationen", "Weltbank")
    tagged B-ORG/I-ORG, the longest name first; one-word names that are also places ("Barcelona")
    are left to the model."""
    firsts = _first_words(names)
    out = list(tags)
    i = 0
    while i < len(words):
        if out[i] != "O" or words[i] not in firsts:
            i += 1
            continue
        for n in range(min(MAX_LISTED_WORDS, len(words) - i), 0, -1):
            if any(t != "O" for t in out[i : i + n]) or (
                i + n < len(words) and out[i + n].startswith("I-")
            ):
                continue
            name = " ".join(words[i : i + n])
            if name in names and not (n == 1 and name in places):
                out[i : i + n] = ["B-ORG"] + ["I-ORG"] * (n - 1)
                i += n - 1
                break
        i += 1
    return out


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(c.islower() for c in word)


def org_bounds(words: Sequence[str], tags: Sequence[str]) -> list[str]:
    """ORG spans that begin or end where no name does, mended. A span starting with a joining word
    ("für Menschenrechte und ...") takes the capitalised untagged word before it ("Kommission"), or
    else loses the joiner; a span ending with one ("Instituts für") runs on over the capitalised
    untagged words after it, or else loses the joiner; a span ending with an -isch adjective
    ("Islamischen") takes the capitalised untagged noun after it ("Staat")."""
    out = list(tags)
    for a, b, label in chunks(out):
        if label != "ORG":
            continue
        if words[a] in NAME_JOINERS:
            if words[a] != "und" and a > 0 and out[a - 1] == "O" and _capitalised(words[a - 1]):
                out[a - 1], out[a] = "B-ORG", "I-ORG"
            elif b - a > 1:
                out[a], out[a + 1] = "O", "B-ORG"
        end = b
        if words[b - 1] in NAME_JOINERS and b - a > 1:
            while (
                end < len(words)
                and out[end] == "O"
                and (_capitalised(words[end]) or words[end] in NAME_JOINERS)
            ):
                end += 1
            while end > b and words[end - 1] in NAME_JOINERS:
                end -= 1
            if end == b:
                out[b - 1] = "O"
        elif (
            b < len(words)
            and out[b] == "O"
            and _capitalised(words[b])
            and _capitalised(words[b - 1])
            and words[b - 1].endswith(ISCH_ENDINGS)
        ):
            end = b + 1
        out[b:end] = ["I-ORG"] * (end - b)
    return out


def consistent_report(
    sentences: Sequence[Sequence[str]], tagged: Sequence[Sequence[str]]
) -> list[list[str]]:
    """One sense per discourse over one report's tagged sentences: the same words tagged as names
    of different labels in different places all get the label most of them got (a tie changes
    nothing). "Lukaschenko" as PER three times and LOC once is PER four times."""
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for words, tags in zip(sentences, tagged):
        for a, b, label in chunks(tags):
            votes.setdefault(tuple(words[a:b]), Counter())[label] += 1
    best: dict[tuple[str, ...], str] = {}
    for name, count in votes.items():
        (label, n), *rest = count.most_common(2)
        if rest and rest[0][1] < n:
            best[name] = label
    out = [list(tags) for tags in tagged]
    for words, tags in zip(sentences, out):
        for a, b, label in chunks(tags):
            chosen = best.get(tuple(words[a:b]), label)
            if chosen != label:
                tags[a:b] = [f"B-{chosen}"] + [f"I-{chosen}"] * (b - a - 1)
    return out
