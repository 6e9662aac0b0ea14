"""Claims around a colon: "P, sagte X: Q" and "P, so X: Q" hold two propositions of one speaker."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse

PEOPLE = [("Karl Bauer", "PER"), ("Anna Berger", "PER"), ("Berger", "PER")]


def _claims(text: str):
    return analyse(text, PEOPLE, "2016-03-10")._.claims


def test_statement_before_an_inverted_cue_and_a_colon_is_a_claim_too() -> None:
    claims = _claims("Die Leitung ist repariert, erklärte Karl Bauer: Wir sind froh.")
    assert [c.text for c in claims] == ["Die Leitung ist repariert", "Wir sind froh"]
    assert all(c.source is not None and c.source.text == "Karl Bauer" for c in claims)
    assert all(c.certainty == "asserted" for c in claims)


def test_question_before_the_cue_is_no_claim_of_the_speaker() -> None:
    claims = _claims("Auf die Frage, ob die Schule schließt, sagte Anna Berger: Das klären wir.")
    assert [c.text for c in claims] == ["Das klären wir"]


def test_speaker_named_before_the_verb_is_no_statement() -> None:
    claims = _claims(
        "Der Sprecher der Stadtwerke, Karl Bauer, erklärte: Die Leitung ist repariert."
    )
    assert [c.text for c in claims] == ["Die Leitung ist repariert"]


def test_so_attribution_before_a_colon_makes_two_claims() -> None:
    claims = _claims("Die Brücke bleibt bis Juni gesperrt, so Anna Berger: Wir prüfen jede Woche.")
    assert [c.text for c in claims] == [
        "Die Brücke bleibt bis Juni gesperrt",
        "Wir prüfen jede Woche",
    ]
    assert [c.cue.text if c.cue else None for c in claims] == ["so", None]
    assert all(c.source is not None and c.source.text == "Anna Berger" for c in claims)


def test_correlative_so_opening_a_main_clause_is_no_attribution() -> None:
    claims = _claims("Wenn die Leitung hält, so fällt der Umbau weg: Die Stadt spart Geld.")
    assert claims == []
