"""Events: triggers, arguments, negation and modality, on the spec's example report and on hand-made cases."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.nlp.events_helpers import analyse, events_of, texts

EXAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "report-2022-12.txt"
EXAMPLE_NAMES = [
    ("Russlands", "LOC"),
    ("Sergei Shoigu", "PER"),
    ("belarussische", "LOC", "deriv"),
    ("Alexander Lukaschenko", "PER"),
    ("Minsk", "LOC"),
    ("Ukraine", "LOC"),
    ("Belarus", "LOC"),
    ("Viktor Chrenin", "PER"),
    ("Schoigu", "PER"),
    ("Lukaschenko", "PER"),
    ("russischen", "LOC", "deriv"),
    ("belarussischen", "LOC", "deriv"),
    ("russischer", "LOC", "deriv"),
    ("Russland", "LOC"),
    ("Moskau", "LOC"),
    ("russische", "LOC", "deriv"),
]


@pytest.fixture(scope="module")
def example():
    if not EXAMPLE.is_file():
        pytest.skip(f"{EXAMPLE} not available")
    return analyse(
        EXAMPLE.read_text(encoding="utf-8"),
        EXAMPLE_NAMES,
        "2022-12",
        timexes=[("Oktober", "DATE", "2022-10")],
    )


def _sentence_with(doc, words: str):
    return next(s for s in doc.sents if words in s.text)


def _in_sentence(event, sentence) -> bool:
    return sentence.start_char <= event.trigger.start < sentence.end_char


# --- the spec's example report, one test per listed event ---------------------------------------------


def test_example_consult_shoigu_and_lukaschenko_meet_in_minsk(example) -> None:
    (meet,) = [e for e in events_of(example, "CONSULT") if e.trigger.text == "getroffen"]
    people = " ".join(texts(meet.actor + meet.target))
    assert "Shoigu" in people and "Lukaschenko" in people
    assert texts(meet.place) == ["Minsk"]
    assert not meet.negated


def test_example_assault_belarus_entering_the_war_is_negated(example) -> None:
    (entering,) = [e for e in events_of(example, "ASSAULT") if e.trigger.text == "Eingreifen"]
    assert entering.negated
    assert texts(entering.actor) == ["Belarus"]


def test_example_mobilize_belarus_troops_to_the_border(example) -> None:
    sentence = _sentence_with(example, "Truppen an die Grenze")
    (move,) = [e for e in events_of(example, "MOBILIZE") if _in_sentence(e, sentence)]
    assert move.trigger.text == "verlegt"
    assert texts(move.target) == ["Truppen"]
    # conventions 4.4: a short locative noun phrase is a place too ("an die Grenze zur Ukraine")
    assert texts(move.place) == ["Grenze", "Ukraine"]
    assert texts(move.actor) and texts(move.actor)[0] in ("Land", "Das Land", "Belarus")


def test_example_agree_schoigu_with_chrenin_sign_a_document(example) -> None:
    (sign,) = events_of(example, "AGREE")
    assert sign.trigger.text == "unterzeichnete"
    assert "Schoigu" in texts(sign.actor)
    assert "Viktor Chrenin" in texts(sign.actor + sign.target)
    assert "Dokument" in texts(sign.target)


def test_example_cooperate_joint_military_unit(example) -> None:
    sentence = _sentence_with(example, "Militäreinheit")
    assert [e for e in events_of(example, "COOPERATE") if _in_sentence(e, sentence)]


def test_example_support_belarus_supports_russias_war(example) -> None:
    (support,) = events_of(example, "SUPPORT")
    assert support.trigger.text == "unterstützt"
    assert texts(support.actor) == ["Belarus"]
    assert any("Russland" in t or "Krieg" in t for t in texts(support.target))


def test_example_mobilize_russia_soldiers_to_the_front(example) -> None:
    sentence = _sentence_with(example, "Soldaten an die Front")
    (move,) = [e for e in events_of(example, "MOBILIZE") if _in_sentence(e, sentence)]
    assert texts(move.actor) == ["Russland"]
    assert texts(move.target) == ["Soldaten"]
    assert texts(move.place) == ["Ukraine"]


def test_example_accuse_ukraine_accuses_russia(example) -> None:
    (accuse,) = events_of(example, "ACCUSE")
    assert accuse.trigger.text == "wirft"
    assert texts(accuse.actor) == ["Ukraine"]
    assert texts(accuse.target) == ["Russland"]


def test_example_assault_russia_on_energy_infrastructure(example) -> None:
    sentence = _sentence_with(example, "Energieinfrastruktur")
    (attack,) = [e for e in events_of(example, "ASSAULT") if _in_sentence(e, sentence)]
    assert attack.trigger.text == "anzugreifen"
    assert texts(attack.actor) == ["Russland"]
    assert texts(attack.target) == ["Energieinfrastruktur"]
    assert not attack.negated


def test_example_reject_the_russian_side_denies(example) -> None:
    (reject,) = events_of(example, "REJECT")
    assert reject.trigger.text == "bestreitet"
    assert reject.actor and "Seite" in reject.actor[0].text


def test_example_events_carry_ids_and_rule_provenance(example) -> None:
    assert [e.id for e in example._.events] == [
        f"v{n}" for n in range(1, len(example._.events) + 1)
    ]
    assert all(
        e.component.startswith("events:rules-") and "/" in e.component for e in example._.events
    )


def test_example_has_no_event_for_verbs_of_saying(example) -> None:
    assert not [
        e
        for e in example._.events
        if e.trigger.text in ("bekräftigte", "bestreitet") and e.type != "REJECT"
    ]


# --- triggers -------------------------------------------------------------------------------------------


def test_separable_verb_counts_only_with_its_particle() -> None:
    doc = analyse(
        "Die Regierung weist die Vorwürfe zurück. Polen weist zwei Diplomaten aus.",
        [("Polen", "LOC")],
    )
    # conventions 3.1/3.4: "Vorwürfe" is an ACCUSE mention of its own, also as what is rejected
    assert [(e.type, e.trigger.text) for e in doc._.events] == [
        ("REJECT", "weist"),
        ("ACCUSE", "Vorwürfe"),
        ("SANCTION", "weist"),
    ]


def test_compound_noun_is_one_trigger() -> None:
    doc = analyse("Bei einem Raketenangriff auf Kiew starben drei Menschen.", [("Kiew", "LOC")])
    (attack,) = doc._.events
    assert (attack.type, attack.trigger.text, texts(attack.target)) == (
        "ASSAULT",
        "Raketenangriff",
        ["Kiew"],
    )


def test_passive_takes_actor_from_von_phrase_and_target_from_subject() -> None:
    doc = analyse(
        "Das Abkommen wurde am Montag von Selenskyj in Kiew unterzeichnet.",
        [("Selenskyj", "PER"), ("Kiew", "LOC")],
    )
    (sign,) = doc._.events
    assert sign.type == "AGREE"
    assert texts(sign.actor) == ["Selenskyj"]
    assert texts(sign.target) == ["Abkommen"]
    assert texts(sign.place) == ["Kiew"]


def test_demanded_retreat_is_not_an_event() -> None:
    doc = analyse(
        "Die Nato forderte den Rückzug der russischen Truppen.",
        [("Nato", "ORG"), ("russischen", "LOC", "deriv")],
    )
    assert [e.type for e in doc._.events] == ["REQUEST"]


def test_situation_nouns_are_not_events() -> None:
    doc = analyse("Der Krieg und der Konflikt dauern an. Die Mission geht weiter.")
    assert doc._.events == []


def test_time_comes_from_a_timex_in_the_clause() -> None:
    doc = analyse(
        "Russland griff am Freitag Charkiw an.",
        [("Russland", "LOC"), ("Charkiw", "LOC")],
        date="2022-10-10",
        timexes=[("Freitag", "DATE", "2022-10-07")],
    )
    (attack,) = doc._.events
    assert texts(attack.time) == ["Freitag"]
    assert attack.time_value == "2022-10-07"
    assert texts(attack.target) == ["Charkiw"]


# --- negation and modality ------------------------------------------------------------------------------


def test_ruling_out_an_action_negates_it() -> None:
    doc = analyse(
        "Belarus schließt aus, die Ukraine anzugreifen.", [("Belarus", "LOC"), ("Ukraine", "LOC")]
    )
    (attack,) = doc._.events
    assert attack.type == "ASSAULT" and attack.negated
    assert texts(attack.actor) == ["Belarus"]


def test_negation_far_from_the_verb() -> None:
    doc = analyse(
        "Russland hat seine Truppen trotz aller Forderungen der Nato in den vergangenen Wochen "
        "aus der Region um die Stadt Cherson bislang nicht abgezogen.",
        [("Russland", "LOC"), ("Nato", "ORG"), ("Cherson", "LOC")],
    )
    (retreat,) = events_of(doc, "RETREAT")
    assert retreat.negated


def test_kein_negates_only_the_noun_it_heads() -> None:
    doc = analyse("Es gab keine Angriffe. Es gibt keine Angaben über den Verlauf der Gefechte.")
    assert [(e.trigger.text, e.negated) for e in doc._.events] == [
        ("Angriffe", True),
        ("Gefechte", False),
    ]


def test_announced_meeting_is_future() -> None:
    doc = analyse(
        "Scholz wird am Freitag Macron in Paris treffen.",
        [("Scholz", "PER"), ("Macron", "PER"), ("Paris", "LOC")],
    )
    (meet,) = doc._.events
    assert (meet.type, meet.modality) == ("CONSULT", "future")
    assert texts(meet.actor) == ["Scholz"] and texts(meet.target) == ["Macron"]


def test_planned_event() -> None:
    doc = analyse("Die Regierung plant, Truppen an die Grenze zu verlegen.")
    (move,) = doc._.events
    assert (move.type, move.modality) == ("MOBILIZE", "planned")


# --- bad input ------------------------------------------------------------------------------------------


def test_empty_and_blank_text() -> None:
    assert analyse("")._.events == []
    assert analyse("   \n\n  ")._.events == []


def test_list_without_verbs_makes_no_event() -> None:
    doc = analyse("Berlin, Paris, London, Warschau\n\nWetter: sonnig, 20 Grad")
    assert doc._.events == [] and doc._.claims == []


def test_headline_without_verb_keeps_its_noun_event_only() -> None:
    doc = analyse("Drohnenangriff auf Kiew\n\nDie Lage ist ruhig.", [("Kiew", "LOC")])
    assert [(e.type, e.trigger.text) for e in doc._.events] == [("ASSAULT", "Drohnenangriff")]


def test_very_long_sentence_is_handled_in_time() -> None:
    part = "Russland verlegt Soldaten an die Front und die Ukraine wehrt sich mit aller Kraft, "
    text = part * 300 + "sagte er."
    started = time.perf_counter()
    doc = analyse(text, [("Russland", "LOC"), ("Ukraine", "LOC")])
    assert time.perf_counter() - started < 20
    assert len(events_of(doc, "MOBILIZE")) == 300


# --- lexicon --------------------------------------------------------------------------------------------


def test_generated_forms_of_separable_and_strong_verbs() -> None:
    from chronik.nlp.events.lexicon import verb_forms

    forms = verb_forms("aus|gehen", ["ging", "gang"])
    assert forms["gehen"] is True and forms["ging"] is True  # finite: "gehen ... davon aus"
    assert forms["ausgegangen"] is False and forms["auszugehen"] is False
    assert verb_forms("an|greifen", ["griff"])["angegriffen"] is False


def test_lexicon_rows_carry_their_rule_id_into_the_event() -> None:
    doc = analyse("Die Armee hat Charkiw angegriffen.", [("Charkiw", "LOC")])
    (attack,) = doc._.events
    assert attack.component.endswith("/ASSAULT:angreifen")


def test_participle_used_as_adjective_with_its_agent() -> None:
    doc = analyse(
        "Das Kraftwerk ist seit März von russischen Truppen besetzt.",
        [("russischen", "LOC", "deriv")],
    )
    (occupy,) = doc._.events
    assert occupy.type == "ASSAULT"
    assert texts(occupy.target) == ["Kraftwerk"] and texts(occupy.actor) == ["Truppen"]


def test_aid_target_is_the_recipient() -> None:
    doc = analyse(
        "Der Iran hat Drohnen an Russland geliefert.", [("Iran", "LOC"), ("Russland", "LOC")]
    )
    (aid,) = doc._.events
    assert (texts(aid.actor), texts(aid.target)) == (["Iran"], ["Russland"])


def test_enumerated_accused_are_all_targets_and_actors_of_the_complement() -> None:
    doc = analyse(
        "Lukaschenko warf Polen und Litauen vor, Angriffe vorzubereiten.",
        [("Lukaschenko", "PER"), ("Polen", "LOC"), ("Litauen", "LOC")],
    )
    accuse, attack = doc._.events
    assert texts(accuse.target) == ["Polen", "Litauen"]
    assert texts(attack.actor) == ["Polen", "Litauen"]


def test_ohne_negates_the_noun_and_unverifiability_negates_nothing() -> None:
    doc = analyse(
        "Treffen ohne Einigung\n\nDie Angaben zu den Festnahmen lassen sich nicht unabhängig überprüfen."
    )
    assert [(e.trigger.text, e.negated) for e in doc._.events] == [
        ("Treffen", False),
        ("Einigung", True),
        ("Festnahmen", False),
    ]


def test_run_on_sentence_without_commas_stays_fast() -> None:
    text = (
        " ".join(["Russland greift Kiew an und Soldaten verlegen Truppen und"] * 200) + " sagte er."
    )
    started = time.perf_counter()
    doc = analyse(text, [("Russland", "LOC"), ("Kiew", "LOC")])
    assert time.perf_counter() - started < 20
    assert len(events_of(doc, "ASSAULT")) == 200


def test_passive_in_a_subordinate_clause_and_accusative_objects() -> None:
    doc = analyse("Die Polizei berichtete, dass ein Jogger von einem Bären angegriffen worden sei.")
    (attack,) = doc._.events
    assert (texts(attack.actor), texts(attack.target)) == (["Bären"], ["Jogger"])
    doc = analyse("Im Juli hat einen Pilzsucher ein Bär angegriffen.")
    (attack,) = doc._.events
    assert (texts(attack.actor), texts(attack.target)) == (["Bär"], ["Pilzsucher"])


def test_place_after_an_institution_only_says_which_one() -> None:
    doc = analyse(
        "Darüber hinaus wirft die Staatsanwaltschaft Stuttgart Anton Schlecker Betrug vor.",
        [("Stuttgart", "LOC"), ("Anton Schlecker", "PER")],
    )
    (accuse,) = doc._.events
    assert texts(accuse.actor) == ["Staatsanwaltschaft"]
    assert texts(accuse.target) == ["Anton Schlecker"]


# --- argument rules added after the first gold round ----------------------------------------------------


def test_complement_clause_opened_by_an_article_is_verb_second_not_relative() -> None:
    names = [("Scholz", "PER"), ("Frankreich", "LOC"), ("Moldau", "LOC"), ("Russland", "LOC")]
    doc = analyse("Scholz sagte, die Franzosen würden Moldau unterstützen.", names)
    (support,) = doc._.events
    assert (texts(support.actor), texts(support.target)) == (["Franzosen"], ["Moldau"])
    doc = analyse("Die Regierung, die Russland unterstützt hat, schweigt.", names)
    (support,) = doc._.events
    assert (texts(support.actor), texts(support.target)) == (["Regierung"], ["Russland"])


def test_subject_of_a_clause_with_an_unlisted_verb_does_the_noun_event() -> None:
    names = [("Nato", "ORG"), ("Kuleba", "PER"), ("Frankreich", "LOC")]
    doc = analyse("Die Nato hält ab Montag ihr jährliches Manöver ab.", names)
    (drill,) = doc._.events
    assert (drill.type, texts(drill.actor)) == ("MOBILIZE", ["Nato"])
    doc = analyse("Kuleba nahm an dem Treffen teil und bat um Flugabwehr.", names)
    meeting, request = doc._.events
    assert (meeting.type, texts(meeting.actor)) == ("CONSULT", ["Kuleba"])
    assert texts(request.actor) == ["Kuleba"]


def test_subject_does_not_do_what_it_confirms_observes_or_blames_or_a_circumstance() -> None:
    names = [
        ("Lukaschenko", "PER"),
        ("Polen", "LOC"),
        ("Moskau", "LOC"),
        ("Kiew", "LOC"),
        ("Peskow", "PER"),
        ("Cherson", "LOC"),
    ]
    for text in (
        "Lukaschenko bestätigt den Anschlag.",
        "Polen beobachtet die Manöver mit Sorge.",
        "Peskow betonte, Cherson bleibe trotz des Rückzugs russisch.",
    ):
        (event,) = analyse(text, names)._.events
        assert event.actor == [], text
    _blame, attacks = analyse(
        "Moskau und Kiew geben sich gegenseitig die Schuld an den Angriffen.", names
    )._.events
    assert attacks.type == "ASSAULT" and attacks.actor == []


def test_objects_stay_in_the_conjunct_of_their_verb() -> None:
    names = [
        ("EU", "ORG"),
        ("Teheran", "LOC"),
        ("Berlin", "LOC"),
        ("Shoigu", "PER"),
        ("Lukaschenko", "PER"),
    ]
    doc = analyse(
        "Die EU verurteilte die Festnahme und forderte ihre sofortige Freilassung.", names
    )
    condemn, request = events_of(doc, "ACCUSE")[0], events_of(doc, "REQUEST")[0]
    # conventions 4.3: a demand's target is its addressee; what is demanded ("Freilassung") is not
    assert texts(condemn.target) == ["Festnahme"] and texts(request.target) == []
    assert texts(request.actor) == ["EU"]
    doc = analyse(
        "Teheran bestellte den Botschafter ein und warf Berlin vor, die Unruhen anzuheizen.", names
    )
    accuse = next(e for e in doc._.events if e.trigger.text == "warf")
    assert texts(accuse.target) == ["Berlin"]
    (meet,) = analyse("Shoigu traf Lukaschenko und russische Generäle.", names)._.events
    assert texts(meet.target) == ["Lukaschenko", "Generäle"]


def test_plural_sie_is_the_subject_of_the_sentence_before() -> None:
    names = [("Moskau", "LOC"), ("USA", "LOC"), ("Russland", "LOC")]
    doc = analyse(
        "In Moskau demonstrierten am Samstag Mütter von Soldaten vor dem Ministerium. Sie verlangten, "
        "ihre Söhne nicht an die Front zu schicken.",
        names,
    )
    (request,) = events_of(doc, "REQUEST")
    assert texts(request.actor) == ["Mütter"]
    doc = analyse(
        "Die Außenminister der USA wiesen die Behauptung zurück. Sie warfen Russland vor, zu lügen.",
        names,
    )
    (accuse,) = events_of(doc, "ACCUSE")
    assert texts(accuse.actor) == ["Außenminister"] and texts(accuse.target) == ["Russland"]


def test_object_first_clause_takes_the_subject_after_the_verb() -> None:
    names = [
        ("Kiew", "LOC"),
        ("Russland", "LOC"),
        ("Schoigu", "PER"),
        ("Chrenin", "PER"),
        ("Minsk", "LOC"),
    ]
    (sign,) = analyse("Den Vertrag unterzeichneten Schoigu und Chrenin in Minsk.", names)._.events
    assert (texts(sign.actor), texts(sign.target)) == (["Schoigu", "Chrenin"], ["Vertrag"])
    (arrest,) = analyse("Den Journalisten nahm die Polizei in Minsk fest.", names)._.events
    assert (texts(arrest.actor), texts(arrest.target)) == (["Polizei"], ["Journalisten"])
    (attack,) = analyse("Einen Angriff auf Kiew hat Russland am Montag verübt.", names)._.events
    assert (texts(attack.actor), texts(attack.target)) == (["Russland"], ["Kiew"])


def test_headline_participle_without_auxiliary_is_passive() -> None:
    (arrest,) = analyse("Journalistin in Minsk festgenommen\n\nText.", [("Minsk", "LOC")])._.events
    assert (arrest.actor, texts(arrest.target)) == ([], ["Journalistin"])
    (threat,) = analyse("Russland droht\n\nText.", [("Russland", "LOC")])._.events
    assert texts(threat.actor) == ["Russland"]


def test_named_place_after_a_kind_of_place_is_the_place_or_the_target() -> None:
    names = [
        ("Przewodów", "LOC"),
        ("polnischen", "LOC", "deriv"),
        ("Blahodatne", "LOC"),
        ("Stuttgart", "LOC"),
        ("Wagner", "ORG"),
    ]
    doc = analyse("Im polnischen Dorf Przewodów sind zwei Menschen getötet worden.", names)
    (kill,) = doc._.events
    assert texts(kill.place) == ["Przewodów"]
    (capture,) = analyse("Die Wagner-Einheiten haben das Dorf Blahodatne erobert.", names)._.events
    assert texts(capture.target) == ["Blahodatne"]
    (probe,) = analyse("Die Staatsanwaltschaft Stuttgart ermittelt gegen den Mann.", names)._.events
    assert probe.place == [] and texts(probe.actor) == ["Staatsanwaltschaft"]


def test_locative_relative_clause_happens_at_the_place_before_it() -> None:
    names = [("Biden", "PER"), ("Warschau", "LOC"), ("Duda", "PER"), ("Transnistrien", "LOC")]
    doc = analyse("Biden reiste weiter nach Warschau, wo er den Präsidenten Duda traf.", names)
    meet = next(e for e in doc._.events if e.trigger.text == "traf")
    assert texts(meet.place) == ["Warschau"] and texts(meet.target) == ["Duda"]
    doc = analyse(
        "Moldau grenzt an die Region Transnistrien, in der Soldaten stationiert sind.", names
    )
    (station,) = doc._.events
    assert texts(station.place) == ["Transnistrien"]


def test_attributive_participle_does_to_its_noun_what_it_names() -> None:
    names = [
        ("Moskau", "LOC"),
        ("Russland", "LOC"),
        ("Krim", "LOC"),
        ("russischen", "LOC", "deriv"),
    ]
    (station,) = analyse("Die dort stationierten russischen Einheiten üben.", names)._.events
    assert (station.actor, texts(station.target)) == ([], ["Einheiten"])
    (arrest,) = analyse("Die vor drei Tagen festgenommene Journalistin ist frei.", names)._.events
    assert (arrest.actor, texts(arrest.target)) == ([], ["Journalistin"])
    (occupy,) = analyse("Sie leben auf der von Russland besetzten Krim.", names)._.events
    assert (texts(occupy.actor), texts(occupy.target)) == (["Russland"], ["Krim"])
    protest, draft = analyse(
        "In Moskau demonstrierten Mütter von eingezogenen Soldaten.", names
    )._.events
    assert texts(protest.actor) == ["Mütter"] and texts(draft.target) == ["Soldaten"]


def test_coordinated_participles_keep_their_own_objects() -> None:
    names = [("Kiew", "LOC")]
    kill, damage = analyse(
        "In Kiew seien Soldaten getötet und zwei Flugzeuge beschädigt worden.", names
    )._.events
    assert texts(kill.target) == ["Soldaten"] and texts(damage.target) == ["Flugzeuge"]
    blast, destroy = analyse(
        "Russische Truppen sollen in Kiew Brücken gesprengt und Straßen zerstört haben.",
        names + [("Russische", "LOC", "deriv")],
    )._.events
    assert texts(blast.target) == ["Brücken"] and texts(destroy.target) == ["Straßen"]


def test_conjunct_shares_the_preposition_before_it() -> None:
    names = [
        ("Grossi", "PER"),
        ("Moskau", "LOC"),
        ("Kiew", "LOC"),
        ("EU", "ORG"),
        ("Selenskyj", "PER"),
    ]
    (travel,) = analyse("Grossi will erneut nach Moskau und Kiew reisen.", names)._.events
    assert (texts(travel.place), travel.target) == (["Moskau", "Kiew"], [])
    (sanction,) = analyse(
        "Die EU hat Sanktionen gegen zwei Generäle und ein Unternehmen verhängt.", names
    )._.events
    assert texts(sanction.target) == ["Generäle", "Unternehmen"]
    (appeal,) = analyse(
        "Selenskyj appellierte per Video an die Minister, schnell zu handeln.", names
    )._.events
    assert texts(appeal.target) == ["Minister"]


def test_a_denial_rejects_the_report_it_names_not_an_attribution() -> None:
    names = [("Moskau", "LOC"), ("Kiew", "LOC")]
    (deny,) = analyse("Das Ministerium dementierte am Abend den Bericht.", names)._.events
    assert texts(deny.target) == ["Bericht"]
    deny = next(
        e
        for e in analyse("Kiew hat Berichte über einen Rückzug zurückgewiesen.", names)._.events
        if e.type == "REJECT"
    )
    assert texts(deny.target) == ["Berichte"]
    (deny,) = analyse("Moskau bestritt nach Angaben der Agentur jede Beteiligung.", names)._.events
    assert texts(deny.target) == ["Beteiligung"]


def test_time_after_something_else_and_inside_a_participle_phrase() -> None:
    names = [("Moskau", "LOC"), ("Lasouskaja", "PER")]
    (free,) = analyse(
        "Lasouskaja ist nach fünf Wochen in Haft freigelassen worden.",
        names,
        timexes=[("fünf Wochen", "DURATION", "P5W")],
    )._.events
    assert free.time == []
    (attack,) = analyse(
        "Russland greift seit drei Wochen Bachmut an.",
        [("Russland", "LOC"), ("Bachmut", "LOC")],
        timexes=[("drei Wochen", "DURATION", "P3W")],
    )._.events
    assert texts(attack.time) == ["drei Wochen"]
    protest, draft = analyse(
        "In Moskau demonstrierten am Samstag Mütter von eingezogenen Soldaten.",
        names,
        timexes=[("Samstag", "DATE", "2022-10-29")],
    )._.events
    assert texts(protest.time) == ["Samstag"] and texts(protest.place) == ["Moskau"]
    assert draft.time == [] and draft.place == []


def test_object_pronoun_is_the_addressee_and_controls_the_complement() -> None:
    names = [("Lasouskaja", "PER"), ("Ukraine", "LOC"), ("Nato", "ORG")]
    doc = analyse(
        "Die Journalistin Lasouskaja wurde festgenommen. Die Staatsanwaltschaft wirft ihr vor, "
        "Informationen an die Ukraine weitergegeben zu haben.",
        names,
    )
    (accuse,) = events_of(doc, "ACCUSE")
    (leak,) = events_of(doc, "COOPERATE")
    assert texts(accuse.target) == ["Lasouskaja"]
    assert (texts(leak.actor), texts(leak.target), leak.place) == (["Lasouskaja"], ["Ukraine"], [])
    (drill,) = analyse("Die Nato hält ihr jährliches Manöver ab.", names)._.events
    assert texts(drill.actor) == ["Nato"] and drill.target == []


def test_bislang_closes_the_event_interval_at_the_report_date() -> None:
    from chronik.dates import parse_iso
    from chronik.nlp import pipeline
    from chronik.types import Report

    nlp = pipeline.build()
    text = "Belarus hat ein Eingreifen in den Krieg bislang ausgeschlossen. Russland griff Kiew an."
    events = pipeline.analyse(nlp, Report(id="b", text=text, date=parse_iso("2022-12-05"))).events
    so_far = [e for e in events if e.trigger.text == "Eingreifen"]
    plain = [e for e in events if e.trigger.text == "griff"]
    assert [(e.earliest, e.latest, e.negated) for e in so_far] == [(None, "2022-12-05", True)]
    assert [(e.earliest, e.latest) for e in plain] == [("2022-12-05", "2022-12-05")]
