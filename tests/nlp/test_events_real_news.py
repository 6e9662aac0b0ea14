"""Event rules added for real news (issue 15), each on sentences written for this test."""

from __future__ import annotations

import pytest

from tests.nlp.events_helpers import analyse, events_of


def _types(text: str, names=()) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in analyse(text, names)._.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Opposition übte scharfe Kritik an dem Gesetz.", ("ACCUSE", "Kritik")),
        ("Gegen den Bürgermeister wurde ein Verfahren eingeleitet.", ("ACCUSE", "Verfahren")),
        ("Der Verlag reichte Klage gegen die Stadt ein.", ("ACCUSE", "Klage")),
        ("Das Außenamt will den Botschafter ins Ministerium zitieren.", ("ACCUSE", "zitieren")),
        ("Lob kam vom Generalsekretär.", ("SUPPORT", "Lob")),
        ("Der Minister machte sich für neue Gespräche stark.", ("SUPPORT", "machte")),
        ("Die Partei sprach sich gegen die Reform aus.", ("REJECT", "sprach")),
        ("Der Parteitag beginnt am Samstag.", ("CONSULT", "Parteitag")),
        ("Bei einem Schusswechsel starben zwei Männer.", ("ASSAULT", "Schusswechsel")),
        ("Die Milizionäre plünderten das Lager.", ("ASSAULT", "plünderten")),
        ("Unbekannte haben das Gebäude angezündet.", ("ASSAULT", "angezündet")),
        ("Die Rebellen haben die Stadt unter ihre Kontrolle gebracht.", ("ASSAULT", "gebracht")),
        ("Bewaffnete haben zwölf Arbeiter als Geiseln genommen.", ("ASSAULT", "genommen")),
        ("Die Polizei hat den Mann in Untersuchungshaft genommen.", ("COERCE", "genommen")),
        ("Der Blogger wurde zu zehn Jahren Haft verurteilt.", ("COERCE", "verurteilt")),
        (
            "In der Wohnung wurden Sprengstoff und Waffen sichergestellt.",
            ("COERCE", "sichergestellt"),
        ),
        ("Die Kandidatin schlug eine Obergrenze vor.", ("REQUEST", "schlug")),
        (
            "Der Präsident hat den Premier mit der Regierungsbildung beauftragt.",
            ("REQUEST", "beauftragt"),
        ),
    ],
)
def test_trigger_of_real_news_wording(text: str, expected: tuple[str, str]) -> None:
    assert expected in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dem Angeklagten drohen bis zu drei Jahre Haft.",  # a risk, not a threat
        "Dem Land droht im Herbst die Staatspleite.",
        "Der Streit droht zu eskalieren.",
        "Der Sprecher nannte das einen Angriff auf die Meinungsfreiheit.",  # a metaphor
        "Siedlungen in den besetzten Gebieten sind illegal.",  # a lasting state
        "Die Wirtschaft nimmt wieder Fahrt auf.",  # "-haft" inside "Wirtschaft" is no custody
        "Der Konzern hat ein Sanierungsverfahren eingeleitet.",  # no legal accusation
        "Er musste die Eingabeaufforderung mit Adminrechten starten.",
    ],
)
def test_no_event_from_risks_metaphors_and_states(text: str) -> None:
    assert _types(text) == []


def test_a_court_sentence_is_coerce_and_a_condemnation_stays_accuse() -> None:
    assert ("COERCE", "verurteilt") in _types("Der Mann wurde zu zwei Jahren Haft verurteilt.")
    assert ("ACCUSE", "verurteilte") in _types("Die EU verurteilte den Anschlag scharf.")


def test_threat_with_mit_is_still_a_threat() -> None:
    doc = analyse("Russland droht mit Sanktionen.", [("Russland", "LOC")])
    (threat,) = events_of(doc, "THREATEN")
    assert threat.component.endswith("THREATEN:drohen")


