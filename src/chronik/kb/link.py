"""Cross-report knowledge, built after a report is stored: its mentions linked to entities
(kb.entities), its events joined to the same events told by other reports (kb.events), and the
claims about them linked to contradicting claims elsewhere (relink_contradictions).

Links that survive: a report is marked pending in the transaction that writes it, and all three
steps run in one transaction that unmarks it, so a kill or a failure leaves a mark that the next
writer (or `finish_pending` at the start of a job) repairs. Clusters and contradictions are a
function of what is stored, not of the order it came in: two writers end as one would.

Incremental by design: each step looks only at candidates that share an entity with the new report
(indexed look-ups), never at the whole store, so a new report costs the same in a store of any size.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronik.kb.claims import contradiction_pairs
from chronik.kb.entities import alias_table, link_report_conn
from chronik.kb.events import recluster
from chronik.store.db import Conn, Store, connection, with_reconnect, write_transaction
from chronik.store.links import (
    add_claim_links,
    claims_about_events,
    clear_pending,
    drop_cross_report_links,
    is_pending,
    pending_report_ids,
    report_claim_ids,
)


@dataclass(frozen=True)
class CrossLinks:
    mentions_linked: int
    events_joined: int
    contradictions: int


def after_write(store: Store, report_id: str) -> CrossLinks:
    """Link a stored report: entities, then events, then contradictions (each needs the one
    before), and unmark it, all in one write transaction: a kill leaves it pending, never half
    linked. Safe to run again on a linked report."""
    links = with_reconnect(
        store, lambda: _link_once(store, report_id, False), f"link report {report_id}"
    )
    assert links is not None  # only a run restricted to pending reports skips one
    return links


def _link_once(store: Store, report_id: str, only_pending: bool) -> CrossLinks | None:
    with write_transaction(store) as conn:
        if only_pending and not is_pending(conn, report_id):
            return None  # another writer linked it since we looked
        linked = link_report_conn(conn, report_id, alias_table(conn, store.url))
        group = recluster(conn, report_id)
        contradictions = relink_contradictions(conn, group.event_ids, report_id)
        clear_pending(conn, report_id)
    return CrossLinks(linked.mentions, group.joined, contradictions)


def relink_contradictions(conn: Conn, event_ids: list[int], report_id: str) -> int:
    """Cross-report contradiction links of the claims about these events, made anew from what is
    stored (kb.claims: denials, counter-accounts, agreeing claims sharing their counter-accounts).
    Re-clustering can split a cluster, so the old cross-report links of these claims go first.
    Returns how many pairs involve the report's claims."""
    claims = claims_about_events(conn, event_ids)
    drop_cross_report_links(conn, claims, "contradicts")
    pairs = contradiction_pairs(conn, claims)
    add_claim_links(conn, sorted(pairs), "contradicts")
    mine = set(report_claim_ids(conn, report_id))
    return sum(1 for a, b in pairs if a in mine or b in mine)


def link_pending_reports(store: Store) -> dict[str, CrossLinks]:
    """Link every report marked pending, in the order they were written, one transaction each;
    returns what this call linked (a report another writer linked meanwhile is left out).

    Every writer calls this after its own write, so reports are linked in the order they were
    written whichever process wrote them: two writers end as one would."""
    with connection(store) as conn:
        ids = pending_report_ids(conn)
    done = {}
    for report_id in ids:
        links = with_reconnect(
            store,
            lambda rid=report_id: _link_once(store, rid, True),  # type: ignore[misc]
            f"link report {report_id}",
        )
        if links is not None:
            done[report_id] = links
    return done


def finish_pending(store: Store) -> int:
    """Repair what a killed or failed run left: link every report still marked pending (its write
    committed, its links did not). Idempotent; returns how many were linked."""
    return len(link_pending_reports(store))
