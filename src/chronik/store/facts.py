"""A report's facts (sentences, mentions, timexes, events with their arguments, claims with their
links) written in the caller's transaction (store.db.write_report and replace_annotations)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chronik.store import schema
from chronik.types import Annotations


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def write_annotations(conn: Connection, report_id: str, ann: Annotations) -> None:
    """Insert every fact of one report; caller owns the transaction.

    Rows that nothing refers back to go in with COPY on PostgreSQL (bulk, one round trip each); rows
    whose ids are needed (mentions, events, claims) use one multi-row INSERT … RETURNING per table.
    """
    _bulk(
        conn,
        schema.sentences,
        [
            {"report_id": report_id, "idx": i, "start": s.start, "end": s.end}
            for i, s in enumerate(ann.sentences)
        ],
    )
    mention_ids = _insert_mentions(conn, report_id, ann)
    _bulk(
        conn,
        schema.timexes,
        [
            {
                "report_id": report_id,
                "local_id": x.id,
                "start": x.start,
                "end": x.end,
                "text": x.text,
                "type": x.type,
                "value": x.value,
                "mod": x.mod,
                "earliest": _iso_date(x.earliest),
                "latest": _iso_date(x.latest),
                "approx": x.approx,
                "component": x.component,
            }
            for x in ann.timexes
        ],
    )
    event_ids = _insert_events(conn, report_id, ann, mention_ids)
    _insert_claims(conn, report_id, ann, event_ids)
    conn.execute(
        schema.reports.update()
        .where(schema.reports.c.id == report_id)
        .values(pipeline=ann.pipeline)
    )


def _bulk(conn: Connection, table: sa.Table, rows: list[dict]) -> None:
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    with (
        conn.connection.driver_connection.cursor() as cursor,
        cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([row[c] for c in columns])


def _insert_returning(conn: Connection, table: sa.Table, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    result = conn.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows)
    return [row.id for row in result]


def _insert_mentions(
    conn: Connection, report_id: str, ann: Annotations
) -> dict[tuple[int, int], int]:
    rows = [
        {
            "report_id": report_id,
            "local_id": m.id,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "type": m.type,
            "sub": m.sub,
            "lemma": m.lemma,
            "canonical": m.canonical,
            "component": m.component,
        }
        for m in ann.mentions
    ]
    ids = _insert_returning(conn, schema.mentions, rows)
    return {(m.start, m.end): i for m, i in zip(ann.mentions, ids)}


def _insert_events(
    conn: Connection, report_id: str, ann: Annotations, mention_ids: dict
) -> dict[str, int]:
    rows = [
        {
            "report_id": report_id,
            "local_id": e.id,
            "type": e.type,
            "trigger_start": e.trigger.start,
            "trigger_end": e.trigger.end,
            "trigger_text": e.trigger.text,
            "negated": e.negated,
            "modality": e.modality,
            "time_value": e.time_value,
            "earliest": _iso_date(e.earliest),
            "latest": _iso_date(e.latest),
            "cluster_id": None,
            "component": e.component,
        }
        for e in ann.events
    ]
    ids = dict(zip((e.id for e in ann.events), _insert_returning(conn, schema.events, rows)))
    _bulk(
        conn,
        schema.event_args,
        [
            {
                "event_id": ids[e.id],
                "role": role,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "mention_id": mention_ids.get((s.start, s.end)),
            }
            for e in ann.events
            for role in ("actor", "target", "place", "time")
            for s in getattr(e, role)
        ],
    )
    return ids


def _insert_claims(
    conn: Connection, report_id: str, ann: Annotations, event_ids: dict[str, int]
) -> None:
    rows = [
        {
            "report_id": report_id,
            "local_id": c.id,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "certainty": c.certainty,
            "source_start": c.source.start if c.source else None,
            "source_end": c.source.end if c.source else None,
            "source_text": c.source.text if c.source else None,
            "cue_start": c.cue.start if c.cue else None,
            "cue_end": c.cue.end if c.cue else None,
            "cue_text": c.cue.text if c.cue else None,
            "component": c.component,
        }
        for c in ann.claims
    ]
    ids = dict(zip((c.id for c in ann.claims), _insert_returning(conn, schema.claims, rows)))
    links = {(ids[c.id], ids[o]) for c in ann.claims for o in c.contradicts if o in ids}
    links |= {(b, a) for a, b in links}
    _bulk(
        conn,
        schema.claim_links,
        [{"claim_id": a, "other_id": b, "relation": "contradicts"} for a, b in sorted(links)],
    )
    pairs = {(ids[c.id], event_ids[v]) for c in ann.claims for v in c.events if v in event_ids}
    _bulk(conn, schema.claim_events, [{"claim_id": a, "event_id": b} for a, b in sorted(pairs)])
