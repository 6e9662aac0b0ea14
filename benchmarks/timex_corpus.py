"""Throughput of the timex component alone (tokens per second on one core), for `make bench`."""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

from chronik.dates import PartialDate

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "10kgnad" / "bench.csv"


def read_texts(path: Path, limit: int | None = None) -> list[str]:
    """Article texts of a 10kGNAD-style CSV (`label;'text'`); read from ../shared, never copied."""
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter=";", quotechar="'")
        texts = [row[1] for row in rows if len(row) >= 2]
    return texts[:limit] if limit else texts


def bench(
    path: Path | str | None = None,
    limit: int | None = None,
    repeat: int = 1,
    spacy_tokens: bool = True,
    texts: list[str] | None = None,
) -> dict:
    """Run the component on every article (report dated 2016-03-08) and time it in CPU seconds of
    this process (tokens per second per core, whatever else the machine runs).

    With `spacy_tokens`, texts are tokenised first by the blank German pipeline (as in chronik) and
    only the component's own time is counted; tokens are spaCy tokens without white space.
    """
    from chronik.nlp.timex.finder import find_timexes

    if texts is None:
        texts = read_texts(Path(path) if path else DEFAULT_CORPUS, limit)
    elif limit:
        texts = texts[:limit]
    anchor = PartialDate(2016, 3, 8)
    docs: list = []
    if spacy_tokens:
        import spacy

        from chronik.nlp.components.sentences import set_sentence_starts

        nlp = spacy.blank("de")
        docs = [set_sentence_starts(nlp.make_doc(t)) for t in texts]
        tokens = sum(1 for d in docs for t in d if not t.is_space)
    else:
        tokens = sum(len(t.split()) for t in texts)
    find_timexes(texts[0], anchor)  # load and compile the rules outside the timing
    best, best_wall, found = float("inf"), float("inf"), 0
    for _ in range(repeat):
        began, began_wall = time.process_time(), time.perf_counter()
        if docs:
            found = sum(len(find_timexes(d.text, anchor, d)) for d in docs)
        else:
            found = sum(len(find_timexes(t, anchor)) for t in texts)
        best = min(best, time.process_time() - began)
        best_wall = min(best_wall, time.perf_counter() - began_wall)
    return {
        "component": "chronik_timex",
        "documents": len(texts),
        "tokens": tokens,
        "timexes": found,
        "cpu_seconds": round(best, 3),
        "wall_seconds": round(best_wall, 3),
        "tokens_per_second": round(tokens / best)
        if best
        else None,  # per core: CPU time of this process
    }
