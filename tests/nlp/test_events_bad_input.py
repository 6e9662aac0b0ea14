"""Bad input for events and claims (issue 15): nothing crashes, and nothing is made out of
nothing. Texts written for this test."""

from __future__ import annotations

import time

from tests.nlp.events_helpers import analyse


def test_headline_without_verb_keeps_its_event_and_makes_no_claim() -> None:
    doc = analyse("Neue Sanktionen gegen Russland", [("Russland", "LOC")])
    assert [e.type for e in doc._.events] == ["SANCTION"]
    assert doc._.claims == []


def test_list_of_bare_nouns_makes_no_events() -> None:
    doc = analyse("- Angriff\n- Festnahme\n- Protest\n1. Kritik 2. Vorwurf 3. Dementi")
    assert doc._.events == [] and doc._.claims == []


def test_interview_question_is_neither_event_nor_claim() -> None:
    doc = analyse("Haben Sie die Regierung kritisiert?")
    assert doc._.events == [] and doc._.claims == []


def test_denial_with_nothing_to_deny_makes_no_claim() -> None:
    doc = analyse("Das stimmt nicht. Die Regierung weist das zurück. Er bestreitet das.")
    assert doc._.claims == []


def test_denial_with_its_own_object_stays_a_claim() -> None:
    doc = analyse("Die Regierung wies die Vorwürfe der Opposition zurück.")
    assert [c.certainty for c in doc._.claims] == ["denied"]


def test_nested_and_unclosed_quotes_do_not_crash() -> None:
    doc = analyse("„Wir werden „nicht nachgeben, sagte er. „Das ist «falsch» und „gelogen")
    assert all(0 <= c.start < c.end <= len(doc.text) for c in doc._.claims)


def test_empty_and_punctuation_only_texts() -> None:
    for text in ("", " ", "... ,,, –– !!! ???", "\n\n\n"):
        doc = analyse(text)
        assert doc._.events == [] and doc._.claims == []


def test_ten_thousand_token_sentence_is_linear_enough() -> None:
    text = " ".join(["Die Armee griff das Dorf an und die Polizei nahm Männer fest"] * 900)
    started = time.perf_counter()
    doc = analyse(text)
    assert len(doc) > 10_000
    assert time.perf_counter() - started < 30
    assert doc._.events  # the rules still run, without a crash