def test_dateline_city_is_never_the_actor() -> None:
    text = "Ankara/Istanbul – Der Präsident Ali Kaya hat den Minister Can Demir beauftragt."
    doc = analyse(text, [("Ankara", "LOC"), ("Istanbul", "LOC"), ("Ali Kaya", "PER")])
    (order,) = events_of(doc, "REQUEST")
    assert [a.text for a in order.actor] == ["Ali Kaya"]


def test_von_after_a_noun_is_no_passive_agent() -> None:
    text = "Ein Mann wurde in der Nähe von Lyon festgenommen."
    (arrest,) = events_of(analyse(text, [("Lyon", "LOC")]), "COERCE")
    assert arrest.actor == []
    text = "Ein Mann wurde am Montag von der Polizei festgenommen."
    (arrest,) = events_of(analyse(text), "COERCE")
    assert [a.text for a in arrest.actor] == ["Polizei"]


def test_a_kind_or_measure_after_von_is_no_passive_agent() -> None:
    text = "In der Nacht wurde ein Flugzeug vom Typ A-50 beschädigt."
    (damage,) = events_of(analyse(text), "ASSAULT")
    assert damage.actor == []


def test_sentence_initial_preposition_is_no_actor() -> None:
    text = "Angesichts der Lage hat die Regierung weitere Soldaten verlegt."
    (move,) = events_of(analyse(text), "MOBILIZE")
    assert [a.text for a in move.actor] == ["Regierung"]


def test_place_right_after_a_trigger_noun_and_common_place_nouns() -> None:
    doc = analyse("Die Minister haben ihr Treffen in Lissabon vorbereitet.", [("Lissabon", "LOC")])
    (meeting,) = events_of(doc, "CONSULT")
    assert [p.text for p in meeting.place] == ["Lissabon"]
    (arrest,) = events_of(analyse("Der Mann wurde am Flughafen festgenommen."), "COERCE")
    assert [p.text for p in arrest.place] == ["Flughafen"]
    (ask,) = events_of(analyse("Er bat die Partner in einer Videobotschaft um Hilfe."), "REQUEST")
    assert ask.place == []


def test_accused_before_the_noun_and_demanded_thing_is_no_target() -> None:
    doc = analyse("Gegen den Bürgermeister wurden Ermittlungen eingeleitet.")
    (probe,) = events_of(doc, "ACCUSE")
    assert [t.text for t in probe.target] == ["Bürgermeister"]
    (demand,) = events_of(analyse("Die Opposition forderte Neuwahlen."), "REQUEST")
    assert demand.target == []
    doc = analyse("Die Regierung forderte die Bewohner zum Energiesparen auf.")
    (appeal,) = events_of(doc, "REQUEST")
    assert [t.text for t in appeal.target] == ["Bewohner"]


def test_noun_before_zufolge_is_no_subject() -> None:
    doc = analyse("Den Behörden zufolge griffen Rebellen das Dorf an.")
    (attack,) = events_of(doc, "ASSAULT")
    assert [a.text for a in attack.actor] == ["Rebellen"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ein Gericht sprach ihn vom Vorwurf der Spionage frei.", ("ACCUSE", "Vorwurf")),
        ("Unbekannte haben in der Nacht Feuer gelegt.", ("ASSAULT", "gelegt")),
        ("Die Behörden haben alle Kundgebungen untersagt.", ("COERCE", "untersagt")),
        ("Die Miliz will 5000 Männer für den Kampf ausbilden.", ("MOBILIZE", "ausbilden")),
        ("Die Parteien wollen sich am Montag zusammensetzen.", ("CONSULT", "zusammensetzen")),
        ("Er hat in Syrien in den Reihen der Miliz gekämpft.", ("ASSAULT", "gekämpft")),
    ],
)
def test_more_real_news_triggers(text: str, expected: tuple[str, str]) -> None:
    assert expected in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Der Senator zog sich im März aus dem Rennen zurück.",  # RETREAT is for forces only
        "Die beiden Kandidaten lieferten sich einen Schlagabtausch.",  # no AID
        "Die Liste setzt sich aus zehn Produkten zusammen.",
        "Sie gilt als Kritikerin der Regierung.",
        "Das sagte er im Pressegespräch.",
        "Das verlautete aus Sicherheitskreisen.",
    ],
)
def test_no_event_from_these_lookalikes(text: str) -> None:
    types = [t for t, _w in _types(text)]
    assert "RETREAT" not in types and "AID" not in types and "CONSULT" not in types
    assert "ACCUSE" not in types or "Schlagabtausch" in text


