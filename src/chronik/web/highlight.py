"""Split a report's sentences into text pieces with the annotations that cover them, for the report page.

Pieces, not HTML: the template escapes every piece, so report text can never inject markup.
"""

from __future__ import annotations

from typing import Any


def _marks(record: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    marks = [(m["start"], m["end"], "entity", f"{m['type']}{m.get('sub') or ''}") for m in record.get("entities", [])]
    marks += [(x["start"], x["end"], "timex", f"{x['type']} {x['value']}") for x in record.get("timexes", [])]
    marks += [(e["trigger"]["start"], e["trigger"]["end"], "event", e["type"]) for e in record.get("events", [])]
    return sorted(marks)


def highlight_sentences(record: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Each sentence as pieces {text, kind, label}; overlapping marks keep the first (outermost) one."""
    text = record["text"]
    marks = _marks(record)
    out = []
    for sentence in record.get("sentences", []):
        pieces, pos = [], sentence["start"]
        for start, end, kind, label in marks:
            if start < pos or end > sentence["end"]:
                continue
            if start > pos:
                pieces.append({"text": text[pos:start], "kind": None, "label": None})
            pieces.append({"text": text[start:end], "kind": kind, "label": label})
            pos = end
        if pos < sentence["end"]:
            pieces.append({"text": text[pos:sentence["end"]], "kind": None, "label": None})
        out.append(pieces)
    return out
