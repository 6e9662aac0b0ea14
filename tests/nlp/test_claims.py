"""Claims: spans, sources, cues, certainty and contradiction links."""

from __future__ import annotations

import pytest

from tests.nlp.events_helpers import analyse, events_of
from tests.nlp.test_events import EXAMPLE, EXAMPLE_NAMES


@pytest.fixture(scope="module")
def example():
    if not EXAMPLE.is_file():
        pytest.skip(f"{EXAMPLE} not available")
    return analyse(EXAMPLE.read_text(encoding="utf-8"), EXAMPLE_NAMES, "2022-12")


def _claim_in(doc, words: str):
    sentence = next(s for s in doc.sents if words in s.text)
    found = [c for c in doc._.claims if sentence.start_char <= c.start < sentence.end_char]
    assert found, f"no claim in {sentence.text!r}"
    return found


# --- the spec's example report, one test per listed claim ---------------------------------------------


def test_example_defence_ministry_account_is_reported(example) -> None:
    (claim,) = _claim_in(example, "Training absolviert")
    assert claim.certainty == "reported"
    assert "bereit für den Einsatz seien" in claim.text


def test_example_doubts_on_the_internet_are_reported_without_source(example) -> None:
    (claim,) = _claim_in(example, "Zweifel")
    assert claim.certainty == "reported"
    assert claim.source is None


def test_example_fighting_reports_are_unconfirmed(example) -> None:
    (claim,) = _claim_in(example, "unbestätigten Informationen")
    assert claim.certainty == "unconfirmed"
    assert "Gebietsgewinne" in claim.text


def test_example_attack_is_alleged_by_ukraine(example) -> None:
    (claim,) = _claim_in(example, "wirft Russland vor")
    assert claim.certainty == "alleged"
    assert claim.source is not None and claim.source.text.endswith("Ukraine")
    assert claim.cue is not None and claim.cue.text == "wirft … vor"
    assert example.text[claim.cue.start : claim.cue.end] == "wirft"
    assert claim.text.startswith("gezielt die Energieinfrastruktur anzugreifen")
    (attack,) = [e for e in events_of(example, "ASSAULT") if e.trigger.text == "anzugreifen"]
    assert claim.events == [attack.id]


def test_example_denial_by_the_russian_side_contradicts_the_attack_claim(example) -> None:
    (accusation,) = _claim_in(example, "wirft Russland vor")
    (denial,) = _claim_in(example, "bestreitet das")
    assert denial.certainty == "denied"
    assert denial.source is not None and denial.source.text == "Die russische Seite"
    assert denial.contradicts == [accusation.id]
    assert accusation.contradicts == [denial.id]
    assert denial.events == accusation.events


def test_example_claim_ids_and_provenance(example) -> None:
    assert [c.id for c in example._.claims] == [
        f"c{n}" for n in range(1, len(example._.claims) + 1)
    ]
    assert all(c.component.startswith("claims:rules-") for c in example._.claims)
    assert all(example.text[c.start : c.end] == c.text for c in example._.claims)


# --- cues, spans and sources ----------------------------------------------------------------------------


def test_inverted_saying_verb_spans_the_proposition_before_it() -> None:
    doc = analyse(
        "Die Einheit solle die Westgrenze schützen, sagte Lukaschenko in Minsk.",
        [("Lukaschenko", "PER"), ("Minsk", "LOC")],
    )
    (claim,) = doc._.claims
    assert (claim.text, claim.certainty, claim.source.text) == (
        "Die Einheit solle die Westgrenze schützen",
        "asserted",
        "Lukaschenko",
    )


def test_direct_quote_with_speaker_after_it() -> None:
    doc = analyse(
        '"Polen bedroht niemanden", sagte ein Sprecher des polnischen Außenministeriums.',
        [("Polen", "LOC"), ("polnischen", "LOC", "deriv")],
    )
    (claim,) = doc._.claims
    assert claim.text == "Polen bedroht niemanden"
    assert claim.certainty == "asserted" and claim.source.text == "ein Sprecher"


