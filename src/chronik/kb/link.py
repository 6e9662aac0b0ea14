"""Cross-report knowledge, built after a report is stored: its mentions linked to entities
(kb.entities), its events joined to the same events told by other reports (kb.events), and its
claims linked to contradicting claims elsewhere (kb.claims).

Incremental by design: each step looks only at candidates that share an entity with the new report
(indexed look-ups), never at the whole store, so a new report costs the same in a store of any size.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronik.kb.claims import link_contradictions
from chronik.kb.entities import link_report
from chronik.kb.events import join_events
from chronik.store.db import Store, transaction
from chronik.store.entities import unlinked_report_ids


@dataclass(frozen=True)
class CrossLinks:
    mentions_linked: int
    events_joined: int
    contradictions: int


def after_write(store: Store, report_id: str) -> CrossLinks:
    """Link entities, then events, then contradictions (each needs the one before)."""
    linked = link_report(store, report_id)
    with transaction(store) as conn:
        joined = join_events(conn, report_id)
        contradictions = link_contradictions(conn, report_id)
    return CrossLinks(linked.mentions, joined, contradictions)


def finish_pending(store: Store) -> int:
    """Cross-link reports that were stored but not linked (a run killed between the two
    transactions).

    Every step is idempotent, so running them again on a report that was half-linked is safe.
    """
    ids = unlinked_report_ids(store)
    for report_id in ids:
        after_write(store, report_id)
    return len(ids)
