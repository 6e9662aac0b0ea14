"""Plain-text renderings of stored records for the terminal: one line per fact, with everything a
reader needs to judge it (arguments, negation, source, certainty, contradictions)."""

from __future__ import annotations

from collections import Counter
from typing import Any


def _texts(spans: list[dict[str, Any]] | None) -> str:
    return ", ".join(span["text"] for span in spans or [])


def entity_lines(entities: list[dict[str, Any]]) -> list[str]:
    """Each entity once (by canonical name and type), with its mention count and the forms used."""
    counts: Counter[tuple[str, str]] = Counter()
    forms: dict[tuple[str, str], list[str]] = {}
    for mention in entities:
        sub = f"-{mention['sub']}" if mention.get("sub") else ""
        key = (mention.get("canonical") or mention["text"], mention["type"] + sub)
        counts[key] += 1
        seen = forms.setdefault(key, [])
        if mention["text"] not in seen:
            seen.append(mention["text"])
    lines = []
    for (name, kind), n in counts.most_common():
        variants = [form for form in forms[(name, kind)] if form != name]
        shown = f"  ({', '.join(variants)})" if variants else ""
        lines.append(f"{kind:<9} {name}  ×{n}{shown}")
    return lines


def timex_lines(timexes: list[dict[str, Any]]) -> list[str]:
    return [f"{t['type']:<9} {t['text']} = {t.get('value') or '?'}" for t in timexes]


def event_lines(events: list[dict[str, Any]]) -> list[str]:
    """`v2 ASSAULT (not) "angegriffen"  who: Russland  whom: Kiew  where: …  when: …`."""
    lines = []
    for event in events:
        head = f"{event['id']:<4} {event['type']}{' (not)' if event.get('negated') else ''}"
        parts = [f'{head} "{event["trigger"]["text"]}"']
        for role, label in (("actor", "who"), ("target", "whom"), ("place", "where")):
            if event.get(role):
                parts.append(f"{label}: {_texts(event[role])}")
        when = _texts(event.get("time")) or event.get("time_value")
        if when:
            parts.append(f"when: {when}")
        lines.append("  ".join(parts))
    return lines


def claim_lines(claims: list[dict[str, Any]]) -> list[str]:
    """`c1 alleged "…" — source Ukraine (wirft … vor); events v2; contradicts c2`."""
    lines = []
    for claim in claims:
        source = claim["source"]["text"] if claim.get("source") else "no source named"
        cue = f" ({claim['cue']['text']})" if claim.get("cue") else ""
        tail = f"{claim['id']:<4} {claim['certainty']:<11} “{claim['text']}” — {source}{cue}"
        if claim.get("events"):
            tail += f"; events {', '.join(claim['events'])}"
        if claim.get("contradicts"):
            tail += f"; contradicts {', '.join(claim['contradicts'])}"
        lines.append(tail)
    return lines


RENDERERS = {
    "entities": entity_lines,
    "timexes": timex_lines,
    "events": event_lines,
    "claims": claim_lines,
}
