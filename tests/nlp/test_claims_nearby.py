"""The claims component finds a claim's nearby mentions by binary search; it must find exactly what
a scan of every mention finds."""

from __future__ import annotations

import random

from chronik.nlp.claims.nearby import MentionLookup
from chronik.types import Mention


def _mentions(seed: int) -> list[tuple[int, int, Mention]]:
    rng = random.Random(seed)
    items, token, char = [], 0, 0
    for _ in range(200):
        token += rng.randint(0, 4)
        char += rng.randint(1, 40)
        length = rng.randint(1, 3)
        chars = rng.randint(3, 60)
        mention = Mention(start=char, end=char + chars, text="x" * chars, type="PER")
        items.append((token, token + length, mention))
    rng.shuffle(items)  # the lookup must not rely on the caller's order
    return items


def test_mentions_starting_in_a_token_range_are_those_a_scan_finds():
    for seed in range(5):
        items = _mentions(seed)
        lookup = MentionLookup(items)
        for first, end in ((0, 10), (37, 90), (120, 121), (500, 900)):
            scan = {id(m) for s, _e, m in items if first <= s < end}
            assert {id(m) for m in lookup.starting_in(first, end)} == scan


def test_mentions_overlapping_a_char_range_are_those_a_scan_finds():
    for seed in range(5):
        items = _mentions(seed)
        lookup = MentionLookup(items)
        for start, end in ((0, 5), (100, 180), (999, 1000), (2500, 4000)):
            scan = {id(m) for _s, _e, m in items if m.start < end and start < m.end}
            assert {id(m) for m in lookup.overlapping(start, end)} == scan
