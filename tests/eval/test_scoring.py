"""Scoring on tiny hand-made annotation records, and `chronik.eval.events.run` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronik.eval import scoring

TEXT = "Die Ukraine wirft Russland vor, Kiew anzugreifen. Moskau bestreitet das."


def sp(start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": TEXT[start:end]}


def event(eid: str, kind: str, trigger: tuple[int, int], actor=(), target=()) -> dict:
    return {
        "id": eid,
        "type": kind,
        "trigger": sp(*trigger),
        "actor": [sp(*a) for a in actor],
        "target": [sp(*t) for t in target],
        "place": [],
        "time": [],
        "negated": False,
    }


def claim(cid: str, span: tuple[int, int], certainty: str, source=None, contradicts=()) -> dict:
    return {
        "id": cid,
        **sp(*span),
        "certainty": certainty,
        "source": sp(*source) if source else None,
        "cue": None,
        "events": [],
        "contradicts": list(contradicts),
    }


GOLD = {
    "id": "r1",
    "date": "2022-12",
    "text": TEXT,
    "entities": [
        {"id": "m1", **sp(4, 11), "type": "LOC", "canonical": "Ukraine"},
        {"id": "m2", **sp(18, 26), "type": "LOC", "canonical": "Russia"},
        {"id": "m3", **sp(32, 36), "type": "LOC", "canonical": "Kyiv"},
        {"id": "m4", **sp(50, 56), "type": "LOC", "canonical": "Russia"},
    ],
    "timexes": [],
    "events": [
        event("v1", "ACCUSE", (12, 17), actor=[(4, 11)], target=[(18, 26)]),
        event("v2", "ASSAULT", (37, 48), actor=[(18, 26)], target=[(32, 36)]),
        event("v3", "REJECT", (57, 67), actor=[(50, 56)]),
    ],
    "claims": [
        claim("c1", (32, 48), "alleged", (4, 11), ["c2"]),
        claim("c2", (50, 71), "denied", (50, 56), ["c1"]),
    ],
}


def test_perfect_prediction_scores_one() -> None:
    figures = scoring.score_corpus([(GOLD, GOLD)])
    for key in ("events", "arguments", "claims", "source", "contradicts", "mentions_strict"):
        assert figures[key]["f1"] == 1.0, key
    assert figures["certainty"]["acc"] == 1.0
    assert figures["canonical_bcubed"]["f1"] == 1.0


def test_event_needs_same_type_and_overlapping_trigger() -> None:
    pred = dict(
        GOLD,
        events=[
            event("v1", "ACCUSE", (12, 17)),
            event("v2", "ASSAULT", (12, 17)),
            event("v3", "REJECT", (57, 67), actor=[(50, 52)]),
        ],
    )
    figures = scoring.score_corpus([(pred, GOLD)])
    assert (figures["events"]["tp"], figures["events"]["pred"], figures["events"]["gold"]) == (
        2,
        3,
        3,
    )
    # arguments: only REJECT's actor overlaps (Moskau vs "Mo"); gold has 5 pairs, prediction 1
    assert (
        figures["arguments"]["tp"],
        figures["arguments"]["pred"],
        figures["arguments"]["gold"],
    ) == (1, 1, 5)


def test_matching_is_one_to_one_closest_first() -> None:
    gold = [{"start": 0, "end": 10, "type": "X"}, {"start": 8, "end": 20, "type": "X"}]
    pred = [{"start": 9, "end": 20, "type": "X"}, {"start": 0, "end": 9, "type": "X"}]
    assert sorted(scoring.match(pred, gold, scoring.overlaps)) == [(0, 1), (1, 0)]


def test_claims_match_at_half_the_shorter_span() -> None:
    gold = [claim("c1", (0, 20), "reported")]
    assert scoring.match_claims([claim("p", (10, 40), "reported")], gold) == [(0, 0)]  # 10 of 20
    assert scoring.match_claims([claim("p", (11, 40), "reported")], gold) == []  # 9 of 20


def test_source_certainty_and_links() -> None:
    pred = dict(
        GOLD,
        claims=[
            claim("c1", (32, 48), "reported", (4, 11), ["c2"]),
            claim("c2", (50, 71), "denied", None, ["c1"]),
        ],
    )
    figures = scoring.score_corpus([(pred, GOLD)])
    assert figures["claims"]["f1"] == 1.0
    assert figures["source"]["tp"] == 1  # the second has no source where gold has one
    assert figures["certainty"] == {"acc": 0.5, "correct": 1, "total": 2}
    assert figures["contradicts"]["f1"] == 1.0


def test_link_between_unmatched_claims_is_wrong() -> None:
    pred = dict(
        GOLD,
        claims=[
            claim("c1", (0, 11), "alleged", None, ["c2"]),
            claim("c2", (50, 71), "denied", None, ["c1"]),
        ],
    )
    figures = scoring.score_corpus([(pred, GOLD)])
    assert (
        figures["contradicts"]["tp"],
        figures["contradicts"]["pred"],
        figures["contradicts"]["gold"],
    ) == (0, 1, 1)


def test_bcubed_of_canonical_grouping() -> None:
    merged = dict(GOLD, entities=[dict(m, canonical="X") for m in GOLD["entities"]])
    figures = scoring.score_corpus([(merged, GOLD)])
    b = figures["canonical_bcubed"]
    assert b["r"] == 1.0 and b["p"] == pytest.approx((0.25 + 0.5 + 0.5 + 0.25) / 4)


def test_bcubed_falls_back_to_mention_text() -> None:
    assert scoring.bcubed([("moskau", "russia"), ("russland", "russia")])["r"] == 0.5


def test_empty_against_empty_is_perfect_with_zero_counts() -> None:
    f = scoring.counts()
    assert (f.precision, f.recall, f.f1) == (1.0, 1.0, 1.0)


def test_run_writes_predictions_and_scores(tmp_path: Path, monkeypatch, capsys) -> None:
    from chronik.eval import events

    monkeypatch.setenv("CHRONIK_DISABLED", "entities,timex")
    monkeypatch.setenv("CHRONIK_CONFIG", str(tmp_path / "none.toml"))
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n" + "{not json\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert events.run(gold, out, as_json=True) == 1  # one line skipped
    figures = json.loads(capsys.readouterr().out)
    assert figures["reports"] == 1 and len(figures["skipped"]) == 1
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "r1" and record["text"] == TEXT
    assert {e["type"] for e in record["events"]} >= {"ACCUSE", "REJECT"}
    assert figures["contradicts"]["gold"] == 1


def test_grouping_bcubed_counts_missed_gold_mentions_alone() -> None:
    # m2 (one of Russia's two mentions) is never predicted: what was found is grouped perfectly,
    # but over all gold mentions Russia's two mentions are now apart (recall 1/2 for each).
    found = dict(GOLD, entities=[m for m in GOLD["entities"] if m["id"] != "m2"])
    figures = scoring.score_corpus([(found, GOLD)])
    assert figures["canonical_bcubed"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "n": 3}
    grouping = figures["grouping_bcubed"]
    assert (grouping["p"], grouping["r"], grouping["n"]) == (1.0, 0.75, 4)
