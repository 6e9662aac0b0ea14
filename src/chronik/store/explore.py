"""The exploring views over stored facts: timeline, entity, network, contested claims, places.

Pure functions of (store, arguments) -> plain dicts, shared by the API, the web pages and the CLI (through
chronik.store.queries, which re-exports them). SQLAlchemy Core only, nothing SQLite-specific.

Every view takes `as_of`: only reports whose whole date interval lies on or before that day count
(`reports.date_end <= as_of`), so a view shows what was known on that day, not today. Undated reports
count only when no `as_of` is given.

Dates of events are their stored interval [earliest, latest]; the events component fills it from the
event's own time expression or, failing that, the report's date. A period selects the events whose interval
overlaps it and starts at most `MAX_SPAN_DAYS` before it (so the index on `earliest` bounds the scan;
an event dated only "in the last ten years" is not part of a month's timeline).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from chronik.store import schema as t
from chronik.store.db import Store

MAX_SPAN_DAYS = 366
AHEAD_DAYS = 31  # with as_of: events dated up to a month after the day (announced plans) still count
RECENT_REPORTS = 200  # an entity's names, claims and neighbours are read from its latest reports
MAX_PLACE_EVENTS = 5000
MAX_NAMED_CLAIMS = 10_000
# Above these counts a view walks by date and stops at a page instead of collecting and sorting all rows
# first; the cross-over is where both cost the same on 100,000 reports (benchmarks/bench_queries.py).
HEAVY = 1000  # mentions of an entity (or claims) for event lists
RECENT_HEAVY = 2500  # mentions of an entity for finding its latest reports
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
CERTAINTIES = ("asserted", "reported", "alleged", "unconfirmed", "denied")

r, e, a, m, c = t.reports.c, t.events.c, t.event_args.c, t.mentions.c, t.claims.c


@dataclass(frozen=True)
class Filters:
    """What the timeline, network, claims and places views can be narrowed by; all optional."""

    entity: str | None = None  # an entity id, or a name (canonical, or the text of an argument)
    types: tuple[str, ...] = ()  # event types
    place: str | None = None  # a place entity id or name
    start: date | None = None  # period, inclusive
    end: date | None = None
    certainty: tuple[str, ...] = ()  # of a claim about the event
    source: str | None = None  # how a claim's source begins, case-insensitively ("Kreml", "die russische")
    as_of: date | None = None

    def params(self) -> dict[str, Any]:
        """The filters as URL parameters, for links and the JSON answer."""
        out: dict[str, Any] = {"entity": self.entity, "type": list(self.types) or None, "place": self.place,
                               "start": _iso(self.start), "end": _iso(self.end),
                               "certainty": list(self.certainty) or None, "source": self.source,
                               "as_of": _iso(self.as_of)}
        return {k: v for k, v in out.items() if v not in (None, "")}


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0


def as_of(day: date | None) -> sa.ColumnElement[bool]:
    """The condition on `reports` for "known on `day`": current version, published (date_end) by then."""
    current = r.is_current == sa.true()
    if day is None:
        return current
    return sa.and_(current, r.date_end.is_not(None), r.date_end <= day)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# ---------------------------------------------------------------- entity names -> ids

def resolve_entities(conn: sa.Connection, value: str | None) -> list[int]:
    """An id, or a name matched against canonical names and matching keys (case-insensitive)."""
    if not value or not value.strip():
        return []
    value = value.strip()
    if value.isdigit():
        return [int(value)]
    ent = t.entities.c
    rows = conn.execute(sa.select(ent.id).where(sa.or_(ent.canonical == value, ent.key == value.lower())).limit(50))
    return [row.id for row in rows]


def _mentioned(conn: sa.Connection, ids: list[int]) -> int:
    """How often the entities are named (entities.n_mentions, kept by the linker); picks the plan below."""
    if not ids:
        return 0
    ent = t.entities.c
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.sum(ent.n_mentions), 0)).where(ent.id.in_(ids))).scalar_one())


def _narrow(candidates: sa.Select, event_col: Any, estimate: int) -> sa.ColumnElement[bool]:
    """Events among `candidates` (a SELECT of event ids), in the plan that suits how many there are.

    One meaning, two plans: few candidates are collected first and sorted (IN); many are checked event by
    event while the events are walked in date order (EXISTS), which stops as soon as a page is full.
    """
    if estimate > HEAVY:
        return sa.exists(candidates.where(event_col == e.id))
    return e.id.in_(candidates)


def _with_entity(conn: sa.Connection, value: str, role: str | None = None) -> sa.ColumnElement[bool]:
    """Events with an argument (of `role`) naming the entity: by link, or by its text."""
    ids = resolve_entities(conn, value)
    q = sa.select(a.event_id)
    if ids:
        q = q.join(t.mentions, m.id == a.mention_id).where(m.entity_id.in_(ids))
    else:
        q = q.where(a.text == value.strip())
    if role:
        q = q.where(a.role == role)
    return _narrow(q, a.event_id, _mentioned(conn, ids))


def _with_claims(conn: sa.Connection, condition: sa.ColumnElement[bool]) -> sa.ColumnElement[bool]:
    """Events that a claim meeting `condition` is about."""
    ce = t.claim_events.c
    candidates = sa.select(ce.event_id).join(t.claims, c.id == ce.claim_id).where(condition)
    estimate = conn.execute(sa.select(sa.func.count()).select_from(candidates.limit(HEAVY + 1).subquery())).scalar_one()
    return _narrow(candidates, ce.event_id, estimate)


def source_condition(column: Any, words: str) -> sa.ColumnElement[bool]:
    """A claim's source starts with these words, case-insensitively (indexed: ix_claims_lower_source_text)."""
    low = sa.func.lower(sa.literal(words.strip(), sa.String))  # the database's lower() on both sides: they agree
    return sa.and_(sa.func.lower(column) >= low, sa.func.lower(column) < low.concat("\U0010ffff"))


