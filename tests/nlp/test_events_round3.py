"""Trigger senses that are no events on ordinary news text (round 3), on invented sentences."""

from __future__ import annotations

import pytest

from tests.nlp.events_helpers import analyse


def _triggers(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in analyse(text)._.events]


@pytest.mark.parametrize(
    "text",
    [
        "Die unterstützenden Staaten zahlten ihren Beitrag pünktlich.",
        "Der Bürgermeister äußerte sich lobend über die Feuerwehr.",
        "Die Kommission gab eine ablehnende Stellungnahme ab.",
    ],
)
def test_present_participle_is_no_event(text: str) -> None:
    assert _triggers(text) == []


def test_present_participle_of_a_protest_verb_names_a_protest() -> None:
    text = "Die streikenden Lokführer zogen vor das Ministerium."
    assert ("PROTEST", "streikenden") in _triggers(text)


def test_separated_particle_makes_another_verb() -> None:
    # "traf ... ein" is eintreffen (whose row leaves out trains), not "treffen" (to meet)
    assert _triggers("Der Zug traf am Abend mit zwei Stunden Verspätung ein.") == []


def test_particle_after_a_coordinator_belongs_to_the_second_verb() -> None:
    text = "Die Ministerin besuchte das Lager und regte an, die Zelte zu ersetzen."
    assert ("CONSULT", "besuchte") in _triggers(text)


def test_particle_verbs_of_the_same_sense_are_rows_of_their_own() -> None:
    assert _triggers("Am Abend traf der Kanzler mit den Gewerkschaften zusammen.") == [
        ("CONSULT", "traf")
    ]
    assert _triggers("Die Gemeinde fordert die Mittel beim Land ein.") == [("REQUEST", "fordert")]


@pytest.mark.parametrize(
    "text",
    [
        "Im Halbfinale trifft die Niederösterreicherin auf die an Nummer eins gesetzte Polin.",
        "In der 71. Minute traf der eingewechselte Angreifer zum 2:0.",
        "Seine Kritiker wollten keine allgemeinen Aussagen treffen.",
        "Wie so oft trifft es vor allem die kleinen Bäckereien.",
        "Dass die Messe erst im Mai beginnt, trifft sich gut.",
    ],
)
def test_treffen_without_meeting(text: str) -> None:
    assert ("CONSULT", next(w for w in text.split() if w.startswith(("tr", "Tr")))) not in (
        _triggers(text)
    )


def test_treffen_with_a_person_is_a_meeting() -> None:
    assert _triggers("Die Außenministerin traf am Montag ihren Amtskollegen in Oslo.") == [
        ("CONSULT", "traf")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Der Fluglinie droht nun ein langer Streik.",
        "Ohne frisches Geld droht dem Verein die Zahlungsunfähigkeit.",
        "Die Boote drohten in der Strömung abzutreiben.",
        "Bei Verstößen drohen den Betreibern hohe Geldstrafen.",
    ],
)
def test_drohen_of_a_risk_is_no_threat(text: str) -> None:
    assert "THREATEN" not in [t for t, _ in _triggers(text)]


def test_drohen_with_mit_stays_a_threat() -> None:
    assert ("THREATEN", "drohte") in _triggers("Der Präsident drohte dem Nachbarland mit Zöllen.")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Die neue Kamera liefert scharfe Bilder auch bei Nacht.", "AID"),
        ("Das Tablet unterstützt jetzt auch Bluetooth und NFC.", "SUPPORT"),
        ("Nach der roten Karte wurde der Verteidiger für drei Spiele gesperrt.", "COERCE"),
        ("Die Zeit drängt, sagte der Vorsitzende.", "REQUEST"),
    ],
)
def test_technical_and_sports_senses_are_no_events(text: str, kind: str) -> None:
    assert kind not in [t for t, _ in _triggers(text)]


