"""training.ner_fast's metrics file, which both NER trainers write."""

import json
from pathlib import Path

import pytest

pytest.importorskip("pycrfsuite", reason="python-crfsuite is needed to import the CRF trainer")

from training.ner_fast import write_metrics


def test_a_final_only_run_keeps_the_validation_runs_figures_and_choice(tmp_path: Path) -> None:
    data = Path("NER-de-dev.tsv")
    chosen = {"run_seeds": [20141], "backend": "int8", "validation": {"strict": {"f1": 0.77}}}
    write_metrics(tmp_path, "accurate", {"version": "2", **chosen}, data)
    write_metrics(tmp_path, "accurate", {"version": "3"}, data)
    written = json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8"))["accurate"]
    assert written["version"] == "3"
    assert {k: written[k] for k in chosen} == chosen
    assert written["data"] == "NER-de-dev.tsv"