def _known_events(day: date | None) -> list[sa.ColumnElement[bool]]:
    """`as_of` for views that walk events in date order: the event's report is current and known on `day`.

    A correlated EXISTS rather than a join, so that no planner starts from "every report before the day"
    (and sorts all their events) or builds a filter over all reports first. Events dated more than
    AHEAD_DAYS after the day (plans announced long before) are left out: that bounds the walk.
    """
    report_ok = [r.id == e.report_id, r.is_current == sa.true()]
    if day is None:
        return [sa.exists(sa.select(r.id).where(*report_ok))]
    report_ok.append(sa.func.coalesce(r.date_end, date.max) <= day)
    return [e.earliest <= day + timedelta(days=AHEAD_DAYS), sa.exists(sa.select(r.id).where(*report_ok))]


def _event_conditions(conn: sa.Connection, f: Filters) -> list[sa.ColumnElement[bool]]:
    """Conditions on `events` only (reports enter through EXISTS), so callers need not join reports."""
    conds: list[sa.ColumnElement[bool]] = _known_events(f.as_of)
    if f.types:
        conds.append(e.type.in_(f.types))
    if f.start:
        conds += [e.latest >= f.start, e.earliest >= f.start - timedelta(days=MAX_SPAN_DAYS)]
    if f.end:
        conds.append(e.earliest <= f.end)
    if f.entity:
        conds.append(_with_entity(conn, f.entity))
    if f.place:
        conds.append(_with_entity(conn, f.place, "place"))
    if f.certainty:
        conds.append(_with_claims(conn, c.certainty.in_(f.certainty)))
    if f.source:
        conds.append(_with_claims(conn, source_condition(c.source_text, f.source)))
    return conds


# ---------------------------------------------------------------- timeline

def timeline(store: Store, filters: Filters = Filters(), page: Page = Page(), *, newest_first: bool = True
             ) -> dict[str, Any]:
    """Events matching the filters in date order, one page; `has_more` instead of an exact total."""
    with store.engine.connect() as conn:
        order = (e.earliest.desc().nulls_last(), e.id.desc()) if newest_first else (e.earliest.asc().nulls_last(), e.id)
        ids = [x.id for x in conn.execute(
            sa.select(e.id).where(*_event_conditions(conn, filters)).order_by(*order)
            .limit(page.limit + 1).offset(page.offset))]
        events = _describe_events(conn, _event_rows(conn, ids[:page.limit]))
    return {"filters": filters.params(), "offset": page.offset, "limit": page.limit,
            "has_more": len(ids) > page.limit, "events": events}


def _event_rows(conn: sa.Connection, ids: list[int]) -> list[Any]:
    """The page's events with their reports' date and title, in the order of `ids`."""
    if not ids:
        return []
    rows = {x["id"]: x for x in conn.execute(_event_columns().where(e.id.in_(ids))).mappings()}
    return [rows[i] for i in ids]


