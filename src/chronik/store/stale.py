"""Stored reports by the version of the pipeline that analysed them (`reports.pipeline`): what
`chronik reanalyse` selects. Which versions count as stale is the job's decision
(chronik.jobs.reanalyse).
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa

from chronik.dates import parse_iso
from chronik.store import schema
from chronik.store.db import Store, connection
from chronik.types import Report

PAGE = 500  # stored reports read per query


def pipeline_versions(store: Store) -> dict[str | None, int]:
    """Each distinct stored pipeline version (None: never analysed) with its number of reports: a
    handful of rows, not one per report."""
    r = schema.reports.c
    with connection(store) as conn:
        rows = conn.execute(sa.select(r.pipeline, sa.func.count()).group_by(r.pipeline)).all()
    return {row[0]: row[1] for row in rows}


def reports_analysed_by(
    store: Store, versions: list[str | None], page: int = PAGE
) -> Iterator[Report]:
    """Stored reports analysed by one of `versions` (None: never analysed), by id, a page at a time
    (keyset paging, so safe while their facts are being rewritten)."""
    r = schema.reports.c
    named = [v for v in versions if v is not None]
    wanted = (
        sa.or_(r.pipeline.in_(named), r.pipeline.is_(None))
        if None in versions
        else r.pipeline.in_(named)
    )
    last = ""
    while True:
        with connection(store) as conn:
            rows = conn.execute(
                sa.select(schema.reports).where(wanted, r.id > last).order_by(r.id).limit(page)
            ).all()
        if not rows:
            return
        for row in rows:
            yield _report(row)
        last = rows[-1].id


def _report(row: sa.Row) -> Report:
    return Report(
        id=row.id,
        text=row.text,
        date=parse_iso(row.date) if row.date else None,
        source_id=row.source_id,
        title=row.title,
        source=row.source,
        url=row.url,
        lang=row.lang,
        origin=row.origin or "",
    )
