"""The fast tier's CRF input: the shared sparse features plus e5 word classes and a quotation flag.

`FastFeatures.sentence(tokens)` gives one list of attribute strings per token: what
`FeatureExtractor.sentence` gives (the accurate tiers use that unchanged), plus the word's e5
classes (`static_vectors`; the 256-way class of the neighbours too) and "inq" inside quotation
marks. The neighbour-prefixed attributes are cached per form, which makes it cheaper than the
original.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from chronik.nlp.ner.features import MAX_CACHE, FeatureExtractor
from chronik.nlp.ner.gazetteers import RESOURCE_PACKAGE, Gazetteers
from chronik.nlp.ner.static_vectors import StaticClasses, WordClasses

OPENING_QUOTES = ("„", "‚")
CLOSING_QUOTES = ("“", "‘", "”")
VECTORS_FILE = "fast_vectors.npz"


def inside_quotes(tokens: Sequence[str]) -> list[bool]:
    """Tokens between German quotation marks („…“, ‚…‘) or a pair of straight quotes: titles of
    works (OTH) and names of events or programmes run there, often in lower case."""
    inside: list[bool] = []
    state = False
    for token in tokens:
        if token in OPENING_QUOTES:
            state = True
        elif token in CLOSING_QUOTES or token == '"':
            state = not state if token == '"' else False
        else:
            inside.append(state)
            continue
        inside.append(False)
    return inside


CONTEXT_PREFIXES = ("w=", "sh=", "g", "s3=", "lx=", "k256=")
ORG_LIST = "fast_organisations.tsv"
USE_ORG_LIST = True  # the shipped model was trained with it (training.ner_fast reads this too)


@dataclass(frozen=True)
class NameList:
    """One-word names and, by first word, the word tuples of longer ones (longest first)."""

    single: frozenset[str]
    multi: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def from_lines(cls, names: Sequence[str]) -> NameList:
        multi: dict[str, list[tuple[str, ...]]] = {}
        for name in names:
            words = tuple(name.split())
            if len(words) > 1:
                multi.setdefault(words[0], []).append(words)
        return cls(
            frozenset(n for n in names if " " not in n),
            {k: tuple(sorted(v, key=len, reverse=True)) for k, v in multi.items()},
        )

    def spans(self, tokens: Sequence[str]) -> list[str]:
        """Per token "" or the attribute of a longer name it is part of: "gOmB" (first word),
        "gOmI"."""
        marks = [""] * len(tokens)
        i = 0
        while i < len(tokens):
            for words in self.multi.get(tokens[i], ()):
                if tuple(tokens[i : i + len(words)]) == words:
                    marks[i] = "gOmB"
                    marks[i + 1 : i + len(words)] = ["gOmI"] * (len(words) - 1)
                    i += len(words) - 1
                    break
            i += 1
        return marks


@lru_cache(maxsize=1)
def organisations() -> NameList:
    text = resources.files(RESOURCE_PACKAGE).joinpath(ORG_LIST).read_text(encoding="utf-8")
    return NameList.from_lines(
        [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    )


class FastFeatures(FeatureExtractor):
    """`classes=None` leaves the e5 word classes out (tests, and the sparse-only ablation)."""

    def __init__(
        self,
        gaz: Gazetteers,
        lexicon: dict[str, str] | None = None,
        classes: StaticClasses | None = None,
        quotes: bool = True,
        orgs: NameList | None = None,
    ) -> None:
        super().__init__(gaz, lexicon)
        self.classes = classes
        self.quotes = quotes
        self.orgs = orgs
        self._left: dict[str, tuple[str, ...]] = {}
        self._right: dict[str, tuple[str, ...]] = {}

    def word(self, word: str) -> tuple[str, ...]:
        cached = self._own.get(word)
        if cached is None:
            if len(self._own) > MAX_CACHE:
                self._own.clear()
                self._ctx.clear()
            cached = self._own[word] = tuple(self._word_features(word))
            self._ctx[word] = tuple(f for f in cached if f.startswith(CONTEXT_PREFIXES))
        return cached

    def _word_features(self, word: str) -> list[str]:
        feats = super()._word_features(word)
        if self.orgs is not None and word in self.orgs.single:
            feats.append("gO2")
        if self.classes is not None:
            feats.extend(self.classes.get(word))
        return feats

    def _neighbour(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        left = self._left.get(word)
        if left is None:
            if len(self._left) > MAX_CACHE:
                self._left.clear()
                self._right.clear()
            self.word(word)
            ctx = self._ctx[word]
            left = self._left[word] = tuple("-1" + f for f in ctx)
            self._right[word] = tuple("+1" + f for f in ctx)
        return left, self._right[word]

    def prepare(self, tokens: Sequence[str]) -> None:
        """Compute the e5 classes of the forms not seen yet in one batch (a call has a fixed
        cost)."""
        if self.classes is not None:
            own = self._own
            new = [t for t in tokens if t not in own]
            if new:
                self.classes.prepare(new)

    def sparse(self, tokens: Sequence[str]) -> list[list[str]]:
        """`FeatureExtractor.sentence(tokens)` plus the e5 classes and "inq" inside quotation
        marks."""
        self.prepare(tokens)
        own = [self.word(t) for t in tokens]
        sides = [self._neighbour(t) for t in tokens]
        quoted = inside_quotes(tokens) if self.quotes else [False] * len(tokens)
        in_names = self.orgs.spans(tokens) if self.orgs is not None else [""] * len(tokens)
        n = len(tokens)
        rows: list[list[str]] = []
        for i in range(n):
            row = ["bias", *own[i]]
            if i == 0:
                row.append("BOS")
            elif tokens[i][:1].isupper():
                row.append("capmid")
            if i > 0:
                row.extend(sides[i - 1][0])
                row.append("bg=" + own[i - 1][0][2:] + "|" + own[i][0][2:])
                if i > 1:
                    row.append("-2" + own[i - 2][0])
            if i == n - 1:
                row.append("EOS")
            else:
                row.extend(sides[i + 1][1])
                if i < n - 2:
                    row.append("+2" + own[i + 2][0])
            if quoted[i]:
                row.append("inq")
            if in_names[i]:
                row.append(in_names[i])
            rows.append(row)
        return rows

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        return self.sparse(tokens)


def load_fast_features(folder: Path, lexicon: dict[str, str]) -> FastFeatures:
    """The extractor the shipped fast model was trained with: e5 word classes when
    `fast_vectors.npz` is there (needs the C e5 encoder, built with gcc on first use), else sparse
    features only."""
    from chronik.nlp.ner import gazetteers

    path = folder / VECTORS_FILE
    classes = StaticClasses(WordClasses.load(path)) if path.is_file() else None
    return FastFeatures(
        gazetteers.load(), lexicon, classes, orgs=organisations() if USE_ORG_LIST else None
    )
