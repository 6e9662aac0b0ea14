"""A small tagging head on e5 token states: one hidden layer, softmax over GermEval BIO tags, in NumPy.

Trained with Adam and a fixed seed; its log-probabilities become real-valued CRF attributes, so the CRF
combines what the transformer knows about a word in context with the sparse word and gazetteer features.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


class MLPHead:
    def __init__(self, params: dict[str, np.ndarray], labels: list[str]) -> None:
        self.p = params
        self.labels = labels

    def log_probs(self, x: np.ndarray) -> np.ndarray:
        h = np.maximum(0.0, ((x - self.p["mean"]) / self.p["scale"]) @ self.p["w1"] + self.p["b1"])
        z = h @ self.p["w2"] + self.p["b2"]
        z -= z.max(axis=1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=1, keepdims=True))

    def save(self, path: Path) -> None:
        weights = {k: v.astype(np.float16) if k.startswith("w") else v.astype(np.float32) for k, v in self.p.items()}
        np.savez_compressed(path, labels=np.array(self.labels), **weights)

    @classmethod
    def load(cls, path: Path) -> "MLPHead":
        data = np.load(path)
        params = {k: data[k].astype(np.float32) for k in data.files if k != "labels"}
        return cls(params, [str(x) for x in data["labels"]])


def train_head(states: Sequence[np.ndarray], tags: Sequence[Sequence[str]], labels: list[str], seed: int,
               hidden: int = 256, epochs: int = 12, lr: float = 1e-3, batch: int = 64,
               dropout: float = 0.2) -> MLPHead:
    rng = np.random.default_rng(seed)
    x = np.concatenate(states).astype(np.float32)
    index = {label: i for i, label in enumerate(labels)}
    y = np.array([index.get(t, 0) for sent in tags for t in sent])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    xs = (x - mean) / scale
    d, k = x.shape[1], len(labels)
    p = {"w1": rng.normal(0, np.sqrt(2 / d), (d, hidden)).astype(np.float32), "b1": np.zeros(hidden, np.float32),
         "w2": rng.normal(0, np.sqrt(1 / hidden), (hidden, k)).astype(np.float32), "b2": np.zeros(k, np.float32)}
    m = {n: np.zeros_like(v) for n, v in p.items()}
    v2 = {n: np.zeros_like(v) for n, v in p.items()}
    step = 0
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(y), batch):
            idx = order[start : start + batch]
            xb, yb = xs[idx], y[idx]
            pre = xb @ p["w1"] + p["b1"]
            h = np.maximum(0.0, pre)
            mask = (rng.random(h.shape) >= dropout).astype(np.float32) / (1 - dropout)
            hd = h * mask
            z = hd @ p["w2"] + p["b2"]
            z -= z.max(axis=1, keepdims=True)
            prob = np.exp(z)
            prob /= prob.sum(axis=1, keepdims=True)
            prob[np.arange(len(yb)), yb] -= 1.0
            gz = prob / len(yb)
            grads = {"w2": hd.T @ gz, "b2": gz.sum(axis=0)}
            gh = (gz @ p["w2"].T) * mask * (pre > 0)
            grads["w1"], grads["b1"] = xb.T @ gh, gh.sum(axis=0)
            step += 1
            for n in p:
                m[n] = 0.9 * m[n] + 0.1 * grads[n]
                v2[n] = 0.999 * v2[n] + 0.001 * grads[n] ** 2
                mh, vh = m[n] / (1 - 0.9**step), v2[n] / (1 - 0.999**step)
                p[n] -= lr * mh / (np.sqrt(vh) + 1e-8) + (1e-5 * p[n] if n.startswith("w") else 0)
    return MLPHead({**p, "mean": mean, "scale": scale}, labels)
