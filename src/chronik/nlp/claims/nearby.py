"""Mentions near a claim, found by binary search: a report of thousands of sentences must not cost a
scan of every mention for every claim (that made the claims component quadratic); and the nearest
mention of a speaker named sentences before the claim, or the person talked about since."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Doc

from chronik.nlp.events.phrases import DocIndex
from chronik.nlp.lang import de
from chronik.types import Mention, Span

# Longer than any mention the entity component makes; bounds the backward walk over char offsets.
MAX_MENTION_CHARS = 300


class MentionLookup:
    """The document's mentions ((token start, token end, mention) as in DocIndex), by position."""

    def __init__(self, mentions: list[tuple[int, int, Mention]]) -> None:
        self.items = sorted(mentions, key=lambda item: (item[0], item[1]))
        self.token_starts = [item[0] for item in self.items]
        self.by_char = sorted((item[2] for item in mentions), key=lambda m: (m.start, m.end))
        self.char_starts = [m.start for m in self.by_char]

    def starting_in(self, first_token: int, end_token: int) -> Iterator[Mention]:
        """Mentions whose first token lies in [first_token, end_token)."""
        i = bisect_left(self.token_starts, first_token)
        while i < len(self.items) and self.token_starts[i] < end_token:
            yield self.items[i][2]
            i += 1

    def overlapping(self, start: int, end: int) -> Iterator[Mention]:
        """Mentions that overlap the characters [start, end)."""
        i = bisect_left(self.char_starts, end) - 1
        while i >= 0 and self.char_starts[i] >= start - MAX_MENTION_CHARS:
            mention = self.by_char[i]
            if mention.end > start:
                yield mention
            i -= 1


# Tokens back from a claim's sentence that a speaker's nearer mention is looked for (continuations
# go on for at most three sentences; a bound keeps a huge sentence linear).
NEAREST_REACH = 200
ANAPHORIC_ARTICLES = frozenset({"der", "die", "das", "dem", "den", "vom", "beim", "zum", "zur"})


def nearest_mention(
    doc: Doc, index: DocIndex, source: Span | None, claim_start: int
) -> Span | None:
    """A speaker named in an earlier sentence and named again before the claim's sentence is the
    speaker's nearest mention (5.4: "the nearest preceding name or description"): "Wie das
    Innenministerium mitteilte, ... Das Ministerium nannte nur Initialen. Der Mann sei ..." credits
    "Ministerium". The same entity, a shorter description it ends in, or a title the report gave
    the person ("UN-Generalsekretär Ban" ... "vom UN-Generalsekretär") name the speaker again."""
    if source is None or claim_start >= len(doc):
        return source
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    sent_start = doc[claim_start].sent.start
    if span is None or span.end > sent_start:
        return source
    keys, words = _speaker_keys(doc, index, span)
    floor = max(span.end, sent_start - NEAREST_REACH)
    new = _new_subject(doc, index, floor, sent_start, keys)
    for i in range(sent_start - 1, (new[0] if new else floor) - 1, -1):
        hit = index.mention_at.get(i)
        if hit is not None:
            # not a genitive ("des Ministeriums") nor a short form in brackets ("Nachrichten (SN)")
            if hit[0] == i and _same_entity(hit[2], keys) and doc[i - 1].lower_ not in ("des", "("):
                return Span(hit[2].start, hit[2].end, hit[2].text)
            if hit[2].sub != "part":
                continue
        if _names_again(doc, i, words):
            return Span(doc[i].idx, doc[i].idx + len(doc[i].text), doc[i].text)
    return Span(new[2].start, new[2].end, new[2].text) if new else source


def _new_subject(doc: Doc, index: DocIndex, floor: int, sent_start: int, keys: set[str]):
    """The nearest sentence between the speaker and the claim that opens with another person's
    name as its subject ("Franziskus erwähnte ..."), no verb of saying detected: reported speech
    after it is that person's, the one now talked about."""
    sent = doc[sent_start - 1].sent if sent_start > 0 else None
    while sent is not None and sent.start > floor:
        hit = index.mention_at.get(sent.start)
        ok = hit is not None and hit[0] == sent.start and hit[1] < sent.end
        if (
            ok
            and hit[2].type == "PER"
            and doc[hit[1]].text.isalpha()
            and doc[hit[1]].text.islower()
        ):
            return None if _same_entity(hit[2], keys) else hit
        sent = doc[sent.start - 1].sent if sent.start > 0 else None
    return None


def _speaker_keys(doc: Doc, index: DocIndex, span) -> tuple[set[str], set[str]]:
    """What names the speaker again: the entity of the source's head (canonical, and a person's
    surname), else the head noun a description may repeat, and titles the report set before the
    person's name. The head is the noun before a genitive or `von` ("Sprecher des Ministeriums")."""
    head = span.end - 1
    for i in range(span.start + 1, span.end):
        if doc[i].lower_ in ("des", "der", "von"):
            head = i - 1
            break
    hit = index.mention_at.get(head)
    if hit is None:
        word = doc[head]
        return set(), ({word.lower_} if word.text[:1].isupper() and len(word) > 2 else set())
    mention = hit[2]
    if mention.sub is not None:
        return set(), set()  # "die ukrainische Seite": the adjective names no speaker
    keys = {mention.canonical or mention.text}
    if mention.type != "PER":
        return keys, set()
    surname = mention.text.split()[-1]
    keys.add(f"per:{surname}")
    table = _person_titles(doc, index)
    titles = set().union(*(table.get(k, set()) for k in keys))
    return keys, titles


TITLES_KEY = "chronik.claims.speakers.titles"


def _person_titles(doc: Doc, index: DocIndex) -> dict[str, set[str]]:
    """The titles the report sets right before each person's names ("UN-Generalsekretär Ban"),
    by entity key; built once per document (per claim it made long reports quadratic)."""
    table = doc.user_data.get(TITLES_KEY)
    if table is not None:
        return table
    table = {}
    for start, _end, mention in index.mentions:
        if mention.type != "PER" or start == 0:
            continue
        before = doc[start - 1]
        if (
            before.text[:1].isupper()
            and _title_word(index, start - 1)
            and before.text not in de.FUNCTION_CAPS
        ):
            keys = (mention.canonical or mention.text, f"per:{mention.text.split()[-1]}")
            for key in keys:
                table.setdefault(key, set()).add(before.lower_)
    doc.user_data[TITLES_KEY] = table
    return table


def _title_word(index: DocIndex, i: int) -> bool:
    """No name, or a name's part ("UN-Generalsekretär Ban": an ORG part, 1.3)."""
    hit = index.mention_at.get(i)
    return hit is None or hit[2].sub == "part"


def _same_entity(mention, keys: set[str]) -> bool:
    if (mention.canonical or mention.text) in keys:
        return True
    return mention.type == "PER" and f"per:{mention.text.split()[-1]}" in keys


MIN_ANAPHOR_CHARS = 6  # "Ministerium" for "Innenministerium"; not "Amt" for "Auswärtiges Amt"


def _names_again(doc: Doc, i: int, words: set[str]) -> bool:
    """A description or title repeated with a definite article ("das Ministerium" after "das
    Innenministerium", "vom UN-Generalsekretär" after "UN-Generalsekretär Ban")."""
    word = doc[i].lower_
    if not words or not doc[i].text[:1].isupper() or i == 0:
        return False
    if doc[i - 1].lower_ not in ANAPHORIC_ARTICLES:
        return False
    return word in words or (
        len(word) >= MIN_ANAPHOR_CHARS and any(w.endswith(word) for w in words)
    )
