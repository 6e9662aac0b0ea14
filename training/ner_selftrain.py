"""Self-training for the accurate NER tier: the gold-only members (teachers) tag openly licensed
German sentences, and a student is trained on the gold sentences plus the teachers' confident tags
(needs PyTorch, like `training.ner_accurate`).

    nice .venv/bin/python -m training.ner_selftrain --only validation \\
        --teachers VAL-20141.npz VAL-20142.npz --out /tmp/selftrain

The unlabelled text is the German Universal Dependencies treebanks in ../shared/data/ud-german/
(GSD dev and test, PUD test: 2,776 sentences of news, reviews and wiki text with gold tokenisation;
CC BY-SA). A model trained on their pseudo-labels is a derived work under ShareAlike: it is shipped
with LICENCE-ud-pseudo-labels.md beside it.

Pseudo-labels: the teachers' emission and transition scores are averaged (as the tagger's
ensemble does), decoded with Viterbi and mended as at run time (`decoding.mend`); a sentence is kept
only when the averaged CRF gives its best path at least `--min-prob` of the probability mass: a
sentence the teachers are unsure about would teach the student their confusion.

`--only validation` uses teachers trained on the 80 % split (they never saw the held-out fifth) and
scores the default configuration with the student as the cascade's first member; `--only final`
trains on all gold sentences with the shipped members as teachers and writes the student over
`finetuned-<seed>.npz`, with its figures in metrics.json.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch

from chronik.eval.ner import score
from chronik.nlp.ner import decoding, germeval
from chronik.nlp.ner.accurate import (
    CASCADE_MARGIN,
    E5AdapterTagger,
    encode_windows,
    viterbi,
)
from chronik.nlp.ner.model_files import METRICS_FILE
from chronik.nlp.ner.tiers import tag_sentences
from training.ner_accurate import VERSION, TrainingOptions, export, train

UD_DIR = Path("../shared/data/ud-german")
UD_FILES = ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu", "de_pud-ud-test.conllu")
UD_SOURCE = (
    "German Universal Dependencies: UD_German-GSD dev+test (CC BY-SA 4.0), UD_German-PUD test "
    "(CC BY-SA 3.0); tokens only, tagged by the teachers"
)
STUDENT_SEED = 20141
TEACHER_SEEDS = (20141, 20142)  # the default cascade's members (metrics.json run_seeds)
SECOND_MEMBER = 20142  # the cascade's other member stays the gold-only model of this seed
# Half the gold-only runs' epochs: gold and pseudo-labelled sentences together are about twice as
# many, so the student takes about as many optimiser steps as its teachers did.
EPOCHS = 5
# Keep a sentence when its best path holds at least this share of the CRF's probability: below it
# the teachers are split between two readings of some word.
MIN_PROB = 0.9
LICENCE_FILE = "LICENCE-ud-pseudo-labels.md"
LICENCE_TEXT = """# Licence of finetuned-{seed}.npz, the self-trained member of the accurate tier

finetuned-{seed}.npz was trained (`python -m training.ner_selftrain`) on GermEval 2014
NER-de-dev (CC BY 4.0; Benikova, Biemann, Reznicek, LREC 2014) and on the sentences of these
treebanks, tagged by the gold-only members of the tier (pseudo-labels):