def test_material_support_for_an_army_is_aid() -> None:
    assert ("AID", "Unterstützung") in _types("Die Unterstützung für die Armee geht weiter.")


def test_city_adjective_is_the_place_not_the_actor() -> None:
    doc = analyse(
        "Nach den Wiener Anschlägen wurde die Grenze kontrolliert.", [("Wiener", "LOC", "deriv")]
    )
    (attack,) = events_of(doc, "ASSAULT")
    assert attack.actor == [] and [p.text for p in attack.place] == ["Wiener"]
    doc = analyse("Die russischen Angriffe gingen weiter.", [("russischen", "LOC", "deriv")])
    (attack,) = events_of(doc, "ASSAULT")
    assert [a.text for a in attack.actor] == ["russischen"]


def test_um_without_zu_infinitive_opens_no_purpose() -> None:
    text = "Damals hatte ihn ein Nachbar, ein Pensionist, um einen Kredit gebeten."
    assert ("REQUEST", "gebeten") in _types(text)
    assert _types("Sie sammelten Geld, um Waffen zu liefern.") == []


@pytest.mark.parametrize(
    ("text", "fights"),
    [
        ("In der Provinz bekämpfen sich Milizen und Regierungstruppen.", True),
        ("Er hatte in den Reihen der Rebellen gekämpft.", True),
        ("Die Regierung will die Korruption bekämpfen.", False),
        ("Die Läuferin kämpft um den dritten Platz.", False),
        ("Die Zeitung kämpft gegen sinkende Auflagen.", False),
    ],
)
def test_fighting_needs_armed_parties(text: str, fights: bool) -> None:
    assert any(kind == "ASSAULT" for kind, _ in _types(text)) is fights


def test_a_way_of_doing_is_no_occurrence() -> None:
    assert _types("Er zeigte ihnen, wie man eine Stadt bombardiert.") == []
    assert ("ASSAULT", "bombardiert") in _types("Er sagte, dass man die Stadt bombardiert habe.")


@pytest.mark.parametrize(
    "text",
    [
        "Im Falle einer Verurteilung drohen dem Mann fünf Jahre Haft.",
        "Für den Fall seiner Festnahme hatte man ihm Geld angeboten.",
        "Die Ökonomin sagte im Gespräch mit der Nachrichtenagentur, die Lage sei ernst.",
        "Eine Vereinbarung über den Zoll wurde nicht ausgeschlossen.",
    ],
)
def test_conditions_interviews_and_ruled_in_agreements_are_no_events(text: str) -> None:
    assert _types(text) == []


def test_a_case_in_point_and_talks_with_a_politician_stay_events() -> None:
    text = "Im Fall der Festnahme des Reporters ermittelt die Justiz."
    assert ("COERCE", "Festnahme") in _types(text)
    text = "Im Gespräch mit dem Präsidenten ging es um die Grenze."
    assert ("CONSULT", "Gespräch") in _types(text)
    assert ("ASSAULT", "Anschlagspläne") in _types("Die Polizei fand Anschlagspläne.")


@pytest.mark.parametrize(
    "text",
    [
        "Die Rohstoffpreise sind im Herbst gefallen.",
        "Die Bank plant eine Strukturbereinigung.",
        "Die Messe zählte viele Besucher.",
        "Die Seitenaufrufe haben sich verdoppelt.",
    ],
)
def test_compounds_whose_tail_only_looks_like_a_trigger(text: str) -> None:
    assert _types(text) == []


