"""Training-time helpers of the accurate tier (need PyTorch, which only `make models` installs)."""

import random

import numpy as np
import pytest

pytest.importorskip("torch", reason="torch is only installed by `make models` (extra 'train')")

from chronik.nlp.ner import germeval
from chronik.nlp.ner.accurate import Encoded
from training.ner_accurate import drop_words, swap_names


def test_word_dropout_blanks_whole_words_and_keeps_the_layout() -> None:
    e = Encoded(
        np.array([0, 10, 11, 12, 13, 2]), np.array([1, 3, 4]), 3
    )  # words: [10 11] [12] [13]
    every = drop_words(e, random.Random(0), 1.0, 3)
    assert every.ids.tolist() == [0, 3, 3, 3, 3, 2]
    assert drop_words(e, random.Random(0), 0.0, 3).ids.tolist() == e.ids.tolist()
    some = drop_words(e, random.Random(1), 0.5, 3).ids.tolist()
    assert (
        some[0] == 0 and some[-1] == 2 and some[1] == some[2]
    )  # a word is blanked whole or not at all
    assert e.ids.tolist() == [0, 10, 11, 12, 13, 2]  # the cached encoding is not changed


def test_name_swap_replaces_chunks_and_their_tags() -> None:
    sentence = germeval.Sentence(
        ["Schoigu", "besuchte", "Minsk", "."], ["B-PER", "O", "B-LOC", "O"]
    )
    names = {"PER": ["Lukaschenko"], "first": ["Alexander"], "LOC": ["Neu Delhi"]}
    out = swap_names(sentence, random.Random(0), names, 1.0)
    assert out.tokens == ["Lukaschenko", "besuchte", "Neu", "Delhi", "."]
    assert out.tags == ["B-PER", "O", "B-LOC", "I-LOC", "O"]
