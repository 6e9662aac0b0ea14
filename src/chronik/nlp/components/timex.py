"""Temporal expressions resolved against doc._.report_date. Filled by the time issue; empty until then."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("chronik_timex")
def tag_timexes(doc: Doc) -> Doc:
    """Sets doc._.timexes: list[chronik.types.Timex]."""
    doc._.timexes = []
    return doc
