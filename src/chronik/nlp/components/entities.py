"""Named-entity mentions (GermEval 2014 classes). Filled by the NER issue; empty until then."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "entities:none-0"


@Language.factory("chronik_entities", default_config={"tier": "fast"})
def make_entities(nlp: Language, name: str, tier: str) -> "EntityTagger":
    return EntityTagger(tier)


class EntityTagger:
    """Sets doc._.mentions: list[chronik.types.Mention]."""

    def __init__(self, tier: str) -> None:
        self.tier = tier

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = []
        return doc
