"""Cross-report knowledge, built after a report is stored: its mentions linked to entities, its events
joined to the same events told by other reports, and its claims linked to contradicting claims elsewhere.

Incremental by design: each step looks only at candidates that share an entity with the new report
(indexed look-ups), never at the whole store, so a new report costs the same in a store of any size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronik.kb.entities import link_report, unlinked_report_ids
from chronik.nlp.events.coref import SAME_EVENT_DAYS, EventMention, corefer
from chronik.store import schema as t
from chronik.store.db import Store

PARTICIPANTS = ("actor", "target")
AFFIRMING = ("asserted", "reported", "alleged", "unconfirmed")


@dataclass(frozen=True)
class CrossLinks:
    mentions_linked: int
    events_joined: int
    contradictions: int


def after_write(store: Store, report_id: str) -> CrossLinks:
    """Link entities, then events, then contradictions (each needs the one before)."""
    linked = link_report(store, report_id)
    with store.engine.begin() as conn:
        joined = join_events(conn, report_id)
        contradictions = link_contradictions(conn, report_id)
    return CrossLinks(linked.mentions, joined, contradictions)


def finish_pending(store: Store) -> int:
    """Cross-link reports that were stored but not linked (a run killed between the two transactions).

    Every step is idempotent, so running them again on a report that was half-linked is safe.
    """
    ids = unlinked_report_ids(store)
    for report_id in ids:
        after_write(store, report_id)
    return len(ids)


def _event_mentions(conn: Connection, event_ids: list[int]) -> dict[int, EventMention]:
    """Events as coref records whose participants are entity ids (as strings)."""
    if not event_ids:
        return {}
    e, a, m, r = t.events.c, t.event_args.c, t.mentions.c, t.reports.c
    rows = conn.execute(
        sa.select(e.id, e.report_id, e.type, e.negated, e.earliest, r.date_start)
        .join(t.reports, t.reports.c.id == e.report_id)
        .where(e.id.in_(event_ids))
    ).all()
    args: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in conn.execute(
        sa.select(a.event_id, a.role, m.entity_id)
        .join(t.mentions, t.mentions.c.id == a.mention_id)
        .where(a.event_id.in_(event_ids), m.entity_id.is_not(None))
    ):
        args[row.event_id][row.role].add(str(row.entity_id))
    out = {}
    for row in rows:
        when = row.earliest or row.date_start
        if when is None:
            continue
        roles = args[row.id]
        out[row.id] = EventMention(
            id=str(row.id),
            report_id=row.report_id,
            type=row.type,
            date=when,
            negated=bool(row.negated),
            actors=frozenset(roles["actor"]),
            targets=frozenset(roles["target"]),
            places=frozenset(roles["place"]),
            report_date=row.date_start,
        )
    return out


def _candidates(conn: Connection, event: EventMention) -> list[int]:
    """Events of other reports of the same type, near in time, sharing a participant (or a place)."""
    e, a, m = t.events.c, t.event_args.c, t.mentions.c
    shared = event.actors | event.targets or event.places
    if not shared:
        return []
    lo, hi = (
        event.date - timedelta(days=SAME_EVENT_DAYS),
        event.date + timedelta(days=SAME_EVENT_DAYS),
    )
    query = (
        sa.select(e.id)
        .distinct()
        .join(t.event_args, a.event_id == e.id)
        .join(t.mentions, m.id == a.mention_id)
        .where(
            e.type == event.type,
            e.report_id != event.report_id,
            m.entity_id.in_([int(x) for x in shared]),
            e.earliest.between(lo, hi),
        )
        .limit(200)
    )
    return [row.id for row in conn.execute(query)]


def join_events(conn: Connection, report_id: str) -> int:
    """Give the report's events the cluster of the best coreferent event elsewhere; returns how many joined."""
    e = t.events.c
    own = _event_mentions(
        conn, [row.id for row in conn.execute(sa.select(e.id).where(e.report_id == report_id))]
    )
    joined = 0
    for event_id, event in own.items():
        others = _event_mentions(conn, _candidates(conn, event))
        matches = [
            (len((o.actors | o.targets) & (event.actors | event.targets)), oid)
            for oid, o in others.items()
            if corefer(event, o, SAME_EVENT_DAYS)
        ]
        if not matches:
            continue
        _, best = max(matches)
        cluster = conn.execute(sa.select(e.cluster_id).where(e.id == best)).scalar_one() or best
        conn.execute(t.events.update().where(e.id.in_([best, event_id])).values(cluster_id=cluster))
        joined += 1
    return joined


def link_contradictions(conn: Connection, report_id: str) -> int:
    """A denial here contradicts claims elsewhere about the same (clustered) events, and the reverse."""
    c, ce, e = t.claims.c, t.claim_events.c, t.events.c
    mine = conn.execute(
        sa.select(c.id, c.certainty, e.cluster_id)
        .join(t.claim_events, ce.claim_id == c.id)
        .join(t.events, e.id == ce.event_id)
        .where(c.report_id == report_id, e.cluster_id.is_not(None))
    ).all()
    pairs: set[tuple[int, int]] = set()
    for claim_id, certainty, cluster in mine:
        wanted = AFFIRMING if certainty == "denied" else ("denied",)
        for other in conn.execute(
            sa.select(c.id)
            .join(t.claim_events, ce.claim_id == c.id)
            .join(t.events, e.id == ce.event_id)
            .where(e.cluster_id == cluster, c.report_id != report_id, c.certainty.in_(wanted))
        ):
            pairs.add((claim_id, other.id))
    involved = sorted({x for pair in pairs for x in pair}) or [-1]
    existing = {
        (row.claim_id, row.other_id)
        for row in conn.execute(
            sa.select(t.claim_links.c.claim_id, t.claim_links.c.other_id).where(
                t.claim_links.c.claim_id.in_(involved)
            )
        )
    }
    rows = [
        {"claim_id": a, "other_id": b, "relation": "contradicts"}
        for x, y in sorted(pairs)
        for a, b in ((x, y), (y, x))
        if (a, b) not in existing
    ]
    if rows:
        conn.execute(t.claim_links.insert(), rows)
    return len(pairs)
