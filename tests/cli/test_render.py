"""What `chronik show` prints for people: every fact with what makes it checkable."""

from __future__ import annotations

from chronik.cli.render import claim_lines, entity_lines, event_lines

SPAN = {"start": 0, "end": 1, "text": ""}


def span(text: str) -> dict:
    return {**SPAN, "text": text}


def test_entities_are_listed_once_with_their_count_and_other_forms():
    mentions = [
        {"text": "Schoigu", "type": "PER", "canonical": "Sergei Shoigu"},
        {"text": "Schoigus", "type": "PER", "canonical": "Sergei Shoigu"},
        {"text": "Schoigu", "type": "PER", "canonical": "Sergei Shoigu"},
        {"text": "russischen", "type": "LOC", "sub": "deriv", "canonical": "Russia"},
    ]
    assert entity_lines(mentions) == [
        "PER       Sergei Shoigu  ×3  (Schoigu, Schoigus)",
        "LOC-deriv Russia  ×1  (russischen)",
    ]


def test_events_show_arguments_and_negation():
    event = {
        "id": "v2",
        "type": "ASSAULT",
        "trigger": span("eingreifen"),
        "actor": [span("Belarus")],
        "target": [],
        "place": [span("Ukraine")],
        "time": [span("bislang")],
        "negated": True,
    }
    assert event_lines([event]) == [
        'v2   ASSAULT (not) "eingreifen"  who: Belarus  where: Ukraine  when: bislang'
    ]


def test_claims_show_source_cue_certainty_and_contradictions():
    claim = {
        "id": "c1",
        "text": "Russland greife Kraftwerke an",
        "source": span("Ukraine"),
        "cue": span("wirft … vor"),
        "certainty": "alleged",
        "events": ["v2"],
        "contradicts": ["c2"],
    }
    unsourced = {**claim, "id": "c3", "source": None, "cue": None, "events": [], "contradicts": []}
    assert claim_lines([claim, unsourced]) == [
        "c1   alleged     “Russland greife Kraftwerke an” — Ukraine (wirft … vor); events v2; "
        "contradicts c2",
        "c3   alleged     “Russland greife Kraftwerke an” — no source named",
    ]