@pytest.mark.parametrize(
    "text, source",
    [
        (
            "Nach Angaben der Vereinten Nationen wurden zwölf Zivilisten getötet.",
            "Vereinten Nationen",
        ),
        ("Laut Kiew wurden zwölf Zivilisten getötet.", "Kiew"),
        ("Nach Armeeangaben wurden zwölf Zivilisten getötet.", "Armeeangaben"),
        ("Zwölf Zivilisten wurden getötet, hieß es in Kiew.", None),
    ],
)
def test_attribution_phrases_are_reported(text: str, source: str | None) -> None:
    doc = analyse(text, [("Kiew", "LOC"), ("Vereinten Nationen", "ORG")])
    (claim,) = doc._.claims
    assert claim.certainty == "reported"
    assert (claim.source.text if claim.source else None) == source
    assert [events_of(doc, "ASSAULT")[0].id] == claim.events


def test_teilte_mit_is_a_split_cue_with_a_subjunctive_complement() -> None:
    doc = analyse(
        "Die ukrainische Luftwaffe teilte mit, sie habe 40 Marschflugkörper abgefangen.",
        [("ukrainische", "LOC", "deriv")],
    )
    (claim,) = doc._.claims
    assert claim.cue.text == "teilte … mit"
    assert claim.text == "sie habe 40 Marschflugkörper abgefangen"
    assert claim.source.text == "Die ukrainische Luftwaffe"


def test_soll_with_perfect_infinitive_is_alleged_and_wins_over_attribution() -> None:
    doc = analyse("Nach Angaben der Polizei soll der Mann zwei Soldaten getötet haben.")
    (claim,) = doc._.claims
    assert claim.certainty == "alleged"


def test_soll_of_purpose_is_no_claim() -> None:
    assert analyse("Die Bilder sollen dieser Kritik begegnen.")._.claims == []


@pytest.mark.parametrize("word", ["angeblich", "mutmaßlich"])
def test_hearsay_adverbs_are_alleged(word: str) -> None:
    doc = analyse(f"Die Drohnen wurden {word} in Iran gebaut.", [("Iran", "LOC")])
    (claim,) = doc._.claims
    assert claim.certainty == "alleged" and claim.source is None


def test_report_hedge_is_unconfirmed() -> None:
    doc = analyse("Offenbar wurden bei dem Angriff mehrere Menschen verletzt.")
    (claim,) = doc._.claims
    assert claim.certainty == "unconfirmed" and claim.source is None


def test_unverifiable_source_makes_its_claims_unconfirmed() -> None:
    doc = analyse(
        "Kremlsprecher Peskow erklärte, die Angriffe hätten militärischen Zielen gegolten. "
        "Unabhängig überprüfen lassen sich die Angaben beider Seiten nicht.",
        [("Peskow", "PER")],
    )
    (claim,) = doc._.claims
    assert claim.certainty == "unconfirmed"
    assert claim.source.text == "Peskow"


def test_questions_are_not_claims() -> None:
    assert analyse("Hat Russland die Stadt angegriffen, fragte der Reporter?")._.claims == []


def test_subjunctive_continues_the_previous_speaker() -> None:
    doc = analyse(
        "Selenskyj sagte, die Front sei stabil. Die Truppen seien gut versorgt.",
        [("Selenskyj", "PER")],
    )
    _first, second = doc._.claims
    assert second.certainty == "asserted" and second.source.text == "Selenskyj"
    assert second.text == "Die Truppen seien gut versorgt"


def test_denial_with_its_own_proposition_links_to_the_accusation_of_the_same_event() -> None:
    doc = analyse(
        "Borrell sagte, der Iran habe Drohnen an Russland geliefert. Der Iran bestreitet, Drohnen "
        "an Moskau geliefert zu haben.",
        [("Borrell", "PER"), ("Iran", "LOC"), ("Russland", "LOC"), ("Moskau", "LOC")],
    )
    claim, denial = doc._.claims
    assert denial.certainty == "denied" and denial.text == "Drohnen an Moskau geliefert zu haben"
    assert denial.contradicts == [claim.id] and claim.contradicts == [denial.id]


def test_weist_zurueck_refers_back_to_the_accusation() -> None:
    doc = analyse(
        "Lukaschenko warf Polen vor, Angriffe vorzubereiten. Die Regierung in Warschau wies die "
        "Vorwürfe zurück.",
        [("Lukaschenko", "PER"), ("Polen", "LOC"), ("Warschau", "LOC")],
    )
    accusation, denial = doc._.claims
    assert (accusation.certainty, denial.certainty) == ("alleged", "denied")
    assert denial.contradicts == [accusation.id]
    assert denial.events == accusation.events != []