def test_delivering_arms_stays_aid() -> None:
    assert ("AID", "liefert") in _triggers("Norwegen liefert der Armee weitere Granaten.")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Die meisten Flüchtlinge reisten noch am Abend nach Norden.", "CONSULT"),
        ("Am Wochenende besuchte der Sohn des Ministers wieder die Schule.", "CONSULT"),
        ("Am Samstag empfangen die Linzer im ersten Spiel der Saison den Meister.", "CONSULT"),
        ("Ein Wirbelsturm tötete an der Küste mehr als hundert Menschen.", "ASSAULT"),
        ("Die Flut zerstörte zwei Brücken und ein Dutzend Häuser.", "ASSAULT"),
        ("Als möglicher Nachfolger des Parteichefs ist der Bürgermeister im Gespräch.", "CONSULT"),
    ],
)
def test_travel_attendance_nature_and_candidacy_are_no_events(text: str, kind: str) -> None:
    assert kind not in [t for t, _ in _triggers(text)]


def test_official_trip_stays_a_visit() -> None:
    assert ("CONSULT", "reiste") in _triggers("Die Kanzlerin reiste am Montag nach Peking.")


def test_attack_on_a_rival_candidate_is_words() -> None:
    text = "Im Fernsehen ritt der Kandidat heftige Attacken auf seinen Konkurrenten."
    assert [t for t, w in _triggers(text) if w == "Attacken"] == ["ACCUSE"]


def test_attack_on_a_town_stays_an_assault() -> None:
    text = "Die Miliz flog heftige Attacken auf die Stadt."
    assert [t for t, w in _triggers(text) if w == "Attacken"] == ["ASSAULT"]


def test_harm_to_something_abstract_is_a_metaphor() -> None:
    assert _triggers("Der Streit habe das Ansehen des Amtes schwer beschädigt.") == []
    assert ("ASSAULT", "beschädigt") in _triggers("Zwei Panzer wurden am Stadtrand beschädigt.")


@pytest.mark.parametrize(
    "text, word",
    [
        ("Am Abend kam es zu Zusammenstößen zwischen Fans und der Polizei.", "Zusammenstößen"),
        (
            "Bei den Auseinandersetzungen mit der Polizei wurden elf Menschen verletzt.",
            "Auseinandersetzungen",
        ),
        ("Nach dem Amoklauf an der Schule blieb das Gebäude geschlossen.", "Amoklauf"),
    ],
)
def test_fighting_nouns_of_the_conventions(text: str, word: str) -> None:
    assert ("ASSAULT", word) in _triggers(text)


def test_a_collision_or_a_court_dispute_is_no_fighting() -> None:
    assert _triggers("Beim Zusammenstoß zweier Lastwagen entstand hoher Sachschaden.") == []
    text = "Die rechtliche Auseinandersetzung zwischen den Firmen zieht sich seit Jahren."
    assert "ASSAULT" not in [t for t, _ in _triggers(text)]


def test_weather_injuries_and_closed_roads_are_no_events() -> None:
    assert _triggers("Bei einem Gewitter wurden zwei Wanderer durch Blitze verletzt.") == []
    text = "Nach dem Unfall eines Tanklasters wurde die Bundesstraße stundenlang gesperrt."
    assert "COERCE" not in [t for t, _ in _triggers(text)]


def test_match_report_senses() -> None:
    text = (
        "Im Rückspiel der Bundesliga empfängt der Tabellenführer am Samstag die Gäste aus Graz. "
        "Der Trainer muss auf den verletzten Kapitän verzichten, im Angriff fehlt der gesperrte "
        "Stürmer. Im Hinspiel traf der Verteidiger kurz vor Schluss zum 1:1."
    )
    assert _triggers(text) == []


def test_a_report_with_one_sports_word_keeps_its_attack() -> None:
    text = "Nach dem Spiel verletzten Hooligans am Bahnhof drei Polizisten."
    assert _triggers(text) == [("ASSAULT", "verletzten")]
