"""Read and write GermEval 2014 files (token index, token, outer tag[, inner tag]) and turn BIO tags
into chunks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from chronik.errors import InputError


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]  # outer BIO tags; all "O" when the file has no tag column
    comment: str = ""
    line: int = 0  # line number of the sentence's first token, for messages
    inner: list[str] = field(default_factory=list)


def read(path: Path) -> list[Sentence]:
    """Sentences in file order; a comment line (`#\\t...`) starts a sentence, a blank line ends
    it."""
    sentences: list[Sentence] = []
    current: Sentence | None = None
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if current is not None and current.tokens:
                    sentences.append(current)
                current = None
                continue
            if line.startswith("#") and (current is None or not current.tokens):
                current = Sentence([], [], comment=line, line=number + 1)
                continue
            cols = line.split("\t")
            if len(cols) < 2:
                raise InputError(
                    f"{path}:{number}: expected 'index<TAB>token<TAB>tag', got {line!r}"
                )
            if current is None:
                current = Sentence([], [], line=number)
            current.tokens.append(cols[1])
            current.tags.append(cols[2] if len(cols) > 2 and cols[2] else "O")
            current.inner.append(cols[3] if len(cols) > 3 and cols[3] else "O")
    if current is not None and current.tokens:
        sentences.append(current)
    return sentences


def write(path: Path, sentences: Iterable[Sentence], predicted: Iterable[Sequence[str]]) -> None:
    """Predictions in GermEval layout: comment, index, token, outer tag; blank line after each
    sentence."""
    with open(path, "w", encoding="utf-8") as out:
        for sentence, tags in zip(sentences, predicted, strict=True):
            if sentence.comment:
                out.write(sentence.comment + "\n")
            for i, (token, tag) in enumerate(zip(sentence.tokens, tags, strict=True), start=1):
                out.write(f"{i}\t{token}\t{tag}\n")
            out.write("\n")


def chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token exclusive, label) per chunk, as the GermEval (CoNLL) script reads
    BIO: an I- tag whose label differs from the open chunk's, or that follows O, starts a new
    chunk."""
    found: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and label == kind and start >= 0
        if continues:
            continue
        if start >= 0:
            found.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and kind:
            start, label = i, kind
    return found


def coarse(label: str) -> str:
    """LOCderiv -> LOC, ORGpart -> ORG."""
    for suffix in ("deriv", "part"):
        if label.endswith(suffix):
            return label[: -len(suffix)]
    return label
