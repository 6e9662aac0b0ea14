"""Joining events told by several reports into clusters (events.cluster_id; whether two events
corefer is chronik.nlp.events.coref's decision: same type, near in time, a shared participant or
place).

Order-independent, so two writers end as one would: linking a report re-clusters the connected
group of coreferent events around its events (found through indexed candidate look-ups), complete
link in a fixed order (date, report, local id), and the result depends only on which events are
stored, not on the order they came in. A chain of daily attacks on one city stays several events.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from chronik.nlp.events.coref import SAME_EVENT_DAYS, EventMention, corefer
from chronik.store.db import Conn
from chronik.store.links import (
    candidate_events,
    event_participants,
    events_with_dates,
    report_event_ids,
    set_event_clusters,
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
            id=row.local_id,
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


# Events re-clustered around one new report's events: a group larger than this (a year of daily
# reports on one war) is cut, which costs order-independence only in that rare group.
MAX_GROUP = 200


@dataclass(frozen=True)
class Reclustered:
    joined: int  # the report's events now clustered with another report's event
    event_ids: list[int]  # every event whose cluster was looked at (the group)


def join_events(conn: Conn, report_id: str) -> int:
    """Re-cluster the events around the report's; returns how many of its events joined."""
    return recluster(conn, report_id).joined


def recluster(conn: Conn, report_id: str) -> Reclustered:
    own = event_mentions(conn, report_event_ids(conn, report_id))
    group = coreferent_group(conn, own)
    assignment: dict[int, int | None] = {}
    for members in complete_link(group):
        cluster = min(members) if len(members) > 1 else None
        assignment.update((event_id, cluster) for event_id in members)
    set_event_clusters(conn, assignment)
    joined = sum(1 for event_id in own if assignment.get(event_id) is not None)
    return Reclustered(joined, sorted(group))


def coreferent_group(conn: Conn, start: dict[int, EventMention]) -> dict[int, EventMention]:
    """The events reachable from `start` through coreference with another report's event."""
    group = dict(start)
    frontier = list(start)
    while frontier and len(group) < MAX_GROUP:
        event = group[frontier.pop()]
        fresh = [i for i in candidates(conn, event) if i not in group]
        for other_id, other in sorted(event_mentions(conn, fresh).items()):
            if len(group) < MAX_GROUP and corefer(event, other, SAME_EVENT_DAYS):
                group[other_id] = other
                frontier.append(other_id)
    return group


def complete_link(group: dict[int, EventMention]) -> list[list[int]]:
    """Clusters of event ids: in (date, report, local id) order an event joins the first cluster
    whose every member is of another report and corefers with it."""
    clusters: list[list[tuple[int, EventMention]]] = []
    for event_id, event in sorted(group.items(), key=lambda kv: _order(kv[1])):
        home = next(
            (
                cluster
                for cluster in clusters
                if all(
                    o.report_id != event.report_id and corefer(event, o, SAME_EVENT_DAYS)
                    for _, o in cluster
                )
            ),
            None,
        )
        if home is None:
            clusters.append([(event_id, event)])
        else:
            home.append((event_id, event))
    return [[event_id for event_id, _ in cluster] for cluster in clusters]


def _order(event: EventMention) -> tuple:
    """Stable across stores: the row id differs from store to store, the report id and the local
    id (in EventMention.id) do not."""
    return (event.date, event.report_id, event.id)
