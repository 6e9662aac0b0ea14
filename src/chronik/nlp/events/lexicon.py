"""Trigger and cue lexicons: TSV rows turned into an index from surface forms to entries.

German verbs are matched without a lemmatiser: each row names the infinitive (with "|" before a
separable particle) and the extra stems of strong verbs, and every form is generated from those
stems. Only lower-case tokens are looked up as verbs and only capitalised ones as nouns, which is
what keeps "treffen" (meet) apart from "Treffen" (the meeting) without a tagger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

VERB_SUFFIXES = (
    "e",
    "en",
    "n",
    "st",
    "est",
    "t",
    "et",
    "te",
    "ten",
    "test",
    "tet",
    "ete",
    "eten",
    "etest",
    "etet",
    "end",
    "ende",
    "enden",
    "ene",
    "enen",
    "ener",
    "enes",
    "enem",
    "tes",
    "ter",
    "tem",
    "etes",
    "eter",
)
STRONG_SUFFIXES = ("",) + VERB_SUFFIXES
NOUN_SUFFIXES = ("", "e", "en", "n", "s", "es", "er", "ern", "em")
MIN_COMPOUND_PREFIX = (
    4  # "Luftangriff" yes, "Vereinigung" (ver+Einigung) no; "EU-Gipfel" via the hyphen
)


@dataclass(frozen=True)
class Entry:
    """One lexicon row."""

    lemma: str  # as written, "an|greifen"
    label: str  # event type or claim certainty
    pos: str  # V N NC X
    particle: str = ""
    requires: re.Pattern[str] | None = None
    excludes: re.Pattern[str] | None = None
    kind: str = ""  # claims only: say, report, accuse, deny, hedge, hearsay, ...
    flags: frozenset[str] = frozenset()  # claims only: "complement"
    # searched in the lower-cased document: the sense a topic selects ("Verhandlung" in a court
    # report is the hearing)
    context: re.Pattern[str] | None = None
    # searched in the lower-cased document: a topic in which the row's sense is another one
    # ("trifft in der 48. Minute" in a match report)
    avoid: re.Pattern[str] | None = None

    @property
    def rule_id(self) -> str:
        return self.lemma.replace("|", "")

    def allowed(self, clause_lower: str) -> bool:
        if self.requires is not None and not self.requires.search(clause_lower):
            return False
        return not (self.excludes is not None and self.excludes.search(clause_lower))

    def fits(self, doc_lower: str) -> bool:
        if self.avoid is not None and self.avoid.search(doc_lower) is not None:
            return False
        return self.context is None or self.context.search(doc_lower) is not None


@dataclass(frozen=True)
class VerbHit:
    entry: Entry
    split: bool  # the finite verb of a separable verb: its particle must follow in the clause
    # made only by a present-participle ending ("unterstützende", "lobend"): an adjective or an
    # adverb of manner, which names no occurrence of its own
    present_participle: bool = False


@dataclass
class Lexicon:
    verbs: dict[str, list[VerbHit]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(
        default_factory=dict
    )  # form -> entries usable as compound heads
    exact_nouns: dict[str, list[Entry]] = field(
        default_factory=dict
    )  # form -> entries matched whole only
    compound_only: dict[str, list[Entry]] = field(default_factory=dict)
    stop: set[str] = field(default_factory=set)  # words ending in a trigger noun that are none
    patterns: list[tuple[re.Pattern[str], Entry]] = field(
        default_factory=list
    )  # over lower-cased sentences

    def verb_hits(self, lower: str) -> list[VerbHit]:
        return self.verbs.get(lower, [])

    def noun_entries(self, lower: str) -> list[Entry]:
        """Whole-word nouns first, then the longest known head of a compound ("Raketenangriffe")."""
        if any(lower[cut:] in self.stop for cut in range(len(lower))):
            return []  # a suffix look-up per position: linear in the word, not in the stop list
        found = self.exact_nouns.get(lower, []) + self.nouns.get(lower, [])
        if found:
            return found
        for cut in range(2, len(lower) - 2):
            if cut < MIN_COMPOUND_PREFIX and lower[cut - 1] != "-":
                continue
            head = lower[cut:]
            hits = self.nouns.get(head, []) + self.compound_only.get(head, [])
            if hits:
                return hits
        return []


def _regex(value: str) -> re.Pattern[str] | None:
    return re.compile(value) if value.strip() else None


def verb_forms(lemma: str, extra: list[str]) -> dict[str, bool]:
    """Surface forms of one verb -> whether the form is a split finite verb that needs its
    particle."""
    particle, _, verb = lemma.rpartition("|")
    base = verb[:-2] if verb.endswith("en") else verb[:-1] if verb.endswith("n") else verb
    stems = [(base, VERB_SUFFIXES)] + [
        (s, STRONG_SUFFIXES) for s in extra if not s.startswith(("=", "-"))
    ]
    exact = [s[1:] for s in extra if s.startswith("=")]
    forms: dict[str, bool] = {}
    for stem, suffixes in stems:
        for suffix in suffixes:
            for form, participle in ((stem + suffix, False), ("ge" + stem + suffix, True)):
                if particle:
                    forms.setdefault(particle + form, False)
                    forms.setdefault(particle + "zu" + stem + suffix, False)
                    if not participle:
                        forms.setdefault(form, True)
                else:
                    forms.setdefault(form, False)
    for form in exact:
        forms.setdefault(form, bool(particle))
    forms[particle + verb] = False
    for item in extra:
        if item.startswith("-"):
            forms.pop(item[1:], None)
    return forms


PRESENT_PARTICIPLE_SUFFIXES = ("end", "ende", "enden")


def present_participles(lemma: str, extra: list[str]) -> set[str]:
    """The forms of one verb that only its present participle makes ("unterstützende", not
    "spenden", which is also the infinitive of the stem "spend")."""
    particle, _, verb = lemma.rpartition("|")
    base = verb[:-2] if verb.endswith("en") else verb[:-1] if verb.endswith("n") else verb
    stems = [base] + [s for s in extra if not s.startswith(("=", "-"))]
    made = {particle + s + x for s in stems for x in PRESENT_PARTICIPLE_SUFFIXES}
    others = {
        particle + s + x
        for s in stems
        for x in STRONG_SUFFIXES
        if x not in PRESENT_PARTICIPLE_SUFFIXES
    }
    return made - others - {particle + verb}


def _noun_forms(lemma: str, extra: list[str]) -> set[str]:
    lower = lemma.lower()
    out = {lower + s for s in NOUN_SUFFIXES}
    for item in extra:
        if item.startswith("="):
            out.add(item[1:])
        else:
            out.update(item + s for s in NOUN_SUFFIXES)
    return out


def parse(text: str, label_column: int = 1) -> Lexicon:
    """Parse a lexicon TSV (comment lines start with #, the first other line is the header)."""
    lexicon = Lexicon()
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = rows[0].split("\t")
    for line in rows[1:]:
        cells = dict(zip(header, (c.strip() for c in line.split("\t"))))
        extra = [s.strip() for s in cells.get("forms", "").split(",") if s.strip()]
        lemma, pos = cells["lemma"], cells["pos"]
        requires = cells.get("requires", "")
        entry = Entry(
            lemma=lemma,
            label=cells.get("type") or cells.get("certainty", ""),
            pos=pos,
            particle=lemma.rpartition("|")[0],
            requires=None if requires.startswith("doc:") else _regex(requires),
            excludes=_regex(cells.get("excludes", "")),
            kind=cells.get("kind", ""),
            flags=frozenset(cells.get("flags", "").split()),
            context=_regex(requires[4:]) if requires.startswith("doc:") else None,
            avoid=_regex(cells.get("unless_doc", "")),
        )
        if pos == "STOP":
            lexicon.stop.update(_noun_forms(lemma, extra))
            continue
        if pos == "P":
            lexicon.patterns.append((re.compile(lemma), entry))
            continue
        if pos == "V":
            participles = present_participles(lemma, extra)
            for form, split in verb_forms(lemma, extra).items():
                hit = VerbHit(entry, split, form in participles and not split)
                lexicon.verbs.setdefault(form, []).append(hit)
            continue
        target = {"N": lexicon.nouns, "NC": lexicon.compound_only, "X": lexicon.exact_nouns}[pos]
        forms = (
            {f[1:] for f in extra if f.startswith("=")} if pos == "X" else _noun_forms(lemma, extra)
        )
        for form in forms:
            target.setdefault(form, []).append(entry)
    return lexicon


@cache
def load(path: str) -> Lexicon:
    """Loaded once per process from package data (`path` relative to chronik/nlp/resources)."""
    return parse(
        resources.files("chronik.nlp.resources").joinpath(path).read_text(encoding="utf-8")
    )


def triggers() -> Lexicon:
    return load("events/triggers.tsv")


def cues() -> Lexicon:
    return load("claims/cues.tsv")
