from __future__ import annotations

import spacy

import chronik.nlp.components.linking  # noqa: F401  (registers the factory)
from chronik.dates import parse_iso
from chronik.nlp import extensions
from chronik.types import Mention


def test_component_sets_canonical_within_a_report() -> None:
    extensions.register()
    nlp = spacy.blank("de")
    nlp.add_pipe("chronik_linking")
    text = "Sergej Schoigu traf Lukaschenko in Minsk. Schoigus Reise."
    doc = nlp.make_doc(text)
    doc._.report_date = parse_iso("2022-12")
    doc._.mentions = [
        Mention(0, 14, "Sergej Schoigu", "PER"),
        Mention(20, 31, "Lukaschenko", "PER"),
        Mention(35, 40, "Minsk", "LOC"),
        Mention(42, 50, "Schoigus", "PER"),
    ]
    doc = nlp(doc)
    assert [m.canonical for m in doc._.mentions] == [
        "Sergei Shoigu",
        "Alexander Lukashenko",
        "Minsk",
        "Sergei Shoigu",
    ]