def _event_columns() -> sa.Select:
    return sa.select(
        e.id, e.report_id, e.local_id, e.type, e.trigger_text, e.negated, e.modality, e.time_value, e.earliest,
        e.latest, r.date.label("report_date"), r.title.label("report_title"), r.source.label("report_source"),
    ).select_from(t.events.join(t.reports, r.id == e.report_id))


def _describe_events(conn: sa.Connection, rows: list[Any]) -> list[dict[str, Any]]:
    """Event rows with their arguments (and linked entities) and the claims that carry them."""
    ids = [row["id"] for row in rows]
    args: dict[int, dict[str, list[dict[str, Any]]]] = {}
    carried: dict[int, list[dict[str, Any]]] = {}
    if ids:
        q = (sa.select(a.event_id, a.role, a.text, m.entity_id).select_from(t.event_args.outerjoin(t.mentions, m.id == a.mention_id))
             .where(a.event_id.in_(ids)).order_by(a.id))
        for arg in conn.execute(q):
            args.setdefault(arg.event_id, {}).setdefault(arg.role, []).append({"text": arg.text, "entity_id": arg.entity_id})
        ce = t.claim_events.c
        q2 = sa.select(ce.event_id, c.local_id, c.certainty, c.source_text).join(t.claims, c.id == ce.claim_id).where(ce.event_id.in_(ids))
        for claim in conn.execute(q2):
            carried.setdefault(claim.event_id, []).append(
                {"id": claim.local_id, "certainty": claim.certainty, "source": claim.source_text})
    out = []
    for row in rows:
        item = {k: row[k] for k in ("id", "report_id", "local_id", "type", "trigger_text", "modality", "time_value",
                                    "report_date", "report_title")}
        item.update(negated=bool(row["negated"]), earliest=_iso(row["earliest"]), latest=_iso(row["latest"]))
        roles = args.get(row["id"], {})
        item.update({role: roles.get(role, []) for role in ("actor", "target", "place", "time")})
        item["claims"] = carried.get(row["id"], [])
        out.append(item)
    return out


# ---------------------------------------------------------------- entity

def entity(store: Store, entity_id: int, *, as_of_day: date | None = None, page: Page = Page()) -> dict[str, Any] | None:
    """One entity: its names, roles over time, events (one page), claims by and about it, co-occurring entities."""
    ent = t.entities.c
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t.entities).where(ent.id == entity_id)).mappings().first()
        if row is None:
            return None
        out = {k: row[k] for k in ("id", "canonical", "type", "first_date", "last_date", "n_mentions", "info")}
        out["as_of"] = _iso(as_of_day)
        named = row["n_mentions"] or 0
        recent = _recent_reports(conn, entity_id, as_of_day, named > RECENT_HEAVY)
        out["recent_reports"] = len(recent)
        out["names"] = _entity_names(conn, entity_id, recent)
        out["roles"] = _roles(conn, entity_id, as_of_day)
        out["linked_names"] = _linked_names(conn, entity_id)
        out["events"], out["has_more"] = _entity_events(conn, entity_id, as_of_day, page, named > HEAVY)
        out["offset"], out["limit"] = page.offset, page.limit
        out["claims_by"] = _entity_claims(conn, entity_id, recent, by=True)
        out["claims_about"] = _entity_claims(conn, entity_id, recent, by=False)
        out["co_occurring"] = _co_occurring(conn, entity_id, recent)
    return out


def _recent_reports(conn: sa.Connection, entity_id: int, day: date | None, heavy: bool) -> list[str]:
    """Ids of the latest RECENT_REPORTS reports naming the entity (known on `day`), newest first.

    Names, claims and neighbours are read from these, so an entity named in 50,000 reports costs what one
    named in 500 does. A much named entity walks the reports by date and stops; a rare one sorts its few.
    """
    if heavy:
        named = sa.exists(sa.select(m.id).where(m.entity_id == entity_id, m.report_id == r.id))
        q = sa.select(r.id).where(as_of(day), named).order_by(r.date_end.desc().nulls_last(), r.id).limit(RECENT_REPORTS)
    else:
        q = (sa.select(r.id).select_from(t.mentions.join(t.reports, r.id == m.report_id))
             .where(m.entity_id == entity_id, as_of(day)).group_by(r.id, r.date_end)
             .order_by(r.date_end.desc().nulls_last(), r.id).limit(RECENT_REPORTS))
    return [x.id for x in conn.execute(q)]


