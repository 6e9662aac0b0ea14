"""Attributed and hedged claims. Filled by the events-and-claims issue; empty until then."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("chronik_claims")
def tag_claims(doc: Doc) -> Doc:
    """Sets doc._.claims: list[chronik.types.Claim]."""
    doc._.claims = []
    return doc
