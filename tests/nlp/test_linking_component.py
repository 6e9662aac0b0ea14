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


def _run(text: str, mentions: list[Mention]) -> list[Mention]:
    extensions.register()
    nlp = spacy.blank("de")
    nlp.add_pipe("chronik_linking")
    doc = nlp.make_doc(text)
    doc._.report_date = parse_iso("2021-02")
    doc._.mentions = mentions
    return list(nlp(doc)._.mentions)


def test_a_persons_mentions_take_the_persons_type() -> None:
    """Named in full as a person once, the bare surnames tagged LOC twice are the person too."""
    text = "Jana Vrbova wurde verurteilt. Vrbovas Anwalt legte Berufung ein. Vrbova schwieg."
    got = _run(
        text,
        [
            Mention(0, 11, "Jana Vrbova", "PER"),
            Mention(30, 37, "Vrbovas", "LOC"),
            Mention(66, 72, "Vrbova", "LOC"),
        ],
    )
    assert [(m.type, m.canonical) for m in got] == [("PER", "Jana Vrbova")] * 3


def test_a_compound_whose_head_names_a_group_is_an_organisation() -> None:
    text = "Die Hisbollah-Miliz feuerte Raketen ab."
    got = _run(text, [Mention(4, 19, "Hisbollah-Miliz", "PER")])
    assert got[0].type == "ORG"
