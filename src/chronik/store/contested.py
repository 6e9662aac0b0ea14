"""Contested claims: pairs of claims that contradict each other, side by side, newest first."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Store
from chronik.store.filters import (
    LEAD_CHARS,
    Filters,
    Page,
    interactive,
    resolve_entities,
    source_condition,
)

MAX_NAMED_CLAIMS = 10_000

r, m, c = schema.reports.c, schema.mentions.c, schema.claims.c


def claims(store: Store, filters: Filters = Filters(), page: Page = Page()) -> dict[str, Any]:
    """Pairs of claims that contradict each other, side by side with their sources and dates, newest
    first.

    Two steps, so that the newest pairs come without reading every link: walk the reports by date
    and keep the first offset+limit+1 that hold a matching pair (a report holds at least one, so no
    more are needed), then read the pairs of just those reports.
    """
    one, two = schema.claims.alias("one"), schema.claims.alias("two")
    r1, r2 = schema.reports.alias("r1"), schema.reports.alias("r2")
    link = schema.claim_links.c
    pair = (
        one.join(schema.claim_links, link.claim_id == one.c.id)
        .join(two, two.c.id == link.other_id)
        .join(r2, r2.c.id == two.c.report_id)
    )
    with store.engine.connect() as conn:
        interactive(conn)
        first, pair_conds = _claim_conditions(conn, filters, (one, r1), (two, r2))
        pair_conds += [link.claim_id < link.other_id, link.relation == "contradicts"]
        if filters.entity:  # few pairs name a given entity: collect them from its mentions, sort
            q = (
                sa.select(link.claim_id, link.other_id)
                .select_from(r1.join(pair, one.c.report_id == r1.c.id))
                .where(*first, *pair_conds)
                .order_by(r1.c.date_end.desc(), r1.c.id.desc(), link.claim_id.desc())
                .limit(page.limit + 1)
                .offset(page.offset)
            )
            return _pairs(conn, filters, page, [(x.claim_id, x.other_id) for x in conn.execute(q)])
        has_pair = sa.exists(
            sa.select(link.claim_id)
            .select_from(pair)
            .where(one.c.report_id == r1.c.id, *pair_conds)
        )
        reports = [
            x.id
            for x in conn.execute(
                sa.select(r1.c.id)
                .where(*first, has_pair)
                .order_by(r1.c.date_end.desc(), r1.c.id.desc())
                .limit(page.offset + page.limit + 1)
            )
        ]
        q = (
            sa.select(link.claim_id, link.other_id)
            .select_from(r1.join(pair, one.c.report_id == r1.c.id))
            .where(r1.c.id.in_(reports), *pair_conds)
            .order_by(r1.c.date_end.desc(), r1.c.id.desc(), link.claim_id.desc())
        )
        pairs = (
            [(x.claim_id, x.other_id) for x in conn.execute(q)][
                page.offset : page.offset + page.limit + 1
            ]
            if reports
            else []
        )
        return _pairs(conn, filters, page, pairs)


def _pairs(
    conn: sa.Connection, filters: Filters, page: Page, pairs: list[tuple[int, int]]
) -> dict[str, Any]:
    sides = _claim_sides(conn, [i for p in pairs[: page.limit] for i in p])
    return {
        "filters": filters.params(),
        "offset": page.offset,
        "limit": page.limit,
        "has_more": len(pairs) > page.limit,
        "pairs": [{"a": sides[x], "b": sides[y]} for x, y in pairs[: page.limit]],
    }


def _claim_conditions(
    conn: sa.Connection, f: Filters, *sides: tuple[Any, Any]
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
        link = schema.claim_links.c
        on_pair.append(sa.or_(link.claim_id.in_(named_ids), link.other_id.in_(named_ids)))
    return on_first, on_pair


def _claims_naming(ids: list[int]) -> sa.Select:
    """Ids of claims whose proposition or source contains a mention of one of the entities."""
    inside = sa.or_(
        sa.and_(m.start >= c.start, m.end <= c.end),
        sa.and_(m.start >= c.source_start, m.end <= c.source_end),
    )
    return (
        sa.select(c.id)
        .select_from(schema.mentions.join(schema.claims, c.report_id == m.report_id))
        .where(m.entity_id.in_(ids), inside)
    )


def _claim_sides(conn: sa.Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    q = (
        sa.select(
            c.id,
            c.report_id,
            c.local_id,
            c.text,
            c.certainty,
            c.source_text,
            c.cue_text,
            r.date,
            r.title,
            sa.func.substr(r.text, 1, LEAD_CHARS).label("lead"),
            r.source,
        )
        .join(schema.reports, r.id == c.report_id)
        .where(c.id.in_(ids))
    )
    return {
        x.id: {
            "id": x.id,
            "report_id": x.report_id,
            "local_id": x.local_id,
            "text": x.text,
            "certainty": x.certainty,
            "source": x.source_text,
            "cue": x.cue_text,
            "report_date": x.date,
            "report_title": x.title,
            "report_lead": x.lead,  # the headline of an untitled report
            "publisher": x.source,
        }
        for x in conn.execute(q)
    }
