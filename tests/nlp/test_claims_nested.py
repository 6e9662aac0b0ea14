"""Claims inside claims (conventions 5.2: different sources or certainties in one sentence): a
built-in attribution before a named speaker's verb, an accusation noun or a "wonach" clause
inside a speaker's proposition."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse

PEOPLE = [("Karl Bauer", "PER"), ("Anna Berger", "PER")]


def _claims(text: str):
    return [
        (c.text, c.certainty, c.source.text if c.source else None, c.cue.text if c.cue else None)
        for c in analyse(text, PEOPLE, "2016-03-10")._.claims
    ]


def test_phrase_attribution_before_a_speakers_verb_makes_two_claims():
    claims = _claims(
        "Laut den Staatsmedien gab Karl Bauer zu, ein Plakat entwendet zu haben. "
        "Demnach habe er das Plakat verkauft."
    )
    texts = {c[0]: c for c in claims}
    outer = texts["Laut den Staatsmedien gab Karl Bauer zu, ein Plakat entwendet zu haben"]
    inner = texts["ein Plakat entwendet zu haben"]
    assert outer[1:3] == ("reported", "den Staatsmedien")
    assert inner[1:] == ("asserted", "Karl Bauer", "gab … zu")
    # the account goes on with the outer source, not the speaker inside it
    assert texts["Demnach habe er das Plakat verkauft"][2] == "den Staatsmedien"


def test_phrase_after_the_verb_attributes_the_saying_one_claim():
    claims = _claims("Das Lager sei voll, sagte Anna Berger laut der Agentur am Montag.")
    assert len(claims) == 1
    assert claims[0][0] == "Das Lager sei voll"


def test_negated_saying_inside_a_report_is_no_claim_of_its_own():
    claims = _claims(
        "Laut dem Urteil darf Karl Bauer nicht mehr behaupten, dass die Wahl gefälscht war."
    )
    assert not any(c[2] == "Karl Bauer" for c in claims)


def test_suspicion_inside_a_statement_is_alleged_and_the_statement_stays_asserted():
    claims = _claims(
        "Die Funde erhärten den Verdacht, dass die Gefangenen misshandelt worden seien, "
        "sagte Anna Berger am Montag."
    )
    by_cue = {c[3]: c for c in claims}
    assert by_cue["sagte"][1] == "asserted"
    assert by_cue["sagte"][2] == "Anna Berger"
    assert by_cue["Verdacht"][:3] == (
        "dass die Gefangenen misshandelt worden seien",
        "alleged",
        None,
    )


def test_wonach_after_a_report_noun_names_the_report_as_source():
    claims = _claims(
        "Es gab unbestätigte Zeitungsberichte, wonach die Firma das Werk schließen will."
    )
    assert claims == [
        (
            "wonach die Firma das Werk schließen will",
            "unconfirmed",
            "unbestätigte Zeitungsberichte",
            "wonach",
        )
    ]


def test_wonach_after_a_rule_states_no_claim():
    claims = _claims("Seit Jänner gilt eine Verordnung, wonach Banken mehr Kapital halten müssen.")
    assert claims == []


def test_superlative_aeusserst_is_no_verb_of_saying():
    claims = _claims(
        'Die Bergrettung bestätigte, dass die Lage dort "äußerst angespannt" sei, und sprach '
        "von schweren Lawinen."
    )
    assert claims and all(c[3] != "äußerst" for c in claims)


def test_subjunctive_of_a_less_common_verb_goes_on_with_the_speaker():
    claims = _claims(
        "Die Regierung sei gescheitert, sagte Anna Berger. Wer sich verstecke, versinke im Abseits."
    )
    assert claims[-1][:3] == ("Wer sich verstecke, versinke im Abseits", "asserted", "Anna Berger")


def test_wollten_right_after_a_claim_is_indirect_speech():
    claims = _claims(
        "Das Gespräch sei gut gewesen, sagte Karl Bauer. Auch die Partner wollten das Projekt fördern."
    )
    assert claims[-1][:4] == (
        "Auch die Partner wollten das Projekt fördern",
        "asserted",
        "Karl Bauer",
        "wollten",
    )


def test_wollten_beside_narrative_past_forms_is_no_speech():
    claims = _claims(
        "Die Lage sei ernst, sagte Karl Bauer. Die Gespräche sollten am Montag beginnen, "
        "wurden aber verschoben. Er wollte danach abreisen."
    )
    assert [c[0] for c in claims] == ["Die Lage sei ernst"]


def test_sollten_opening_a_condition_or_closing_a_relative_clause_is_no_speech():
    claims = _claims(
        "Die Lage sei ernst, sagte Karl Bauer. Sollten die Preise steigen, droht ein Streik. "
        "Die Regel sei klar, sagte Anna Berger. Es gibt Fristen, die gelten sollten."
    )
    assert [c[0] for c in claims] == ["Die Lage sei ernst", "Die Regel sei klar"]


def test_subjunctive_without_a_named_speaker_is_reported_speech_of_no_source():
    claims = _claims(
        "Der Streit um den Namen endete mit einem Vergleich. "
        "Vorerst werde die Adresse aber noch auf Karl Bauer laufen."
    )
    assert claims == [
        (
            "Vorerst werde die Adresse aber noch auf Karl Bauer laufen",
            "reported",
            None,
            "werde",
        )
    ]


def test_fixed_phrases_with_sei_are_no_reported_speech():
    assert _claims("Die Wanderung beginnt um acht Uhr, es sei denn, es regnet.") == []


def test_subjunctive_after_a_demand_is_what_the_demanding_side_said():
    claims = _claims(
        "Die Stadtverwaltung rief die Bewohner zum Wassersparen auf. "
        "Die Gärten müssten vorerst nicht bewässert werden."
    )
    assert claims == [
        (
            "Die Gärten müssten vorerst nicht bewässert werden",
            "asserted",
            "Die Stadtverwaltung",
            "müssten",
        )
    ]


def test_subjunctive_after_a_lawsuit_names_no_speaker():
    claims = _claims(
        "Anna Berger hatte Karl Bauer wegen der Adresse geklagt. "
        "Vorerst werde die Adresse aber auf ihn laufen."
    )
    assert [(c[0], c[1], c[2]) for c in claims if c[3] == "werde"] == [
        ("Vorerst werde die Adresse aber auf ihn laufen", "reported", None)
    ]


def test_so_bezeichnete_with_an_als_phrase_is_no_reference_back():
    claims = _claims(
        "Die beiden stritten im Wahlkampf heftig. "
        "So bezeichnete Karl Bauer den Rivalen als Hochstapler."
    )
    assert [(c[0], c[2]) for c in claims] == [
        ("So bezeichnete Karl Bauer den Rivalen als Hochstapler", "Karl Bauer")
    ]


def test_perfect_von_gesprochen_is_a_claim_and_mit_gesprochen_a_talk():
    said = _claims("Anna Berger hatte von einer gestellten Aufnahme gesprochen.")
    assert [(c[2], c[3]) for c in said] == [("Anna Berger", "gesprochen")]
    assert _claims("Karl Bauer hat mit vielen Leuten von der Bürgerinitiative gesprochen.") == []


def test_a_denial_answers_the_report_not_the_speaker_inside_it():
    doc = analyse(
        "Nach Angaben des Ministeriums äußerte Karl Bauer die Sorge, die Rebellen könnten eine "
        "Bombe zünden. Die Rebellen bestritten das.",
        PEOPLE,
        "2016-03-10",
    )
    by_text = {c.text: c for c in doc._.claims}
    outer = next(c for t, c in by_text.items() if t.startswith("Nach Angaben"))
    inner = by_text["die Rebellen könnten eine Bombe zünden"]
    assert inner.contradicts == []
    assert outer.contradicts and outer.contradicts == [
        c.id for c in doc._.claims if c.certainty == "denied"
    ]
