"""Linking quality on gold files: B-cubed of predicted `canonical` over gold mention spans, and role
resolution accuracy. `chronik eval linking GOLD.jsonl [...] [--roles ROLES.jsonl]` calls
`evaluate_files`; `python -m chronik.eval.linking data/gold/events/dev.jsonl
data/gold/events/test.jsonl --roles data/gold/entities/roles.jsonl [--errors]` does the same without
the CLI.

Linking alone is measured: predictions are made on the gold mentions (spans, types, `sub`), with
their `canonical` removed, all reports of all files linked together as `chronik eval events` does.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from chronik.eval.bcubed import BCubed, bcubed
from chronik.names.aliases import AliasTable
from chronik.nlp.linking import link_documents
from chronik.nlp.linking.roles import MentionView, RoleBook, RoleFact, find_roles

SCORED_TYPES = ("PER", "LOC", "ORG")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def mention_labels(records: list[dict[str, Any]]) -> dict[tuple[str, int, int], str]:
    """(report id, start, end) -> canonical, for scored mentions that have one."""
    return {
        (r["id"], m["start"], m["end"]): m["canonical"]
        for r in records
        for m in r.get("entities") or []
        if m.get("type") in SCORED_TYPES and m.get("canonical")
    }


def strip_canonical(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "entities": [
                {k: v for k, v in m.items() if k != "canonical"} for m in r.get("entities") or []
            ],
        }
        for r in records
    ]


def score_linking(
    gold: list[dict[str, Any]], aliases: AliasTable | None = None
) -> tuple[BCubed, BCubed, list[dict[str, Any]]]:
    """(chronik's B-cubed, the surface-string baseline's B-cubed, predicted records); `aliases`:
    another alias table (an empty one measures the linker without aliases.tsv)."""
    predicted = link_documents(strip_canonical(gold), aliases)
    g = mention_labels(gold)
    p = {k: v for k, v in mention_labels(predicted).items() if k in g}
    surface = {
        (r["id"], m["start"], m["end"]): m["text"] for r in gold for m in r.get("entities") or []
    }
    baseline = {k: surface[k] for k in g}
    return bcubed(g, p), bcubed(g, baseline), predicted


def errors(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]], limit: int = 40
) -> list[str]:
    """Gold groups split or merged by the prediction, most frequent first (for looking at, not
    scoring)."""
    g = mention_labels(gold)
    p = mention_labels(predicted)
    text = {
        (r["id"], m["start"], m["end"]): m["text"] for r in gold for m in r.get("entities") or []
    }
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


def predict_roles(records: list[dict[str, Any]], table: bool = True) -> dict[str, list[RoleFact]]:
    """Role facts of every report (records with `canonical` set), bare roles resolved by report
    date against the facts stated in all reports and (`table`) the list of known terms."""
    book = RoleBook(table=table)
    facts: dict[str, list[RoleFact]] = {}
    for r in records:
        views = [
            MentionView(
                m["start"], m["end"], m["text"], m["type"], m.get("sub"), m.get("canonical")
            )
            for m in sorted(r.get("entities") or [], key=lambda m: m["start"])
        ]
        facts[r["id"]] = find_roles(r["text"], views)
        for f in facts[r["id"]]:
            if f.kind == "stated":
                book.add(f.role, f.of, f.holder, r.get("date"))
    dates = {r["id"]: r.get("date") for r in records}
    for rid, fs in facts.items():
        for f in fs:
            if f.kind == "resolved" and f.of:
                f.holder, why = book.holder(f.role, f.of, dates[rid])
                f.rule += f":{why}"
    return facts


def score_roles(
    predicted: dict[str, list[RoleFact]], gold_roles: list[dict[str, Any]]
) -> dict[str, Any]:
    """Accuracy: share of gold bare-role lines whose overlapping predicted fact names the gold
    holder."""
    correct, wrong = 0, []
    by_source: dict[str, dict[str, int]] = {}
    for g in gold_roles:
        hits = [
            f for f in predicted.get(g["report"], []) if f.start < g["end"] and g["start"] < f.end
        ]
        holder = hits[0].holder if hits else None
        source = by_source.setdefault(_holder_source(hits[0] if hits else None), Counter())
        source["n"] += 1
        if holder == g["holder"]:
            correct += 1
            source["correct"] += 1
        else:
            wrong.append(f"{g['report']} {g['text']!r}: gold {g['holder']!r}, predicted {holder!r}")
    n = len(gold_roles)
    return {
        "n": n,
        "correct": correct,
        "accuracy": correct / n if n else 0.0,
        "by_source": {k: dict(v) for k, v in sorted(by_source.items())},
        "wrong": wrong,
    }


def _holder_source(fact: RoleFact | None) -> str:
    """Where a predicted holder came from: 'reports' (stated in this or another report), 'table'
    (role_holders.tsv), 'none' (no holder)."""
    if fact is None or fact.holder is None:
        return "none"
    return "table" if fact.rule.endswith(":seed") else "reports"


def evaluate_files(
    paths: list[Path], show_errors: bool = False, roles: Path | None = None
) -> dict[str, Any]:
    gold = [r for p in paths for r in read_jsonl(p)]
    score, base, predicted = score_linking(gold)
    out: dict[str, Any] = {
        "files": [str(p) for p in paths],
        "reports": len(gold),
        "bcubed": score.as_dict(),
        "baseline_surface": base.as_dict(),
    }
    if show_errors:
        out["errors"] = errors(gold, predicted)
    bare, _, _ = score_linking(gold, AliasTable())
    out["bcubed_without_alias_table"] = bare.as_dict()
    if roles is not None:
        gold_roles = read_jsonl(roles)
        out["roles"] = score_roles(predict_roles(predicted), gold_roles)
        out["roles_without_role_table"] = score_roles(
            predict_roles(predicted, table=False), gold_roles
        )
    return out


def main(argv: list[str]) -> int:
    show = "--errors" in argv
    roles = Path(argv[argv.index("--roles") + 1]) if "--roles" in argv else None
    paths = [Path(a) for a in argv if not a.startswith("--") and Path(a) != roles]
    result = evaluate_files(paths, show, roles)
    b, s = result["bcubed"], result["baseline_surface"]
    print(f"{result['reports']} reports, {b['n_gold']} gold mentions (PER/LOC/ORG with canonical)")
    print(
        f"B-cubed  P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}   "
        f"(surface-string baseline F1 {s['f1']:.3f}; without aliases.tsv "
        f"F1 {result['bcubed_without_alias_table']['f1']:.3f})"
    )
    if "roles" in result:
        r, bare = result["roles"], result["roles_without_role_table"]
        sources = ", ".join(
            f"{k} {v.get('correct', 0)}/{v['n']}" for k, v in r["by_source"].items()
        )
        print(
            f"Role resolution accuracy {r['accuracy']:.3f} ({r['correct']}/{r['n']} bare role "
            f"mentions; holder {sources}); without role_holders.tsv {bare['accuracy']:.3f} "
            f"({bare['correct']}/{bare['n']})"
        )
        if show:
            print("\n".join(r["wrong"]))
    for line in result.get("errors", []):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
