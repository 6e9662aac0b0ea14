"""The fast tier's run-time tagger: a linear-chain CRF (python-crfsuite) over sparse features.

The model (`fast.crfsuite`), its word lexicon and e5 word classes are built by `training.ner_fast`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from chronik.errors import ConfigError
from chronik.nlp.ner.fast_features import load_fast_features
from chronik.nlp.ner.model_files import model_dir, model_info

CRF_FILE = "fast.crfsuite"
LEXICON_FILE = "lexicon.tsv"
MAX_SENTENCE = 400  # longer token runs are tagged in windows: features are not free


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
        """The word classes of a document's new forms are computed in one batch, not per
        sentence."""
        self.features.prepare([t for tokens in sentences for t in tokens])
        return [self.tag(tokens) for tokens in sentences]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        tags: list[str] = []
        for start in range(0, len(tokens), MAX_SENTENCE):
            window = tokens[start : start + MAX_SENTENCE]
            tags.extend(self._tagger.tag(self.features.sentence(window)))
        return tags


def load_tagger() -> CrfTagger:
    """The shipped fast model, named with its version from metrics.json."""
    version = model_info("fast").get("version", "0")
    return CrfTagger(model_dir() / CRF_FILE, f"crf-{version}")
