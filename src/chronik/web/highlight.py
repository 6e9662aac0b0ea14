"""Split a report's sentences into text pieces with the annotations that cover them, for the report
page.

Pieces, not HTML: the template escapes every piece, so report text can never inject markup.
Annotations may overlap (a claim spans a clause that holds entities and an event trigger): each
piece carries every kind that covers it, so the page can underline the claim and colour the entity
inside it.
"""

from __future__ import annotations

from typing import Any


def _marks(record: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    marks = [
        (
            m["start"],
            m["end"],
            "entity",
            f"{m['type']}{(' ' + m['sub']) if m.get('sub') else ''}"
            + (f" → {m['canonical']}" if m.get("canonical") else ""),
        )
        for m in record.get("entities", [])
    ]
    marks += [
        (x["start"], x["end"], "timex", f"{x['type']} {x['value']}")
        for x in record.get("timexes", [])
    ]
    marks += [
        (
            e["trigger"]["start"],
            e["trigger"]["end"],
            "event",
            e["type"] + (" (verneint)" if e.get("negated") else ""),
        )
        for e in record.get("events", [])
    ]
    marks += [
        (
            c["start"],
            c["end"],
            "claim",
            f"Aussage {c['certainty']}"
            + (f", Quelle: {c['source']['text']}" if c.get("source") else ""),
        )
        for c in record.get("claims", [])
    ]
    return [mk for mk in marks if mk[0] < mk[1]]


def highlight_sentences(record: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Each sentence as pieces {text, kind, label}; `kind` lists every annotation kind covering the
    piece."""
    text = record["text"]
    marks = _marks(record)
    out = []
    for sentence in record.get("sentences", []):
        lo, hi = sentence["start"], sentence["end"]
        inside = [mk for mk in marks if mk[0] < hi and mk[1] > lo]
        cuts = sorted({lo, hi} | {max(lo, min(hi, p)) for mk in inside for p in mk[:2]})
        pieces = []
        for start, end in zip(cuts, cuts[1:]):
            covering = [mk for mk in inside if mk[0] <= start and mk[1] >= end]
            kinds = sorted({mk[2] for mk in covering})
            pieces.append(
                {
                    "text": text[start:end],
                    "kind": " ".join(kinds) or None,
                    "label": "; ".join(mk[3] for mk in covering) or None,
                }
            )
        out.append(pieces)
    return out


def entity_list(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's entities once each (by linked entity, else by canonical name or text), with how
    often the report names them and the forms it uses, most named first."""
    links = record.get("entity_links") or {}
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for m in record.get("entities", []):
        entity_id = links.get(m.get("id"))
        name = m.get("canonical") or m["text"]
        key = ("id", entity_id) if entity_id else ("name", name.casefold(), m["type"])
        item = groups.setdefault(
            key,
            {
                "name": name,
                "type": m["type"],
                "sub": m.get("sub"),
                "entity_id": entity_id,
                "count": 0,
                "forms": [],
            },
        )
        item["count"] += 1
        if m["text"] not in item["forms"]:
            item["forms"].append(m["text"])
    return sorted(groups.values(), key=lambda x: (-x["count"], x["name"].casefold()))
