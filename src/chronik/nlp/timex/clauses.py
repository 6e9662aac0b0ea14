"""Sentences and clauses of a report, as the tense reading needs them: where a sentence starts
(spaCy's boundaries or a rule for German news), and the comma-, bracket- and dash-delimited
clause around an expression."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from chronik.nlp.lang import de

# a colon between digits is a score or a clock time ("2:5", "14:30"), no break
_CLAUSE_BREAK = re.compile(r"[,;()\[\]„“”\"»«–]|(?<!\d):|:(?!\d)| - ")
# after a word, or a number of three digits or more ("20.467. Vor allem"), not after an ordinal ("5.
# Dezember")
_SENTENCE_END = re.compile(
    r"(?:(?<=[^\s\d][.!?])|(?<=\d\d\d[.!?]))[\"“”»']?\s+(?=[A-ZÄÖÜ„\"»(\d])|\n\s*"
)
# characters read on each side at most: a run-on "sentence" must not make the reading quadratic
WINDOW = 300
_LINE_BREAK = re.compile(r"\n\s*")


_OPENERS = frozenset(
    w[0].upper() + w[1:]
    for words in (de.DETERMINERS, de.PRONOUNS, de.PREPOSITIONS, de.SUBORDINATORS)
    for w in words
    if w.isalpha()
) | frozenset(["Auch", "Doch", "Aber", "Dabei", "Damit", "Zudem", "Nun", "Dann", "So"])
# a number's period before a capitalised article, pronoun, preposition or conjunction ends a
# sentence ("unterlag mit 2 und 3. Um weiterzukommen, muss er ..."): an ordinal is followed by its
# noun ("am 3. Mai", "der 3. Platz"), never by such a word; so does a count's ("im zweiten 20.467.
# Vor allem ...")
_NUMBER_END = re.compile(r"(?<![\d.])\d+(?:\.\d{3})*\.\s+(?=([A-ZÄÖÜ][a-zäöüß]*)(?![\wÄÖÜäöüß]))")
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w.])(\w+)\.[\s\"“”»']*$")


def _after_abbreviation(text: str, start: int) -> bool:
    """Whether a sentence start follows an abbreviation ("(ATP-Nr. 221)"): no sentence ends
    there."""
    found = _ABBREVIATION_BEFORE.search(text, max(0, start - 10), start)
    return found is not None and found.group(1) in de.ABBREVIATIONS


def _number_ends(text: str) -> list[int]:
    return [m.end() for m in _NUMBER_END.finditer(text) if m.group(1) in _OPENERS]


def sentence_bounds(text: str, tokens: Iterable | None = None) -> list[int]:
    """Start offsets of sentences: from spaCy tokens (is_sent_start) when given, else a rule for
    German news; a number's period before a sentence opener ends a sentence in both."""
    starts = [0] + _number_ends(text)
    if tokens is not None:
        for token in tokens:
            if token.i and token.is_sent_start and not _after_abbreviation(text, token.idx):
                starts.append(token.idx)
        # a line break ends a sentence too (titles, datelines, one-sentence-per-line files)
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        return sorted(set(starts))
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 6) : match.start()]
        word = re.search(r"(\w+)[.!?]$", before)
        if word and word.group(1) in de.ABBREVIATIONS:
            continue
        starts.append(match.end())
    return sorted(set(starts))


def sentence_of(starts: Sequence[int], text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), cut to WINDOW characters on each side."""
    i = bisect.bisect_right(starts, start) - 1
    stop = starts[i + 1] if i + 1 < len(starts) else len(text)
    return max(starts[i], start - WINDOW), min(max(stop, end), end + WINDOW)


_SHORT_ASIDE = re.compile(r"\([^()\n]{0,60}\)")


def clause_breaks(text: str, begin: int, stop: int) -> list[tuple[int, int]]:
    """Clause breaks in text[begin:stop]; a short aside in brackets ("(15 Uhr)", "(Samstag)")
    belongs to its clause and breaks nothing."""
    out = []
    pos = begin
    while True:
        found = _CLAUSE_BREAK.search(text, pos, stop)
        if found is None:
            return out
        aside = _SHORT_ASIDE.match(text, found.start()) if found.group() == "(" else None
        if aside is not None and aside.end() <= stop:
            pos = aside.end()
            continue
        out.append(found.span())
        pos = found.end()


def clause_of(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    s0, s1 = sentence
    inside = [
        a.span()
        for a in _SHORT_ASIDE.finditer(text, max(s0, start - 61), min(s1, end + 61))
        if a.start() < start and a.end() >= end
    ]
    if inside:  # "(Samstag)": the clause around the aside
        start, end = inside[0]
    left = s0
    for _, stop in clause_breaks(text, s0, start):
        left = stop
    right = clause_breaks(text, end, s1)
    return left, right[0][0] if right else s1
