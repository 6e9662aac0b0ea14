"""Token features for the CRF tagger: the word's own features, cached per word form, plus its
neighbours'.

Strings only ("w=moskau", "gP"): python-crfsuite takes them as binary attributes, and a cache keyed
by the form makes extraction cheap enough for bulk ingest (most forms in news repeat).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chronik.nlp.ner.gazetteers import Gazetteers

ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-ZÄÖÜ]")
_LOWER = re.compile(r"[a-zäöüß]")
_SHAPE_RUNS = re.compile(r"(.)\1+")
MAX_CACHE = 200_000  # word forms whose features are kept; the cache restarts past it


def shape(word: str) -> str:
    """'Nato-Gipfel' -> 'Xx-Xx', 'EU' -> 'X', '1980' -> 'd'."""
    mapped = _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", word)))
    mapped = re.sub(r"[^Xxd\-.]", "o", mapped)
    return _SHAPE_RUNS.sub(r"\1", mapped)[:8]


def _strip_genitive(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _is_deriv(lower: str, gaz: Gazetteers) -> bool:
    for ending in ADJ_ENDINGS:
        if ending and not lower.endswith(ending):
            continue
        stem = lower[: len(lower) - len(ending)] if ending else lower
        if stem in gaz.deriv:
            return True
    return False


class FeatureExtractor:
    """`sentence(tokens)` -> one list of attribute strings per token."""

    def __init__(self, gaz: Gazetteers, lexicon: dict[str, str] | None = None) -> None:
        self.gaz = gaz
        self.lexicon = lexicon or {}
        self._own: dict[str, tuple[str, ...]] = {}
        self._ctx: dict[str, tuple[str, ...]] = {}

    def word(self, word: str) -> tuple[str, ...]:
        cached = self._own.get(word)
        if cached is None:
            if len(self._own) > MAX_CACHE:
                self._own.clear()
                self._ctx.clear()
            cached = self._own[word] = tuple(self._word_features(word))
            self._ctx[word] = tuple(
                f for f in cached if f.startswith(("w=", "sh=", "g", "s3=", "lx="))
            )
        return cached

    def _word_features(self, word: str) -> list[str]:
        lower = word.lower()
        feats = [
            f"w={lower}",
            f"sh={shape(word)}",
            f"s1={lower[-1:]}",
            f"s2={lower[-2:]}",
            f"s3={lower[-3:]}",
            f"s4={lower[-4:]}",
            f"s5={lower[-5:]}",
            f"p3={lower[:3]}",
            f"p4={lower[:4]}",
            f"len={min(len(word), 12) // 3}",
        ]
        label = self.lexicon.get(word)
        if label:
            feats.append(f"lx={label}")
        if word[:1].isupper():
            feats.append("cap")
        if word.isupper() and len(word) > 1:
            feats.append("upper")
        feats.extend(self._gazetteer_features(word, lower))
        if "-" in word.strip("-"):
            parts = [p for p in word.split("-") if p]
            feats.append(f"h0={parts[0].lower()}")
            feats.append(f"hL={parts[-1].lower()}")
            feats.extend("h0" + f for f in self._gazetteer_features(parts[0], parts[0].lower()))
        return feats

    def _gazetteer_features(self, word: str, lower: str) -> list[str]:
        gaz = self.gaz
        feats = []
        title = word[:1].upper() + word[1:].lower() if word.isupper() else word
        for form in {word, title}:
            if form in gaz.places:
                feats.append("gP")
            elif _strip_genitive(form) in gaz.places:
                feats.append("gPs")
            if form in gaz.first:
                feats.append("gF")
            if form in gaz.last or _strip_genitive(form) in gaz.last:
                feats.append("gL")
            if form in gaz.orgs:
                feats.append("gO")
        if _is_deriv(lower, gaz):
            feats.append("gD")
        elif lower.endswith("er") and word[:1].isupper() and word[:-2] in gaz.places:
            feats.append("gDer")  # Berliner, Moskauer
        return sorted(set(feats))

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        own = [self.word(t) for t in tokens]
        ctx = [self._ctx[t] for t in tokens]
        n = len(tokens)
        rows: list[list[str]] = []
        for i in range(n):
            row = ["bias", *own[i]]
            if i == 0:
                row.append("BOS")
            elif tokens[i][:1].isupper():
                row.append("capmid")
            if i > 0:
                row.extend("-1" + f for f in ctx[i - 1])
                row.append("bg=" + own[i - 1][0][2:] + "|" + own[i][0][2:])
                if i > 1:
                    row.append("-2" + own[i - 2][0])
            if i == n - 1:
                row.append("EOS")
            else:
                row.extend("+1" + f for f in ctx[i + 1])
                if i < n - 2:
                    row.append("+2" + own[i + 2][0])
            rows.append(row)
        return rows
