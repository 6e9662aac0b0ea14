"""Run the sentence splitter, then the events and claims components, on a text with hand-set mentions.

The entity and timex components belong to other issues; these tests give their output by hand, so they
check the events and claims rules alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import spacy
from spacy.tokens import Doc

from chronik.dates import parse_iso
from chronik.nlp import extensions
from chronik.nlp.components.claims import tag_claims
from chronik.nlp.components.events import tag_events
from chronik.types import Event, Mention, Timex

_NLP = None


def _nlp() -> spacy.Language:
    global _NLP
    if _NLP is None:
        extensions.register()
        _NLP = spacy.blank("de")
        _NLP.add_pipe("chronik_sentences")
    return _NLP


def mentions(text: str, names: Iterable[tuple[str, str] | tuple[str, str, str]]) -> list[Mention]:
    """Every whole-word occurrence of each (name, type[, sub]), without overlaps, in text order."""
    found: list[Mention] = []
    taken: set[int] = set()
    for item in sorted(names, key=lambda n: -len(n[0])):
        name, kind = item[0], item[1]
        sub = item[2] if len(item) > 2 else None
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if taken & set(range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            found.append(Mention(m.start(), m.end(), name, kind, sub=sub))
    return sorted(found, key=lambda m: m.start)


def analyse(
    text: str,
    names: Iterable[tuple] = (),
    date: str = "2022-12",
    timexes: Iterable[tuple[str, str, str]] = (),
) -> Doc:
    doc = _nlp()(text)
    doc._.report_date = parse_iso(date)
    doc._.mentions = mentions(text, names)
    found = []
    for phrase, kind, value in timexes:
        start = text.index(phrase)
        found.append(Timex(start, start + len(phrase), phrase, kind, value))
    doc._.timexes = found
    return tag_claims(tag_events(doc))


def events_of(doc: Doc, kind: str) -> list[Event]:
    return [e for e in doc._.events if e.type == kind]


def texts(spans) -> list[str]:
    return [s.text for s in spans]
