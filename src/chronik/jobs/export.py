"""Report + Annotations -> one record of the annotation format (../shared/spec/annotation.md).

The store has its own reader for stored facts (store.queries); this one serves `chronik analyse` and
the scorers, which work on fresh pipeline output without a database.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from chronik.types import Annotations, Report, Span


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _clean(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v is not None}


def annotation_record(report: Report, ann: Annotations) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": report.source_id or report.id,
        "date": report.date.iso if report.date else None,
        "lang": report.lang,
        "text": report.text,
    }
    for key in ("title", "source", "url"):
        if getattr(report, key):
            record[key] = getattr(report, key)
    record["entities"] = [_clean(asdict(m)) for m in ann.mentions]
    record["timexes"] = [_clean(asdict(x)) for x in ann.timexes]
    record["events"] = [
        _clean(
            {
                "id": e.id,
                "type": e.type,
                "trigger": _span(e.trigger),
                **{
                    role: [_span(s) for s in getattr(e, role)]
                    for role in ("actor", "target", "place", "time")
                },
                "negated": e.negated,
                "modality": e.modality,
                "time_value": e.time_value,
                "component": e.component,
            }
        )
        for e in ann.events
    ]
    record["claims"] = [
        {
            "id": c.id,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "source": _span(c.source),
            "cue": _span(c.cue),
            "certainty": c.certainty,
            "events": list(c.events),
            "contradicts": list(c.contradicts),
            "component": c.component,
        }
        for c in ann.claims
    ]
    return record
