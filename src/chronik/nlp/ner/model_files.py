"""Where the trained NER models are: package data in chronik/models/ner/, with their figures.

Both tiers' loaders read from here; `training.ner_fast` and `training.ner_accurate` write here.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

MODEL_PACKAGE = "chronik.models.ner"
METRICS_FILE = "metrics.json"  # held-out figures and model versions, one entry per tier


def model_dir() -> Path:
    return Path(str(resources.files(MODEL_PACKAGE)))


def model_info(tier: str) -> dict:
    """The tier's entry in metrics.json ({} when the file or the tier is missing)."""
    path = model_dir() / METRICS_FILE
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get(tier, {})
