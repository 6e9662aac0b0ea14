"""B-cubed precision, recall and F1 of a clustering against a gold clustering (Bagga & Baldwin
1998).

Items are any hashable ids (e.g. (report id, start, end) of a mention); each side maps an item to
its cluster label. Items present on one side only count as singletons on the other, so a missing
prediction costs recall and a spurious one costs precision, as in the CoNLL scorer's treatment of
twinless mentions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    n_gold: int
    n_predicted: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "n_gold": self.n_gold,
            "n_predicted": self.n_predicted,
        }


def _side(
    labels: Mapping[Hashable, Hashable], items: set[Hashable], tag: str
) -> dict[Hashable, Hashable]:
    """Labels for every item; an item without one becomes its own singleton cluster."""
    return {i: (("label", labels[i]) if i in labels else (tag, i)) for i in items}


def _score(a: dict[Hashable, Hashable], b: dict[Hashable, Hashable], items: set[Hashable]) -> float:
    """Mean over items of |cluster_a(i) ∩ cluster_b(i)| / |cluster_a(i)|."""
    if not items:
        return 1.0
    size_a = Counter(a[i] for i in items)
    joint = Counter((a[i], b[i]) for i in items)
    return sum(joint[(a[i], b[i])] / size_a[a[i]] for i in items) / len(items)


def bcubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> BCubed:
    """Precision over predicted items, recall over gold items; both sides padded with singletons."""
    items = set(gold) | set(predicted)
    g = _side(gold, items, "gold-singleton")
    p = _side(predicted, items, "pred-singleton")
    precision = _score(p, g, set(predicted) or items)
    recall = _score(g, p, set(gold) or items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1, len(gold), len(predicted))
