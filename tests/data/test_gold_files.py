"""The hand-made gold files under data/gold/ obey ../shared/spec/annotation.md and line up with
data/sample/.

A broken offset or a dangling link in the gold would make every figure computed on it meaningless,
so each rule of the format that can be checked mechanically is checked here, on every record.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from chronik.dates import parse_iso
from chronik.ingest import ReadOptions, Skipped, read_file
from chronik.types import CERTAINTIES, EVENT_TYPES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
EVENTS = ROOT / "data" / "gold" / "events"
ROLES = ROOT / "data" / "gold" / "entities" / "roles.jsonl"

ENTITY_TYPES = {"PER", "LOC", "ORG", "OTH"}
SUBS = {"part", "deriv"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {"START", "MID", "END", "APPROX", "BEFORE", "AFTER"}
ROLES_OF_EVENT = ("actor", "target", "place", "time")
SPLIT_CUE = " … "


def _load(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


DEV = _load(EVENTS / "dev.jsonl")
TEST = _load(EVENTS / "test.jsonl")
GOLD = DEV + TEST
BY_ID = {record["id"]: record for record in GOLD}


def _span_ok(text: str, span: dict) -> bool:
    return (
        0 <= span["start"] < span["end"] <= len(text)
        and text[span["start"] : span["end"]] == span["text"]
    )


def _sample_reports() -> list[tuple[str, str]]:
    """(date, text) of every sample report, read independently of chronik: text after the `date`
    line, stripped."""
    out = []
    for path in sorted(SAMPLE.glob("*.txt")):
        chunks = re.split(r"(?m)^\s*date (\S+)[ \t]*", path.read_text(encoding="utf-8"))
        out += [
            (d, unicodedata.normalize("NFC", t).strip()) for d, t in zip(chunks[1::2], chunks[2::2])
        ]
    return out


def test_gold_is_large_enough_and_split():
    assert len(GOLD) >= 60
    assert 10 <= len(TEST) < len(DEV)
    assert len(BY_ID) == len(GOLD), "report ids must be unique across dev and test"


def test_test_split_is_the_one_in_the_readme():
    readme = (EVENTS / "README.md").read_text(encoding="utf-8")
    listed = set(
        re.findall(r"`([sx]-\d{3})`", readme.split("## Test split", 1)[1].split("##", 1)[0])
    )
    assert listed == {record["id"] for record in TEST}


@pytest.mark.parametrize("record", GOLD, ids=lambda r: r["id"])
def test_report_fields(record):
    assert record["lang"] == "de"
    assert parse_iso(record["date"]).iso == record["date"]
    assert record["text"] == record["text"].strip() and record["text"]


@pytest.mark.parametrize("record", GOLD, ids=lambda r: r["id"])
def test_mentions(record):
    text, mentions = record["text"], record["entities"]
    assert len({m["id"] for m in mentions}) == len(mentions)
    for m in mentions:
        assert _span_ok(text, m), m
        assert m["type"] in ENTITY_TYPES and m.get("sub", "part") in SUBS
        assert m.get("canonical") or m["type"] == "OTH", m
    ordered = sorted(mentions, key=lambda m: m["start"])
    for left, right in zip(ordered, ordered[1:]):
        assert left["end"] <= right["start"], f"nested or overlapping mentions {left} {right}"


@pytest.mark.parametrize("record", GOLD, ids=lambda r: r["id"])
def test_timexes(record):
    text, timexes = record["text"], record["timexes"]
    assert len({t["id"] for t in timexes}) == len(timexes)
    for t in timexes:
        assert _span_ok(text, t), t
        assert t["type"] in TIMEX_TYPES and t["value"], t
        assert t.get("mod", "START") in MODS, t
    ordered = sorted(timexes, key=lambda t: t["start"])
    for left, right in zip(ordered, ordered[1:]):
        assert left["end"] <= right["start"], f"overlapping timexes {left} {right}"


@pytest.mark.parametrize("record", GOLD, ids=lambda r: r["id"])
def test_events(record):
    text, events = record["text"], record["events"]
    assert len({e["id"] for e in events}) == len(events)
    for event in events:
        assert event["type"] in EVENT_TYPES, event
        assert _span_ok(text, event["trigger"]), event
        assert isinstance(event["negated"], bool)
        for role in ROLES_OF_EVENT:
            assert all(_span_ok(text, arg) for arg in event[role]), (event["id"], role)
    triggers = [(e["trigger"]["start"], e["type"]) for e in events]
    assert len(set(triggers)) == len(triggers), "one trigger, one event of a type"


@pytest.mark.parametrize("record", GOLD, ids=lambda r: r["id"])
def test_claims(record):
    text, claims = record["text"], record["claims"]
    event_ids = {e["id"] for e in record["events"]}
    by_id = {c["id"]: c for c in claims}
    assert len(by_id) == len(claims)
    for claim in claims:
        assert _span_ok(text, claim), claim["id"]
        assert claim["certainty"] in CERTAINTIES
        assert claim["source"] is None or _span_ok(text, claim["source"]), claim["id"]
        cue = claim["cue"]
        if cue is not None:
            first = cue["text"].split(SPLIT_CUE)[0]
            assert text[cue["start"] : cue["end"]] == first, claim["id"]
        assert set(claim["events"]) <= event_ids, claim["id"]
        for other in claim["contradicts"]:
            assert other != claim["id"] and other in by_id, claim["id"]
            assert claim["id"] in by_id[other]["contradicts"], (
                f"{claim['id']} -> {other} is not symmetric"
            )


def test_all_types_and_certainties_are_covered():
    assert {e["type"] for r in GOLD for e in r["events"]} == set(EVENT_TYPES)
    assert {c["certainty"] for r in GOLD for c in r["claims"]} == set(CERTAINTIES)
    assert {c["certainty"] for r in TEST for c in r["claims"]} == set(CERTAINTIES)
    assert len({e["type"] for r in TEST for e in r["events"]}) >= 12


def test_every_sample_report_is_in_the_gold_with_the_same_text():
    samples = _sample_reports()
    assert len(samples) == 50
    for number, (date, text) in enumerate(samples, 1):
        record = BY_ID[f"s-{number:03d}"]
        assert (record["date"], record["text"]) == (date, text)


def test_sample_texts_are_what_chronik_ingests():
    ingested = []
    for path in sorted(SAMPLE.glob("*.txt")):
        items = list(read_file(path, ReadOptions()))
        assert not [i for i in items if isinstance(i, Skipped)], path
        ingested += [(i.date.iso, i.text) for i in items]
    assert ingested == [
        (BY_ID[f"s-{n:03d}"]["date"], BY_ID[f"s-{n:03d}"]["text"]) for n in range(1, 51)
    ]


def test_entity_gold_is_big_enough():
    mentions = [m for r in GOLD for m in r["entities"]]
    reports = {r["id"] for r in GOLD if r["entities"]}
    assert len(mentions) >= 300 and len(reports) >= 40


def test_role_facts_point_at_gold_reports_and_mentions():
    roles = _load(ROLES)
    assert len(roles) >= 20
    for role in roles:
        record = BY_ID[role["report"]]
        assert _span_ok(record["text"], role)
        assert role["role"] and role["of"] and role["holder"]
        if role["mention"] is not None:
            mention = next(m for m in record["entities"] if m["id"] == role["mention"])
            assert role["start"] <= mention["start"] and mention["end"] <= role["end"]
