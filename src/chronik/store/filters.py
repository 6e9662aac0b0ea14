"""Filters shared by the exploring views, and the conditions they become: `as_of`, period, entity,
place, event type, certainty and source of claims.

Every view takes `as_of`: only reports whose whole date interval lies on or before that day count
(`reports.date_end <= as_of`), so a view shows what was known on that day, not today. Undated
reports count only when no `as_of` is given.

Dates of events are their stored interval [earliest, latest]; the events component fills it from the
event's own time expression or, failing that, the report's date. A period selects the events whose
interval overlaps it and starts at most `MAX_SPAN_DAYS` before it (so the index on `earliest` bounds
the scan; an event dated only "in the last ten years" is not part of a month's timeline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.lookup import resolve

MAX_SPAN_DAYS = 366
MAX_ID = 2**62  # ids beyond a 64-bit integer cannot exist; asking for one finds nothing
# with as_of: events dated up to a month after the day (announced plans) still count
AHEAD_DAYS = 31
# Above these counts a view walks by date and stops at a page instead of collecting and sorting all
# rows first; the cross-over is where both cost the same on 100,000 reports
# (benchmarks/bench_queries.py).
LEAD_CHARS = 200  # the start of a report's text sent along for the headline of an untitled one
HEAVY = 1000  # mentions of an entity (or claims) for event lists
RECENT_HEAVY = 2500  # mentions of an entity for finding its latest reports

r, e, a, m, c = (
    schema.reports.c,
    schema.events.c,
    schema.event_args.c,
    schema.mentions.c,
    schema.claims.c,
)


@dataclass(frozen=True)
class Filters:
    """What the timeline, network, claims and places views can be narrowed by; all optional."""

    entity: str | None = None  # an entity id, or a name (canonical, or the text of an argument)
    types: tuple[str, ...] = ()  # event types
    place: str | None = None  # a place entity id or name
    start: date | None = None  # period, inclusive
    end: date | None = None
    certainty: tuple[str, ...] = ()  # of a claim about the event
    # how a claim's source begins, case-insensitively ("Kreml", "die russische")
    source: str | None = None
    as_of: date | None = None

    def params(self) -> dict[str, Any]:
        """The filters as URL parameters, for links and the JSON answer."""
        out: dict[str, Any] = {
            "entity": self.entity,
            "type": list(self.types) or None,
            "place": self.place,
            "start": iso(self.start),
            "end": iso(self.end),
            "certainty": list(self.certainty) or None,
            "source": self.source,
            "as_of": iso(self.as_of),
        }
        return {k: v for k, v in out.items() if v not in (None, "")}


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0


def as_of(day: date | None) -> sa.ColumnElement[bool]:
    """The condition on `reports` for "known on `day`": current version, published (date_end) by
    then."""
    current = r.is_current == sa.true()
    if day is None:
        return current
    return sa.and_(current, r.date_end.is_not(None), r.date_end <= day)


def interactive(conn: sa.Connection) -> None:
    """PostgreSQL, for the rest of this transaction: no parallel workers and no JIT. A view reads a
    page of tens of rows; starting workers (and merging their walks in date order) or compiling a
    plan costs more than the read itself: an entity's events took 0.16 s with a parallel walk and
    0.02 s without. SQLite: nothing to set."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
        conn.exec_driver_sql("SET LOCAL jit = off")


def iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# ---------------------------------------------------------------- entity names -> ids


def resolve_entities(conn: sa.Connection, value: str | None) -> list[int]:
    """An id, or a name resolved through the linker's keys (Schoigu, Shoigu, Шойгу, "Sergei Shoigu"
    alike: chronik.store.lookup); an ambiguous name raises AmbiguousEntity with the candidates."""
    if not value or not value.strip():
        return []
    found = resolve(conn, value)
    return [found.id] if found else []


def _mentioned(conn: sa.Connection, ids: list[int]) -> int:
    """How often the entities are named (entities.n_mentions, kept by the linker); picks the plan
    below."""
    if not ids:
        return 0
    ent = schema.entities.c
    return int(
        conn.execute(
            sa.select(sa.func.coalesce(sa.func.sum(ent.n_mentions), 0)).where(ent.id.in_(ids))
        ).scalar_one()
    )


