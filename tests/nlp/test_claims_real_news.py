"""Claim rules added for real news (issue 15), each on sentences written for this test."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse


def _claims(text: str, names=()):
    return analyse(text, names)._.claims


def test_first_person_sentence_after_a_quote_goes_on_with_its_speaker() -> None:
    text = (
        "Die Reform sei nötig, sagte Ministerin Anna Berger am Montag. "
        "Wir haben lange genug gewartet. Das Wetter war schön."
    )
    claims = _claims(text, [("Anna Berger", "PER")])
    going_on = [c for c in claims if c.text.startswith("Wir haben")]
    assert len(going_on) == 1
    assert going_on[0].source is not None and going_on[0].source.text == "Anna Berger"
    assert going_on[0].certainty == "asserted"
    assert not any(c.text.startswith("Das Wetter") for c in claims)


def test_first_person_without_a_speaker_before_is_no_claim() -> None:
    assert _claims("Wir haben lange genug gewartet.") == []


def test_subjunctive_of_a_less_common_verb_continues_the_speaker() -> None:
    text = (
        "Die Gemeinde bekomme mehr Geld, sagte Bürgermeister Karl Huber. "
        "Das gelte auch für die Nachbarorte."
    )
    claims = _claims(text, [("Karl Huber", "PER")])
    going_on = [c for c in claims if c.text.startswith("Das gelte")]
    assert len(going_on) == 1 and going_on[0].source.text == "Karl Huber"


def test_sentence_initial_er_is_the_subject_of_the_sentence_before() -> None:
    text = (
        "Der Direktor Paul Meier sagte, in dem Archiv sei eine Akte über Jan Nowak gefunden worden. "
        "Nowak war damals Bürgermeister. Er bestritt die Existenz der Akte."
    )
    claims = _claims(text, [("Paul Meier", "PER"), ("Jan Nowak", "PER"), ("Nowak", "PER")])
    (denial,) = [c for c in claims if c.certainty == "denied"]
    assert denial.source.text == "Nowak"
    assert denial.contradicts


def test_so_tail_names_the_speaker_after_the_proposition() -> None:
    claims = _claims("Die Lage sei ernst, so der Minister.")
    (claim,) = claims
    assert claim.text == "Die Lage sei ernst"
    assert claim.source.text == "der Minister" and claim.certainty == "asserted"


def test_so_der_vorwurf_is_alleged_without_a_source() -> None:
    (claim,) = _claims("Der Politiker habe zu Gewalt aufgerufen, so der Vorwurf.")
    assert claim.certainty == "alleged" and claim.source is None


def test_so_dass_is_no_attribution() -> None:
    assert _claims("Es regnete stark, so dass die Straße gesperrt wurde.") == []


def test_description_with_a_name_after_its_comma_is_named_by_it() -> None:
    text = "Die Lage sei ernst, sagte der Sprecher des Präsidenten, Karl Huber, am Freitag."
    (claim,) = _claims(text, [("Karl Huber", "PER")])
    assert claim.source.text == "Karl Huber"


def test_agentless_passive_accusation_has_no_source() -> None:
    (claim,) = _claims("Dem Bürgermeister wird vorgeworfen, Akten vernichtet zu haben.")
    assert claim.certainty == "alleged" and claim.source is None


def test_mutmasslich_on_a_person_is_no_claim_but_on_an_event_it_is() -> None:
    assert _claims("Die Polizei sucht den mutmaßlichen Schmuggler.") == []
    (claim,) = _claims("Die Regierung sprach über mutmaßliche Angriffe auf die Stadt.")
    assert claim.certainty == "alleged"


def test_summoning_an_envoy_is_no_quote() -> None:
    assert _claims("Das Außenministerium will den Botschafter am Montag zitieren.") == []


def test_there_is_no_plan_denies_a_report_of_the_plan() -> None:
    text = (
        "Laut Medienberichten plant die Regierung Neuwahlen im Herbst. "
        "Es gibt keinen Plan für Neuwahlen, sagte ein Regierungssprecher."
    )
    report, answer = _claims(text)
    assert answer.certainty == "denied"
    assert report.id in answer.contradicts and answer.id in report.contradicts


def test_there_is_no_reason_answering_nothing_stays_asserted() -> None:
    text = (
        "Die Regierung will die Steuern senken, sagte der Minister. "
        "Es gibt keinen Grund zur Sorge, sagte der Sprecher."
    )
    first, second = _claims(text)
    assert second.certainty == "asserted" and not second.contradicts and not first.contradicts


def test_denial_also_denies_the_teaser_telling_the_same_account() -> None:
    text = (
        "Im Archiv soll eine Verpflichtungserklärung des Bürgermeisters aufgetaucht sein. "
        "Wien – Das Archiv hat am Montag Dokumente veröffentlicht. "
        "In einem Keller sei seine Verpflichtungserklärung gefunden worden, sagte Direktor Paul Maier. "
        "Bürgermeister Jan Novak bestritt das."
    )
    claims = _claims(text, [("Paul Maier", "PER"), ("Jan Novak", "PER"), ("Wien", "LOC")])
    teaser = claims[0]
    (denial,) = [c for c in claims if c.certainty == "denied"]
    assert teaser.id in denial.contradicts


def test_content_of_a_charge_is_an_alleged_claim() -> None:
    (claim,) = _claims("Ein Gericht sprach ihn vom Vorwurf der Spionage frei.")
    assert (claim.text, claim.certainty, claim.source) == ("der Spionage", "alleged", None)
    text = "Gegen den Mann wurde ein Verfahren wegen schweren Betrugs eingeleitet."
    (claim,) = _claims(text)
    assert claim.text == "wegen schweren Betrugs" and claim.certainty == "alleged"


def test_charge_inside_a_reported_sentence_is_a_claim_of_its_own() -> None:
    text = "Die Polizei habe Ermittlungen wegen Verhetzung aufgenommen, teilte die Anwältin mit."
    certainties = sorted(c.certainty for c in _claims(text))
    assert certainties == ["alleged", "reported"]


def test_denial_idioms_deny_and_link() -> None:
    text = (
        "Die Opposition warf dem Minister vor, gelogen zu haben. "
        "Den Vorwurf will der Minister so nicht stehen lassen."
    )
    accusation, denial = _claims(text)
    assert denial.certainty == "denied" and accusation.id in denial.contradicts
    (claim,) = _claims("Dass die Kosten gestiegen seien, stellte der Bürgermeister in Abrede.")
    assert claim.certainty == "denied"
    doc = analyse("Der Präsident hat sich am Montag gegen die Vorwürfe verteidigt.")
    assert [c.certainty for c in doc._.claims] == ["denied"]
    assert "REJECT" in [e.type for e in doc._.events]


def test_demnach_goes_on_with_the_source_before() -> None:
    text = (
        "Laut Staatsanwalt Paul Roux gab es drei Teams. Die Täter benutzten demnach Sturmgewehre."
    )
    first, second = _claims(text, [("Paul Roux", "PER")])
    assert first.source.text == second.source.text == "Paul Roux"


def test_denial_idiom_takes_the_subject_of_its_clause() -> None:
    text = "Dass die Kosten gestiegen seien, stellte Bürgermeister Karl Huber in Abrede."
    (claim,) = _claims(text, [("Karl Huber", "PER")])
    assert claim.source.text == "Karl Huber"


def test_laut_with_a_long_description_takes_the_name() -> None:
    text = "Laut dem für Finanzen zuständigen Staatssekretär Karl Huber sei das Geld verbucht."
    (claim,) = _claims(text, [("Karl Huber", "PER")])
    assert claim.source.text == "Karl Huber"


def test_nach_angaben_with_an_adjective_genitive() -> None:
    (claim,) = _claims("Nach Angaben lokaler Medien wurden zwei Häuser zerstört.")
    assert claim.source.text == "lokaler Medien"


def test_soll_of_a_plan_next_to_an_attribution_is_not_hearsay() -> None:
    (claim,) = _claims("Laut Ministerin Eva Roth sollen noch zwei Millionen Euro fließen.")
    assert claim.certainty == "reported"
    (claim,) = _claims("Nach einem Bericht der Zeitung soll die Armee kaum noch Reserven haben.")
    assert claim.certainty == "alleged"
