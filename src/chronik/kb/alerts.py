"""Alerts: the timeline's filters, saved under a name and matched against each new report's facts
after it is linked.

What a report must bring for an alert to fire (all given filters hold at once):
- entity only: a mention of it (by its name as written, its lemma or canonical form, or any name of
  the entity it was linked to), so an alert may name an entity the store has never seen: it fires
  when the first mention of that name arrives;
- type / place: an event of one of the types, at the place, with the entity among its arguments;
- certainty / contested: a claim of that certainty (contradicted by another report), naming the
  entity (in its text or as its source), and about a matching event when type or place are given:
  "a new denial of an accusation against X" is `--certainty denied --type ACCUSE --entity X`;
- query: every word of it in the report's text (the sentences holding them are the facts when
  nothing else is asked).
One payload per (alert, report) lists the matching facts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from chronik.errors import ConfigError
from chronik.names import keys as nm
from chronik.names.query import NameQuery, fits_first_names, name_query
from chronik.store.alerts import (
    Alert,
    ReportFacts,
    add_alert,
    current_report_ids,
    list_alerts,
    record_fired,
    report_facts,
)
from chronik.store.db import Store
from chronik.types import CERTAINTIES, EVENT_TYPES

FACTS_LISTED = 20  # per payload: the rest are counted, not listed


@dataclass(frozen=True)
class AlertFilters:
    entity: str | None = None
    types: tuple[str, ...] = ()
    place: str | None = None
    certainty: tuple[str, ...] = ()
    contested: bool = False
    query: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["types"], out["certainty"] = list(self.types), list(self.certainty)
        return {k: v for k, v in out.items() if v not in (None, "", [], False)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlertFilters:
        return cls(
            entity=data.get("entity"),
            types=tuple(data.get("types") or ()),
            place=data.get("place"),
            certainty=tuple(data.get("certainty") or ()),
            contested=bool(data.get("contested")),
            query=data.get("query"),
        )


def make_filters(
    entity: str | None = None,
    types: list[str] | tuple[str, ...] = (),
    place: str | None = None,
    certainty: list[str] | tuple[str, ...] = (),
    contested: bool = False,
    query: str | None = None,
) -> AlertFilters:
    """Checked filters; a malformed one is a ConfigError naming the value and the choices."""
    types = tuple(t.strip().upper() for t in types if t.strip())
    certainty = tuple(c.strip().lower() for c in certainty if c.strip())
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise ConfigError(f"unknown event type {bad[0]!r}; choose from {', '.join(EVENT_TYPES)}")
    bad = [c for c in certainty if c not in CERTAINTIES]
    if bad:
        raise ConfigError(f"unknown certainty {bad[0]!r}; choose from {', '.join(CERTAINTIES)}")
    filters = AlertFilters(
        entity=_blank_none(entity),
        types=types,
        place=_blank_none(place),
        certainty=certainty,
        contested=contested,
        query=_blank_none(query),
    )
    if filters == AlertFilters():
        raise ConfigError(
            "an alert needs at least one filter: --entity, --type, --place, --certainty, "
            "--contested or --query"
        )
    return filters


def _blank_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def create_alert(
    store: Store, name: str, filters: AlertFilters, webhook: str | None, feed: bool
) -> Alert:
    if not name.strip():
        raise ConfigError("an alert needs a name")
    if webhook and not webhook.startswith(("http://", "https://")):
        raise ConfigError(f"webhook {webhook!r}: give an http:// or https:// URL")
    if not webhook and not feed:
        raise ConfigError("an alert needs a delivery: --webhook URL, or the alert feed")
    alert = add_alert(store, name.strip(), filters.as_dict(), webhook, feed)
    if alert is None:
        raise ConfigError(f"an alert named {name!r} exists; remove it first or choose another name")
    return alert


# ---------------------------------------------------------------- matching


def _fold(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


@dataclass(frozen=True)
class Wanted:
    """A name as the alert gives it, also in the linker's keys: Schoigu, Shoigu and Шойгу alike
    (as `--entity` of the other commands, chronik.names.query)."""

    folded: str
    query: NameQuery
    entity_id: int | None

    @classmethod
    def of(cls, name: str) -> Wanted:
        name = name.strip()
        return cls(
            _fold(name), name_query(name), int(name) if name.isascii() and name.isdigit() else None
        )

    def names(self, text: str | None) -> bool:
        """Whether a name as written (a mention, an argument, a claim's source) is this one."""
        if not text:
            return False
        return _fold(text) == self.folded or nm.lookup_key(text) in self.query.name_keys


def _names_entity(mention: dict[str, Any] | None, wanted: Wanted) -> bool:
    """By the entity's id, by a name it is written or known by, or by the linker's index keys (a
    surname, a transliteration) when the given names do not disagree."""
    if not mention:
        return False
    if wanted.entity_id is not None and mention.get("entity_id") == wanted.entity_id:
        return True
    forms = [mention.get(k) for k in ("text", "lemma", "canonical", "entity")]
    forms += mention.get("names") or []
    if any(wanted.names(form) for form in forms):
        return True
    shared = set(mention.get("keys") or ()) & set(wanted.query.index_keys)
    return bool(shared) and fits_first_names(wanted.query, [f for f in forms if f])


def matching_mentions(facts: ReportFacts, entity: str) -> list[dict[str, Any]]:
    wanted = Wanted.of(entity)
    return [m for m in facts.mentions if _names_entity(m, wanted)]


def _event_matches(event: dict[str, Any], f: AlertFilters) -> bool:
    if f.types and event["type"] not in f.types:
        return False
    args = event["args"]
    if f.place:
        place = Wanted.of(f.place)
        places = [a for a in args if a["role"] == "place"]
        if not any(_names_entity(a["mention"], place) or place.names(a["text"]) for a in places):
            return False
    if f.entity:
        who = Wanted.of(f.entity)
        if not any(_names_entity(a["mention"], who) or who.names(a["text"]) for a in args):
            return False
    return True


def _claim_matches(
    claim: dict[str, Any], f: AlertFilters, mentions: list[dict[str, Any]], events: set[int] | None
) -> bool:
    if f.certainty and claim["certainty"] not in f.certainty:
        return False
    if f.contested and not claim["contested"]:
        return False
    if events is not None and not events.intersection(claim["events"]):
        return False
    if f.entity:
        inside = any(claim["start"] <= m["start"] and m["end"] <= claim["end"] for m in mentions)
        if not inside and not Wanted.of(f.entity).names(claim["source_text"]):
            return False
    return True


def _query_sentences(text: str, query: str) -> list[str] | None:
    """The sentences holding a word of the query, or None when the text lacks one of its words."""
    words = _fold(query).split()
    folded = _fold(text)
    if not all(word in folded for word in words):
        return None
    sentences = [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
    return [s for s in sentences if any(word in _fold(s) for word in words)]


def match(facts: ReportFacts, f: AlertFilters) -> list[dict[str, Any]]:
    """The report's facts that the filters select; empty when the report does not match."""
    sentences: list[str] | None = []
    if f.query:
        sentences = _query_sentences(facts.report["text"], f.query)
        if sentences is None:
            return []
    mentions = matching_mentions(facts, f.entity) if f.entity else []
    if f.entity and not mentions:
        return []
    found: list[dict[str, Any]] = []
    event_ids: set[int] | None = None
    if f.types or f.place:
        events = [e for e in facts.events if _event_matches(e, f)]
        if not events:
            return []
        event_ids = {e["id"] for e in events}
        if not (f.certainty or f.contested):
            found += [_event_fact(e) for e in events]
    if f.certainty or f.contested:
        claims = [c for c in facts.claims if _claim_matches(c, f, mentions, event_ids)]
        if not claims:
            return []
        found += [_claim_fact(c) for c in claims]
    if not found and mentions:
        found += [_mention_fact(m) for m in mentions]
    if not found and sentences:
        found += [{"kind": "text", "text": s} for s in sentences]
    return found


def _mention_fact(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "mention",
        "text": m["text"],
        "type": m["type"],
        "entity": m.get("entity"),
        "entity_id": m.get("entity_id"),
        "start": m["start"],
        "end": m["end"],
    }


def _event_fact(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "event",
        "id": e["id"],
        "type": e["type"],
        "trigger": e["trigger_text"],
        "negated": e["negated"],
        "modality": e["modality"],
        "time": e["time_value"],
        "args": [{"role": a["role"], "text": a["text"]} for a in e["args"]],
    }


def _claim_fact(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "claim",
        "id": c["id"],
        "certainty": c["certainty"],
        "text": c["text"],
        "source": c["source_text"],
        "cue": c["cue_text"],
        "contested": c["contested"],
        "events": c["events"],
    }


def payload(alert: Alert, facts: ReportFacts, found: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON an alert delivers: which alert, which report, the facts (the first FACTS_LISTED)."""
    report = {k: v for k, v in facts.report.items() if k != "text"}
    return {
        "alert": alert.name,
        "filters": alert.filters,
        "report": report,
        "facts": found[:FACTS_LISTED],
        "facts_total": len(found),
    }


def fire_for_report(store: Store, report_id: str, alerts: list[Alert] | None = None) -> list[str]:
    """Match every alert against one newly stored and linked report; record each firing (once per
    alert and report). Returns the names of the alerts that fired."""
    alerts = list_alerts(store) if alerts is None else alerts
    if not alerts:
        return []
    facts = report_facts(store, report_id)
    if facts is None:
        return []
    fired = []
    for alert in alerts:
        found = match(facts, AlertFilters.from_dict(alert.filters))
        if found and record_fired(store, alert, report_id, payload(alert, facts, found)):
            fired.append(alert.name)
    return fired


def dry_run(store: Store, alert: Alert, limit: int = 1000) -> list[dict[str, Any]]:
    """What the alert would send for the newest `limit` stored reports; nothing is recorded."""
    filters = AlertFilters.from_dict(alert.filters)
    out = []
    for report_id in current_report_ids(store, limit):
        facts = report_facts(store, report_id)
        if facts is None:
            continue
        found = match(facts, filters)
        if found:
            out.append(payload(alert, facts, found))
    return out
