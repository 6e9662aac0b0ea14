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


def test_participle_that_looks_like_an_infinitive_is_passive_after_wurde() -> None:
    text = "Die Ministerin wurde in Rom von Bürgermeister Conti empfangen."
    doc = analyse(text, [("Conti", "PER"), ("Rom", "LOC")])
    (event,) = events_of(doc, "CONSULT")
    assert texts(event.actor) == ["Conti"]
    assert texts(event.target) == ["Ministerin"]


def test_saxon_genitive_before_an_event_noun_is_its_actor() -> None:
    text = "Die Zeitung berichtete über Bergers Kritik der neuen Steuer."
    (event,) = events_of(analyse(text, [("Bergers", "PER")]), "ACCUSE")
    assert texts(event.actor) == ["Bergers"]
    assert texts(event.target) == ["Steuer"]


def test_possessive_before_an_event_noun_takes_the_topic_person() -> None:
    text = "Kanzler Weber flog nach Tokio. Es war sein erster Besuch in Japan seit der Wahl."
    doc = analyse(text, [("Weber", "PER"), ("Tokio", "LOC"), ("Japan", "LOC")])
    (event,) = [e for e in events_of(doc, "CONSULT") if e.trigger.text == "Besuch"]
    assert texts(event.actor) == ["Weber"]


def test_a_number_before_the_second_conjunct_keeps_the_list_together() -> None:
    text = "Bei den Unruhen wurden 17 Zivilisten und drei Polizisten verletzt."
    (event,) = [e for e in events_of(analyse(text), "ASSAULT") if e.trigger.text == "verletzt"]
    assert texts(event.target) == ["Zivilisten", "Polizisten"]


def test_warning_about_something_is_no_threat() -> None:
    assert events_of(analyse("So warnen Ärzte vor zu viel Zucker."), "THREATEN") == []
    assert (
        events_of(analyse("Nun warnte Huber vor den Folgen.", [("Huber", "PER")]), "THREATEN") == []
    )
    doc = analyse("Huber warnte die Regierung vor einem Militärschlag.", [("Huber", "PER")])
    (event,) = events_of(doc, "THREATEN")
    assert texts(event.target) == ["Regierung"]


def test_genitive_after_a_charge_is_what_is_alleged() -> None:
    text = "Wegen des Vorwurfs der Bestechung wurde der Beamte entlassen."
    events = [e for e in events_of(analyse(text), "ACCUSE") if e.trigger.text == "Vorwurfs"]
    assert texts(events[0].actor) == []


def test_possessive_after_the_subject_belongs_to_it() -> None:
    text = "Am Abend setzten die Unterhändler ihre Verhandlungen fort."
    (event,) = events_of(analyse(text), "CONSULT")
    assert texts(event.actor) == ["Unterhändler"]


def test_a_visited_country_is_the_place_and_a_visited_person_the_target() -> None:
    text = "Die Kanzlerin besuchte Chile und traf dort Präsident Rojas."
    doc = analyse(text, [("Chile", "LOC"), ("Rojas", "PER")])
    visit = next(e for e in events_of(doc, "CONSULT") if e.trigger.text == "besuchte")
    assert texts(visit.place) == ["Chile"] and texts(visit.target) == []
    doc = analyse("Die Ministerin besuchte die Soldaten in Mali.", [("Mali", "LOC")])
    (visit,) = events_of(doc, "CONSULT")
    assert texts(visit.target) == ["Soldaten"] and texts(visit.place) == ["Mali"]


def test_genitive_plural_without_article_modifies_the_noun_before() -> None:
    text = "Nach Angaben örtlicher Behörden wurden 40 Kämpfer rivalisierender Banden getötet."
    (event,) = [e for e in events_of(analyse(text), "ASSAULT") if e.trigger.text == "getötet"]
    assert texts(event.target) == ["Kämpfer"]


def test_conjoined_targets_of_an_event_noun() -> None:
    text = "Es gab Angriffe auf Sanitäter und Feuerwehrleute."
    (event,) = events_of(analyse(text), "ASSAULT")
    assert texts(event.target) == ["Sanitäter", "Feuerwehrleute"]


def test_plural_sie_before_an_object_pronoun_is_no_named_person() -> None:
    text = "Die Aktivistin Lena Roth berichtete. Vor dem Rathaus haben sie mich festgenommen."
    (event,) = events_of(analyse(text, [("Lena Roth", "PER")]), "COERCE")
    assert texts(event.actor) == []
