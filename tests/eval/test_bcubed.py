from __future__ import annotations

import pytest

from chronik.eval.bcubed import bcubed


def test_identical_clusterings_score_one() -> None:
    gold = {1: "a", 2: "a", 3: "b"}
    s = bcubed(gold, {1: "x", 2: "x", 3: "y"})
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_everything_merged_keeps_recall_and_loses_precision() -> None:
    gold = {1: "a", 2: "a", 3: "b", 4: "b"}
    s = bcubed(gold, {i: "x" for i in gold})
    assert s.recall == 1.0
    assert s.precision == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 / 3)


def test_all_singletons_keep_precision_and_lose_recall() -> None:
    gold = {1: "a", 2: "a", 3: "a", 4: "b"}
    s = bcubed(gold, {i: i for i in gold})
    assert s.precision == 1.0
    assert s.recall == pytest.approx((1 / 3 * 3 + 1) / 4)


def test_textbook_example() -> None:
    # gold {1,2,3,4,5} {6,7}; predicted {1,2,3,4,5,6,7} minus 5 -> {1,2,3,4} {5,6,7}
    gold = {1: "A", 2: "A", 3: "A", 4: "A", 5: "A", 6: "B", 7: "B"}
    pred = {1: "x", 2: "x", 3: "x", 4: "x", 5: "y", 6: "y", 7: "y"}
    s = bcubed(gold, pred)
    assert s.precision == pytest.approx((4 * 1 + 1 / 3 + 2 * 2 / 3) / 7)
    assert s.recall == pytest.approx((4 * 4 / 5 + 1 / 5 + 2 * 1) / 7)


def test_missing_predictions_cost_recall_only_as_singletons() -> None:
    gold = {1: "a", 2: "a"}
    s = bcubed(gold, {1: "x"})
    assert s.precision == 1.0
    assert s.recall == pytest.approx(0.5)