def _entity_names(conn: sa.Connection, entity_id: int, recent: list[str]) -> list[dict[str, Any]]:
    """The spellings used for it in its recent reports, with how often and when first and last seen."""
    if not recent:
        return []
    q = (sa.select(m.text, sa.func.count().label("n"), sa.func.min(r.date_start).label("first"),
                   sa.func.max(r.date_end).label("last"))
         .select_from(t.mentions.join(t.reports, r.id == m.report_id))
         .where(m.entity_id == entity_id, m.report_id.in_(recent)).group_by(m.text).order_by(sa.desc("n"), m.text).limit(30))
    return [{"name": x.text, "n": x.n, "first": _iso(x.first), "last": _iso(x.last)} for x in conn.execute(q)]


_TABLES: "weakref.WeakKeyDictionary[sa.Engine, set[str]]" = weakref.WeakKeyDictionary()


def _table(conn: sa.Connection, name: str) -> sa.Table | None:
    """A table another migration may add (the linker's entity_names and roles), reflected when present."""
    engine = conn.engine
    if engine not in _TABLES:
        _TABLES[engine] = set(sa.inspect(conn).get_table_names())
    if name not in _TABLES[engine]:
        return None
    return _reflect(engine, name, conn)


_REFLECTED: "weakref.WeakKeyDictionary[sa.Engine, dict[str, sa.Table]]" = weakref.WeakKeyDictionary()


def _reflect(engine: sa.Engine, name: str, conn: sa.Connection) -> sa.Table:
    tables = _REFLECTED.setdefault(engine, {})
    if name not in tables:
        tables[name] = sa.Table(name, sa.MetaData(), autoload_with=conn)
    return tables[name]


def _roles(conn: sa.Connection, entity_id: int, day: date | None) -> list[dict[str, Any]]:
    """Roles the linker found for it (`roles`, migration 0002), each with the first and last report saying so."""
    roles = _table(conn, "roles")
    if roles is None:
        return []
    ro = roles.c
    q = (sa.select(ro.role, ro.of_entity_id, ro.of_text, sa.func.count().label("n"),
                   sa.func.min(ro.date_start).label("first"), sa.func.max(ro.date_start).label("last"))
         .select_from(roles.join(t.reports, r.id == ro.report_id))
         .where(ro.holder_id == entity_id, as_of(day))
         .group_by(ro.role, ro.of_entity_id, ro.of_text).order_by(sa.func.min(ro.date_start), ro.role).limit(100))
    return [{"role": x.role, "of_entity_id": x.of_entity_id, "of": x.of_text, "n": x.n, "first": _iso(x.first),
             "last": _iso(x.last)} for x in conn.execute(q)]


def _linked_names(conn: sa.Connection, entity_id: int) -> list[dict[str, Any]]:
    """Every name the linker has filed under the entity (`entity_names`), most used first."""
    names = _table(conn, "entity_names")
    if names is None:
        return []
    q = sa.select(names.c.name, names.c["count"]).where(names.c.entity_id == entity_id)
    return [{"name": x.name, "n": x.count} for x in conn.execute(q.order_by(names.c["count"].desc()).limit(100))]


def _entity_events(conn: sa.Connection, entity_id: int, day: date | None, page: Page, heavy: bool
                   ) -> tuple[list[dict[str, Any]], bool]:
    """Its events newest first, with the role it plays in each."""
    mine = (sa.select(a.event_id).join(t.mentions, m.id == a.mention_id).where(m.entity_id == entity_id))
    condition = _narrow(mine, a.event_id, HEAVY + 1 if heavy else 0)
    ids = [x.id for x in conn.execute(
        sa.select(e.id).where(condition, *_known_events(day)).order_by(e.earliest.desc().nulls_last(), e.id.desc())
        .limit(page.limit + 1).offset(page.offset))]
    events = _describe_events(conn, _event_rows(conn, ids[:page.limit]))
    for item in events:
        item["roles"] = [role for role in ("actor", "target", "place")
                         if any(x["entity_id"] == entity_id for x in item[role])]
    return events, len(ids) > page.limit


