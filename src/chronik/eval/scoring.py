"""Scoring of annotation-format records (../shared/spec/annotation.md, "Scoring"): pure functions
over dicts.

All matching is one-to-one, closest spans first: every compatible (predicted, gold) pair is ranked
by how far its boundaries lie apart, and pairs are taken greedily in that order. Counts are summed
over all reports (micro average). A figure with nothing to find and nothing found is 1.0, with its
counts alongside.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from chronik.eval.prf import PRF

Record = dict[str, Any]
ROLES = ("actor", "target", "place", "time")


def counts(tp: int = 0, predicted: int = 0, gold: int = 0) -> PRF:
    """Counts under the annotation spec's convention: nothing to find and nothing found scores
    1.0."""
    return PRF(tp, predicted, gold, empty=1.0)


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {"acc": round(self.value, 4), "correct": self.correct, "total": self.total}


def overlaps(a: Record, b: Record) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def overlap_share(a: Record, b: Record) -> float:
    """Overlap as a share of the shorter span."""
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    shorter = min(a["end"] - a["start"], b["end"] - b["start"])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def distance(a: Record, b: Record) -> int:
    return abs(a["start"] - b["start"]) + abs(a["end"] - b["end"])


def match(
    pred: Sequence[Record],
    gold: Sequence[Record],
    compatible: Callable[[Record, Record], bool],
    span: Callable[[Record], Record] = lambda r: r,
) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs, closest spans first."""
    pairs = [
        (distance(span(p), span(g)), i, j)
        for i, p in enumerate(pred)
        for j, g in enumerate(gold)
        if compatible(p, g)
    ]
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _d, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _same_type_overlap(p: Record, g: Record) -> bool:
    return p.get("type") == g.get("type") and overlaps(p, g)


def _strict(p: Record, g: Record) -> bool:
    return p["start"] == g["start"] and p["end"] == g["end"] and p.get("type") == g.get("type")


def score_spans(pred: Sequence[Record], gold: Sequence[Record]) -> dict[str, PRF]:
    """Mentions or timexes of one report: strict and relaxed."""
    strict = match(pred, gold, _strict)
    relaxed = match(pred, gold, _same_type_overlap)
    return {
        "strict": counts(len(strict), len(pred), len(gold)),
        "relaxed": counts(len(relaxed), len(pred), len(gold)),
    }


def score_timex_values(pred: Sequence[Record], gold: Sequence[Record]) -> tuple[Accuracy, Accuracy]:
    """Value and type accuracy over timexes matched by overlap alone."""
    pairs = match(pred, gold, overlaps)
    value = Accuracy(
        sum(pred[i].get("value") == gold[j].get("value") for i, j in pairs), len(pairs)
    )
    kind = Accuracy(sum(pred[i].get("type") == gold[j].get("type") for i, j in pairs), len(pairs))
    return value, kind


def match_events(pred: Sequence[Record], gold: Sequence[Record]) -> list[tuple[int, int]]:
    return match(
        pred,
        gold,
        lambda p, g: p["type"] == g["type"] and overlaps(p["trigger"], g["trigger"]),
        span=lambda r: r["trigger"],
    )


def score_arguments(
    pred: Sequence[Record], gold: Sequence[Record], pairs: list[tuple[int, int]]
) -> PRF:
    """(role, span) pairs: correct when the event is matched and the spans overlap (one-to-one
    per role)."""
    n_pred = sum(len(e.get(role) or []) for e in pred for role in ROLES)
    n_gold = sum(len(e.get(role) or []) for e in gold for role in ROLES)
    tp = 0
    for i, j in pairs:
        for role in ROLES:
            tp += len(match(pred[i].get(role) or [], gold[j].get(role) or [], overlaps))
    return counts(tp, n_pred, n_gold)


def match_claims(pred: Sequence[Record], gold: Sequence[Record]) -> list[tuple[int, int]]:
    return match(pred, gold, lambda p, g: overlap_share(p, g) >= 0.5)


def _source_ok(p: Record, g: Record) -> bool:
    ps, gs = p.get("source"), g.get("source")
    if ps is None or gs is None:
        return ps is None and gs is None
    return overlaps(ps, gs)


def _links(claims: Sequence[Record]) -> set[frozenset[str]]:
    out = set()
    for claim in claims:
        for other in claim.get("contradicts") or []:
            if other != claim["id"]:
                out.add(frozenset((claim["id"], other)))
    return out


def score_claims(pred: Sequence[Record], gold: Sequence[Record]) -> dict[str, Any]:
    pairs = match_claims(pred, gold)
    source = counts(sum(_source_ok(pred[i], gold[j]) for i, j in pairs), len(pred), len(gold))
    certainty = Accuracy(
        sum(pred[i]["certainty"] == gold[j]["certainty"] for i, j in pairs), len(pairs)
    )
    to_gold = {pred[i]["id"]: gold[j]["id"] for i, j in pairs}
    pred_links, gold_links = _links(pred), _links(gold)
    correct = 0
    for link in pred_links:
        a, b = tuple(link)
        if a in to_gold and b in to_gold and frozenset((to_gold[a], to_gold[b])) in gold_links:
            correct += 1
    return {
        "claims": counts(len(pairs), len(pred), len(gold)),
        "source": source,
        "certainty": certainty,
        "contradicts": counts(correct, len(pred_links), len(gold_links)),
    }


