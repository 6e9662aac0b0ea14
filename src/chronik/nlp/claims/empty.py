"""Denials with nothing to deny: "Das stimmt nicht." or "Die Regierung weist das zurück." at the
start of a report, or after a question, point back at no claim and make none themselves."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.claims.build import Draft
from chronik.nlp.lang import de
from chronik.types import Span


def drop_empty_denials(
    doc: Doc, kept: list[tuple[Draft, Span]], ids: list[str]
) -> tuple[list[tuple[Draft, Span]], list[str]]:
    """ "Das stimmt nicht." or "Die Regierung weist das zurück." with nothing before it to deny is
    no claim: a denial that only points back needs something to point at."""
    drop = {
        ids[n]
        for n, (draft, span) in enumerate(kept)
        if draft.certainty == "denied" and not draft.contradicts and _only_points_back(doc, draft)
    }
    if not drop:
        return kept, ids
    pairs = [(item, cid) for item, cid in zip(kept, ids) if cid not in drop]
    for (draft, _span), _cid in pairs:
        draft.contradicts = [c for c in draft.contradicts if c not in drop]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _only_points_back(doc: Doc, draft: Draft) -> bool:
    """No noun of its own in the span besides the source's: "Er bestreitet das"."""
    source = set()
    if draft.source is not None:
        source = {
            i
            for i in range(draft.start, draft.end)
            if draft.source.start <= doc[i].idx < draft.source.end
        }
    return not any(
        doc[i].is_alpha
        and doc[i].text[:1].isupper()
        and i not in source
        and doc[i].lower_ not in de.ANAPHORIC_WORDS
        and doc[i].text not in de.FUNCTION_CAPS
        for i in range(draft.start, draft.end)
    )
