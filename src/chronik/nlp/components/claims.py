"""Attributed and hedged claims (rules: chronik.nlp.claims, cue lexicon in resources/claims)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronik.nlp.claims.extract import extract_claims


@Language.component("chronik_claims", requires=["doc._.events"], assigns=["doc._.claims"])
def tag_claims(doc: Doc) -> Doc:
    """Sets doc._.claims: list[chronik.types.Claim], ids c1, c2, ...; `events` refers to
    doc._.events ids."""
    doc._.claims = extract_claims(doc, list(doc._.events or [])) if len(doc) else []
    return doc
