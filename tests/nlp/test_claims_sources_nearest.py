"""A claim whose speaker was introduced sentences before is credited to the speaker's nearest
mention (conventions 5.4), and a verb of saying between a source and a comma opens what is said,
no apposition. Sentences written for this test."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse


def _last_source(text: str, names=()) -> str | None:
    claims = analyse(text, names)._.claims
    assert claims, text
    source = claims[-1].source
    return None if source is None else source.text


def test_a_continuation_takes_the_description_repeated_in_between() -> None:
    text = (
        "Wie das Landwirtschaftsministerium am Dienstag mitteilte, wurden zwei Lager geräumt. "
        "Das Ministerium veröffentlichte keine Namen. "
        "Die Räumung sei ohne Zwischenfälle verlaufen."
    )
    assert _last_source(text) == "Ministerium"


def test_a_title_given_to_the_person_names_the_speaker_again() -> None:
    text = (
        "Das Wasser sei verseucht, sagte Bürgermeisterin Lena Vogt. "
        "Dank gab es von der Bürgermeisterin für die Helfer. "
        "Die Feuerwehr habe rasch gehandelt."
    )
    assert _last_source(text, [("Lena Vogt", "PER")]) == "Bürgermeisterin"


def test_the_surname_repeated_in_between_is_the_nearer_mention() -> None:
    text = (
        "Das Wasser sei verseucht, sagte Bürgermeisterin Lena Vogt. "
        "Am Abend besuchte Vogt die Kläranlage. "
        "Die Feuerwehr habe rasch gehandelt."
    )
    claims = analyse(text, [("Lena Vogt", "PER"), ("Vogt", "PER")])._.claims
    assert claims[-1].source is not None
    assert claims[-1].source.start == text.index("Vogt die")


def test_another_person_in_between_leaves_the_speaker() -> None:
    text = (
        "Das Gericht sei überlastet, sagte Richter Paul Brandt. "
        "Anwalt Karl Weiss war ebenfalls anwesend. "
        "Die Verfahren dauerten viel zu lange."
    )
    source = _last_source(text, [("Paul Brandt", "PER"), ("Karl Weiss", "PER")])
    assert source is not None and source.endswith("Paul Brandt")


def test_a_short_form_in_brackets_is_not_the_nearer_mention() -> None:
    text = (
        "Die Nordsee-Zeitung (NZ) hatte am Samstag von einer Festnahme berichtet. "
        "Der Mann sei am Hafen gefasst worden."
    )
    names = [("Nordsee-Zeitung", "ORG"), ("NZ", "ORG")]
    claims = analyse(text, names)._.claims
    assert claims and claims[-1].source is not None
    assert claims[-1].source.text != "NZ"


def test_a_name_after_sagte_and_a_comma_is_what_is_said() -> None:
    text = "Ein Polizist sagte, Vogt habe den Wagen gesehen. Sie sei danach zu Fuß geflohen."
    claims = analyse(text, [("Vogt", "PER")])._.claims
    assert len(claims) == 2, [c.text for c in claims]
    assert [c.source.text for c in claims] == ["Ein Polizist", "Ein Polizist"]


def test_one_of_a_group_after_the_verb_is_the_speaker() -> None:
    text = "Wir haben seit Tagen keinen Strom, erklärte einer von ihnen am Telefon."
    claims = analyse(text)._.claims
    assert len(claims) == 1 and claims[0].source is not None
    assert claims[0].source.text == "einer von ihnen"


def test_one_of_a_group_before_the_verb_is_the_speaker() -> None:
    text = "Eine der Anrainerinnen sagte, das Feuer sei in der Nacht ausgebrochen."
    claims = analyse(text)._.claims
    assert len(claims) == 1 and claims[0].source is not None
    assert claims[0].source.text.startswith("Eine der Anrainerinnen")


def test_ich_after_a_colon_is_who_opens_the_direct_speech() -> None:
    text = "Vor der Wahl zeigte sich Anna Berger zuversichtlich: Ich glaube, dass wir gewinnen."
    claims = analyse(text, [("Anna Berger", "PER")])._.claims
    assert len(claims) == 1 and claims[0].source is not None
    assert claims[0].source.text == "Anna Berger"


def test_ich_without_an_opening_colon_names_no_one() -> None:
    claims = analyse("Ich glaube, dass die Brücke bald wieder offen ist.")._.claims
    assert len(claims) == 1 and claims[0].source is None


def test_a_relative_pronoun_after_a_person_credits_that_person() -> None:
    text = "Der Minister, der die Vorwürfe zurückweist, trat am Montag zurück."
    claims = analyse(text)._.claims
    assert len(claims) == 1 and claims[0].certainty == "denied"
    assert claims[0].source is not None and claims[0].source.text == "Der Minister"


def test_a_nominalised_adjective_naming_people_is_an_antecedent_speaker() -> None:
    text = "Den Angeklagten, die jede Schuld bestreiten, drohen lange Haftstrafen."
    claims = analyse(text)._.claims
    assert len(claims) == 1 and claims[0].source is not None
    assert claims[0].source.text == "Den Angeklagten"