def narrow(candidates: sa.Select, event_col: Any, estimate: int) -> sa.ColumnElement[bool]:
    """Events among `candidates` (a SELECT of event ids), in the plan that suits how many there are.

    One meaning, two plans: few candidates are collected first and sorted (IN); many are checked
    event by event while the events are walked in date order (EXISTS), which stops as soon as a page
    is full.
    """
    if estimate > HEAVY:
        return sa.exists(candidates.where(event_col == e.id))
    return e.id.in_(candidates)


def collected(conn: sa.Connection, candidates: sa.Select, event_col: Any) -> sa.ColumnElement[bool]:
    """Events among `candidates` (a SELECT of event ids), read here when there are at most HEAVY:
    the view then names them by id, so no planner walks every event in date order hoping to meet
    them (PostgreSQL did, 1.8 s for a much-named place that is never an actor). More are checked
    event by event on the walk (EXISTS), as in `narrow`. One query both counts and collects."""
    ids = conn.scalars(candidates.limit(HEAVY + 1)).all()
    if len(ids) > HEAVY:
        return sa.exists(candidates.where(event_col == e.id))
    return e.id.in_(sorted(set(ids)))


def with_entity(conn: sa.Connection, value: str, role: str | None = None) -> sa.ColumnElement[bool]:
    """Events with an argument (of `role`) naming the entity: by link, or by its text."""
    ids = resolve_entities(conn, value)
    q = sa.select(a.event_id)
    if ids:
        q = q.join(schema.mentions, m.id == a.mention_id).where(m.entity_id.in_(ids))
    else:
        q = q.where(a.text == value.strip())
    if role:  # a much-named entity may rarely be a place: count its arguments in the role
        return collected(conn, q.where(a.role == role), a.event_id)
    return narrow(q, a.event_id, _mentioned(conn, ids))


def _with_claims(conn: sa.Connection, condition: sa.ColumnElement[bool]) -> sa.ColumnElement[bool]:
    """Events that a claim meeting `condition` is about."""
    ce = schema.claim_events.c
    candidates = sa.select(ce.event_id).join(schema.claims, c.id == ce.claim_id).where(condition)
    return collected(conn, candidates, ce.event_id)


def source_condition(column: Any, words: str) -> sa.ColumnElement[bool]:
    """A claim's source starts with these words, case-insensitively (indexed:
    ix_claims_lower_source_text)."""
    # the database's lower() on both sides: they agree
    low = sa.func.lower(sa.literal(words.strip(), sa.String))
    return sa.and_(sa.func.lower(column) >= low, sa.func.lower(column) < low.concat("\U0010ffff"))


def known_events(day: date | None) -> list[sa.ColumnElement[bool]]:
    """`as_of` for views that walk events in date order: the event's report is current and known on
    `day`.

    A correlated EXISTS rather than a join, so that no planner starts from "every report before the
    day" (and sorts all their events) or builds a filter over all reports first. Events dated more
    than AHEAD_DAYS after the day (plans announced long before) are left out: that bounds the walk.
    """
    report_ok = [r.id == e.report_id, r.is_current == sa.true()]
    if day is None:
        return [sa.exists(sa.select(r.id).where(*report_ok))]
    report_ok.append(sa.func.coalesce(r.date_end, date.max) <= day)
    return [e.earliest <= _plus_days(day, AHEAD_DAYS), sa.exists(sa.select(r.id).where(*report_ok))]


def _plus_days(day: date, days: int) -> date:
    """day ± days, held inside the calendar (year 1 to 9999) instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def event_conditions(conn: sa.Connection, f: Filters) -> list[sa.ColumnElement[bool]]:
    """Conditions on `events` only (reports enter through EXISTS), so callers need not join
    reports."""
    conds: list[sa.ColumnElement[bool]] = known_events(f.as_of)
    if f.types:
        conds.append(e.type.in_(f.types))
    if f.start:
        conds += [e.latest >= f.start, e.earliest >= _plus_days(f.start, -MAX_SPAN_DAYS)]
    if f.end:
        conds.append(e.earliest <= f.end)
    if f.entity:
        conds.append(with_entity(conn, f.entity))
    if f.place:
        conds.append(with_entity(conn, f.place, "place"))
    if f.certainty:
        conds.append(_with_claims(conn, c.certainty.in_(f.certainty)))
    if f.source:
        conds.append(_with_claims(conn, source_condition(c.source_text, f.source)))
    return conds