def test_a_court_report_gives_hearing_and_proceedings_their_legal_sense() -> None:
    court = "Der Richter vertagte den Fall. Nach der Verhandlung zeigte sich der Kläger zufrieden."
    assert ("ACCUSE", "Verhandlung") in _types(court)
    talks = "Die Ministerin reiste ab. Nach der Verhandlung zeigte sich die Ministerin zufrieden."
    assert ("CONSULT", "Verhandlung") in _types(talks)


def test_promises_and_the_noun_of_asking() -> None:
    assert ("AGREE", "versprach") in _types("Der Kanzler versprach den Ländern mehr Geld.")
    assert _types("Die Firma verspricht sich viel von dem neuen Markt.") == []
    assert ("REQUEST", "Bitte") in _types("Die Stadt wiederholte ihre Bitte um Hilfe.")
    assert _types("Bitte beachten Sie die Hinweise.") == []


def test_the_adjective_billig_is_no_approval() -> None:
    assert _types("Das Land will weiter billige Kohle verbrennen.") == []
    assert ("SUPPORT", "billigte") in _types("Das Kabinett billigte den Entwurf.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Miliz soll im Frühjahr Giftgas eingesetzt haben.", ("ASSAULT", "eingesetzt")),
        ("Mehrere Kinder wurden sexuell missbraucht.", ("ASSAULT", "missbraucht")),
        ("Die Regierung will die Beziehungen zu Ankara einfrieren.", ("SANCTION", "einfrieren")),
        ("Kritiker sehen darin ein Nachgeben gegenüber den Rebellen.", ("CONCEDE", "Nachgeben")),
        ("Zwei Aktivistinnen kamen in Gewahrsam.", ("COERCE", "Gewahrsam")),
        ("Der Bund stockt die Hilfsgelder für Jordanien auf.", ("AID", "Hilfsgelder")),
        ("Die Firma hat sich bereit erklärt, die Kosten zu tragen.", ("AGREE", "erklärt")),
    ],
)
def test_event_vocabulary_of_real_news(text: str, expected: tuple[str, str]) -> None:
    assert expected in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ein Radfahrer wurde bei einem Verkehrsunfall getötet.",
        "Die Firma hat ihre Auskunftspflicht nicht verletzt.",
        "Wer Müll auf die Straße wirft, wird zur Kasse gebeten.",
        "Die Anlage arbeitet fast ohne menschliches Eingreifen.",
        "Die Firma hat neue Mitarbeiter eingesetzt.",
        "Der Minister erklärte, die Lage sei ruhig.",
    ],
)
def test_accidents_violated_duties_and_idioms_are_no_events(text: str) -> None:
    assert _types(text) == []


def test_a_possible_event_is_no_occurrence() -> None:
    assert _types("Die Polizei fürchtete vor allem einen möglichen Anschlag.") == []
    assert _types("Zu etwaigen Sanktionen wollte sich niemand äußern.") == []
    assert ("ASSAULT", "Anschlag") in _types("Die Polizei untersucht den Anschlag.")


@pytest.mark.parametrize(
    "text",
    [
        "Vor Gericht zeigte sich ein langer Lernprozess.",
        "Das Gericht prüfte das Auswahlverfahren.",
        "Nach drei Monaten ist die Turnerin mit ihren Übungen zufrieden.",
        "Die Partei ist ins Hintertreffen geraten.",
        "Der Fahrer verhinderte mit einem Bremsmanöver einen Unfall.",
        "Die Originalbesetzung spielt wieder.",
        "Mit neuer Besetzung tritt das Quartett im Herbst auf.",
        "Der Posten des Direktors wird im Mai neu besetzt.",
        "Auf der Tormannposition ist der Verein gut besetzt.",
    ],
)
def test_compounds_and_senses_that_are_no_events(text: str) -> None:
    assert _types(text) == []


def test_an_occupation_by_armed_forces_stays_an_assault() -> None:
    assert ("ASSAULT", "besetzten") in _types("Fremde Truppen besetzten den Flughafen.")
    text = "Die Besetzung der Halbinsel durch Soldaten begann im Februar."
    assert ("ASSAULT", "Besetzung") in _types(text)


