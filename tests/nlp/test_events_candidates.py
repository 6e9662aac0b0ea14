"""Noun-phrase candidates: which preposition governs a noun (events.phrases), on invented text."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse, events_of, texts


def test_passive_patient_is_not_a_noun_inside_a_prepositional_phrase() -> None:
    text = "Während des Gipfels in der Hauptstadt sind zwölf Studenten festgenommen worden."
    (event,) = events_of(analyse(text), "COERCE")
    assert texts(event.target) == ["Studenten"]


def test_genitive_name_passes_its_preposition_to_the_noun() -> None:
    text = "In Hubers Garage in Linz wurden Munition und Gewehre beschlagnahmt."
    (event,) = events_of(analyse(text, [("Hubers", "PER"), ("Linz", "LOC")]), "COERCE")
    assert texts(event.target) == ["Munition", "Gewehre"]


def test_adverb_before_adjective_stays_inside_the_prepositional_phrase() -> None:
    text = "Im Mai wurden bei religiös motivierten Überfällen neun Bauern getötet."
    events = [e for e in events_of(analyse(text), "ASSAULT") if e.trigger.text == "getötet"]
    assert texts(events[0].target) == ["Bauern"]
