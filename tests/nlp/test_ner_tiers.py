"""One interface over the NER tiers: `load(tier)` and `tag_sentences` (the taggers:
test_entities.py)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from chronik.errors import ConfigError
from chronik.nlp.ner import tiers


class OneByOne:
    """A tagger without `tag_many`: it is given one sentence at a time."""

    name = "one-by-one"

    def __init__(self) -> None:
        self.calls = 0

    def tag(self, tokens: Sequence[str]) -> list[str]:
        self.calls += 1
        return ["B-PER" if t[:1].isupper() else "O" for t in tokens]


def test_unknown_tier_names_the_choices() -> None:
    with pytest.raises(ConfigError, match="'fast' or 'accurate'"):
        tiers.load("huge")


def test_a_tier_is_loaded_once_per_process() -> None:
    first = tiers.load("fast")
    assert tiers.load("fast") is first
    assert first.name.startswith("crf-")


def test_a_tagger_without_batching_is_given_each_sentence() -> None:
    tagger = OneByOne()
    tags = tiers.tag_sentences(tagger, [["Merkel", "kam"], [], ["in", "Berlin"]])
    assert tags == [["B-PER", "O"], [], ["O", "B-PER"]]
    assert tagger.calls == 3
