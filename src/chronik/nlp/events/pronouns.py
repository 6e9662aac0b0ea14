"""Pronouns resolved to a mention: the nearest preceding naming mention, with a person preferred
for "er" and (within two sentences) for "sie"."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.events.phrases import DocIndex
from chronik.types import Mention


def resolve_pronoun(index: DocIndex, tok_i: int, person: bool) -> Mention | None:
    """A pronoun stands for the nearest preceding naming mention (a person for "er"; for "sie" a
    person named in the last two sentences before anything else)."""
    subject = _previous_subject_person(index, tok_i) if person else None
    if subject is not None:
        return subject
    best = best_person = None
    for m_start, _m_end, mention in index.mentions:
        if m_start >= tok_i:
            break
        if mention.sub is not None:
            continue
        if mention.type == "PER":
            best_person = (m_start, mention)
        if not person:
            best = mention
    if person:
        return best_person[1] if best_person else None
    if (
        best_person is not None
        and index.doc[tok_i].lower_ in ("sie", "ihr")
        and (_sentences_between(index.doc, best_person[0], tok_i) <= 2)
    ):
        return best_person[1]
    return best


def _previous_subject_person(index: DocIndex, tok_i: int) -> Mention | None:
    """ "Wałęsa war ... Präsident. Er bestritt ...": a sentence-initial "er" continues the subject
    of the sentence before (centering), when that sentence opens with a person's name."""
    doc = index.doc
    if tok_i == 0 or not doc[tok_i].is_sent_start:
        return None  # checked first: Token.sent scans its whole sentence
    sent = doc[tok_i].sent
    before = doc[sent.start - 1].sent
    for i in range(before.start, min(before.start + 2, before.end)):
        hit = index.mention_at.get(i)
        if hit is not None and hit[2].sub is None and _names_person(index, hit[2]):
            return hit[2]
    return None


def _names_person(index: DocIndex, mention: Mention) -> bool:
    """A PER mention, or a mention whose words repeat an earlier person's name ("Lech Wałęsa" ...
    "Wałęsa" tagged otherwise)."""
    if mention.type == "PER":
        return True
    return any(
        m.type == "PER" and m.start < mention.start and mention.text in m.text.split()
        for _s, _e, m in index.mentions
    )


def _sentences_between(doc: Doc, a: int, b: int) -> int:
    return sum(1 for i in range(a + 1, b + 1) if doc[i].is_sent_start)