- UD_German-GSD, dev and test (commit 297fcf3), CC BY-SA 4.0; McDonald et al. 2013
- UD_German-PUD, test (commit ff80846), CC BY-SA 3.0; Zeman et al. 2017
  (https://universaldependencies.org)

As a work derived from CC BY-SA data, this model file is distributed under CC BY-SA 4.0
(https://creativecommons.org/licenses/by-sa/4.0/; CC BY-SA 3.0 allows adaptations under a later
version), separate from chronik's Apache-2.0 code and from the other model files here. No sentence
of the treebanks is stored in it or shipped.
"""


def read_conllu(path: Path) -> list[list[str]]:
    """Each sentence's surface tokens: a contraction ('zum' = 'zu dem') stays one token, as in
    GermEval, so its range line is taken and its parts skipped."""
    sentences: list[list[str]] = []
    tokens: list[str] = []
    skip_until = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            if tokens:
                sentences.append(tokens)
            tokens, skip_until = [], 0
            continue
        if raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if "." in cols[0]:  # an empty node of enhanced dependencies: no surface token
            continue
        if "-" in cols[0]:
            skip_until = int(cols[0].split("-")[1])
            tokens.append(cols[1])
            continue
        if int(cols[0]) <= skip_until:
            continue
        tokens.append(cols[1])
    if tokens:
        sentences.append(tokens)
    return sentences


def best_path_probability(
    em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray, path: Sequence[int]
) -> float:
    """p(path | sentence) under a linear-chain CRF: exp(score(path) - log Z)."""
    alpha = start + em[0]
    gold = start[path[0]] + em[0, path[0]]
    for t in range(1, len(em)):
        alpha = np.logaddexp.reduce(alpha[:, None] + trans, axis=0) + em[t]
        gold += trans[path[t - 1], path[t]] + em[t, path[t]]
    gold += end[path[-1]]
    log_z = np.logaddexp.reduce(alpha + end)
    return float(math.exp(min(0.0, gold - log_z)))


def pseudo_label(
    teachers: Sequence[Path], sentences: Sequence[Sequence[str]], min_prob: float
) -> tuple[list[germeval.Sentence], dict]:
    """The teachers' averaged tags of the sentences that fit one window, and those they are sure
    of."""
    tagger = E5AdapterTagger(teachers, "teachers")
    items = [encode_windows(tagger.encoder, tokens) for tokens in sentences]
    single = [i for i, w in enumerate(items) if len(w) == 1 and len(sentences[i]) > 0]
    windows = [items[i][0] for i in single]
    summed = [np.zeros((len(w.first), len(tagger.tags))) for w in windows]
    for member in tagger.members:
        for k, em in enumerate(tagger._emissions(windows, range(len(windows)), member)):
            summed[k] += em
    kept, probs, labels = [], [], Counter()
    for k, i in enumerate(single):
        em = summed[k] / len(tagger.members)
        path = viterbi(em, *tagger.crf)
        prob = best_path_probability(em, *tagger.crf, path)
        probs.append(prob)
        if prob < min_prob:
            continue
        tokens = list(sentences[i])
        tags = decoding.mend(
            tokens, [tagger.tags[j] for j in path], tagger.organisations, tagger.places
        )
        labels.update(label for _, _, label in germeval.chunks(tags))
        kept.append(germeval.Sentence(tokens, tags))
    stats = {
        "sentences": len(sentences),
        "one_window": len(single),
        "kept": len(kept),
        "min_prob": min_prob,
        "median_prob": round(float(np.median(probs)), 4) if probs else None,
        "kept_at": {str(t): sum(p >= t for p in probs) for t in (0.5, 0.8, 0.9, 0.95, 0.99)},
        "names": dict(sorted(labels.items())),
    }
    return kept, stats


def read_ud(directory: Path) -> list[list[str]]:
    return [s for name in UD_FILES for s in read_conllu(directory / name)]


def cascade_figures(
    paths: Sequence[Path], held: Sequence[germeval.Sentence], margin: float = CASCADE_MARGIN
) -> dict:
    """The default configuration (first member on every window, the second where it is unsure)
    through the run-time path."""
    tagger = E5AdapterTagger(paths, "validation", None, margin)
    return score([x.tags for x in held], tag_sentences(tagger, [x.tokens for x in held])).as_dict()


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("src/chronik/models/ner"))
    parser.add_argument("--data", type=Path, default=None, help="GermEval file (gold)")
    parser.add_argument("--ud", type=Path, default=UD_DIR)
    parser.add_argument(
        "--only",
        choices=("validation", "final"),
        default=None,
        help="only score a student of the 80 %% teachers, or only build the shipped one",
    )
    parser.add_argument(
        "--teachers",
        type=Path,
        nargs="+",
        help="final teachers; default: the gold-only finetuned-<seed>.npz of training.ner_accurate",
    )
    parser.add_argument(
        "--validation-teachers",
        type=Path,
        nargs="+",
        help="teachers trained on the 80 %% split; default: validation-<seed>.npz in --out",
    )
    parser.add_argument("--seed", type=int, default=STUDENT_SEED)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--min-prob", type=float, default=MIN_PROB)
    parser.add_argument("--threads", type=int, default=1)
    return parser.parse_args(argv)


def _check_teachers(paths: Sequence[Path]) -> None:
    """A student must not teach its successor: rerun training.ner_accurate first."""
    for path in paths:
        meta = json.loads(str(np.load(path)["meta"]))
        if "pseudo_labels" in meta:
            raise SystemExit(
                f"{path} is a self-trained student, not a gold-only teacher; run "
                "`python -m training.ner_accurate` first (make models does)"
            )


def run_validation(args: argparse.Namespace, gold: Sequence[germeval.Sentence], ud) -> dict:
    from training.ner_fast import split

    teachers = args.validation_teachers or [
        args.out / f"validation-{seed}.npz" for seed in TEACHER_SEEDS
    ]
    _check_teachers(teachers)
    train_part, held = split(gold)
    pseudo, stats = pseudo_label(teachers, ud, args.min_prob)
    print(json.dumps({"pseudo_labels": stats}), flush=True)
    options = TrainingOptions(epochs=args.epochs, seed=args.seed)
    model, tags, log = train([*train_part, *pseudo], options, held)
    path = args.out / f"student-validation-{args.seed}.npz"  # for comparing; not shipped
    export(model, tags, options, path, {"pseudo_labels": UD_SOURCE})
    second = [t for t in teachers if t.stem.endswith(str(SECOND_MEMBER))] or teachers[-1:]
    info = {
        "pseudo_labels": stats,
        "history": log["history"],
        "validation": cascade_figures([path, second[0]], held),
        "validation_baseline": cascade_figures(teachers, held),
        "validation_student": cascade_figures([path], held, math.inf)["strict"]["f1"],
    }
    print(
        f"validation strict F1, cascade with the student first "
        f"{info['validation']['strict']['f1']:.4f}; gold-only teachers' cascade "
        f"{info['validation_baseline']['strict']['f1']:.4f}",
        flush=True,
    )
    return info


def run_final(args: argparse.Namespace, gold: Sequence[germeval.Sentence], ud, data: Path) -> dict:
    teachers = args.teachers or [args.out / f"finetuned-{seed}.npz" for seed in TEACHER_SEEDS]
    _check_teachers(teachers)
    pseudo, stats = pseudo_label(teachers, ud, args.min_prob)
    print(json.dumps({"pseudo_labels": stats}), flush=True)
    options = TrainingOptions(epochs=args.epochs, seed=args.seed)
    model, tags, log = train([*gold, *pseudo], options)
    meta = {"data": data.name, "pseudo_labels": UD_SOURCE}
    export(model, tags, options, args.out / f"finetuned-{args.seed}.npz", meta)
    (args.out / LICENCE_FILE).write_text(LICENCE_TEXT.format(seed=args.seed), encoding="utf-8")
    return {"final_pseudo_labels": stats, "final_history": log["history"]}


def write_selftrain_metrics(out: Path, info: dict, seed: int, epochs: int) -> None:
    """The student's figures go into the accurate tier's entry: its validation figures become the
    default's, and the run's details go under `selftrain`."""
    path = out / METRICS_FILE
    metrics = json.loads(path.read_text(encoding="utf-8"))
    entry = metrics["accurate"]
    previous = entry.get("selftrain", {})
    if "validation" in info:
        entry["validation_gold_only"] = info["validation_baseline"]
        entry["validation"] = info["validation"]
    entry["version"] = f"{VERSION}st"  # the tagger's name, the provenance of every mention
    entry["run_seeds"] = [seed, SECOND_MEMBER]  # the student first: it tags every window
    entry["selftrain"] = {
        **{k: v for k, v in previous.items() if k not in info},
        **{k: v for k, v in info.items() if k not in ("validation", "validation_baseline")},
        "student_seed": seed,
        "epochs": epochs,
        "source": UD_SOURCE,
        "licence": LICENCE_FILE,
        "method": "teachers' averaged scores, sentences with p(best path) >= min_prob kept",
        "note": "validation: the default cascade with the student (80 % gold + pseudo-labels of "
        "80 % teachers) first and the gold-only second member, int8 run-time path with "
        "decoding.mend; validation_gold_only: the cascade of the two gold-only members; the "
        "other validation_* figures are the gold-only members'",
    }
    path.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    from training.ner_fast import DEFAULT_DATA

    args = _parse(argv)
    torch.set_num_threads(args.threads)
    data = args.data or DEFAULT_DATA
    gold = germeval.read(data)
    ud = read_ud(args.ud)
    info: dict = {}
    if args.only != "final":
        info.update(run_validation(args, gold, ud))
    if args.only != "validation":
        info.update(run_final(args, gold, ud, data))
    write_selftrain_metrics(args.out, info, args.seed, args.epochs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