def test_an_exercise_is_mobilize_in_a_military_report() -> None:
    text = "Die Nato verlegt Kampfjets nach Polen. Die Übung dauert zwei Wochen."
    assert ("MOBILIZE", "Übung") in _types(text)


def test_arriving_is_a_visit_only_for_a_visit() -> None:
    text = "Der Außenminister ist zu einem Besuch in Kairo eingetroffen."
    assert ("CONSULT", "eingetroffen") in _types(text)
    assert _types("Die Fähre mit 900 Passagieren ist in Piräus eingetroffen.") == []
    assert _types("Als die Einsatzkräfte eintrafen, brannte das Haus.") == []


def test_sharp_attacks_are_words() -> None:
    assert ("ACCUSE", "angegriffen") in _types("Der Trainer hat den Verband scharf angegriffen.")
    assert ("ACCUSE", "Angriffe") in _types("Es gab scharfe Angriffe auf die Ministerin.")
    assert ("ASSAULT", "angegriffen") in _types("Die Rebellen haben die Kaserne angegriffen.")


def test_what_a_demand_asks_in_a_verb_second_clause_is_no_event() -> None:
    text = "Die Opposition forderte, die Regierung solle die Sanktionen aufheben."
    assert _types(text) == [("REQUEST", "forderte")]
    text = "Die Opposition forderte Neuwahlen, die Regierung hatte die Sanktionen aufgehoben."
    assert ("CONCEDE", "aufgehoben") in _types(text)


def test_education_is_no_formation() -> None:
    assert _types("Sie legten gemeinsame Pläne für Bildung und Pflege vor.") == []
    text = "Die Länder beschlossen die Bildung einer gemeinsamen Grenzschutztruppe."
    assert ("COOPERATE", "Bildung") in _types(text)


def test_several_people_talking_about_something_is_talks() -> None:
    text = "Nach Angaben der Sprecherin sprachen die beiden Minister über die Grenze."
    assert ("CONSULT", "sprachen") in _types(text)
    assert _types("Der Bischof sprach über die Armut.") == []


def test_a_past_event_as_topic_of_talks_stays_an_event() -> None:
    text = "Die Minister berieten über die jüngsten Angriffe im Süden."
    assert ("ASSAULT", "Angriffe") in _types(text)
    assert ("ASSAULT", "Angriffe") not in _types("Die Minister berieten über neue Angriffe.")


def test_travel_that_is_no_visit() -> None:
    assert _types("Die Flüchtlinge warten an der Grenze auf ihre Weiterreise.") == []
    text = "Die Kanzlerin beendete ihre Reise nach Peking."
    assert ("CONSULT", "Reise") in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Das wird nicht so laufen, wie wir uns das versprechen.",
        "Die Schulden sollen sich in einigen Jahren rechnen.",
        "Auf ein Drittel der Befragten trifft das zu.",
        "Der Hagel hat die Netze zerstört.",
        "Die Volkshilfe sammelt Unterschriften.",
    ],
)
def test_expectations_determiners_and_nature_are_no_events(text: str) -> None:
    assert _types(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Jäger dürfen die Tiere nur im Herbst töten.",
        "Man könne nicht von einer drohenden Normenflut sprechen.",
        "Der zweite Mann sprach mit starkem Akzent.",
    ],
)
def test_hunting_impending_things_and_accents_are_no_events(text: str) -> None:
    assert _types(text) == []


def test_a_doc_row_needs_its_word_anywhere_in_the_report() -> None:
    from chronik.nlp.events import lexicon

    header = "lemma\ttype\tpos\tforms\trequires\texcludes\tnotes\n"
    lex = lexicon.parse(header + "rügen\tACCUSE\tV\trüg\tdoc:\\bgericht\\b\t\t\n")
    (hit,) = lex.verb_hits("rügte")
    assert hit.entry.requires is None
    assert hit.entry.fits("das gericht tagte. der richter rügte ihn.")
    assert not hit.entry.fits("der trainer rügte ihn.")
