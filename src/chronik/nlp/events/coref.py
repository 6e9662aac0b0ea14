"""Cross-report event coreference: the same meeting told by three reports is one event with three
mentions.

Pure functions over plain records, so the store can feed them whatever it has: event mentions with
their report, date and canonical arguments. Two mentions corefer when they have the same type and
negation, share a canonical actor or target, and their dates lie within a window. Clusters are the
connected clusters are built complete-link: a mention joins a cluster only if it corefers with every
member, so a chain of daily attacks on the same city does not melt into one event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from chronik.types import Annotations, Mention, Report, Span

# Reports date the same meeting or strike up to a day or two apart (time zones, "gestern" vs the
# report day, a late follow-up); a wider window starts merging a series of daily attacks on the same
# place.
SAME_EVENT_DAYS = 2


@dataclass(frozen=True)
class EventMention:
    """One event as one report tells it; names are canonical (linked) where known, else lower-cased
    text."""

    id: str  # unique across the input, e.g. "<report id>/v3"
    report_id: str
    type: str
    date: date  # the event's own date if resolved, else the report date
    actors: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    negated: bool = False
    source: str | None = None  # the publisher / feed, for counting independent sources
    report_date: date | None = None


@dataclass
class EventCluster:
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.mentions[0].type

    @property
    def sources(self) -> int:
        """Independent sources: distinct publishers, or distinct reports where the publisher is
        unknown."""
        return len({m.source or f"report:{m.report_id}" for m in self.mentions})

    @property
    def first_reported(self) -> date:
        return min(m.report_date or m.date for m in self.mentions)

    @property
    def last_reported(self) -> date:
        return max(m.report_date or m.date for m in self.mentions)


def corefer(a: EventMention, b: EventMention, window_days: int = SAME_EVENT_DAYS) -> bool:
    if a.type != b.type or a.negated != b.negated or abs((a.date - b.date).days) > window_days:
        return False
    participants_a, participants_b = a.actors | a.targets, b.actors | b.targets
    if participants_a & participants_b:
        return not (a.places and b.places and not a.places & b.places)
    return bool(not participants_a and not participants_b and a.places & b.places)


def cluster_events(
    mentions: Sequence[EventMention], window_days: int = SAME_EVENT_DAYS
) -> list[EventCluster]:
    """Clusters in order of their earliest mention; each mention in exactly one cluster."""
    clusters: list[EventCluster] = []
    for mention in sorted(mentions, key=lambda m: (m.date, m.report_id, m.id)):
        home = None
        for cluster in clusters:
            if all(corefer(mention, other, window_days) for other in cluster.mentions):
                home = cluster
                break
        if home is None:
            clusters.append(EventCluster([mention]))
        else:
            home.mentions.append(mention)
    return clusters


def canonical_names(spans: Sequence[Span], mentions: Sequence[Mention]) -> frozenset[str]:
    """The canonical name of the mention each argument span overlaps, else the span's lower-cased
    text."""
    names = set()
    for span in spans:
        hit = next(
            (m for m in mentions if m.start < span.end and span.start < m.end and m.canonical), None
        )
        names.add(hit.canonical if hit is not None else span.text.lower())
    return frozenset(names)


def event_mentions(report: Report, annotations: Annotations) -> list[EventMention]:
    """One report's events as coreference input: the event's own date where resolved, else the
    report's."""
    if report.date is None:
        return []
    reported = report.date.earliest()
    out = []
    for event in annotations.events:
        when = date.fromisoformat(event.earliest) if event.earliest else reported
        out.append(
            EventMention(
                id=f"{report.id}/{event.id}",
                report_id=report.id,
                type=event.type,
                date=when,
                actors=canonical_names(event.actor, annotations.mentions),
                targets=canonical_names(event.target, annotations.mentions),
                places=canonical_names(event.place, annotations.mentions),
                negated=event.negated,
                source=report.source,
                report_date=reported,
            )
        )
    return out
