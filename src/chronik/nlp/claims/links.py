"""Contradiction links: a denial and what it denies, in one report or across reports.

In one report a denial that has no proposition of its own ("Die russische Seite bestreitet das",
"wies die Vorwürfe zurück") denies the nearest preceding claim of another source; one with a proposition
("bestreitet, Zivilisten angegriffen zu haben") the nearest preceding claim about an event of the same type.
Across reports the same holds for a later report's denial when the actors and the event type agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from chronik.nlp.claims.build import Draft
from chronik.nlp.events.coref import canonical_names
from chronik.types import Annotations, Event, Report

WINDOW_SENTENCES = 3


def link_in_report(drafts: list[Draft], ids: list[str], events: dict[str, Event]) -> None:
    """Sets contradicts on both sides and gives a referring-back denial the events of what it denies."""
    denied_by: dict[int, list[int]] = {}
    for n, denial in enumerate(drafts):
        if denial.certainty != "denied":
            continue
        targets = _echo(drafts, n, denied_by) or _antecedents(drafts, n, events)
        denied_by[n] = targets
        for target in targets:
            _link(drafts, ids, n, target)
            if not denial.complement or not denial.events:
                denial.events = list(dict.fromkeys(denial.events + drafts[target].events))
        follow = n + 1
        if targets and follow < len(drafts) and drafts[follow].certainty in ("asserted", "reported") and (
                drafts[follow].sentence - denial.sentence <= 1) and not _same_source(drafts[follow], drafts[targets[0]]):
            _link(drafts, ids, follow, targets[0])  # "... wies die Vorwürfe zurück. "Polen bedroht niemanden""


def _link(drafts: list[Draft], ids: list[str], a: int, b: int) -> None:
    if ids[b] not in drafts[a].contradicts:
        drafts[a].contradicts.append(ids[b])
    if ids[a] not in drafts[b].contradicts:
        drafts[b].contradicts.append(ids[a])


def _same_source(a: Draft, b: Draft) -> bool:
    return a.source is not None and b.source is not None and a.source.text.lower() == b.source.text.lower()


def _echo(drafts: list[Draft], n: int, denied_by: dict[int, list[int]]) -> list[int]:
    """"Auch Kiew bestritt ...": the same thing the previous denial denied."""
    denial = drafts[n]
    if denial.cue is None or "auch" not in denial.words:
        return []
    earlier = [k for k in denied_by if denial.sentence - drafts[k].sentence <= 2]
    return denied_by[earlier[-1]] if earlier else []


def _antecedents(drafts: list[Draft], n: int, events: dict[str, Event]) -> list[int]:
    denial = drafts[n]
    window = [k for k in range(n - 1, -1, -1)
              if drafts[k].certainty != "denied" and denial.sentence - drafts[k].sentence <= WINDOW_SENTENCES
              and drafts[k].start < denial.start and not _same_source(drafts[k], denial)]
    if denial.events:
        types = {events[e].type for e in denial.events if e in events}
        same = [k for k in window if types & {events[e].type for e in drafts[k].events if e in events}]
        if same:
            return sorted(same)
    alleged = [k for k in window if drafts[k].certainty == "alleged" and denial.sentence - drafts[k].sentence <= 1]
    if denial.complement and denial.events:
        return alleged[:1]
    return (alleged or window)[:1]


@dataclass(frozen=True)
class ClaimRecord:
    """One stored claim as cross-report linking sees it: canonical names stand for the entities."""

    report_id: str
    claim_id: str
    report_date: date
    certainty: str
    event_types: frozenset[str]
    actors: frozenset[str]  # canonical actors and targets of the claim's events
    source: str | None = None  # canonical source


def link_denials_across(records: Sequence[ClaimRecord], window_days: int = 60) -> list[tuple[ClaimRecord, ClaimRecord]]:
    """(earlier claim, later denial) pairs from different reports about the same actors and event type.

    A denial's own source counts among its actors ("Moskau bestreitet ..." is about Russia's action).
    Each denial links to the nearest earlier claims that fit, not to every claim ever made.
    """
    pairs = []
    claims = sorted((r for r in records if r.certainty != "denied"), key=lambda r: r.report_date)
    for denial in (r for r in records if r.certainty == "denied"):
        actors = denial.actors | ({denial.source} if denial.source else set())
        fitting = [c for c in claims
                   if c.report_id != denial.report_id and c.report_date <= denial.report_date
                   and (denial.report_date - c.report_date).days <= window_days
                   and (not denial.event_types or c.event_types & denial.event_types)
                   and c.actors & actors]
        if not fitting:
            continue
        latest = max(c.report_date for c in fitting)
        pairs.extend((c, denial) for c in fitting if c.report_date == latest)
    return pairs


def claim_records(report: Report, annotations: Annotations) -> list[ClaimRecord]:
    """One report's claims as cross-report linking input (actors and targets of the claims' events)."""
    if report.date is None:
        return []
    events = {e.id: e for e in annotations.events}
    out = []
    for claim in annotations.claims:
        about = [events[v] for v in claim.events if v in events]
        spans = [s for e in about for s in e.actor + e.target]
        source = next(iter(canonical_names([claim.source], annotations.mentions))) if claim.source else None
        out.append(ClaimRecord(report.id, claim.id, report.date.earliest(), claim.certainty,
                               frozenset(e.type for e in about), canonical_names(spans, annotations.mentions),
                               source))
    return out
