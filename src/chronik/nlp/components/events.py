"""Events of the 16 types with their arguments. Filled by the events issue; empty until then."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("chronik_events")
def tag_events(doc: Doc) -> Doc:
    """Sets doc._.events: list[chronik.types.Event]."""
    doc._.events = []
    return doc
