"""Clause segmentation without a parser: clause spans, their kind (main, subordinate, relative,
zu-infinitive) and the finite-verb position."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.events.phrases import is_noun_like
from chronik.nlp.lang import de

# A clause longer than this many tokens is a list or run-on text: it is cut before an "und"/"oder"
# or a comma, so that roles are not taken from the far end of a list.
MAX_CLAUSE = 60


def clauses(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges between commas, colons, dashes, brackets and quotes; boundaries belong to no
    clause."""
    out: list[tuple[int, int]] = []
    begin = start
    for i in range(start, end):
        tok = doc[i]
        if tok.text == "," and _enumeration_comma(doc, i, end):
            continue
        if (
            tok.text in de.BOUNDARIES
            or (tok.is_space and "\n" in tok.text)  # a double space inside a line is no boundary
            or (tok.is_punct and tok.text in {".", "!", "?", "…"})
        ):
            if i > begin:
                out.append((begin, i))
            begin = i + 1
    if end > begin:
        out.append((begin, end))
    return [part for clause in out for part in _bounded(doc, clause)]


def _bounded(doc: Doc, clause: tuple[int, int]) -> list[tuple[int, int]]:
    """Clauses longer than MAX_CLAUSE tokens (lists, run-on text) are cut before an "und"/"oder", or
    hard, so that every rule that looks at a whole clause stays linear in the length of the text."""
    parts = []
    start, end = clause
    while end - start > MAX_CLAUSE:
        cut = next(
            (
                i
                for i in range(start + MAX_CLAUSE, start + MAX_CLAUSE // 2, -1)
                if doc[i].lower_ in de.CONJUNCTIONS
            ),
            start + MAX_CLAUSE,
        )
        parts.append((start, cut))
        start = cut
    parts.append((start, end))
    return parts


def _enumeration_comma(doc: Doc, i: int, end: int) -> bool:
    """ "der USA, Frankreichs und Großbritanniens": a comma between names that an "und" closes."""
    if (
        i == 0
        or i + 1 >= end
        or not doc[i - 1].text[:1].isupper()
        or not is_noun_like(doc[i + 1].text)
    ):
        return False
    for j in range(i + 2, min(end, i + 5)):
        word = doc[j].lower_
        if word in de.CONJUNCTIONS:
            return True
        if not doc[j].text[:1].isupper() and word != ",":
            return False
    return False


def clause_of(clause_list: list[tuple[int, int]], i: int) -> tuple[int, int] | None:
    for c in clause_list:
        if c[0] <= i < c[1]:
            return c
    return None


def clause_kind(doc: Doc, clause: tuple[int, int], sent_start: int) -> str:
    """main | sub | rel | zu (a zu-infinitive without an opener)."""
    first = doc[clause[0]].lower_
    after_boundary = clause[0] > sent_start
    if first in de.SUBORDINATORS and not _preposition_opener(doc, clause):
        return "sub"
    last = last_word(doc, clause)
    own_aux = [
        i
        for i in range(*clause)
        if doc[i].lower_ in de.AUX and not (i == last and doc[i - 1].lower_ == "zu")
    ]
    if after_boundary and not own_aux and has_zu_infinitive(doc, clause):
        # "..., Kinder verschleppt zu haben": the final "zu haben" is the infinitive itself
        return "zu"
    if after_boundary and _opens_sentence(doc, clause):
        return "main"  # "Streit um Polen: Der Minister will ...", "Kabul – Nahe der Grenze ..."
    if after_boundary and first in de.RELATIVES and _article_v2(doc, clause, last):
        return (
            "main"  # "sagte, die USA würden die Ukraine unterstützen": an article, the verb second
        )
    if after_boundary and (
        first in de.RELATIVES
        or (
            first in de.PREPOSITIONS
            and clause[0] + 1 < clause[1]
            and doc[clause[0] + 1].lower_ in de.RELATIVES
        )
    ):
        return "rel"
    return "main"


# After these, "bis", "seit" and "während" are prepositions, not conjunctions: "Bis zum 4. Mai sind
# Kundgebungen verboten", "seit 2014", "während des Gipfels".
PREPOSITION_AFTER = frozenset(
    {"zum", "zur", "am", "ins", "ans", "auf", "in", "an", "nach", "zu", "des", "dem", "heute"}
)


def _preposition_opener(doc: Doc, clause: tuple[int, int]) -> bool:
    """ "Bis zum Jahresende", "Seit 2014", "Während des Gipfels": a clause opened by a word that is
    both a preposition and a conjunction, used as a preposition (a fused article, a genitive or
    dative article, or a number after it)."""
    if doc[clause[0]].lower_ not in ("bis", "seit", "während") or clause[0] + 1 >= clause[1]:
        return False
    nxt = doc[clause[0] + 1]
    return nxt.lower_ in PREPOSITION_AFTER or nxt.text[:1].isdigit()


def _opens_sentence(doc: Doc, clause: tuple[int, int]) -> bool:
    """A relative pronoun follows a comma and is lower-case; a capitalised "Der" after a colon or a
    dash opens a new sentence."""
    return doc[clause[0]].text[:1].isupper() and doc[clause[0] - 1].text in (":", "–", "—", "-")


def _article_v2(doc: Doc, clause: tuple[int, int], last: int | None) -> bool:
    """ "die USA würden ...", "die russischen Truppen hätten ...": a noun follows the article and a
    finite auxiliary right after it, where a relative clause ends in its finite verb ("die Russland
    unterstützt", "der Zivilisten getötet haben soll")."""
    i = clause[0] + 1
    while (
        i < clause[1]
        and doc[i].text[:1].islower()
        and doc[i].is_alpha
        and doc[i].lower_.endswith(("e", "en", "er", "es", "em"))
        and doc[i].lower_ not in de.AUX
        and doc[i].lower_ not in de.PREPOSITIONS
        and (doc[i].lower_ not in de.PRONOUNS and doc[i].lower_ != "sich")
    ):
        i += 1  # adjectives
    if i >= clause[1] or not is_noun_like(doc[i].text):
        return False
    while i + 1 < clause[1] and is_noun_like(doc[i + 1].text):
        i += 1  # "die Vereinigten Staaten", "der Außenminister Grzegorz Schetyna"
    return last is not None and i + 1 < last and doc[i + 1].lower_ in de.AUX


def has_zu_infinitive(doc: Doc, clause: tuple[int, int]) -> bool:
    last = last_word(doc, clause)
    if last is None:
        return False
    if last > clause[0] and doc[last - 1].lower_ == "zu":
        return True
    word = doc[last].lower_
    return "zu" in word[1:-3] and word.endswith(("en", "ern", "eln"))


def last_word(doc: Doc, clause: tuple[int, int]) -> int | None:
    for i in range(clause[1] - 1, clause[0] - 1, -1):
        if doc[i].is_alpha:
            return i
    return None


def finite_position(doc: Doc, clause: tuple[int, int], verbs: set[int]) -> int | None:
    """The first auxiliary, modal or known verb of the clause: the V2 position in a main clause."""
    for i in range(*clause):
        if doc[i].lower_ in de.AUX or i in verbs:
            return i
    return None