# --- bad input ------------------------------------------------------------------------------------------


def test_denial_with_nothing_to_deny() -> None:
    doc = analyse("Moskau bestreitet das.", [("Moskau", "LOC")])
    # issue 15: a denial that only points back, with nothing before it, makes no claim; the act of
    # denying is still told, so the REJECT event stays
    assert doc._.claims == []
    assert [e.type for e in doc._.events] == ["REJECT"]


def test_nested_quotes() -> None:
    doc = analyse(
        "„Er hat gesagt: ‚Wir greifen nicht an‘, und dabei bleibt es“, sagte Peskow.",
        [("Peskow", "PER")],
    )
    assert [c.source.text for c in doc._.claims if c.source] == ["Peskow"]
    assert all(doc.text[c.start : c.end] == c.text for c in doc._.claims)


def test_quote_never_closed() -> None:
    doc = analyse(
        "Selenskyj sagte: „Wir werden siegen. Die Front hält\n\nIn Kiew blieb es ruhig.",
        [("Selenskyj", "PER"), ("Kiew", "LOC")],
    )
    assert doc._.claims and doc._.claims[0].source.text == "Selenskyj"
    assert all(doc.text[c.start : c.end] == c.text for c in doc._.claims)
    assert not [c for c in doc._.claims if "ruhig" in c.text]


def test_headline_speaker_colon_proposition() -> None:
    doc = analyse(
        "Selenskyj: Russland verliert den Krieg\n\nMehr dazu später.",
        [("Selenskyj", "PER"), ("Russland", "LOC")],
    )
    (claim,) = doc._.claims
    assert (claim.text, claim.source.text, claim.cue) == (
        "Russland verliert den Krieg",
        "Selenskyj",
        None,
    )


def test_plain_statements_are_not_claims() -> None:
    assert (
        analyse("Russland verlegt Soldaten an die Front. Die Lage ist angespannt.")._.claims == []
    )


# --- attribution after the fact, scope and linking ------------------------------------------------------


def test_das_teilte_x_mit_attributes_the_previous_sentence() -> None:
    doc = analyse(
        "Russland nimmt am Getreideabkommen wieder teil. Das teilte das Verteidigungsministerium "
        "in Moskau mit.",
        [("Russland", "LOC"), ("Moskau", "LOC")],
    )
    (claim,) = doc._.claims
    assert claim.text == "Russland nimmt am Getreideabkommen wieder teil"
    assert (claim.certainty, claim.cue.text) == ("reported", "teilte … mit")
    assert claim.source.text == "das Verteidigungsministerium"


def test_article_das_is_no_back_reference() -> None:
    doc = analyse(
        "Die Ukraine forderte eine Sitzung. Das Auswärtige Amt nannte die Ankündigung einen "
        "Versuch der Einschüchterung.",
        [("Ukraine", "LOC")],
    )
    (claim,) = doc._.claims
    assert claim.source.text == "Das Auswärtige Amt"
    assert "Ankündigung" in claim.text


def test_calling_reports_baseless_is_a_denial() -> None:
    doc = analyse(
        'Kuleba sagte, Iran liefere Drohnen. Kanaani nannte die Berichte über Lieferungen "haltlos".',
        [("Kuleba", "PER"), ("Iran", "LOC"), ("Kanaani", "PER")],
    )
    claim, denial = doc._.claims
    assert denial.certainty == "denied" and denial.source.text == "Kanaani"
    assert denial.contradicts == [claim.id]


def test_built_in_cue_stops_before_a_coordinated_main_clause() -> None:
    doc = analyse(
        "In Kiew schlugen nach Angaben der Stadtverwaltung Geschosse ein, auch Lwiw wurde getroffen.",
        [("Kiew", "LOC"), ("Lwiw", "LOC")],
    )
    (claim,) = doc._.claims
    assert claim.text == "In Kiew schlugen nach Angaben der Stadtverwaltung Geschosse ein"


def test_unverifiable_statement_after_an_unattributed_sentence_makes_it_a_claim() -> None:
    doc = analyse(
        "Die Polizei nahm mehrere Frauen in Gewahrsam. Das lässt sich nicht unabhängig überprüfen."
    )
    (claim,) = doc._.claims
    assert (claim.text, claim.certainty, claim.source) == (
        "Die Polizei nahm mehrere Frauen in Gewahrsam",
        "unconfirmed",
        None,
    )


