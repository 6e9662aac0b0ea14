"""Claim cues and sources added after error analysis on real news, on sentences written for this
test: 'erläuterte' and 'argumentierte' as verbs of saying, 'nach Einschätzung X', the adjective in
'den russischen Angaben zufolge', the lawyer of 'laut Maiers Anwalt Peter Gruber', and no amount as
the speaker of 'nach eigenen Angaben'."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse


def _claims(text: str, names=()):
    return analyse(text, names)._.claims


def _only(claims):
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def test_erlaeuterte_attributes_the_sentence_before_it() -> None:
    claim = _only(_claims("Die Lage werde sich verschärfen, erläuterte der Minister am Montag."))
    assert claim.text == "Die Lage werde sich verschärfen"
    assert claim.certainty == "asserted" and claim.source.text == "der Minister"


def test_argumentierte_with_a_complement_is_a_claim() -> None:
    claim = _only(_claims("Die Anwälte argumentierten, das Gesetz sei verfassungswidrig."))
    assert claim.text == "das Gesetz sei verfassungswidrig"
    assert claim.source.text == "Die Anwälte"


def test_nach_einschaetzung_is_a_built_in_cue_naming_its_source() -> None:
    text = "Der Konflikt droht nach Einschätzung der Weltbank zu eskalieren."
    claim = _only(_claims(text, [("Weltbank", "ORG")]))
    assert claim.certainty == "reported" and claim.source.text == "Weltbank"


def test_the_adjective_names_the_source_of_den_angaben_zufolge() -> None:
    text = "Der Mann war den russischen Angaben zufolge mit einem falschen Pass eingereist."
    claim = _only(_claims(text, [("russischen", "LOC")]))
    assert claim.certainty == "reported" and claim.source.text == "russischen"


def test_laut_a_persons_lawyer_is_the_lawyer_not_the_client() -> None:
    text = "Die Kosten dürften sich laut Maiers Anwalt Peter Gruber auf 5.000 Euro belaufen."
    claim = _only(_claims(text, [("Maiers", "PER"), ("Peter Gruber", "PER")]))
    assert claim.source.text.endswith("Peter Gruber")


def test_an_amount_put_first_is_not_the_speaker_of_nach_eigenen_angaben() -> None:
    text = "Drei Millionen Euro hat die Partei nach eigenen Angaben in die Kampagne gesteckt."
    claim = _only(_claims(text))
    assert claim.source is not None and claim.source.text == "die Partei"


def test_a_denial_does_not_contradict_its_own_speaker_named_by_title() -> None:
    text = (
        "Wien – Außenminister Sebastian Kurz schließt drei Botschaften. "
        "Die Analyse zeige keinen Bedarf, erläuterte der Außenminister vor Journalisten. "
        "Dass die Schließungen ein Fehler seien, stellte Kurz in Abrede."
    )
    claims = _claims(text, [("Sebastian Kurz", "PER"), ("Kurz", "PER")])
    denial = [c for c in claims if c.certainty == "denied"]
    assert len(denial) == 1 and denial[0].contradicts == []


def test_an_accusation_told_inside_its_denial_is_linked_to_it() -> None:
    text = (
        "Den Vorwurf der Vetternwirtschaft, wonach die Firma ihre Aufträge ohne Ausschreibung "
        "vergebe, will Direktor Karl Huber nicht stehen lassen."
    )
    claims = _claims(text, [("Karl Huber", "PER")])
    denial = [c for c in claims if c.certainty == "denied"]
    accusation = [c for c in claims if c.certainty == "alleged"]
    assert len(denial) == 1 and len(accusation) == 1
    assert denial[0].contradicts == [accusation[0].id]
    assert accusation[0].contradicts == [denial[0].id]


def test_a_verb_of_saying_after_a_volitional_modal_is_no_claim_of_its_subject() -> None:
    assert _claims("Die Regierung will am Montag neue Maßnahmen ankündigen.") == []
    assert _claims("Ob es Verletzte gab, wollte die Polizei nicht sagen.") == []


def test_a_person_named_inside_the_claim_is_not_its_speaker() -> None:
    # The apposition rule ("der Sprecher, Hans Berger, sagte") must not reach past the cue verb
    # into what is said: the description before the verb stays the source.
    text = "Ein Beamter sagte, Weber wolle die Verhandlungen bald fortsetzen."
    claim = _only(_claims(text, [("Weber", "PER")]))
    assert claim.source.text == "Ein Beamter"


def test_a_name_apposed_to_the_speaker_still_names_it() -> None:
    text = "Der Sprecher der Stadt, Hans Berger, sagte, die Brücke bleibe gesperrt."
    claim = _only(_claims(text, [("Hans Berger", "PER")]))
    assert claim.source.text == "Hans Berger"
