"""Temporal expressions resolved against doc._.report_date (see chronik.nlp.timex for the
engine)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronik.nlp.timex import find_timexes


@Language.component("chronik_timex", assigns=["doc._.timexes"])
def tag_timexes(doc: Doc) -> Doc:
    """Sets doc._.timexes: list[chronik.types.Timex]; sentence boundaries (when set) guide the tense
    reading."""
    tokens = doc if doc.has_annotation("SENT_START") else None
    doc._.timexes = find_timexes(doc.text, doc._.report_date, tokens)
    return doc
