"""The accurate tier's onnxruntime paths (float32 and int8) against the numpy reference, on the
shipped model; and that the shipped tagger loads without a network."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from chronik.errors import ConfigError
from chronik.nlp.ner import accurate, e5_onnx
from chronik.nlp.ner.accurate import E5AdapterTagger, choose_backend, encode_windows
from chronik.nlp.ner.model_files import model_dir, model_info

pytestmark = pytest.mark.skipif(not e5_onnx.available(), reason="onnxruntime is not installed")

SENTENCES = [
    s.split(" ")
    for s in (
        "Angela Merkel traf Wladimir Putin am Montag in Moskau .",
        "Der russische Verteidigungsminister Sergei Schoigu sprach mit Alexander Lukaschenko .",
        "Die Nato und die Europäische Union beraten in Brüssel über die Ukraine .",
        "Laut Reuters will Siemens in Wien 300 Stellen streichen .",
    )
]
# Tags of the shipped default member (int8 path) on SENTENCES; a retrained model changes them.
EXPECTED = [
    ["B-PER", "I-PER", "O", "B-PER", "I-PER", "O", "O", "O", "B-LOC", "O"],
    ["O", "B-LOCderiv", "O", "B-PER", "I-PER", "O", "O", "B-PER", "I-PER", "O"],
    ["O", "B-ORG", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O", "O", "B-LOC", "O"],
    ["O", "B-ORG", "O", "B-ORG", "O", "B-LOC", "O", "O", "O", "O"],
]
# Tolerances on the tag scores (emissions, which reach up to ~13 here): float32 in onnxruntime is the
# same arithmetic in another order; int8 weights move scores by up to ~1 but keep their pattern
# (correlation 0.998). On 19,445 words of news the int8 path's tags differ from numpy's on 78 (0.4 %);
# on SENTENCES none may differ.
FLOAT_MAX_ERROR = 1e-3
INT8_MAX_ERROR = 1.5
INT8_MIN_CORRELATION = 0.995


@pytest.fixture(scope="module")
def member_path():
    seeds = model_info("accurate").get("run_seeds", [])
    assert seeds, "metrics.json names no default member (run_seeds)"
    return model_dir() / f"finetuned-{seeds[0]}.npz"


@pytest.fixture(scope="module")
def taggers(member_path) -> dict[str, E5AdapterTagger]:
    return {b: E5AdapterTagger([member_path], b, b) for b in accurate.BACKENDS}


def test_the_default_member_tags_reference_sentences_as_recorded(taggers) -> None:
    assert taggers["int8"].tag_many(SENTENCES) == EXPECTED


def test_float_onnx_and_int8_paths_match_numpy(taggers) -> None:
    items = [w for s in SENTENCES for w in encode_windows(taggers["numpy"].encoder, s)]
    which = range(len(items))

    def emissions(tagger: E5AdapterTagger) -> np.ndarray:
        return np.concatenate(
            [e.ravel() for e in tagger._emissions(items, which, tagger.members[0])]
        )

    reference = emissions(taggers["numpy"])
    scores = {b: emissions(taggers[b]) for b in ("float32", "int8")}
    assert np.abs(scores["float32"] - reference).max() < FLOAT_MAX_ERROR
    assert np.abs(scores["int8"] - reference).max() < INT8_MAX_ERROR
    assert np.corrcoef(scores["int8"], reference)[0, 1] > INT8_MIN_CORRELATION
    numpy_tags = taggers["numpy"].tag_many(SENTENCES)
    assert taggers["float32"].tag_many(SENTENCES) == numpy_tags
    assert taggers["int8"].tag_many(SENTENCES) == numpy_tags


def test_int8_weights_round_to_within_half_a_step() -> None:
    w = np.random.default_rng(0).normal(size=(16, 8)).astype(np.float32)
    w[:, 3] = 0.0  # an all-zero column must not divide by zero
    q, scale = e5_onnx.quantise_columns(w)
    assert q.dtype == np.int8 and np.abs(q).max() <= e5_onnx.INT8_MAX
    assert np.all(np.abs(q * scale - w) <= scale / 2 + 1e-7)


def test_backend_choice(monkeypatch) -> None:
    monkeypatch.setenv(accurate.BACKEND_ENV, "float32")
    assert choose_backend() == "float32"
    assert choose_backend("numpy") == "numpy"
    monkeypatch.setenv(accurate.BACKEND_ENV, "gpu")
    with pytest.raises(ConfigError, match="int8, float32, numpy"):
        choose_backend()
    monkeypatch.setattr(e5_onnx, "available", lambda: False)
    assert choose_backend("int8") == "numpy"


def test_the_shipped_tagger_loads_and_tags_without_network(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.delenv(accurate.BACKEND_ENV, raising=False)
    monkeypatch.delenv(accurate.ENSEMBLE_ENV, raising=False)
    tagger = accurate.load_tagger()
    seeds = model_info("accurate")["run_seeds"]
    cascade = f"-cascade{accurate.CASCADE_MARGIN:g}" if len(seeds) > 1 else ""
    assert tagger.name.endswith(f"-{'+'.join(map(str, seeds))}-int8{cascade}")
    assert len(tagger.members) == len(seeds)
    assert tagger.tag(SENTENCES[0]) == EXPECTED[0]


def test_a_cascade_that_is_never_unsure_tags_as_its_first_member(taggers) -> None:
    seeds = model_info("accurate")["run_seeds"]
    paths = [model_dir() / f"finetuned-{seed}.npz" for seed in seeds] + sorted(
        model_dir().glob(accurate.MODEL_FILES)
    )
    paths = list(dict.fromkeys(paths))[:2]  # the default member and one other
    sure = E5AdapterTagger(paths, "sure", "int8", margin=-np.inf)
    assert sure.tag_many(SENTENCES) == taggers["int8"].tag_many(SENTENCES)
    windows = [w for s in SENTENCES for w in encode_windows(sure.encoder, s)]
    margins = [
        accurate._margin(e) for e in sure._emissions(windows, range(len(windows)), sure.members[0])
    ]
    assert all(m >= 0 for m in margins) and accurate._margin(np.zeros((0, 3))) == np.inf
