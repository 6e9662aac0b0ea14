"""Events of the 16 types with their arguments (rules: chronik.nlp.events, lexicon in
resources/events)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronik.nlp.events.extract import extract_events


@Language.component("chronik_events", requires=["token.is_sent_start"], assigns=["doc._.events"])
def tag_events(doc: Doc) -> Doc:
    """Sets doc._.events: list[chronik.types.Event], with ids v1, v2, ... in text order.

    Reads doc._.mentions and doc._.timexes when earlier components set them; without mentions, names
    are guessed from capitalisation.
    """
    doc._.events = extract_events(doc) if len(doc) else []
    return doc
