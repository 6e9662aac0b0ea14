"""Mentions near a claim, found by binary search: a report of thousands of sentences must not cost a
scan of every mention for every claim (that made the claims component quadratic)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from chronik.types import Mention

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
