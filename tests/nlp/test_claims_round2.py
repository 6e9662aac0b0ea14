"""Verbs of saying that open a claim only with a complement clause: "deponieren" (Austrian for
stating a demand), "kontern", "einwenden", "anmerken", "mahnen"."""

from __future__ import annotations

import pytest

from tests.nlp.events_helpers import analyse

PEOPLE = [("Karl Bauer", "PER"), ("Anna Berger", "PER")]


def _claims(text: str):
    return analyse(text, PEOPLE, "2016-03-10")._.claims


@pytest.mark.parametrize(
    ("text", "span", "cue"),
    [
        (
            "Die Kammer müsse sich erneuern, deponierte Karl Bauer am Montag.",
            "Die Kammer müsse sich erneuern",
            "deponierte",
        ),
        ("Das sei reine Polemik, konterte Anna Berger.", "Das sei reine Polemik", "konterte"),
        (
            "Anna Berger wandte ein, die Frist sei zu kurz.",
            "die Frist sei zu kurz",
            "wandte … ein",
        ),
        (
            "Karl Bauer merkte an, dass der Bericht unvollständig sei.",
            "dass der Bericht unvollständig sei",
            "merkte … an",
        ),
        (
            "Anna Berger mahnte, man müsse die Brücke rasch sanieren.",
            "man müsse die Brücke rasch sanieren",
            "mahnte",
        ),
    ],
)
def test_verb_of_saying_with_a_complement_opens_an_asserted_claim(
    text: str, span: str, cue: str
) -> None:
    claims = _claims(text)
    assert [c.text for c in claims] == [span]
    assert claims[0].cue is not None and claims[0].cue.text == cue
    assert claims[0].certainty == "asserted"
    assert claims[0].source is not None and claims[0].source.text in ("Karl Bauer", "Anna Berger")


@pytest.mark.parametrize(
    "text",
    [
        "Karl Bauer deponierte zwei Millionen Euro auf einem Konto in Wien.",
        "Anna Berger mahnte die säumigen Mieter.",
    ],
)
def test_the_same_verb_with_only_an_object_is_no_claim(text: str) -> None:
    assert _claims(text) == []


@pytest.mark.parametrize(
    ("text", "span", "cue"),
    [
        (
            "Die Mieten steigen weiter, schrieb Karl Bauer in einem Gastbeitrag.",
            "Die Mieten steigen weiter",
            "schrieb",
        ),
        ("Die Brücke sei baufällig, warnte Anna Berger.", "Die Brücke sei baufällig", "warnte"),
    ],
)
def test_verb_after_a_comma_is_an_inverted_attribution(text: str, span: str, cue: str) -> None:
    claims = _claims(text)
    assert [c.text for c in claims] == [span]
    assert claims[0].cue is not None and claims[0].cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "Im Kurs lernen die Kinder zu reden, schreiben und rechnen.",
        "Das Lied, das Karl Bauer schrieb, wurde ein Erfolg.",
    ],
)
def test_verb_in_a_list_or_a_relative_clause_is_no_attribution(text: str) -> None:
    assert _claims(text) == []


def test_denial_in_a_relative_clause_spans_that_clause() -> None:
    claims = _claims("Karl Bauer, der jede Schuld bestreitet, legte am Montag sein Amt zurück.")
    assert [c.text for c in claims] == ["der jede Schuld bestreitet"]
    assert claims[0].certainty == "denied"
    assert claims[0].source is not None and claims[0].source.text == "Karl Bauer"


def test_listed_noun_phrase_after_a_comma_is_no_relative_clause() -> None:
    claims = _claims(
        "Dem Kapitän werden die Flucht vom Schiff, die Gefährdung der Passagiere vorgeworfen."
    )
    assert len(claims) == 1
    assert not claims[0].text.startswith("die Gefährdung")
