"""Cross-report links between facts: event clusters (events.cluster_id, the same event told by
several reports) and claim links (claim_links, e.g. a denial contradicting an accusation).

Functions take the connection of the caller's transaction (`store.db.transaction`). Every look-up is
indexed and bounded, so linking a new report costs the same in a store of any size.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Conn

CANDIDATE_LIMIT = (
    200  # events read as candidates for one event: more are the same few stories again
)


def report_event_ids(conn: Conn, report_id: str) -> list[int]:
    e = schema.events.c
    return [row.id for row in conn.execute(sa.select(e.id).where(e.report_id == report_id))]


def events_with_dates(conn: Conn, event_ids: list[int]) -> list[sa.Row]:
    """(id, report_id, local_id, type, negated, earliest, date_start) of events; date_start is
    their report's."""
    e, r = schema.events.c, schema.reports.c
    return list(
        conn.execute(
            sa.select(e.id, e.report_id, e.local_id, e.type, e.negated, e.earliest, r.date_start)
            .join(schema.reports, r.id == e.report_id)
            .where(e.id.in_(event_ids))
        ).all()
    )


def event_participants(conn: Conn, event_ids: list[int]) -> list[sa.Row]:
    """(event_id, role, entity_id) of the events' arguments that are linked to an entity."""
    a, m = schema.event_args.c, schema.mentions.c
    return list(
        conn.execute(
            sa.select(a.event_id, a.role, m.entity_id)
            .join(schema.mentions, m.id == a.mention_id)
            .where(a.event_id.in_(event_ids), m.entity_id.is_not(None))
        ).all()
    )


def candidate_events(
    conn: Conn, type_: str, report_id: str, entity_ids: list[int], earliest: date, latest: date
) -> list[int]:
    """Events of other reports of this type, dated within [earliest, latest] (their own date, else
    their report's, as coreference dates them), with an argument linked to one of these
    entities."""
    e, a, m, r = schema.events.c, schema.event_args.c, schema.mentions.c, schema.reports.c
    query = (
        sa.select(e.id)
        .distinct()
        .join(schema.event_args, a.event_id == e.id)
        .join(schema.mentions, m.id == a.mention_id)
        .join(schema.reports, r.id == e.report_id)
        .where(
            e.type == type_,
            e.report_id != report_id,
            m.entity_id.in_(entity_ids),
            sa.func.coalesce(e.earliest, r.date_start).between(earliest, latest),
        )
        .order_by(e.id)
        .limit(CANDIDATE_LIMIT)
    )
    return [row.id for row in conn.execute(query)]


def set_event_clusters(conn: Conn, clusters: dict[int, int | None]) -> None:
    """Give events these clusters (None: in none); rows that have it already are not written."""
    if not clusters:
        return
    e = schema.events
    rows = conn.execute(sa.select(e.c.id, e.c.cluster_id).where(e.c.id.in_(sorted(clusters))))
    changed = [
        {"eid": row.id, "cid": clusters[row.id]}
        for row in rows
        if row.cluster_id != clusters[row.id]
    ]
    if changed:
        conn.execute(
            e.update().where(e.c.id == sa.bindparam("eid")).values(cluster_id=sa.bindparam("cid")),
            changed,
        )


def claims_about_cluster(
    conn: Conn, cluster: int, other_than_report: str, certainties: tuple[str, ...]
) -> list[int]:
    """Claims of other reports, with one of these certainties, about an event of the cluster."""
    c, ce, e = schema.claims.c, schema.claim_events.c, schema.events.c
    query = (
        sa.select(c.id)
        .join(schema.claim_events, ce.claim_id == c.id)
        .join(schema.events, e.id == ce.event_id)
        .where(
            e.cluster_id == cluster,
            c.report_id != other_than_report,
            c.certainty.in_(certainties),
        )
    )
    return [row.id for row in conn.execute(query)]


def add_claim_links(conn: Conn, pairs: list[tuple[int, int]], relation: str) -> None:
    """Link claims both ways (a -> b and b -> a); links already stored are left as they are."""
    cl = schema.claim_links
    involved = sorted({x for pair in pairs for x in pair}) or [-1]
    query = sa.select(cl.c.claim_id, cl.c.other_id).where(cl.c.claim_id.in_(involved))
    existing = {(row.claim_id, row.other_id) for row in conn.execute(query)}
    rows = [
        {"claim_id": a, "other_id": b, "relation": relation}
        for x, y in sorted(pairs)
        for a, b in ((x, y), (y, x))
        if (a, b) not in existing
    ]
    if rows:
        conn.execute(cl.insert(), rows)


# --- pending links: reports whose cross-report links are not done (schema.pending_links) -----


def is_pending(conn: Conn, report_id: str) -> bool:
    p = schema.pending_links.c
    return conn.execute(sa.select(p.seq).where(p.report_id == report_id)).first() is not None


def clear_pending(conn: Conn, report_id: str) -> None:
    """Unmark a report (in the transaction that finishes its links)."""
    p = schema.pending_links
    conn.execute(p.delete().where(p.c.report_id == report_id))


