"""Claim sources, second round, on sentences written for this test: a Saxon genitive before an
adjective and its noun owns the speaker and is none, a title may stand between the comma and the
apposed name, 'die Sprecherin' is a speaker, and a connective opening the sentence is none."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse


def _only(text: str, names=()):
    claims = analyse(text, names)._.claims
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def test_a_saxon_genitive_before_adjective_and_noun_is_not_the_speaker() -> None:
    text = "Das Paket sei gut, sagte Maiers früherer Chef, Verbandspräsident Karl Huber, am Montag."
    claim = _only(text, [("Maiers", "PER"), ("Karl Huber", "PER")])
    assert claim.source.text == "Karl Huber"


def test_a_titled_name_after_the_genitive_stays_the_speaker() -> None:
    text = "Ein Sprecher Webers bezeichnete die Vorwürfe als haltlos."
    claim = _only(text, [("Webers", "PER")])
    assert claim.source is not None and "Webers" in claim.source.text


def test_sagte_die_sprecherin_names_the_speaker() -> None:
    claim = _only("Die Filiale werde im Mai schließen, sagte die Sprecherin.")
    assert claim.text == "Die Filiale werde im Mai schließen"
    assert claim.source.text == "die Sprecherin"


def test_a_connective_opening_the_sentence_is_no_speaker() -> None:
    text = "Denn wie die Forscherin Lena Roth betonte, sei der Effekt klein."
    claim = _only(text, [("Lena Roth", "PER")])
    assert claim.source.text == "Lena Roth"


def test_a_dative_before_the_verb_is_the_addressee_not_the_speaker() -> None:
    text = "Dem Sender Radio Nord sagte Eva Lang, die Brücke bleibe bis Juni gesperrt."
    claim = _only(text, [("Radio Nord", "ORG"), ("Eva Lang", "PER")])
    assert claim.source.text == "Eva Lang"


def test_der_before_a_feminine_noun_is_a_dative() -> None:
    claim = _only("Der Zeitung sagte er, die Brücke bleibe gesperrt.", [("Eva Lang", "PER")])
    assert claim.source is None or claim.source.text != "Der Zeitung"
    text = "Eva Lang war vor Ort. Der Zeitung sagte sie, die Brücke bleibe gesperrt."
    claims = analyse(text, [("Eva Lang", "PER")])._.claims
    assert [c.source.text for c in claims] == ["Eva Lang"]


def test_a_masculine_subject_with_der_stays_the_speaker() -> None:
    claim = _only("Der Bürgermeister sagte der Zeitung, die Brücke bleibe gesperrt.")
    assert claim.source.text == "Der Bürgermeister"


def test_a_person_opening_a_later_sentence_takes_over_the_reported_speech() -> None:
    text = (
        "Karl Huber sagte, die Brücke werde saniert. Eva Lang besuchte danach die Baustelle. "
        "Die Arbeiten seien gut geplant."
    )
    claims = analyse(text, [("Karl Huber", "PER"), ("Eva Lang", "PER")])._.claims
    assert [c.source.text for c in claims] == ["Karl Huber", "Eva Lang"]


def test_without_a_new_person_the_speaker_goes_on() -> None:
    text = "Karl Huber sagte, die Brücke werde saniert. Die Kosten seien aber hoch."
    claims = analyse(text, [("Karl Huber", "PER")])._.claims
    assert [c.source.text for c in claims] == ["Karl Huber", "Karl Huber"]
