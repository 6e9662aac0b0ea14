"""Claims around a colon: "P, sagte X: Q" and "P, so X: Q" hold two propositions of one speaker."""

from __future__ import annotations

import spacy

from chronik.nlp.claims import cues
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


def test_direct_speech_after_a_denial_and_a_colon_is_the_deniers_own_claim() -> None:
    claims = _claims(
        "Den Vorwurf der Verschwendung will Karl Bauer nicht stehen lassen: Wir sparen jeden Cent."
    )
    quote = next(c for c in claims if c.text == "Wir sparen jeden Cent")
    assert quote.certainty == "asserted" and quote.cue is None
    assert quote.source is not None and quote.source.text == "Karl Bauer"
    denial = next(c for c in claims if c.certainty == "denied")
    assert ":" not in denial.text


def test_direct_speech_goes_on_after_und_and_a_colon() -> None:
    claims = _claims(
        "Den Vorwurf der Verschwendung will Karl Bauer nicht stehen lassen: Wir sparen jeden Cent. "
        "Und: Die Stadt ist gut verwaltet."
    )
    last = claims[-1]
    assert "Die Stadt ist gut verwaltet" in last.text
    assert last.source is not None and last.source.text == "Karl Bauer"


def test_a_list_after_the_colon_stays_in_the_claim() -> None:
    claims = _claims(
        "Nach Angaben der Polizei fanden die Beamten drei Dinge: Waffen, Geld und Drogen."
    )
    assert len(claims) == 1 and claims[0].text.endswith("Drogen")


def test_a_speakers_own_hedge_in_direct_speech_keeps_it_asserted() -> None:
    claims = _claims(
        "Den Vorwurf der Verschwendung will Karl Bauer nicht stehen lassen: Wir sparen "
        "wahrscheinlich mehr als alle anderen."
    )
    quote = next(c for c in claims if c.text.startswith("Wir sparen"))
    assert quote.certainty == "asserted"


def test_a_cue_clause_that_only_names_the_speaker_before_the_colon_is_no_claim() -> None:
    claims = _claims("Der Zeitung sagte Anna Berger, Professorin in Graz: Wir wissen zu wenig.")
    assert [c.text for c in claims] == ["Wir wissen zu wenig"]


def test_a_capitalised_noun_is_no_subjunctive_continuation() -> None:
    claims = _claims(
        "Die Schule bleibt zu, sagte Anna Berger. Im Falle einer Einigung beginnt der Umbau im Mai."
    )
    assert [c.text for c in claims] == ["Die Schule bleibt zu"]


def test_a_subjunctive_verb_after_a_colon_still_marks_speech() -> None:
    doc = spacy.blank("de")("Berger: Habe nichts gewusst, die Folge sei offen.")
    marks = [doc[i].text for i in cues.subjunctive_tokens(doc, 0, len(doc))]
    assert marks == ["Habe", "sei"]


def test_the_dateline_opening_the_body_is_no_part_of_the_claim() -> None:
    claims = _claims("Graz/Wien – Die Stadt hat nach Angaben der Polizei drei Schulen geschlossen.")
    assert [c.text for c in claims] == [
        "Die Stadt hat nach Angaben der Polizei drei Schulen geschlossen"
    ]


def test_an_argument_going_on_after_indirect_speech_is_the_speakers() -> None:
    claims = _claims(
        "Anna Berger sagte, dass sie auf eine Einigung hoffe. Aber wenn die Stadt nicht zahlt, "
        "gibt es keinen Umbau."
    )
    last = claims[-1]
    assert last.text.startswith("Aber wenn die Stadt nicht zahlt")
    assert last.source is not None and last.source.text == "Anna Berger"


def test_narration_after_indirect_speech_is_no_claim() -> None:
    claims = _claims(
        "Anna Berger sagte, dass sie auf eine Einigung hoffe. Die Stadt zahlt seit Jahren nichts."
    )
    assert len(claims) == 1
