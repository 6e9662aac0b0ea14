"""Precision, recall and F1 from micro-averaged counts: the arithmetic every `chronik eval` command
shares.

The commands print different key layouts (GermEval's tp/fp/fn for `eval ner`, the annotation spec's
p/r/pred for `eval events`), and held-out checks read those keys, so the layouts stay as they were:
`as_dict` and `as_spec_dict` below. What differs in meaning is only the figure for an empty
comparison (nothing to find, nothing found): 0.0 for the NER and timex scorers, as in GermEval's and
TempEval's scripts, 1.0 in the annotation spec; `empty` carries it.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field


@dataclass
class PRF:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    empty: float = field(default=0.0, repr=False, compare=False)

    @property
    def fp(self) -> int:
        return self.predicted - self.tp

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def count(self, gold: Set, predicted: Set) -> None:
        """Exact matching of two sets of hashable items (chunks, spans)."""
        self.tp += len(gold & predicted)
        self.predicted += len(predicted)
        self.gold += len(gold)

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.tp / self.predicted
        return self.empty if self.gold == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.gold:
            return self.tp / self.gold
        return self.empty if self.predicted == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Long keys, as `chronik eval ner` and `chronik eval timex` print them."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }

    def as_spec_dict(self) -> dict[str, float | int]:
        """Short keys, as ../shared/spec/annotation.md's scoring section names them."""
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "pred": self.predicted,
            "gold": self.gold,
        }