def test_unverifiable_covers_the_same_source_earlier() -> None:
    doc = analyse(
        "Ein Flugzeug soll beschädigt worden sein. Das meldete die Gruppe BYPOL. Demnach hätten zwei "
        "Männer das Flugzeug angegriffen.\n\nUnabhängige Bestätigungen gibt es bislang nicht.",
        [("BYPOL", "ORG")],
    )
    assert [c.certainty for c in doc._.claims] == ["unconfirmed", "unconfirmed"]
    assert {c.source.text for c in doc._.claims} == {"BYPOL"}


def test_echoed_denial_denies_the_same_claim() -> None:
    doc = analyse(
        "Nach Angaben aus Moskau plant Kiew einen Anschlag. Die USA wiesen die Behauptung zurück. "
        "Auch Kiew bestritt entsprechende Pläne.",
        [("Moskau", "LOC"), ("Kiew", "LOC"), ("USA", "LOC")],
    )
    claim, first, second = doc._.claims
    assert first.contradicts == [claim.id] and second.contradicts == [claim.id]
    assert sorted(claim.contradicts) == sorted([first.id, second.id])


def test_warning_without_proposition_is_no_claim() -> None:
    doc = analyse(
        "Der Generalsekretär warnte davor, Russland zu unterschätzen.", [("Russland", "LOC")]
    )
    assert doc._.claims == []


def test_coordinated_clause_is_no_complement() -> None:
    doc = analyse(
        "Belarus hat ein Eingreifen bislang ausgeschlossen, gehört aber zu den Verbündeten Russlands.",
        [("Belarus", "LOC"), ("Russlands", "LOC")],
    )
    assert doc._.claims == []


def test_speaker_goes_on_through_a_pronoun_and_places_are_no_sources() -> None:
    doc = analyse(
        "Der iranische Außenminister sagte, Iran sei neutral. Teheran werde Politiker mit Einreiseverboten "
        "belegen, sagte er. Nach Berichten aus der Region Donezk gingen die Kämpfe weiter.",
        [("iranische", "LOC", "deriv"), ("Iran", "LOC"), ("Teheran", "LOC"), ("Donezk", "LOC")],
    )
    first, second, third = doc._.claims
    assert first.source.text == second.source.text == "Der iranische Außenminister"
    assert third.source is None and third.certainty == "reported"


def test_agentless_passive_report_has_no_source() -> None:
    doc = analyse("In Kiew wurde am Abend ein Angriff gemeldet.", [("Kiew", "LOC")])
    (claim,) = doc._.claims
    assert (claim.certainty, claim.source) == ("reported", None)


def test_participle_as_adjective_is_no_cue_and_pronoun_speakers_after_the_verb() -> None:
    doc = analyse("Die eingeräumte Frist war zu kurz. „Ungefähr fünf Kilo, Schatz“, sagt er.")
    (claim,) = doc._.claims
    assert claim.text == "Ungefähr fünf Kilo, Schatz" and claim.cue.text == "sagt"


# --- contradiction links: whole accounts, counter-accounts ----------------------------------------------


def _by_text(doc, words: str):
    return next(c for c in doc._.claims if words in c.text)


def test_denial_reaches_the_accusation_against_its_side_past_other_voices() -> None:
    doc = analyse(
        "Kiew machte Moskau für den Einschlag verantwortlich. Der Präsident sagte, es habe zwei Tote "
        "gegeben. Die Nato erklärte, sie prüfe den Fall. Ein Sprecher sagte, die Lage sei ruhig. "
        "Moskau wies jede Beteiligung zurück.",
        [("Kiew", "LOC"), ("Moskau", "LOC"), ("Nato", "ORG")],
    )
    accusation = doc._.claims[0]
    denial = _by_text(doc, "jede Beteiligung")
    assert accusation.certainty == "alleged" and denial.certainty == "denied"
    assert denial.contradicts == [accusation.id]


def test_denial_of_the_accusations_covers_the_details_of_the_account() -> None:
    doc = analyse(
        "Sandu warf Russland vor, einen Umsturz zu planen. Saboteure sollten nach ihren Angaben "
        "Regierungsgebäude angreifen. Moskau bestritt die Vorwürfe.",
        [("Sandu", "PER"), ("Russland", "LOC"), ("Moskau", "LOC")],
    )
    plan, detail, denial = doc._.claims
    assert detail.source.text == "Sandu"
    assert sorted(denial.contradicts) == sorted([plan.id, detail.id])


