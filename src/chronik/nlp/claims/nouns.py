"""Claims opened by a noun with a complement clause: "der Verdacht, dass P", "Berichte, wonach P".

The noun names the attribution; the proposition is the clause after the comma (conventions 5.3:
with a separate attributing clause only the complement). Inside another speaker's proposition
such a claim is one of its own (5.2), see splits.nested.
"""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.claims import build
from chronik.nlp.claims.build import Draft, Sentence
from chronik.nlp.claims.cues import Cue
from chronik.nlp.events import phrases
from chronik.nlp.events.phrases import DocIndex
from chronik.nlp.lang import de

NOUN_REACH = 3  # tokens between the noun and the comma: "den Verdacht der Behörden, dass"

# Heads of nouns whose content a "wonach" clause gives: reports, statements, findings. Not rules,
# plans or laws ("eine Verordnung, wonach ...", "der Vorschlag, wonach ..."), which state no fact,
# nor accusation nouns ("der Vorwurf, wonach ..."), which claims.charges reads.
INFORMATION_HEADS = (
    "bericht",
    "berichte",
    "meldung",
    "meldungen",
    "angaben",
    "aussage",
    "aussagen",
    "äußerung",
    "äußerungen",
    "information",
    "informationen",
    "studie",
    "analyse",
    "gerücht",
    "gerüchte",
    "schätzung",
    "schätzungen",
    "behauptung",
    "behauptungen",
    "darstellung",
    "einschätzung",
    "umfrage",
    "erkenntnisse",
    "hinweise",
    "spekulationen",
    "vermutung",
    "vermutungen",
    "mitteilung",
    "erklärung",
    "gutachten",
    "unterlagen",
    "dokumente",
)


def draft(doc: Doc, index: DocIndex, sent: Sentence, cue: Cue) -> Draft | None:
    """The claim a cue opens: "wonach" after a noun of information, an accusation noun with a
    dass-clause, else what build.draft_for makes of it."""
    if doc[cue.start].lower_ == "wonach":
        return _wonach(doc, index, sent, cue)
    made = build.draft_for(doc, index, sent, cue)
    if made is not None and cue.kind == "accuse" and cue.entry is not None:
        span = _complement_after_noun(doc, sent, cue)
        if span is not None and cue.entry.pos != "V":
            made.start, made.end = span
            made.complement = True
    return made


def qualifies(sent: Sentence, made: Draft, q: Cue) -> bool:
    """ "unbestätigte Medienberichte, wonach P": a hedge on the noun is the report's own, on P."""
    if made.rule != "wonach" or made.cue is None:
        return False
    n = next((k for k, c in enumerate(sent.clauses) if c[0] == made.cue.start), 0)
    return n > 0 and sent.clauses[n - 1][0] <= q.start < made.cue.start


def _complement_after_noun(doc: Doc, sent: Sentence, cue: Cue) -> tuple[int, int] | None:
    """ "nährten den Verdacht, dass P": the noun ends its clause and a dass-clause follows."""
    n = next((k for k, c in enumerate(sent.clauses) if c[0] <= cue.start < c[1]), None)
    if n is None or n + 1 >= len(sent.clauses):
        return None
    clause, after = sent.clauses[n], sent.clauses[n + 1]
    words = [i for i in range(cue.end, clause[1]) if doc[i].is_alpha]
    if len(words) >= NOUN_REACH or doc[after[0]].lower_ not in ("dass", "daß"):
        return None
    return after[0], _end(doc, sent, n + 1)


def _wonach(doc: Doc, index: DocIndex, sent: Sentence, cue: Cue) -> Draft | None:
    """ "unbestätigte Medienberichte, wonach P": reported, the noun before the comma is the
    source (5.4)."""
    n = next((k for k, c in enumerate(sent.clauses) if c[0] == cue.start), None)
    if n is None or n == 0 or doc[cue.start - 1].text != ",":
        return None
    before = [c for c in phrases.candidates(index, *sent.clauses[n - 1]) if not c.genitive]
    if not before or cue.start - 1 - before[-1].end > NOUN_REACH:
        return None  # "Berichte der Zeitung, wonach", "liegt eine Analyse zugrunde, wonach"
    if not doc[before[-1].head].lower_.endswith(INFORMATION_HEADS):
        return None
    made = Draft(cue.start, _end(doc, sent, n), "reported", sent.index, cue)
    made.complement, made.rule = True, "wonach"
    made.source = _noun_phrase(doc, before[-1])
    return made


def _noun_phrase(doc: Doc, cand: phrases.Candidate):
    """The noun with its adjectives back to its article ("eine Analyse", not "liege eine
    Analyse")."""
    if cand.mention is not None:
        return cand.span(doc)
    start = cand.head
    while start > max(cand.np_start, 0) and doc[start - 1].is_alpha:
        start -= 1
        if doc[start].lower_ in de.DETERMINERS:
            break
    return phrases.token_span(doc, start, cand.head + 1)


def _end(doc: Doc, sent: Sentence, n: int) -> int:
    """The complement clause and what depends on it, up to a coordinated main clause ("..., und
    sagte, ...") or an inverted verb ("..., sagte X")."""
    end = build.phrase_end(doc, sent, n)
    for start, stop in sent.clauses[n + 1 :]:
        if start >= end:
            break
        first = doc[start]
        coordinated = first.lower_ in de.CLAUSE_COORDINATORS
        if coordinated and start + 1 < stop and doc[start + 1].text[:1].islower():
            return start
        opener = first.lower_ in de.SUBORDINATORS or first.lower_ in de.RELATIVE_PRONOUNS
        if first.is_alpha and first.text[:1].islower() and not opener and not coordinated:
            return start  # "..., sagte die Ministerin": the attribution of the whole sentence
    return end
