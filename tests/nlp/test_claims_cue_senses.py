"""A cue verb with a second sense that says nothing: 'bestreiten' is also to play a match or to
earn a living. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.nlp.events_helpers import analyse


@pytest.mark.parametrize(
    "text",
    [
        "Der Verteidiger bestritt in seiner Laufbahn 80 Länderspiele.",
        "Seit dem Bruch des Knöchels hat sie kein Turnier mehr bestritten.",
        "Die beiden Schwestern bestreiten ihren Lebensunterhalt mit Nachtschichten.",
    ],
)
def test_bestreiten_of_a_match_or_a_living_is_no_denial(text: str) -> None:
    assert analyse(text)._.claims == []


@pytest.mark.parametrize(
    "text",
    [
        "Der Trainer bestritt, das Spiel verschoben zu haben.",
        "Der Verein bestreitet die Vorwürfe.",
    ],
)
def test_bestreiten_of_a_statement_stays_a_denial(text: str) -> None:
    claims = analyse(text)._.claims
    assert [c.certainty for c in claims] == ["denied"]


def test_a_spokeswoman_is_a_speaker_like_a_spokesman() -> None:
    (claim,) = analyse("Die Gespräche seien gescheitert, so die Sprecherin.")._.claims
    assert claim.source is not None and claim.source.text == "die Sprecherin"
    (claim,) = analyse("Laut einer Sprecherin der Bahn fiel der Zug am Morgen aus.")._.claims
    assert claim.source is not None and claim.source.text.startswith("einer Sprecherin")
