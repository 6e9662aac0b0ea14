"""Attributions after the proposition: "P, so der Minister." and "P, so der Vorwurf."

A short last clause that opens with "so" and holds only a noun phrase names who says the sentence
before it. An accusation noun there ("so der Vorwurf", "so die Anklage") names no speaker: the
claim is alleged and its source is null; a report noun ("so eine Aussendung") makes it reported.
"""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.claims import cues, speakers, splits
from chronik.nlp.claims.build import Draft, Sentence
from chronik.nlp.events import phrases
from chronik.nlp.events.phrases import DocIndex
from chronik.nlp.lang import de

MAX_TAIL = 10  # tokens of "so" + the speaker's noun phrase ("so der Sprecher des Ministeriums")


def so_attribution(doc: Doc, index: DocIndex, sent: Sentence) -> list[Draft]:
    """ "P, so X." names who says P; "P, so X: Q" too, and Q after the colon is more of X's
    speech, a claim of its own (5.2) in direct speech (no cue, asserted)."""
    k = _so_clause(doc, sent)
    if k is None:
        return []
    start, end = sent.clauses[k]
    while end > start and not doc[end - 1].is_alpha:
        end -= 1
    cands = [c for c in phrases.candidates(index, start + 1, end) if c.prep is None]
    if not cands:
        return []
    head = doc[cands[0].head].lower_
    certainty, source = "asserted", speakers.source_span(doc, index, cands[0])
    cue_end = start + 1
    if head in de.ACCUSATION_NOUNS:
        certainty, source, cue_end = "alleged", None, end
    elif head in de.REPORT_WORDS or head.endswith(tuple(de.REPORT_WORDS)):
        certainty = "reported"  # "so eine Aussendung": the document is the source (5.4)
    cue = cues.Cue("so", certainty, start, cue_end)
    first, last = sent.clauses[0][0], sent.clauses[k - 1][1]
    out = [Draft(first, last, certainty, sent.index, cue, source, complement=True, rule="so-tail")]
    if k + 1 < len(sent.clauses) and source is not None:
        rest = sent.clauses[k + 1 :]
        out.append(
            Draft(
                rest[0][0],
                rest[-1][1],
                "asserted",
                sent.index,
                None,
                source,
                complement=True,
                rule="so-colon",
                continues=True,
            )
        )
    return out


def _so_clause(doc: Doc, sent: Sentence) -> int | None:
    """The clause "so" + a noun phrase: the last one, or one that a colon ends."""
    for k in range(1, len(sent.clauses)):
        start, end = sent.clauses[k]
        last = k == len(sent.clauses) - 1
        if not last and (end >= sent.end or doc[end].text != ":"):
            continue
        while end > start and not doc[end - 1].is_alpha:
            end -= 1
        if doc[start].lower_ != "so" or not 1 < end - start <= MAX_TAIL:
            continue
        second = doc[start + 1]
        if not last and second.text[:1].islower() and second.lower_ not in de.DETERMINERS:
            continue  # "Wenn ..., so fällt der Sender ...: Q": "so" opens a main clause
        if any(
            doc[i].text[:1].islower() and _verb_like(doc[i].lower_) for i in range(start + 1, end)
        ):
            continue  # "so dass ...", "so wie er sagte": a clause, not a speaker
        return k
    return None


def _verb_like(word: str) -> bool:
    return word in de.AUX or word in de.SUBJUNCTIVE or word in ("dass", "wie", "weit", "lange")


BACK_WINDOW = 2  # sentences back that "demnach" / "den Angaben zufolge" reach for their source


def fill_sources(doc: Doc, index: DocIndex, drafts: list[Draft]) -> None:
    """Sources the cue itself does not name: "Demnach ..." and "den Angaben zufolge" go on with the
    source of the claim before (5.4: a clear antecedent); a denial idiom ("stellte Kurz in Abrede")
    is the subject's of its clause."""
    previous: Draft | None = None
    last: Draft | None = None
    filled: set[int] = set()
    for draft in sorted(drafts, key=lambda d: d.start):
        if draft.source is None and draft.said_with is not None:
            draft.source = draft.said_with.source  # cut from that claim at a colon
            filled.add(id(draft))
        elif draft.source is None and draft.continues and last is not None and id(last) in filled:
            draft.source = last.source  # indirect speech going on after "den Angaben zufolge"
            filled.add(id(draft))
        elif draft.source is None and draft.cue is not None:
            if _refers_back(doc, draft) and previous is not None:
                if draft.sentence - previous.sentence <= BACK_WINDOW:
                    draft.source = previous.source
                    filled.add(id(draft))
            elif _denial_idiom(draft):
                draft.source = _clause_subject(doc, index, draft)
        if draft.source is not None and not splits.is_nested(draft):
            previous = draft
        last = draft


def _refers_back(doc: Doc, draft: Draft) -> bool:
    """ "Demnach", "den/diesen Angaben zufolge" (the cue may be "zufolge" alone)."""
    start = max(draft.cue.start - 2, 0) if doc[draft.cue.start].lower_ == "zufolge" else None
    words = [doc[i].lower_ for i in range(start or draft.cue.start, draft.cue.end)]
    return words == ["demnach"] or (
        words[-2:] == ["angaben", "zufolge"] and bool({"den", "diesen"} & set(words))
    )


def _denial_idiom(draft: Draft) -> bool:
    cue = draft.cue
    return cue is not None and cue.kind == "deny" and cue.entry is not None and cue.entry.pos == "P"


def _clause_subject(doc: Doc, index: DocIndex, draft: Draft):
    """The first noun phrase of the cue's clause that no object article opens."""
    sent = doc[draft.cue.start].sent
    start = draft.cue.start
    while start > sent.start and doc[start - 1].text not in (",", ":", ";"):
        start -= 1
    end = draft.cue.end
    while end < sent.end and doc[end].text not in (",", ".", ":", ";"):
        end += 1
    for cand in phrases.candidates(index, start, end):
        first = doc[cand.np_start if cand.np_start >= 0 else cand.start].lower_
        object_marked = first in de.OBJECT_ARTICLES or first == "den"
        if cand.prep is None and not cand.genitive and not object_marked:
            return speakers.source_span(doc, index, cand)
    return None
