"""The NER tiers behind one interface: `load(tier)` gives the tier's tagger, loaded once per
process.

A tagger maps the tokens of one sentence to outer BIO tags in GermEval classes. The spaCy component
(chronik.nlp.components.entities) and `chronik eval ner` share the taggers loaded here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from chronik.errors import ConfigError

TIERS = ("fast", "accurate")


class Tagger(Protocol):
    name: str

    def tag(self, tokens: Sequence[str]) -> list[str]: ...


def tag_sentences(tagger: Tagger, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Taggers that batch (both shipped tiers) get all sentences at once."""
    many = getattr(tagger, "tag_many", None)
    if many is not None:
        return many(sentences)
    return [tagger.tag(tokens) for tokens in sentences]


def tag_document(tagger: Tagger, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """The sentences of one report, tagged, then made consistent across it: the same name gets the
    label most of its occurrences got (`decoding.consistent_report`)."""
    from chronik.nlp.ner import decoding

    return decoding.consistent_report(sentences, tag_sentences(tagger, sentences))


@lru_cache(maxsize=len(TIERS))
def load(tier: str) -> Tagger:
    """One tagger per tier per process; a tier's modules are imported only when it is used."""
    if tier == "fast":
        from chronik.nlp.ner import fast

        return fast.load_tagger()
    if tier == "accurate":
        from chronik.nlp.ner import accurate

        return accurate.load_tagger()
    raise ConfigError(f"NER tier {tier!r}: choose {' or '.join(repr(t) for t in TIERS)}")
