"""Joining events told by several reports: a new report's event takes the cluster of the best
coreferent event of another report (same type, near in time, a shared participant or place; the
decision is chronik.nlp.events.coref's)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from chronik.nlp.events.coref import SAME_EVENT_DAYS, EventMention, corefer
from chronik.store.db import Conn
from chronik.store.links import (
    candidate_events,
    event_cluster,
    event_participants,
    events_with_dates,
    report_event_ids,
    set_event_cluster,
)


def event_mentions(conn: Conn, event_ids: list[int]) -> dict[int, EventMention]:
    """Events as coref records whose participants are entity ids (as strings); undated events (no
    date of their own nor of their report) are left out."""
    if not event_ids:
        return {}
    args: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in event_participants(conn, event_ids):
        args[row.event_id][row.role].add(str(row.entity_id))
    out = {}
    for row in events_with_dates(conn, event_ids):
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


def candidates(conn: Conn, event: EventMention) -> list[int]:
    """Events of other reports of the same type, near in time, sharing a participant (or a
    place)."""
    shared = event.actors | event.targets or event.places
    if not shared:
        return []
    earliest, latest = date_window(event.date, SAME_EVENT_DAYS)
    return candidate_events(
        conn, event.type, event.report_id, [int(x) for x in shared], earliest, latest
    )


def date_window(day: date, days: int) -> tuple[date, date]:
    """[day - days, day + days], clamped to the calendar Python can represent: a report dated
    0001-01-01 or 9999-12-31 is linked like any other instead of overflowing."""
    span = timedelta(days=days)
    earliest = day - span if day - date.min >= span else date.min
    latest = day + span if date.max - day >= span else date.max
    return earliest, latest


def join_events(conn: Conn, report_id: str) -> int:
    """Give the report's events the cluster of the best coreferent event elsewhere; returns how many
    joined."""
    own = event_mentions(conn, report_event_ids(conn, report_id))
    joined = 0
    for event_id, event in own.items():
        others = event_mentions(conn, candidates(conn, event))
        matches = [
            (len((o.actors | o.targets) & (event.actors | event.targets)), oid)
            for oid, o in others.items()
            if corefer(event, o, SAME_EVENT_DAYS)
        ]
        if not matches:
            continue
        _, best = max(matches)
        set_event_cluster(conn, [best, event_id], event_cluster(conn, best) or best)
        joined += 1
    return joined