def _entity_claims(conn: sa.Connection, entity_id: int, recent: list[str], *, by: bool, limit: int = 20
                   ) -> list[dict[str, Any]]:
    """Claims in its recent reports whose source names the entity (`by`), or whose proposition mentions it."""
    if not recent:
        return []
    lo, hi = (c.source_start, c.source_end) if by else (c.start, c.end)
    q = (sa.select(c.id, c.report_id, c.local_id, c.text, c.certainty, c.source_text, c.cue_text, r.date, r.date_end)
         .select_from(t.mentions.join(t.claims, c.report_id == m.report_id).join(t.reports, r.id == c.report_id))
         .where(m.entity_id == entity_id, m.report_id.in_(recent), m.start >= lo, m.end <= hi,
                *([] if by else [_outside_source()]))
         .distinct().order_by(r.date_end.desc(), c.id.desc()).limit(limit))
    return [{"id": x.id, "report_id": x.report_id, "local_id": x.local_id, "text": x.text, "certainty": x.certainty,
             "source": x.source_text, "cue": x.cue_text, "report_date": x.date} for x in conn.execute(q)]


def _outside_source() -> sa.ColumnElement[bool]:
    """The mention is not the claim's own source (a denial's "Die russische Seite" is by Russia, not about it)."""
    return sa.or_(c.source_start.is_(None), m.end <= c.source_start, m.start >= c.source_end)


def _co_occurring(conn: sa.Connection, entity_id: int, recent: list[str], limit: int = 20) -> list[dict[str, Any]]:
    """Entities named in the same reports, counted over its recent reports."""
    if not recent:
        return []
    other = t.mentions.alias("other")
    ent = t.entities.c
    q = (sa.select(ent.id, ent.canonical, ent.type, sa.func.count(sa.distinct(other.c.report_id)).label("reports"))
         .select_from(other.join(t.entities, ent.id == other.c.entity_id))
         .where(other.c.report_id.in_(recent), other.c.entity_id != entity_id)
         .group_by(ent.id, ent.canonical, ent.type).order_by(sa.desc("reports"), ent.canonical).limit(limit))
    return [dict(x) for x in conn.execute(q).mappings()]


# ---------------------------------------------------------------- network

def latest_month(store: Store, day: date | None = None) -> tuple[date, date] | None:
    """The calendar month of the newest report known on `day` (the network's default period)."""
    with store.engine.connect() as conn:
        last = conn.execute(sa.select(sa.func.max(r.date_end)).where(as_of(day))).scalar()
    if last is None:
        return None
    first = last.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def network(store: Store, filters: Filters = Filters(), *, max_edges: int = 300) -> dict[str, Any]:
    """Entities as nodes; an edge actor -> target per event type, weighted by how many events link them."""
    if filters.start is None and filters.end is None:
        month = latest_month(store, filters.as_of)
        if month:
            filters = replace(filters, start=month[0], end=month[1])
    actor, target = t.event_args.alias("actor"), t.event_args.alias("target")
    ma, mt = t.mentions.alias("ma"), t.mentions.alias("mt")
    with store.engine.connect() as conn:
        q = (sa.select(ma.c.entity_id.label("source"), mt.c.entity_id.label("target"), e.type,
                       sa.func.count(sa.distinct(e.id)).label("weight"))
             .select_from(t.events
                          .join(actor, sa.and_(actor.c.event_id == e.id, actor.c.role == "actor"))
                          .join(ma, ma.c.id == actor.c.mention_id)
                          .join(target, sa.and_(target.c.event_id == e.id, target.c.role == "target"))
                          .join(mt, mt.c.id == target.c.mention_id))
             .where(*_event_conditions(conn, filters), ma.c.entity_id.is_not(None), mt.c.entity_id.is_not(None),
                    ma.c.entity_id != mt.c.entity_id)
             .group_by(ma.c.entity_id, mt.c.entity_id, e.type).order_by(sa.desc("weight"), ma.c.entity_id, mt.c.entity_id)
             .limit(max_edges))
        edges = [dict(x) for x in conn.execute(q).mappings()]
        nodes = _nodes(conn, edges)
    return {"filters": filters.params(), "nodes": nodes, "edges": edges, "truncated": len(edges) == max_edges}


