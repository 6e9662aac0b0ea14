"""`chronik eval ner`: tag a GermEval 2014 file with its own tokenisation and score it.

The figure is the official GermEval 2014 metric "outer chunks, strict": a predicted chunk counts
when its token span and fine label (LOCderiv, ORGpart, ...) equal a gold outer chunk; micro-averaged
P/R/F1. The coarse figure folds part/deriv into the base class before matching.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from chronik.errors import ChronikError
from chronik.eval.prf import PRF
from chronik.nlp.ner import germeval, tiers

FINE_CLASSES = (
    "PER",
    "PERderiv",
    "PERpart",
    "LOC",
    "LOCderiv",
    "LOCpart",
    "ORG",
    "ORGderiv",
    "ORGpart",
    "OTH",
    "OTHderiv",
    "OTHpart",
)


@dataclass
class Scores:
    strict: PRF = field(default_factory=PRF)
    coarse: PRF = field(default_factory=PRF)
    per_class: dict[str, PRF] = field(default_factory=dict)
    sentences: int = 0
    tokens: int = 0

    def as_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "tokens": self.tokens,
            "strict": self.strict.as_dict(),
            "coarse": self.coarse.as_dict(),
            "per_class": {k: v.as_dict() for k, v in sorted(self.per_class.items())},
        }


def _count(gold: set, predicted: set, into: PRF, by_label: dict[str, PRF] | None = None) -> None:
    into.count(gold, predicted)
    if by_label is None:
        return
    for label in {c[2] for c in gold | predicted}:
        by_label.setdefault(label, PRF()).count(
            {c for c in gold if c[2] == label}, {c for c in predicted if c[2] == label}
        )


def score(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> Scores:
    """Gold and predicted outer BIO tags, sentence by sentence (same sentences, same token
    counts)."""
    if len(gold) != len(predicted):
        raise ChronikError(
            f"{len(gold)} gold sentences but {len(predicted)} predicted; they must be the same"
        )
    scores = Scores(sentences=len(gold))
    for i, (g_tags, p_tags) in enumerate(zip(gold, predicted)):
        if len(g_tags) != len(p_tags):
            raise ChronikError(
                f"sentence {i + 1}: {len(g_tags)} gold tokens but {len(p_tags)} predicted"
            )
        scores.tokens += len(g_tags)
        g, p = set(germeval.chunks(g_tags)), set(germeval.chunks(p_tags))
        _count(g, p, scores.strict, scores.per_class)
        fold = lambda cs: {(s, e, germeval.coarse(t)) for s, e, t in cs}  # noqa: E731
        _count(fold(g), fold(p), scores.coarse)
    return scores


def score_files(gold: Path, predictions: Path) -> Scores:
    """Score a prediction file written in GermEval layout (index, token, outer tag) against a gold
    file."""
    gold_sents, pred_sents = germeval.read(gold), germeval.read(predictions)
    for g, p in zip(gold_sents, pred_sents):
        if g.tokens != p.tokens:
            raise ChronikError(
                f"{predictions}:{p.line}: tokens differ from {gold}:{g.line}; "
                "predictions must keep the gold tokenisation"
            )
    return score([s.tags for s in gold_sents], [s.tags for s in pred_sents])


def tag_file(gold: Path, tier: str) -> tuple[list[germeval.Sentence], list[list[str]], float]:
    """Predicted tags per sentence and the seconds spent tagging (model loading excluded)."""
    sentences = germeval.read(gold)
    tagger = tiers.load(tier)
    started = time.perf_counter()
    predicted = tiers.tag_sentences(tagger, [s.tokens for s in sentences])
    return sentences, predicted, time.perf_counter() - started


def run(gold: Path, predictions: Path | None, tier: str, as_json: bool) -> int:
    """Tag `gold` with `tier`, optionally write the predictions, print the scores; returns the exit
    code."""
    if not Path(gold).is_file():
        print(f"{gold}: no such file; give a GermEval 2014 TSV file", file=sys.stderr)
        return 2
    sentences, predicted, seconds = tag_file(Path(gold), tier)
    if predictions is not None:
        germeval.write(Path(predictions), sentences, predicted)
    scores = score([s.tags for s in sentences], predicted)
    result = {
        "gold": str(gold),
        "tier": tier,
        **scores.as_dict(),
        "seconds": round(seconds, 3),
        "tokens_per_second": round(scores.tokens / max(seconds, 1e-9)),
    }
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        _print_table(result)
    return 0


def _print_table(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"GermEval 2014 outer chunks, strict — {result['gold']} ({result['tier']})")
    for column in ("class", "gold", "predicted", "correct", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "class" else "right")

    def row(name: str, prf: dict) -> None:
        table.add_row(
            name,
            str(prf["gold"]),
            str(prf["predicted"]),
            str(prf["tp"]),
            f"{prf['precision']:.4f}",
            f"{prf['recall']:.4f}",
            f"{prf['f1']:.4f}",
        )

    for label in FINE_CLASSES:
        if label in result["per_class"]:
            row(label, result["per_class"][label])
    table.add_section()
    row("overall (strict)", result["strict"])
    row("coarse (part/deriv folded)", result["coarse"])
    console = Console()
    console.print(table)
    console.print(
        f"{result['sentences']:,} sentences, {result['tokens']:,} tokens, "
        f"{result['seconds']:.2f} s tagging ({result['tokens_per_second']:,} tokens/s)"
    )
