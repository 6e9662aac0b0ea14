"""Trained taggers behind the tiers, loaded from package data (chronik/models/ner/).

A tagger maps the tokens of one sentence to outer BIO tags in GermEval classes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import pycrfsuite

from chronik.errors import ConfigError
from chronik.nlp.ner.fast_features import load_fast_features

MODEL_PACKAGE = "chronik.models.ner"
CRF_FILE = {"fast": "fast.crfsuite"}
LEXICON_FILE = "lexicon.tsv"
LEXICON_HEADER = (
    "# Words seen inside named entities in GermEval 2014 NER-de-dev.tsv (CC BY 4.0; Benikova, Biemann,\n"
    "# Reznicek, LREC 2014), with the label they most often carry. Written by training.ner_fast.\n"
)
MAX_SENTENCE = (
    400  # longer token runs are tagged in windows: Viterbi is linear, but features are not free
)


class Tagger(Protocol):
    name: str

    def tag(self, tokens: Sequence[str]) -> list[str]: ...


def model_dir() -> Path:
    return Path(str(resources.files(MODEL_PACKAGE)))


def model_info(tier: str) -> dict:
    path = model_dir() / "metrics.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get(tier, {})


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    path = model_dir() / LEXICON_FILE
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))


class CrfTagger:
    """Linear-chain CRF over sparse word, shape, affix, gazetteer and context features."""

    def __init__(self, path: Path, name: str) -> None:
        if not path.is_file():
            raise ConfigError(f"NER model {path} is missing; build it with `make models`")
        self.name = name
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self.features = load_fast_features(path.parent, lexicon())

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The word classes of a document's new forms are computed in one batch, not one per sentence."""
        self.features.prepare([t for tokens in sentences for t in tokens])
        return [self.tag(tokens) for tokens in sentences]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        tags: list[str] = []
        for start in range(0, len(tokens), MAX_SENTENCE):
            window = tokens[start : start + MAX_SENTENCE]
            tags.extend(self._tagger.tag(self.features.sentence(window)))
        return tags


def tag_sentences(tagger: Tagger, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Taggers that batch (the transformer tier) get all sentences at once."""
    many = getattr(tagger, "tag_many", None)
    if many is not None:
        return many(sentences)
    return [tagger.tag(tokens) for tokens in sentences]


@lru_cache(maxsize=4)
def load(tier: str) -> Tagger:
    """One tagger per tier per process; the component and `chronik eval ner` share it."""
    if tier == "fast":
        version = model_info("fast").get("version", "0")
        return CrfTagger(model_dir() / CRF_FILE["fast"], f"crf-{version}")
    if tier == "accurate":
        from chronik.nlp.ner.finetuned import load_finetuned

        return load_finetuned()
    raise ConfigError(f"NER tier {tier!r}: choose 'fast' or 'accurate'")
