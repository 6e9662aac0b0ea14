"""Word classes for the fast NER tier from multilingual-e5-small's embedding table (no transformer
layer).

A word's vector is the mean of its SentencePiece pieces' rows in e5's embedding table (no position,
no layer norm), so it depends on the form only. It is centred and projected onto the first 64
principal components of a vocabulary (training words and gazetteer names), then turned into *sparse*
attributes, like Brown clusters: the id of its nearest k-means centroid (cosine) at a few
granularities ("k256=17") and, for the first few components, which quartile the word falls in
("e3=1"). Strings, not real values: python-crfsuite takes a word's strings from the same per-form
cache as its other features, which keeps the tier fast (real-valued attributes need a dict per token
and cost ~2x the tagging time).

Why: the sparse features know a name only if it was seen in training or is in a list; the pieces of
unseen foreign surnames, firms and places still sit near other names in e5's embedding space. What
is trained and committed: `fast_vectors.npz` (mean, components, quartile edges, centroids, ~0.4 MB).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from chronik.nlp.ner.e5_encoder import E5Encoder, shared

BATCH_WORDS = 4096  # words per call into the encoder: bounds the piece buffers
PCA_DIMS = 64
LEVELS = (64, 256, 1024)  # k-means granularities
BIN_DIMS = 8  # leading components given as quartiles
QUARTILES = (0.25, 0.5, 0.75)
KMEANS_ITERATIONS = 20
MAX_CACHE = 200_000  # word forms whose classes are kept; bounds memory in bulk ingest
UNIT_EPS = 1e-9  # keeps the normalisation of an all-zero projection finite


@dataclass(frozen=True, eq=False)
class WordClasses:
    mean: np.ndarray  # (384,)
    components: np.ndarray  # (PCA_DIMS, 384)
    edges: np.ndarray  # (BIN_DIMS, 3) quartile edges of the leading components
    centroids: tuple[np.ndarray, ...]  # one (k, PCA_DIMS) array of unit vectors per level

    def __call__(self, vectors: np.ndarray) -> list[tuple[str, ...]]:
        with _one_blas_thread():
            projected = (vectors.astype(np.float32) - self.mean) @ self.components.T
            unit = projected / (np.linalg.norm(projected, axis=1, keepdims=True) + UNIT_EPS)
            columns = [np.argmax(unit @ c.T, axis=1) for c in self.centroids]
        columns += [np.searchsorted(self.edges[d], projected[:, d]) for d in range(len(self.edges))]
        names = self.names
        return [
            tuple(names[j][v] for j, v in enumerate(row))
            for row in np.stack(columns, axis=1).tolist()
        ]

    @cached_property
    def names(self) -> list[list[str]]:
        """One string object per class, shared by all words in it (a cache of many words stays
        small)."""
        names = [[f"k{len(c)}={i}" for i in range(len(c))] for c in self.centroids]
        return names + [[f"e{d}={b}" for b in range(4)] for d in range(len(self.edges))]

    def save(self, path: Path) -> None:
        arrays = {f"centroids{len(c)}": c.astype(np.float32) for c in self.centroids}
        np.savez(
            path,
            mean=self.mean.astype(np.float32),
            components=self.components.astype(np.float32),
            edges=self.edges.astype(np.float32),
            **arrays,
        )

    @classmethod
    def load(cls, path: Path) -> WordClasses:
        data = np.load(path)
        levels = sorted(int(k[len("centroids") :]) for k in data.files if k.startswith("centroids"))
        return cls(
            data["mean"],
            data["components"],
            data["edges"],
            tuple(data[f"centroids{k}"] for k in levels),
        )


@lru_cache(maxsize=1)
def _openblas_local_threads():  # type: ignore[no-untyped-def]
    """OpenBLAS's per-thread thread count setter (>= 0.3.27), from the library numpy loaded; None if
    absent."""
    folder = Path(np.__file__).parent.parent / "numpy.libs"
    for lib in sorted(folder.glob("libscipy_openblas*.so")) if folder.is_dir() else []:
        try:
            setter = ctypes.CDLL(str(lib)).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.restype = ctypes.c_int
        setter.argtypes = [ctypes.c_int]
        return setter
    return None


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """A document's few hundred new words make small products: OpenBLAS's extra threads only spin on
    them (on a busy machine they cost 10x the CPU time), so this thread runs them alone."""
    setter = _openblas_local_threads()
    previous = setter(1) if setter is not None else None
    try:
        yield
    finally:
        if setter is not None and previous is not None:
            setter(previous)


def word_vectors(words: Sequence[str], encoder: E5Encoder | None = None) -> np.ndarray:
    """(len(words), 384): the mean of each word's piece rows in e5's embedding table."""
    encoder = encoder or shared()
    if not words:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    parts = []
    for start in range(0, len(words), BATCH_WORDS):
        counts, ids = encoder.pieces(words[start : start + BATCH_WORDS])
        rows = encoder.word_rows(ids)
        first = np.concatenate(([0], np.cumsum(counts)[:-1]))
        total = rows[first].copy()
        for j in range(
            1, int(counts.max())
        ):  # a word has at most 8 pieces; np.add.reduceat is far slower
            more = counts > j
            total[more] += rows[first[more] + j]
        parts.append(total / counts[:, None])
    return np.concatenate(parts)


def kmeans(unit: np.ndarray, k: int, seed: int, iterations: int = KMEANS_ITERATIONS) -> np.ndarray:
    """Spherical k-means (cosine) with k-means++ seeding; deterministic for a seed."""
    rng = np.random.default_rng(seed)
    chosen = [int(rng.integers(len(unit)))]
    closest = 1.0 - unit @ unit[chosen[0]]
    for _ in range(1, k):
        weights = np.maximum(closest, 0) ** 2
        chosen.append(int(rng.choice(len(unit), p=weights / weights.sum())))
        closest = np.minimum(closest, 1.0 - unit @ unit[chosen[-1]])
    centroids = unit[chosen].copy()
    for _ in range(iterations):
        labels = np.argmax(unit @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, labels, unit)
        filled = np.linalg.norm(sums, axis=1) > 0
        centroids[filled] = sums[filled] / np.linalg.norm(sums[filled], axis=1, keepdims=True)
    return centroids.astype(np.float32)


def fit_word_classes(vectors: np.ndarray, seed: int, levels: Sequence[int] = LEVELS) -> WordClasses:
    """PCA by SVD, each component's sign fixed so its largest loading is positive (the same file on
    any BLAS); quartile edges of the leading components; k-means at each level."""
    mean = vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(vectors - mean, full_matrices=False)
    dims = min(PCA_DIMS, vt.shape[0])
    components = vt[:dims]
    signs = np.sign(components[np.arange(dims), np.abs(components).argmax(axis=1)])
    components = components * signs[:, None]
    projected = (vectors - mean) @ components.T
    edges = np.quantile(projected[:, : min(BIN_DIMS, dims)], QUARTILES, axis=0).T
    unit = projected / (np.linalg.norm(projected, axis=1, keepdims=True) + UNIT_EPS)
    centroids = tuple(kmeans(unit.astype(np.float32), k, seed + k) for k in levels)
    return WordClasses(
        mean.astype(np.float32), components.astype(np.float32), edges.astype(np.float32), centroids
    )


class StaticClasses:
    """`of(words)`: per word, its class attributes, cached per form (new forms computed in one
    batch)."""

    def __init__(self, classes: WordClasses, encoder: E5Encoder | None = None) -> None:
        self.encoder = encoder or shared()
        self.classes = classes
        self._cache: dict[str, tuple[str, ...]] = {}

    def of(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        self.prepare(words)
        return [self._cache[w] for w in words]

    def prepare(self, words: Sequence[str]) -> None:
        """Compute the classes of the forms not yet cached."""
        cache = self._cache
        new = list(dict.fromkeys(w for w in words if w not in cache))
        if new:
            if len(cache) + len(new) > MAX_CACHE:
                cache.clear()
                new = list(dict.fromkeys(words))
            cache.update(zip(new, self.classes(word_vectors(new, self.encoder))))

    def get(self, word: str) -> tuple[str, ...]:
        cached = self._cache.get(word)
        if cached is None:
            self.prepare([word])
            cached = self._cache[word]
        return cached
