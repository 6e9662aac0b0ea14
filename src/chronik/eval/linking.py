"""Linking quality on gold files: B-cubed of predicted `canonical` over gold mention spans, and role
resolution accuracy. `chronik eval linking GOLD.jsonl [...]` calls `evaluate_files`; `python -m
chronik.eval.linking data/gold/events/dev.jsonl data/gold/events/test.jsonl` does the same without the CLI.

Linking alone is measured: predictions are made on the gold mentions (spans, types, `sub`), with their
`canonical` removed, all reports of all files linked together as `chronik eval events` does.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from chronik.eval.bcubed import BCubed, bcubed
from chronik.nlp.linking import link_documents

SCORED_TYPES = ("PER", "LOC", "ORG")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def mention_labels(records: list[dict[str, Any]]) -> dict[tuple[str, int, int], str]:
    """(report id, start, end) -> canonical, for scored mentions that have one."""
    return {(r["id"], m["start"], m["end"]): m["canonical"] for r in records for m in r.get("entities") or []
            if m.get("type") in SCORED_TYPES and m.get("canonical")}


def strip_canonical(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**r, "entities": [{k: v for k, v in m.items() if k != "canonical"} for m in r.get("entities") or []]}
            for r in records]


def score_linking(gold: list[dict[str, Any]]) -> tuple[BCubed, BCubed, list[dict[str, Any]]]:
    """(chronik's B-cubed, the surface-string baseline's B-cubed, predicted records)."""
    predicted = link_documents(strip_canonical(gold))
    g = mention_labels(gold)
    p = {k: v for k, v in mention_labels(predicted).items() if k in g}
    surface = {(r["id"], m["start"], m["end"]): m["text"] for r in gold for m in r.get("entities") or []}
    baseline = {k: surface[k] for k in g}
    return bcubed(g, p), bcubed(g, baseline), predicted


def errors(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], limit: int = 40) -> list[str]:
    """Gold groups split or merged by the prediction, most frequent first (for looking at, not scoring)."""
    g = mention_labels(gold)
    p = mention_labels(predicted)
    text = {(r["id"], m["start"], m["end"]): m["text"] for r in gold for m in r.get("entities") or []}
    pairs = Counter((g[k], p.get(k, "?"), text[k]) for k in g)
    by_gold: dict[str, set[str]] = {}
    by_pred: dict[str, set[str]] = {}
    for (gl, pl, _), _n in pairs.items():
        by_gold.setdefault(gl, set()).add(pl)
        by_pred.setdefault(pl, set()).add(gl)
    out = []
    for (gl, pl, t), n in pairs.most_common():
        if len(by_gold[gl]) > 1 or len(by_pred[pl]) > 1:
            out.append(f"{n:3d}  {t!r:30} gold={gl!r:35} predicted={pl!r}")
    return out[:limit]


def evaluate_files(paths: list[Path], show_errors: bool = False) -> dict[str, Any]:
    gold = [r for p in paths for r in read_jsonl(p)]
    score, base, predicted = score_linking(gold)
    out: dict[str, Any] = {"files": [str(p) for p in paths], "reports": len(gold), "bcubed": score.as_dict(),
                           "baseline_surface": base.as_dict()}
    if show_errors:
        out["errors"] = errors(gold, predicted)
    return out


def main(argv: list[str]) -> int:
    show = "--errors" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")]
    result = evaluate_files(paths, show)
    b, s = result["bcubed"], result["baseline_surface"]
    print(f"{result['reports']} reports, {b['n_gold']} gold mentions (PER/LOC/ORG with canonical)")
    print(f"B-cubed  P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}   "
          f"(surface-string baseline F1 {s['f1']:.3f})")
    for line in result.get("errors", []):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