def pending_report_ids(conn: Conn) -> list[str]:
    """Reports marked pending, in the order they were written (the order linking depends on)."""
    p = schema.pending_links.c
    return list(conn.execute(sa.select(p.report_id).order_by(p.seq)).scalars().all())


def link_counts(conn: Conn) -> dict[str, int]:
    """contradiction_links (pairs of claims, each stored both ways) and event_clusters (clusters of
    events told by more than one report)."""
    cl, e = schema.claim_links.c, schema.events.c
    pairs = conn.execute(
        sa.select(sa.func.count())
        .select_from(schema.claim_links)
        .where(cl.relation == "contradicts", cl.claim_id < cl.other_id)
    ).scalar_one()
    clusters = conn.execute(
        sa.select(sa.func.count(sa.distinct(e.cluster_id))).where(e.cluster_id.is_not(None))
    ).scalar_one()
    return {"contradiction_links": pairs, "event_clusters": clusters}


def claims_about_events(conn: Conn, event_ids: list[int]) -> list[int]:
    ce = schema.claim_events.c
    query = sa.select(ce.claim_id).where(ce.event_id.in_(event_ids)).distinct()
    return sorted(conn.execute(query).scalars().all())


def clustered_claims_of(conn: Conn, claim_ids: list[int]) -> list[sa.Row]:
    """(id, report_id, certainty, cluster_id) of these claims, one row per cluster they are
    about."""
    c, ce, e = schema.claims.c, schema.claim_events.c, schema.events.c
    query = (
        sa.select(c.id, c.report_id, c.certainty, e.cluster_id)
        .distinct()
        .join(schema.claim_events, ce.claim_id == c.id)
        .join(schema.events, e.id == ce.event_id)
        .where(c.id.in_(claim_ids), e.cluster_id.is_not(None))
    )
    return list(conn.execute(query).all())


def drop_cross_report_links(conn: Conn, claim_ids: list[int], relation: str) -> None:
    """Remove the links of these claims to claims of other reports (both ways); the links between
    claims of one report (the analysis made them) stay."""
    if not claim_ids:
        return
    cl, c = schema.claim_links, schema.claims
    mine, other = c.alias("mine"), c.alias("other")
    cross = (
        sa.select(sa.literal(1))
        .select_from(mine.join(other, mine.c.report_id != other.c.report_id))
        .where(mine.c.id == cl.c.claim_id, other.c.id == cl.c.other_id)
        .exists()
    )
    conn.execute(
        cl.delete().where(
            cl.c.relation == relation,
            sa.or_(cl.c.claim_id.in_(claim_ids), cl.c.other_id.in_(claim_ids)),
            cross,
        )
    )


def claims_on_events(
    conn: Conn, event_ids: list[int], certainties: tuple[str, ...] | None = None
) -> list[sa.Row]:
    """(id, report_id, certainty, event_id) of the claims about these events, one row per event
    a claim is about; only those with one of these certainties if given."""
    if not event_ids:
        return []
    c, ce = schema.claims.c, schema.claim_events.c
    where = [ce.event_id.in_(event_ids)]
    if certainties is not None:
        where.append(c.certainty.in_(certainties))
    return _claim_event_rows(conn, where)


def events_of_claims(conn: Conn, claim_ids: list[int]) -> list[sa.Row]:
    """(id, report_id, certainty, event_id) of these claims, one row per event each is about."""
    if not claim_ids:
        return []
    return _claim_event_rows(conn, [schema.claims.c.id.in_(claim_ids)])


def _claim_event_rows(conn: Conn, where: list[sa.ColumnElement[bool]]) -> list[sa.Row]:
    c, ce = schema.claims.c, schema.claim_events.c
    query = (
        sa.select(c.id, c.report_id, c.certainty, ce.event_id)
        .join(schema.claim_events, ce.claim_id == c.id)
        .where(*where)
        .order_by(c.id, ce.event_id)
    )
    return list(conn.execute(query).all())


def in_report_links(conn: Conn, claim_ids: list[int], relation: str) -> list[tuple[int, int]]:
    """(claim, other) links of these claims to claims of their own report (the analysis made
    them)."""
    if not claim_ids:
        return []
    cl, c = schema.claim_links, schema.claims
    mine, other = c.alias("mine"), c.alias("other")
    query = (
        sa.select(cl.c.claim_id, cl.c.other_id)
        .join(mine, mine.c.id == cl.c.claim_id)
        .join(other, other.c.id == cl.c.other_id)
        .where(
            cl.c.relation == relation,
            cl.c.claim_id.in_(claim_ids),
            mine.c.report_id == other.c.report_id,
        )
        .order_by(cl.c.claim_id, cl.c.other_id)
    )
    return [(row.claim_id, row.other_id) for row in conn.execute(query)]


def report_claim_ids(conn: Conn, report_id: str) -> list[int]:
    c = schema.claims.c
    return list(conn.execute(sa.select(c.id).where(c.report_id == report_id)).scalars().all())
