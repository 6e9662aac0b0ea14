"""Reads that the CLI, the API and the web app share. Pure functions of (store, arguments) -> plain
dicts.

Reports (search, list, one report, export, stats) live here; the views over facts live in modules of
their own (timeline, entity_page, network, contested, places) and are re-exported, so callers import
one module. Every view takes `as_of` (a date): only reports published by that day count.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.contested import claims
from chronik.store.db import Store
from chronik.store.entity_page import entity
from chronik.store.filters import LEAD_CHARS, Filters, Page, as_of
from chronik.store.links import link_counts
from chronik.store.network import edge_events, latest_month, network
from chronik.store.places import coordinates, places
from chronik.store.search import search
from chronik.store.search_query import QueryError
from chronik.store.timeline import timeline
from chronik.types import CERTAINTIES, EVENT_TYPES

__all__ = [  # the views over facts live in their own modules; callers import this one
    "CERTAINTIES",
    "EVENT_TYPES",
    "Filters",
    "Page",
    "QueryError",
    "as_of",
    "claims",
    "coordinates",
    "edge_events",
    "entity",
    "export_records",
    "latest_month",
    "list_reports",
    "network",
    "places",
    "report",
    "resolve_report_id",
    "search",
    "stats",
    "timeline",
]


def list_reports(
    store: Store, *, limit: int = 50, offset: int = 0, as_of: date | None = None
) -> dict[str, Any]:
    """Current reports (known on `as_of`), newest first."""
    r = schema.reports.c
    known = _known(as_of)
    with store.engine.connect() as conn:
        rows = (
            conn.execute(
                sa.select(
                    r.id,
                    r.date,
                    r.title,
                    r.source,
                    r.n_words,
                    sa.func.substr(r.text, 1, LEAD_CHARS).label("lead"),
                )
                .where(known)
                .order_by(r.date_start.desc().nulls_last(), r.id)
                .limit(limit)
                .offset(offset)
            )
            .mappings()
            .all()
        )
        total = conn.execute(
            sa.select(sa.func.count()).select_from(schema.reports).where(known)
        ).scalar_one()
    return {"total": total, "results": [dict(x) for x in rows]}


def _known(day: date | None) -> sa.ColumnElement[bool]:
    return as_of(day)


def resolve_report_id(store: Store, prefix: str) -> str | None:
    """Accept a full id or an unambiguous prefix of at least 6 characters, as git does."""
    r = schema.reports.c
    with store.engine.connect() as conn:
        if conn.execute(sa.select(r.id).where(r.id == prefix)).first():
            return prefix
        if len(prefix) < 6:
            return None
        rows = conn.execute(
            sa.select(r.id).where(r.id.like(f"{_escape_like(prefix)}%", escape="\\")).limit(2)
        ).all()
    return rows[0].id if len(rows) == 1 else None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def report(store: Store, report_id: str, *, as_of: date | None = None) -> dict[str, Any] | None:
    """One report in the annotation format (plus versions and sentences), or None if unknown.

    With `as_of`, a report published after that day is unknown too (None): it was not known then.
    """
    with store.engine.connect() as conn:
        row = (
            conn.execute(sa.select(schema.reports).where(schema.reports.c.id == report_id))
            .mappings()
            .first()
        )
        if row is None or (
            as_of is not None and (row["date_end"] is None or row["date_end"] > as_of)
        ):
            return None
        out = _record(conn, row)
        out["sentences"] = [
            {"start": s.start, "end": s.end, "text": row["text"][s.start : s.end]}
            for s in conn.execute(
                sa.select(schema.sentences)
                .where(schema.sentences.c.report_id == report_id)
                .order_by(schema.sentences.c.idx)
            )
        ]
        out["versions"] = _versions(conn, row["source_id"]) if row["source_id"] else []
        mc = schema.mentions.c
        out["entity_links"] = {
            x.local_id: x.entity_id
            for x in conn.execute(
                sa.select(mc.local_id, mc.entity_id).where(
                    mc.report_id == report_id, mc.entity_id.is_not(None)
                )
            )
        }
    return out


def _versions(conn: sa.Connection, source_id: str) -> list[dict[str, Any]]:
    r = schema.reports.c
    rows = (
        conn.execute(
            sa.select(r.id, r.version, r.is_current, r.ingested_at)
            .where(r.source_id == source_id)
            .order_by(r.version)
        )
        .mappings()
        .all()
    )
    return [dict(x) for x in rows]


def _span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    return None if start is None else {"start": start, "end": end, "text": text}


def _record(conn: sa.Connection, row: Any) -> dict[str, Any]:
    """A report row and its facts as one annotation-format record (../shared/spec/annotation.md)."""
    rid = row["id"]
    out: dict[str, Any] = {"id": rid, "date": row["date"], "lang": row["lang"], "text": row["text"]}
    for key in ("title", "source", "url", "source_id", "version"):
        if row[key] is not None:
            out[key] = row[key]
    out["entities"] = [
        {
            k: v
            for k, v in {
                "id": m.local_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "sub": m.sub,
                "canonical": m.canonical,
                "lemma": m.lemma,
                "component": m.component,
            }.items()
            if v is not None
        }
        for m in conn.execute(
            sa.select(schema.mentions)
            .where(schema.mentions.c.report_id == rid)
            .order_by(schema.mentions.c.start)
        )
    ]
    out["timexes"] = [
        {
            k: v
            for k, v in {
                "id": x.local_id,
                "start": x.start,
                "end": x.end,
                "text": x.text,
                "type": x.type,
                "value": x.value,
                "mod": x.mod,
                "earliest": _iso(x.earliest),
                "latest": _iso(x.latest),
                "component": x.component,
            }.items()
            if v is not None
        }
        for x in conn.execute(
            sa.select(schema.timexes)
            .where(schema.timexes.c.report_id == rid)
            .order_by(schema.timexes.c.start)
        )
    ]
    out["events"], local = _events(conn, rid)
    out["claims"] = _claims(conn, rid, local)
    return out


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _events(conn: sa.Connection, rid: str) -> tuple[list[dict[str, Any]], dict[int, str]]:
    rows = conn.execute(
        sa.select(schema.events)
        .where(schema.events.c.report_id == rid)
        .order_by(schema.events.c.trigger_start)
    ).all()
    local = {e.id: e.local_id for e in rows}
    args: dict[int, list[Any]] = {}
    if rows:
        for a in conn.execute(
            sa.select(schema.event_args)
            .where(schema.event_args.c.event_id.in_(list(local)))
            .order_by(schema.event_args.c.id)
        ):
            args.setdefault(a.event_id, []).append(a)
    events = []
    for e in rows:
        item: dict[str, Any] = {
            "id": e.local_id,
            "type": e.type,
            "trigger": {"start": e.trigger_start, "end": e.trigger_end, "text": e.trigger_text},
        }
        for role in ("actor", "target", "place", "time"):
            item[role] = [
                {"start": a.start, "end": a.end, "text": a.text}
                for a in args.get(e.id, [])
                if a.role == role
            ]
        item.update(
            {
                "negated": bool(e.negated),
                "modality": e.modality,
                "time_value": e.time_value,
                "component": e.component,
            }
        )
        events.append(item)
    return events, local


def _claims(conn: sa.Connection, rid: str, event_local: dict[int, str]) -> list[dict[str, Any]]:
    rows = conn.execute(
        sa.select(schema.claims)
        .where(schema.claims.c.report_id == rid)
        .order_by(schema.claims.c.start)
    ).all()
    local = {c.id: c.local_id for c in rows}
    links: dict[int, list[str]] = {}
    about: dict[int, list[str]] = {}
    if rows:
        ids = list(local)
        for link in conn.execute(
            sa.select(schema.claim_links).where(schema.claim_links.c.claim_id.in_(ids))
        ):
            if link.other_id in local:
                links.setdefault(link.claim_id, []).append(local[link.other_id])
        for ce in conn.execute(
            sa.select(schema.claim_events).where(schema.claim_events.c.claim_id.in_(ids))
        ):
            if ce.event_id in event_local:
                about.setdefault(ce.claim_id, []).append(event_local[ce.event_id])
    return [
        {
            "id": c.local_id,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "source": _span(c.source_start, c.source_end, c.source_text),
            "cue": _span(c.cue_start, c.cue_end, c.cue_text),
            "certainty": c.certainty,
            "events": sorted(about.get(c.id, [])),
            "contradicts": sorted(links.get(c.id, [])),
            "component": c.component,
        }
        for c in rows
    ]


def export_records(store: Store, *, include_old_versions: bool = False) -> Iterator[dict[str, Any]]:
    """Every report as an annotation-format record, oldest first; streams in pages."""
    r = schema.reports.c
    condition = sa.true() if include_old_versions else r.is_current == sa.true()
    with store.engine.connect() as conn:
        ids = [
            row.id
            for row in conn.execute(
                sa.select(r.id).where(condition).order_by(r.date_start.nulls_first(), r.id)
            )
        ]
    for i in range(0, len(ids), 200):
        with store.engine.connect() as conn:
            rows = (
                conn.execute(sa.select(schema.reports).where(r.id.in_(ids[i : i + 200])))
                .mappings()
                .all()
            )
            by_id = {row["id"]: row for row in rows}
            for rid in ids[i : i + 200]:
                yield _record(conn, by_id[rid])


def stats(store: Store) -> dict[str, Any]:
    """Counts of everything stored, and the span of report dates."""
    counts: dict[str, Any] = {}
    with store.engine.connect() as conn:
        for name, table in (
            ("reports", schema.reports),
            ("sentences", schema.sentences),
            ("mentions", schema.mentions),
            ("entities", schema.entities),
            ("timexes", schema.timexes),
            ("events", schema.events),
            ("claims", schema.claims),
        ):
            counts[name] = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        counts["current_reports"] = conn.execute(
            sa.select(sa.func.count())
            .select_from(schema.reports)
            .where(schema.reports.c.is_current == sa.true())
        ).scalar_one()
        counts["words"] = conn.execute(
            sa.select(sa.func.coalesce(sa.func.sum(schema.reports.c.n_words), 0))
        ).scalar_one()
        counts.update(link_counts(conn))  # contradiction_links, event_clusters
        first, last = conn.execute(
            sa.select(
                sa.func.min(schema.reports.c.date_start), sa.func.max(schema.reports.c.date_end)
            )
        ).one()
        counts["first_date"], counts["last_date"] = _iso(first), _iso(last)
        counts["by_event_type"] = dict(
            conn.execute(
                sa.select(schema.events.c.type, sa.func.count())
                .group_by(schema.events.c.type)
                .order_by(schema.events.c.type)
            ).all()
        )
        counts["by_certainty"] = dict(
            conn.execute(
                sa.select(schema.claims.c.certainty, sa.func.count()).group_by(
                    schema.claims.c.certainty
                )
            ).all()
        )
    return counts