def bcubed(items: Iterable[tuple[str, str]]) -> dict[str, float | int]:
    """B-cubed precision/recall/F1 of (predicted cluster, gold cluster) labels, one pair per
    item."""
    pairs = list(items)
    if not pairs:
        return {"p": 1.0, "r": 1.0, "f1": 1.0, "n": 0}
    by_pred: dict[str, list[int]] = {}
    by_gold: dict[str, list[int]] = {}
    for n, (p, g) in enumerate(pairs):
        by_pred.setdefault(p, []).append(n)
        by_gold.setdefault(g, []).append(n)
    precision = recall = 0.0
    for p, g in pairs:
        same_pred, same_gold = set(by_pred[p]), set(by_gold[g])
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    precision /= len(pairs)
    recall /= len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4), "n": len(pairs)}


def _cluster_label(mention: Record) -> str:
    return str(mention.get("canonical") or mention.get("text", "")).strip().lower()


def score_corpus(pairs: Iterable[tuple[Record, Record]]) -> dict[str, Any]:
    """(predicted record, gold record) per report -> every figure `chronik eval events` prints."""
    figures: dict[str, Any] = {
        k: counts()
        for k in (
            "mentions_strict",
            "mentions_relaxed",
            "timex_strict",
            "timex_relaxed",
            "events",
            "arguments",
            "claims",
            "source",
            "contradicts",
        )
    }
    certainty, timex_value, timex_type = Accuracy(), Accuracy(), Accuracy()
    clusters: list[tuple[str, str]] = []
    clusters_all: list[tuple[str, str]] = []
    reports = 0
    for pred, gold in pairs:
        reports += 1
        _add_spans(figures, "mentions", pred.get("entities") or [], gold.get("entities") or [])
        _add_spans(figures, "timex", pred.get("timexes") or [], gold.get("timexes") or [])
        value, kind = score_timex_values(pred.get("timexes") or [], gold.get("timexes") or [])
        _add_acc(timex_value, value)
        _add_acc(timex_type, kind)
        clusters.extend(_mention_clusters(pred.get("entities") or [], gold.get("entities") or []))
        clusters_all.extend(
            _gold_mention_clusters(pred.get("entities") or [], gold.get("entities") or [], reports)
        )
        p_events, g_events = pred.get("events") or [], gold.get("events") or []
        pairs_ev = match_events(p_events, g_events)
        figures["events"].add(counts(len(pairs_ev), len(p_events), len(g_events)))
        figures["arguments"].add(score_arguments(p_events, g_events, pairs_ev))
        claim_scores = score_claims(pred.get("claims") or [], gold.get("claims") or [])
        for key in ("claims", "source", "contradicts"):
            figures[key].add(claim_scores[key])
        _add_acc(certainty, claim_scores["certainty"])
    out: dict[str, Any] = {"reports": reports}
    out.update({k: v.as_spec_dict() for k, v in figures.items()})
    out["certainty"] = certainty.as_dict()
    out["timex_value"] = timex_value.as_dict()
    out["timex_type"] = timex_type.as_dict()
    out["canonical_bcubed"] = bcubed(clusters)
    out["grouping_bcubed"] = bcubed(clusters_all)
    return out


def _add_spans(
    figures: dict[str, Any], prefix: str, pred: list[Record], gold: list[Record]
) -> None:
    scores = score_spans(pred, gold)
    figures[f"{prefix}_strict"].add(scores["strict"])
    figures[f"{prefix}_relaxed"].add(scores["relaxed"])


def _add_acc(total: Accuracy, part: Accuracy) -> None:
    total.correct += part.correct
    total.total += part.total


def _mention_clusters(pred: list[Record], gold: list[Record]) -> list[tuple[str, str]]:
    """Gold mentions matched (relaxed) to predictions, labelled by predicted and gold canonical
    name."""
    return [
        (_cluster_label(pred[i]), _cluster_label(gold[j]))
        for i, j in match(pred, gold, _same_type_overlap)
    ]


def _gold_mention_clusters(
    pred: list[Record], gold: list[Record], report_no: int
) -> list[tuple[str, str]]:
    """Every gold mention, a missed one as a predicted cluster of its own.

    This is the grouping figure the issues' targets use: it charges the linker's score with the
    mentions NER never found, which `canonical_bcubed` (matched mentions only) leaves out.
    """
    matched = {j: i for i, j in match(pred, gold, _same_type_overlap)}
    return [
        (
            _cluster_label(pred[matched[j]]) if j in matched else f"\0missed:{report_no}:{j}",
            _cluster_label(mention),
        )
        for j, mention in enumerate(gold)
    ]
