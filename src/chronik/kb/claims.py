"""Contradiction links between claims of different reports (conventions 7.1), a function of what is
stored, not of the order reports came in:

- a denial contradicts what other reports assert, report or allege about an event of the same
  cluster (the same event told by several reports), and the reverse;
- a counter-account: a claim that an event did not happen ("Es gab keinen Angriff") contradicts
  another report's claim that it did, where the two events would be one event but for the negation
  (same type, a shared participant, within SAME_EVENT_DAYS: nlp.events.coref);
- agreeing claims share their counter-accounts: where report B links its account Q to B's own
  counter-account Y ("X bestreitet das und spricht von Y"), a claim of another report that agrees
  with Q about the same event (both affirm it, or both deny it) is contradicted by Y too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from chronik.kb.events import candidates, event_mentions
from chronik.nlp.events.coref import SAME_EVENT_DAYS, corefer
from chronik.store.db import Conn
from chronik.store.links import (
    claims_about_cluster,
    claims_on_events,
    clustered_claims_of,
    events_of_claims,
    in_report_links,
)

AFFIRMING = ("asserted", "reported", "alleged", "unconfirmed")
DENYING = ("denied",)
RELATION = "contradicts"


def _opposite(certainty: str) -> tuple[str, ...]:
    if certainty in DENYING:
        return AFFIRMING
    return DENYING if certainty in AFFIRMING else ()


def _same_side(certainty: str) -> tuple[str, ...]:
    if certainty in DENYING:
        return DENYING
    return AFFIRMING if certainty in AFFIRMING else ()


def _pair(a: int, b: int) -> tuple[int, int]:
    return (min(a, b), max(a, b))


def contradiction_pairs(conn: Conn, claim_ids: list[int]) -> set[tuple[int, int]]:
    """Every cross-report contradiction (unordered pairs of claim ids) that involves one of these
    claims, from the three rules of the module doc."""
    return (
        _denials(conn, claim_ids)
        | _counter_accounts(conn, claim_ids)
        | _shared_counter_accounts(conn, claim_ids)
    )


def _denials(conn: Conn, claim_ids: list[int]) -> set[tuple[int, int]]:
    pairs = set()
    for row in clustered_claims_of(conn, claim_ids):
        wanted = _opposite(row.certainty)
        if wanted:
            for other in claims_about_cluster(conn, row.cluster_id, row.report_id, wanted):
                pairs.add(_pair(row.id, other))
    return pairs


def _counter_accounts(conn: Conn, claim_ids: list[int]) -> set[tuple[int, int]]:
    """Affirming claims about events that corefer but for their negation."""
    rows = [r for r in events_of_claims(conn, claim_ids) if r.certainty in AFFIRMING]
    mentions = event_mentions(conn, sorted({r.event_id for r in rows}))
    pairs = set()
    for row in rows:
        event = mentions.get(row.event_id)
        if event is None:
            continue
        others = event_mentions(conn, candidates(conn, event))
        flipped = [
            other_id
            for other_id, other in others.items()
            if other.negated != event.negated
            and corefer(event, replace(other, negated=event.negated), SAME_EVENT_DAYS)
        ]
        for other in claims_on_events(conn, flipped, AFFIRMING):
            if other.report_id != row.report_id:
                pairs.add(_pair(row.id, other.id))
    return pairs


def _shared_counter_accounts(conn: Conn, claim_ids: list[int]) -> set[tuple[int, int]]:
    """(X, Y) where Y is linked in its own report to a claim Q that agrees with X about an event
    cluster, X of another report; found from X's side and from Y's side alike."""
    pairs = set()
    # From X's side: agreeing claims Q elsewhere, then Q's in-report partners Y.
    for row in clustered_claims_of(conn, claim_ids):
        side = _same_side(row.certainty)
        if not side:
            continue
        agreeing = claims_about_cluster(conn, row.cluster_id, row.report_id, side)
        for _, partner in in_report_links(conn, agreeing, RELATION):
            pairs.add(_pair(row.id, partner))
    # From Y's side: Y's in-report partners Q, then claims X elsewhere agreeing with Q.
    partners: dict[int, set[int]] = defaultdict(set)
    for y, q in in_report_links(conn, claim_ids, RELATION):
        partners[q].add(y)
    for q_row in clustered_claims_of(conn, sorted(partners)):
        side = _same_side(q_row.certainty)
        if not side:
            continue
        for x in claims_about_cluster(conn, q_row.cluster_id, q_row.report_id, side):
            for y in partners[q_row.id]:
                pairs.add(_pair(x, y))
    return pairs