def test_no_evidence_of_the_same_thing_contradicts_the_claim() -> None:
    names = [("Kiew", "LOC"), ("Moskau", "LOC"), ("Warschau", "LOC")]
    doc = analyse(
        "Kiew warf Moskau vor, einen Angriff auf Polen verübt zu haben. Warschau erklärte, es gebe "
        "keine Hinweise auf einen gezielten Angriff.",
        names,
    )
    accusation, doubt = doc._.claims
    assert doubt.certainty == "asserted" and doubt.contradicts == [accusation.id]
    other = analyse(
        "Kiew warf Moskau vor, einen Angriff auf Polen verübt zu haben. Warschau erklärte, es gebe "
        "keine Anzeichen für eine neue Offensive.",
        names,
    )
    assert all(c.contradicts == [] for c in other._.claims)


def test_opposite_state_contradicts_the_account_and_its_continuation() -> None:
    doc = analyse(
        "Ein Flugzeug soll am Flughafen beschädigt worden sein. Das meldete die Gruppe BYPOL, die sich "
        "zu dem Anschlag bekannte. Demnach hätten zwei Männer das Flugzeug angegriffen. Satellitenbilder "
        "zeigen das Flugzeug offenbar unbeschädigt.",
        [("BYPOL", "ORG")],
    )
    report, detail, pictures = doc._.claims
    assert report.source.text == "BYPOL" and detail.source.text == "BYPOL"
    assert sorted(pictures.contradicts) == sorted([report.id, detail.id])


def test_relative_clause_after_the_speaker_is_no_complement() -> None:
    doc = analyse(
        "Ein Flugzeug soll beschädigt worden sein. Das meldete die Gruppe BYPOL, die sich zu dem "
        "Anschlag bekannte.",
        [("BYPOL", "ORG")],
    )
    (claim,) = doc._.claims
    assert claim.text == "Ein Flugzeug soll beschädigt worden sein" and claim.source.text == "BYPOL"


def test_a_second_source_telling_it_otherwise_contradicts() -> None:
    doc = analyse(
        "Die Armee sagte, die Fahrerin habe Soldaten rammen wollen. Ärzte sagten hingegen, sie sei "
        "von der Straße abgekommen. Die Polizei sagte, die Straße sei gesperrt worden."
    )
    army, doctors, police = doc._.claims
    assert doctors.contradicts == [army.id] and police.contradicts == []


def test_a_spokesperson_after_a_denial_carries_it_on_another_voice_does_not() -> None:
    names = [
        ("Lukaschenko", "PER"),
        ("Polen", "LOC"),
        ("Warschau", "LOC"),
        ("Kiew", "LOC"),
        ("BYPOL", "ORG"),
    ]
    doc = analyse(
        "Lukaschenko warf Polen vor, Angriffe vorzubereiten. Warschau wies die Vorwürfe zurück. Ein "
        "Sprecher des Außenministeriums sagte, Polen bedrohe niemanden.",
        names,
    )
    accusation, denial, spokesman = doc._.claims
    assert spokesman.contradicts == [accusation.id]
    doc = analyse(
        "Lukaschenko warf Kiew vor, den Anschlag organisiert zu haben. Kiew bestritt jede Beteiligung. "
        "Die Gruppe BYPOL erklärte, die Täter hätten das Land verlassen.",
        names,
    )
    accusation, denial, other = doc._.claims
    assert denial.contradicts == [accusation.id] and other.contradicts == []


def test_the_deniers_indirect_speech_goes_on_and_contradicts_too() -> None:
    doc = analyse(
        "Sandu warf Russland vor, einen Umsturz zu planen. Moskau bestritt die Vorwürfe. Die Regierung "
        "in Chisinau inszeniere eine Bedrohung.",
        [("Sandu", "PER"), ("Russland", "LOC"), ("Moskau", "LOC"), ("Chisinau", "LOC")],
    )
    accusation, _denial, account = doc._.claims
    assert (account.certainty, account.source.text) == ("asserted", "Moskau")
    assert account.contradicts == [accusation.id]