def _nodes(conn: sa.Connection, edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    weight: dict[int, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            weight[end] = weight.get(end, 0) + edge["weight"]
    if not weight:
        return []
    ent = t.entities.c
    rows = conn.execute(sa.select(ent.id, ent.canonical, ent.type).where(ent.id.in_(list(weight)))).mappings()
    return sorted(({"id": x["id"], "label": x["canonical"], "type": x["type"], "weight": weight[x["id"]]} for x in rows),
                  key=lambda n: (-n["weight"], n["label"]))


# ---------------------------------------------------------------- contested claims

def claims(store: Store, filters: Filters = Filters(), page: Page = Page()) -> dict[str, Any]:
    """Pairs of claims that contradict each other, side by side with their sources and dates, newest first.

    Two steps, so that the newest pairs come without reading every link: walk the reports by date and keep
    the first offset+limit+1 that hold a matching pair (a report holds at least one, so no more are needed),
    then read the pairs of just those reports.
    """
    one, two = t.claims.alias("one"), t.claims.alias("two")
    r1, r2 = t.reports.alias("r1"), t.reports.alias("r2")
    link = t.claim_links.c
    pair = (one.join(t.claim_links, link.claim_id == one.c.id).join(two, two.c.id == link.other_id)
            .join(r2, r2.c.id == two.c.report_id))
    with store.engine.connect() as conn:
        first, pair_conds = _claim_conditions(conn, filters, (one, r1), (two, r2))
        pair_conds += [link.claim_id < link.other_id, link.relation == "contradicts"]
        if filters.entity:  # few pairs name a given entity: collect them from its mentions, then sort
            q = (sa.select(link.claim_id, link.other_id).select_from(r1.join(pair, one.c.report_id == r1.c.id))
                 .where(*first, *pair_conds).order_by(r1.c.date_end.desc(), r1.c.id.desc(), link.claim_id.desc())
                 .limit(page.limit + 1).offset(page.offset))
            return _pairs(conn, filters, page, [(x.claim_id, x.other_id) for x in conn.execute(q)])
        has_pair = sa.exists(sa.select(link.claim_id).select_from(pair).where(one.c.report_id == r1.c.id, *pair_conds))
        reports = [x.id for x in conn.execute(
            sa.select(r1.c.id).where(*first, has_pair).order_by(r1.c.date_end.desc(), r1.c.id.desc())
            .limit(page.offset + page.limit + 1))]
        q = (sa.select(link.claim_id, link.other_id).select_from(r1.join(pair, one.c.report_id == r1.c.id))
             .where(r1.c.id.in_(reports), *pair_conds).order_by(r1.c.date_end.desc(), r1.c.id.desc(), link.claim_id.desc()))
        pairs = [(x.claim_id, x.other_id) for x in conn.execute(q)][page.offset:page.offset + page.limit + 1] if reports else []
        return _pairs(conn, filters, page, pairs)


def _pairs(conn: sa.Connection, filters: Filters, page: Page, pairs: list[tuple[int, int]]) -> dict[str, Any]:
    sides = _claim_sides(conn, [i for p in pairs[:page.limit] for i in p])
    return {"filters": filters.params(), "offset": page.offset, "limit": page.limit, "has_more": len(pairs) > page.limit,
            "pairs": [{"a": sides[x], "b": sides[y]} for x, y in pairs[:page.limit]]}


def _claim_conditions(conn: sa.Connection, f: Filters, *sides: tuple[Any, Any]
                      ) -> tuple[list[sa.ColumnElement[bool]], list[sa.ColumnElement[bool]]]:
    """(conditions on the first side's report, conditions on the pair)."""
    first = sides[0][1].c
    on_first: list[sa.ColumnElement[bool]] = [first.is_current == sa.true()]
    if f.as_of:
        on_first += [first.date_end.is_not(None), first.date_end <= f.as_of]
    if f.start:
        on_first.append(first.date_end >= f.start)
    if f.end:
        on_first.append(first.date_start <= f.end)
    second = sides[1][1].c
    on_pair: list[sa.ColumnElement[bool]] = [second.is_current == sa.true()]
    if f.as_of:
        on_pair += [second.date_end.is_not(None), second.date_end <= f.as_of]
    if f.certainty:
        on_pair.append(sa.or_(*(cl.c.certainty.in_(f.certainty) for cl, _ in sides)))
    if f.source:
        on_pair.append(sa.or_(*(source_condition(cl.c.source_text, f.source) for cl, _ in sides)))
    if f.entity:
        named = _claims_naming(resolve_entities(conn, f.entity))
        found = [x.id for x in conn.execute(named.limit(MAX_NAMED_CLAIMS + 1))]
        # a list (not a subquery) lets the planner start from these claims' links on either side
        named_ids: Any = found if len(found) <= MAX_NAMED_CLAIMS else named
        link = t.claim_links.c
        on_pair.append(sa.or_(link.claim_id.in_(named_ids), link.other_id.in_(named_ids)))
    return on_first, on_pair


def _claims_naming(ids: list[int]) -> sa.Select:
    """Ids of claims whose proposition or source contains a mention of one of the entities."""
    inside = sa.or_(sa.and_(m.start >= c.start, m.end <= c.end),
                    sa.and_(m.start >= c.source_start, m.end <= c.source_end))
    return sa.select(c.id).select_from(t.mentions.join(t.claims, c.report_id == m.report_id)).where(
        m.entity_id.in_(ids), inside)


def _claim_sides(conn: sa.Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    q = (sa.select(c.id, c.report_id, c.local_id, c.text, c.certainty, c.source_text, c.cue_text,
                   r.date, r.title, r.source)
         .join(t.reports, r.id == c.report_id).where(c.id.in_(ids)))
    return {x.id: {"id": x.id, "report_id": x.report_id, "local_id": x.local_id, "text": x.text,
                   "certainty": x.certainty, "source": x.source_text, "cue": x.cue_text, "report_date": x.date,
                   "report_title": x.title, "publisher": x.source} for x in conn.execute(q)}


# ---------------------------------------------------------------- places

def coordinates(info: Any) -> tuple[float, float] | None:
    """(lon, lat) from an entity's `info`, in the few shapes a linker may write; None when absent or bad."""
    if not isinstance(info, dict):
        return None
    pairs = [(info.get("lon", info.get("lng", info.get("longitude"))), info.get("lat", info.get("latitude")))]
    coords = info.get("coordinates") or info.get("coords")
    if isinstance(coords, dict):
        pairs.append((coords.get("lon", coords.get("lng")), coords.get("lat")))
    elif isinstance(coords, (list, tuple)) and len(coords) == 2:
        pairs.append((coords[0], coords[1]))  # GeoJSON order: lon, lat
    for lon, lat in pairs:
        try:
            lon_f, lat_f = float(lon), float(lat)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if -180 <= lon_f <= 180 and -90 <= lat_f <= 90:
            return lon_f, lat_f
    return None


@dataclass
class _Place:
    entity_id: int
    name: str
    lonlat: tuple[float, float] | None
    events: list[dict[str, Any]] = field(default_factory=list)


def places(store: Store, filters: Filters = Filters()) -> dict[str, Any]:
    """Places named in matching events as a GeoJSON FeatureCollection (places without coordinates are counted)."""
    ent = t.entities.c
    with store.engine.connect() as conn:
        q = (sa.select(ent.id.label("entity_id"), ent.canonical, ent.info, e.id, e.type, e.trigger_text, e.earliest,
                       e.report_id, e.local_id)
             .select_from(t.events
                          .join(t.event_args, sa.and_(a.event_id == e.id, a.role == "place"))
                          .join(t.mentions, m.id == a.mention_id).join(t.entities, ent.id == m.entity_id))
             .where(*_event_conditions(conn, filters)).order_by(e.earliest.desc().nulls_last(), e.id.desc())
             .limit(MAX_PLACE_EVENTS))
        found: dict[int, _Place] = {}
        for x in conn.execute(q):
            place = found.setdefault(x.entity_id, _Place(x.entity_id, x.canonical, coordinates(x.info)))
            place.events.append({"id": x.id, "type": x.type, "trigger": x.trigger_text, "date": _iso(x.earliest),
                                 "report_id": x.report_id, "local_id": x.local_id})
    features = [{"type": "Feature", "id": p.entity_id,
                 "geometry": {"type": "Point", "coordinates": list(p.lonlat)},
                 "properties": {"name": p.name, "entity_id": p.entity_id, "n_events": len(p.events), "events": p.events}}
                for p in found.values() if p.lonlat]
    return {"type": "FeatureCollection", "features": features, "filters": filters.params(),
            "without_coordinates": sorted(p.name for p in found.values() if not p.lonlat)}
