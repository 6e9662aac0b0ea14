from __future__ import annotations

import json
from pathlib import Path

from chronik.eval.linking import evaluate_files


def test_linking_eval_scores_grouping_and_role_resolution(tmp_path: Path) -> None:
    text = "Der russische Verteidigungsminister traf Schoigu. Sergej Schoigu und Shoigu."
    ents = []
    for i, (name, type_, sub, canon) in enumerate(
        [
            ("russische", "LOC", "deriv", "Russia"),
            ("Schoigu", "PER", None, "Sergei Shoigu"),
            ("Sergej Schoigu", "PER", None, "Sergei Shoigu"),
            ("Shoigu", "PER", None, "Sergei Shoigu"),
        ]
    ):
        start = text.index(name, ents[-1]["end"] if ents else 0)
        ents.append(
            {
                "id": f"m{i}",
                "start": start,
                "end": start + len(name),
                "text": name,
                "type": type_,
                "sub": sub,
                "canonical": canon,
            }
        )
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "r1", "date": "2022-12", "text": text, "entities": ents}) + "\n",
        encoding="utf-8",
    )
    roles = tmp_path / "roles.jsonl"
    roles.write_text(
        json.dumps(
            {
                "report": "r1",
                "start": 4,
                "end": 35,
                "text": text[4:35],
                "role": "Verteidigungsminister",
                "of": "Russia",
                "holder": "Sergei Shoigu",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = evaluate_files([gold], roles=roles)
    assert result["bcubed"]["f1"] == 1.0
    assert result["baseline_surface"]["f1"] < 1.0
    assert result["roles"]["accuracy"] == 1.0
    assert result["bcubed_without_alias_table"]["f1"] <= 1.0
    assert result["roles"]["by_source"] == {"table": {"n": 1, "correct": 1}}
    bare = result["roles_without_role_table"]
    assert bare["by_source"] == {"none": {"n": 1}} and bare["accuracy"] == 0.0