def test_denial_naming_an_event_denies_the_claim_of_that_event() -> None:
    doc = analyse(
        "Nach ukrainischen Angaben haben sich russische Truppen aus Cherson zurückgezogen. Die Armee "
        "meldete, ukrainische Truppen hätten Dörfer zurückerobert. Das Ministerium dementierte einen "
        "Rückzug: Die Truppen hätten neue Stellungen bezogen.",
        [
            ("ukrainischen", "LOC", "deriv"),
            ("russische", "LOC", "deriv"),
            ("Cherson", "LOC"),
            ("ukrainische", "LOC", "deriv"),
        ],
    )
    retreat, gains, denial = doc._.claims
    assert denial.certainty == "denied"
    assert denial.contradicts == [retreat.id] and gains.contradicts == []


def test_a_denial_of_reports_skips_the_speakers_announcement() -> None:
    doc = analyse(
        "Kuleba sagte, Wrackteile zeigten iranische Bauteile. Er kündigte an, Selenskyj werde die "
        'Beziehungen überprüfen. Kanaani nannte die Berichte "haltlos".',
        [
            ("Kuleba", "PER"),
            ("iranische", "LOC", "deriv"),
            ("Selenskyj", "PER"),
            ("Kanaani", "PER"),
        ],
    )
    parts, announcement, denial = doc._.claims
    assert denial.contradicts == [parts.id] and announcement.contradicts == []


def test_built_in_cue_covers_indirect_speech_that_follows() -> None:
    doc = analyse(
        "Nach Angaben der Polizei äußerte der Mann die Sorge, die Brücke könne bald einstürzen."
    )
    claim, inner = doc._.claims
    assert claim.text.startswith("Nach Angaben der Polizei") and claim.text.endswith("einstürzen")
    # the man's own words inside the police account are a claim of their own (5.2)
    assert inner.text == "die Brücke könne bald einstürzen" and inner.source.text == "der Mann"


def test_un_words_that_are_no_opposite_state_link_nothing() -> None:
    doc = analyse(
        "Kiew machte Moskau für den Angriff verantwortlich. Die Nato nannte den Angriff nach Angaben "
        "von Diplomaten unverantwortlich.",
        [("Kiew", "LOC"), ("Moskau", "LOC"), ("Nato", "ORG")],
    )
    assert all(c.contradicts == [] for c in doc._.claims)


def test_dagegen_after_the_cue_marks_the_other_account_but_not_a_protest() -> None:
    doc = analyse(
        "Die Armee erklärte, die Fahrerin habe Soldaten rammen wollen. Ärzte sagten dagegen, sie sei von "
        "der Straße abgekommen."
    )
    army, doctors = doc._.claims
    assert doctors.contradicts == [army.id]
    doc = analyse(
        "Die Armee erklärte, die Fahrerin habe Soldaten rammen wollen. Anwohner protestierten dagegen, "
        "sagte ein Sprecher der Polizei."
    )
    assert all(c.contradicts == [] for c in doc._.claims)


def test_the_accusers_side_after_a_denial_does_not_contradict_the_accusation() -> None:
    names = [("Kiew", "LOC"), ("Moskau", "LOC")]
    doc = analyse(
        "Kiew warf Moskau vor, Kraftwerke anzugreifen. Moskau wies die Vorwürfe zurück. Kiew erklärte, "
        "die Angriffe gingen weiter.",
        names,
    )
    accusation, denial, again = doc._.claims
    assert denial.contradicts == [accusation.id] and again.contradicts == []


def test_a_counter_account_goes_on_until_the_speaker_turns() -> None:
    names = [("Kiew", "LOC"), ("Moskau", "LOC"), ("Duda", "PER"), ("Nato", "ORG")]
    doc = analyse(
        "Kiew machte Moskau für den Angriff verantwortlich. Duda sagte, es gebe keine Hinweise auf einen "
        "Angriff. Wahrscheinlich handele es sich um eine verirrte Rakete. Die Nato erklärte, es gebe keine "
        "Anzeichen für einen Angriff. Moskau trage aber die Verantwortung für den Krieg.",
        names,
    )
    accusation, duda, hedge, nato, turn = doc._.claims
    assert hedge.source.text == "Duda" and turn.source.text == "Nato"
    assert sorted(accusation.contradicts) == sorted([duda.id, hedge.id, nato.id])
    assert turn.contradicts == []
