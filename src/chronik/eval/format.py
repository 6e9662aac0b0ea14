"""Check a record against the annotation format; gold files, `chronik export` and `analyse` must
all pass."""

from __future__ import annotations

from typing import Any

from chronik.dates import parse_iso
from chronik.types import CERTAINTIES, EVENT_TYPES

ENTITY_TYPES = {"PER", "LOC", "ORG", "OTH"}
SUBS = {None, "part", "deriv"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {
    None,
    "START",
    "MID",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
}
ROLES = ("actor", "target", "place", "time")


def _check_span(
    text: str, span: Any, where: str, problems: list[str], split_cue: bool = False
) -> None:
    if not isinstance(span, dict) or not all(k in span for k in ("start", "end", "text")):
        problems.append(f"{where}: a span needs start, end and text")
        return
    start, end = span["start"], span["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        problems.append(f"{where}: offsets {start}..{end} outside the text (length {len(text)})")
        return
    expected = span["text"].split(" … ")[0] if split_cue else span["text"]
    if text[start:end] != expected:
        problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {expected!r}")


def validate_record(record: dict[str, Any]) -> list[str]:
    """All problems of one record (empty when valid)."""
    problems: list[str] = []
    rid = record.get("id", "?")
    text = record.get("text")
    if not isinstance(text, str):
        return [f"{rid}: field text missing or not a string"]
    if record.get("date") is not None:
        try:
            parse_iso(str(record["date"]))
        except ValueError as exc:
            problems.append(f"{rid}: date: {exc}")
    for kind in ("entities", "timexes", "events", "claims"):
        ids = [item.get("id") for item in record.get(kind, [])]
        if len(ids) != len(set(ids)):
            problems.append(f"{rid}: {kind} ids are not unique")
    for m in record.get("entities", []):
        _check_span(text, m, f"{rid}/{m.get('id')}", problems)
        if m.get("type") not in ENTITY_TYPES or m.get("sub") not in SUBS:
            problems.append(
                f"{rid}/{m.get('id')}: type {m.get('type')!r} sub {m.get('sub')!r} unknown"
            )
    for x in record.get("timexes", []):
        _check_span(text, x, f"{rid}/{x.get('id')}", problems)
        if x.get("type") not in TIMEX_TYPES or not x.get("value") or x.get("mod") not in MODS:
            problems.append(f"{rid}/{x.get('id')}: timex type/value/mod invalid")
    event_ids = {e.get("id") for e in record.get("events", [])}
    for e in record.get("events", []):
        where = f"{rid}/{e.get('id')}"
        if e.get("type") not in EVENT_TYPES:
            problems.append(f"{where}: event type {e.get('type')!r} unknown")
        _check_span(text, e.get("trigger"), f"{where}/trigger", problems)
        for role in ROLES:
            for span in e.get(role, []):
                _check_span(text, span, f"{where}/{role}", problems)
    claims = {c.get("id"): c for c in record.get("claims", [])}
    for cid, c in claims.items():
        where = f"{rid}/{cid}"
        _check_span(text, c, where, problems)
        if c.get("certainty") not in CERTAINTIES:
            problems.append(f"{where}: certainty {c.get('certainty')!r} unknown")
        for key in ("source", "cue"):
            if c.get(key) is not None:
                _check_span(text, c[key], f"{where}/{key}", problems, split_cue=key == "cue")
        for v in c.get("events", []):
            if v not in event_ids:
                problems.append(f"{where}: refers to unknown event {v!r}")
        for other in c.get("contradicts", []):
            if other not in claims or cid not in claims[other].get("contradicts", []):
                problems.append(f"{where}: contradicts {other!r} is not written on both claims")
    return problems
