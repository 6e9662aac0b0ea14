"""The e5 tagger's encoder layers as an ONNX graph run by onnxruntime, with int8 weights.

The graph is built in memory when a tagger loads, from the same merged float32 weights (base +
adapters) the numpy path uses, so nothing new is shipped. With `quantise`, every linear map's
weight is rounded to int8 with one scale per output column (symmetric) and its input to uint8 per
call (DynamicQuantizeLinear); onnxruntime fuses that into its int8 matrix kernels (VNNI where the
CPU has it), about 2.5 times the numpy float32 path's speed. The attention products, LayerNorms and
GELU stay float32. What the rounding changes is measured, not assumed: tests/nlp/test_ner_onnx.py
holds the tags to the float path's, and metrics.json records the held-out figures of the int8 path
(validation strict F1 0.761 against 0.772 in float: within the split's noise of ~1.5 points, but
consistent). Tried and not kept: the feed-forward matrices in float (0.764 / 0.766, at 70 % of the
speed) and SmoothQuant-style channel scaling from the LayerNorm weights (tags unchanged).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

INT8_MAX = 127  # symmetric int8: -127..127, so that the scale maps max |w| to the edge
OPSET = 20  # Gelu with approximate="tanh" is in the standard ops from opset 20
IR_VERSION = 9  # what onnxruntime >= 1.16 reads


def available() -> bool:
    """onnxruntime and onnx installed (the `ner` extra); without them the numpy path runs."""
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def quantise_columns(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 weights, float32 scale per column) with w ≈ q * scale."""
    scale = np.abs(w).max(axis=0) / INT8_MAX
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    q = np.clip(np.rint(w / scale), -INT8_MAX, INT8_MAX).astype(np.int8)
    return q, scale


class _Graph:
    """Collects nodes and initialisers; names are numbered so that each is unique."""

    def __init__(self, quantise: bool) -> None:
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.quantise = quantise
        self.nodes: list = []
        self.inits: list = []
        self.quantised_inputs: dict[str, tuple[str, str, str]] = {}

    def const(self, arr: np.ndarray) -> str:
        name = f"c{len(self.inits)}"
        self.inits.append(self.numpy_helper.from_array(np.asarray(arr), name))
        return name

    def op(self, kind: str, inputs: Sequence[str], outputs: int = 1, **attrs) -> str | list[str]:
        names = [f"{kind}{len(self.nodes)}_{i}" for i in range(outputs)]
        self.nodes.append(self.helper.make_node(kind, list(inputs), names, **attrs))
        return names[0] if outputs == 1 else names

    def linear(self, x: str, w: np.ndarray, b: np.ndarray) -> str:
        """x @ w + b; w is (in, out)."""
        if not self.quantise:
            return self.op("Add", [self.op("MatMul", [x, self.const(w)]), self.const(b)])
        if x not in self.quantised_inputs:  # q, k and v share one quantised input
            self.quantised_inputs[x] = tuple(self.op("DynamicQuantizeLinear", [x], outputs=3))
        xq, x_scale, x_zero = self.quantised_inputs[x]
        q, scale = quantise_columns(w)
        zero = self.const(np.zeros(w.shape[1], dtype=np.int8))
        product = self.op("MatMulInteger", [xq, self.const(q), x_zero, zero])
        scaled = self.op(
            "Mul",
            [self.op("Cast", [product], to=1), self.op("Mul", [x_scale, self.const(scale)])],
        )
        return self.op("Add", [scaled, self.const(b)])

    def layer_norm(self, x: str, w: np.ndarray, b: np.ndarray, eps: float) -> str:
        return self.op(
            "LayerNormalization", [x, self.const(w), self.const(b)], axis=-1, epsilon=eps
        )


def _layer(g: _Graph, x: str, ly: dict[str, np.ndarray], heads: int, eps: float) -> str:
    """One encoder layer, as `accurate._layer_forward` computes it."""
    hidden = ly["ao"].shape[0]
    hd = hidden // heads
    split = g.const(np.array([0, 0, heads, hd], dtype=np.int64))
    parts = []
    for j, perm in enumerate(([0, 2, 1, 3], [0, 2, 3, 1], [0, 2, 1, 3])):  # q, kᵀ, v
        cols = slice(j * hidden, (j + 1) * hidden)
        t = g.linear(x, ly["qkv"][:, cols], ly["qkv.b"][cols])
        parts.append(g.op("Transpose", [g.op("Reshape", [t, split])], perm=perm))
    q, kt, v = parts
    scores = g.op("MatMul", [q, kt])
    scores = g.op("Mul", [scores, g.const(np.float32(1.0 / math.sqrt(hd)))])
    att = g.op("Softmax", [g.op("Add", [scores, "bias"])], axis=-1)
    ctx = g.op("Transpose", [g.op("MatMul", [att, v])], perm=[0, 2, 1, 3])
    ctx = g.op("Reshape", [ctx, g.const(np.array([0, 0, hidden], dtype=np.int64))])
    x = g.layer_norm(g.op("Add", [x, g.linear(ctx, ly["ao"], ly["ao.b"])]), *_ln(ly, "aln"), eps)
    mid = g.op("Gelu", [g.linear(x, ly["fi"], ly["fi.b"])], approximate="tanh")
    return g.layer_norm(g.op("Add", [x, g.linear(mid, ly["fo"], ly["fo.b"])]), *_ln(ly, "oln"), eps)


def _ln(ly: dict[str, np.ndarray], name: str) -> tuple[np.ndarray, np.ndarray]:
    return ly[f"{name}.w"], ly[f"{name}.b"]


def build(layers: Sequence[dict[str, np.ndarray]], heads: int, eps: float, quantise: bool) -> bytes:
    """The serialised graph: inputs x (batch, length, hidden) after the embedding LayerNorm and
    bias (batch, 1, 1, length), the attention mask as scores; output h, the last layer's states."""
    from onnx import TensorProto, helper

    g = _Graph(quantise)
    x = "x"
    for ly in layers:
        x = _layer(g, x, ly, heads, eps)
    g.op("Identity", [x])
    g.nodes[-1].output[0] = "h"
    hidden = layers[0]["ao"].shape[0]
    graph = helper.make_graph(
        g.nodes,
        "e5-layers",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "length", hidden]),
            helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["batch", 1, 1, "length"]),
        ],
        [helper.make_tensor_value_info("h", TensorProto.FLOAT, ["batch", "length", hidden])],
        g.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    return model.SerializeToString()


class OnnxLayers:
    """A callable (x, bias) -> h over one member's layers, on `threads` intra-op threads."""

    def __init__(
        self,
        layers: Sequence[dict[str, np.ndarray]],
        heads: int,
        eps: float,
        quantise: bool,
        threads: int,
    ) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # warnings about unused initialisers are noise here
        self.quantised = quantise
        self._session = ort.InferenceSession(
            build(layers, heads, eps, quantise), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, x: np.ndarray, bias: np.ndarray) -> np.ndarray:
        return self._session.run(None, {"x": x.astype(np.float32, copy=False), "bias": bias})[0]
