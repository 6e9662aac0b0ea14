"""Self-training for the accurate NER tier: the gold-only members (teachers) tag openly licensed
German sentences, and a student is trained on the gold sentences plus the teachers' confident tags
(needs PyTorch, like `training.ner_accurate`).

    nice .venv/bin/python -m training.ner_selftrain --only validation \\
        --validation-teachers VAL-20141.npz VAL-20142.npz --out /tmp/selftrain

The unlabelled text: the German Universal Dependencies treebanks in ../shared/data/ud-german/
(GSD dev and test, PUD test: 2,776 sentences of news, reviews and wiki text with gold tokenisation;
CC BY-SA), and the excerpt of the German Political Speeches Corpus read from a git repository
(`--speeches`; 549 speeches cut at 1,000 characters, CC BY-SA 4.0), split and tokenised by chronik's
own pipeline so its words look like what the tagger gets at run time; they are added only with
`--speeches`: with them the validation cascade was 0.7654 and 0.7702 (3 epochs, seeds 20141 and
20143) and 0.7636 (5 epochs), against 0.7755 with UD alone, so the shipped student has none. A
model trained on pseudo-labels of these CC BY-SA texts is a derived work under ShareAlike: it is
shipped with LICENCE-ud-pseudo-labels.md.

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
import re
import subprocess
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from chronik.eval.ner import score
from chronik.nlp import pipeline
from chronik.nlp.components.entities import _tagger_words
from chronik.nlp.components.sentences import CLOSERS, TERMINALS, set_sentence_starts
from chronik.nlp.ner import decoding, germeval
from chronik.nlp.ner.accurate import (
    CASCADE_MARGIN,
    E5AdapterTagger,
    encode_windows,
    viterbi,
)
from chronik.nlp.ner.model_files import METRICS_FILE
from chronik.nlp.ner.tiers import tag_sentences
from chronik.settings import Settings
from training.ner_accurate import VERSION, TrainingOptions, export, train

UD_DIR = Path("../shared/data/ud-german")
UD_FILES = ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu", "de_pud-ud-test.conllu")
UD_SOURCE = (
    "German Universal Dependencies: UD_German-GSD dev+test (CC BY-SA 4.0), UD_German-PUD test "
    "(CC BY-SA 3.0); tokens only, tagged by the teachers"
)
# The excerpt of the German Political Speeches Corpus in a public git repository (a JSON file of
# pandas columns "person" and "speech"); --speeches takes that repository or the JSON file itself.
SPEECHES_REPO = Path("/work/.mirror/codecentric+codecentric.AI-bootcamp/repo")
SPEECHES_FILE = "notebooks/nlp_basics/data/speeches.json"
SPEECHES_SOURCE = (
    "German Political Speeches Corpus (Barbaresi, LREC 2018), excerpt of 549 speeches, each cut "
    "at 1,000 characters, from the git repository codecentric/codecentric.AI-bootcamp "
    "({file}, commit {commit}; CC BY-SA 4.0); split and tokenised by chronik's own pipeline, "
    "tagged by the teachers"
)
EXCERPT_CHARS = 1000  # the excerpt cuts every longer speech here, mid-sentence
# A sentence shorter than this is mostly a salutation or a heading; a longer one is a list or a
# missed sentence end, and both are far from the sentences the tagger is scored on.
MIN_WORDS, MAX_WORDS = 5, 60
STUDENT_SEED = 20141
TEACHER_SEEDS = (20141, 20142)  # the default cascade's members (metrics.json run_seeds)
SECOND_MEMBER = 20142  # the cascade's other member stays the gold-only model of this seed
# Half the gold-only runs' epochs: gold and pseudo-labelled sentences together are about twice as
# many, so the student takes about as many optimiser steps as its teachers did.
EPOCHS = 5
# Keep a sentence when its best path holds at least this share of the CRF's probability: below it
# the teachers are split between two readings of some word.
MIN_PROB = 0.9
LICENCE_FILE = "LICENCE-ud-pseudo-labels.md"  # also when the speeches are added
LICENCE_TEXT = """# Licence of finetuned-{seed}.npz, the self-trained member of the accurate tier

finetuned-{seed}.npz was trained (`python -m training.ner_selftrain`) on GermEval 2014
NER-de-dev (CC BY 4.0; Benikova, Biemann, Reznicek, LREC 2014) and on the sentences of these
texts, tagged by the gold-only members of the tier (pseudo-labels):

{sources}
As a work derived from CC BY-SA data, this model file is distributed under CC BY-SA 4.0
(https://creativecommons.org/licenses/by-sa/4.0/; CC BY-SA 3.0 allows adaptations under a later
version), separate from chronik's Apache-2.0 code and from the other model files here. No sentence
of these texts is stored in it or shipped.
"""
UD_LICENCE = """- UD_German-GSD, dev and test (commit 297fcf3), CC BY-SA 4.0; McDonald et al. 2013
- UD_German-PUD, test (commit ff80846), CC BY-SA 3.0; Zeman et al. 2017
  (https://universaldependencies.org)
"""
SPEECHES_LICENCE = """- German Political Speeches Corpus, CC BY-SA 4.0; Barbaresi, Adrien (2018):
  A corpus of German political speeches from the 21st century, LREC 2018, pp. 792-797
  (http://purl.org/corpus/german-speeches): the excerpt of 549 speeches, each cut at 1,000
  characters, in {file} of the git repository codecentric/codecentric.AI-bootcamp
  (commit {commit})
"""


@dataclass
class Pool:
    """Unlabelled sentences from one source, with the words that say where they came from."""

    name: str
    sentences: list[list[str]]
    source: str  # for the model's metadata and metrics.json
    licence: str  # the source's lines in LICENCE_FILE


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


def load_speeches(source: Path) -> tuple[list[str], str]:
    """The speeches' texts in corpus order, and the commit they were read from."""
    if source.is_dir():
        git = ["git", "-C", str(source)]
        try:
            raw = subprocess.run(
                [*git, "show", f"HEAD:{SPEECHES_FILE}"], capture_output=True, check=True
            ).stdout
            commit = subprocess.run(
                [*git, "rev-parse", "HEAD"], capture_output=True, check=True, text=True
            ).stdout.strip()
        except subprocess.CalledProcessError as exc:
            raise SystemExit(
                f"--speeches {source}: cannot read {SPEECHES_FILE} from this git repository "
                f"({exc.stderr.decode(errors='replace').strip()}); give the repository of "
                "codecentric/codecentric.AI-bootcamp or its speeches.json, or leave out --speeches"
            ) from None
    elif source.is_file():
        raw, commit = source.read_bytes(), "unknown (read from a file)"
    else:
        raise SystemExit(
            f"--speeches {source}: no such file or directory; give the git repository of "
            f"codecentric/codecentric.AI-bootcamp or its {SPEECHES_FILE}, or leave out --speeches"
        )
    speeches = json.loads(raw)["speech"]
    texts = [speeches[key] for key in sorted(speeches, key=int)]
    return texts, commit


def text_sentences(nlp, text: str) -> list[list[str]]:
    """The words of each sentence as the tagger gets them at run time (chronik's tokeniser,
    sentence splitter and word clean-up); a line break ends a paragraph, so a sentence too. The
    last sentence of a speech cut at EXCERPT_CHARS is dropped: it stops mid-word."""
    out: list[list[str]] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        doc = set_sentence_starts(pipeline.tokenise(nlp, paragraph))
        for sent in doc.sents:
            tokens = [t for t in sent if not t.is_space]
            if tokens:
                out.append(_tagger_words(tokens))
    if len(text) >= EXCERPT_CHARS and out:
        out.pop()
    return out


def is_complete(words: Sequence[str]) -> bool:
    """Ends with terminal punctuation, perhaps inside a closing quote or bracket: no salutation
    ('Sehr geehrte Damen und Herren,') and no fragment."""
    last = words[-2] if len(words) > 1 and words[-1] in CLOSERS else words[-1]
    return last in TERMINALS


def duplicate_key(words: Sequence[str]) -> tuple[str, ...]:
    """Sentences that differ only in case, punctuation or digits are near-duplicates: a
    repeated formula teaches the student one reading many times."""
    return tuple(re.sub(r"\d", "0", w.lower()) for w in words if any(c.isalnum() for c in w))


def prepare_sentences(
    nlp, texts: Sequence[str], seen: set[tuple[str, ...]] | None = None
) -> list[list[str]]:
    """Whole sentences of MIN_WORDS..MAX_WORDS words, each near-duplicate (also of a sentence in
    `seen`, which grows) once."""
    seen = set() if seen is None else seen
    kept = []
    for text in texts:
        for words in text_sentences(nlp, text):
            if not MIN_WORDS <= len(words) <= MAX_WORDS or not is_complete(words):
                continue
            key = duplicate_key(words)
            if key in seen:
                continue
            seen.add(key)
            kept.append(words)
    return kept


def tokenising_pipeline():
    """chronik's pipeline with every component after the sentence splitter switched off."""
    return pipeline.build(Settings(disabled=tuple(pipeline.FACTORIES)))


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


def read_pools(ud_dir: Path, speeches: Path | None) -> list[Pool]:
    """The UD treebanks, and the speeches (without sentences the treebanks already hold)."""
    ud = read_ud(ud_dir)
    pools = [Pool("ud", ud, UD_SOURCE, UD_LICENCE)]
    if speeches is not None:
        texts, commit = load_speeches(speeches)
        seen = {duplicate_key(words) for words in ud}
        sentences = prepare_sentences(tokenising_pipeline(), texts, seen)
        where = {"file": SPEECHES_FILE, "commit": commit}
        pools.append(
            Pool(
                "speeches",
                sentences,
                SPEECHES_SOURCE.format(**where),
                SPEECHES_LICENCE.format(**where),
            )
        )
    return pools


def pseudo_label_pools(
    teachers: Sequence[Path], pools: Sequence[Pool], min_prob: float
) -> tuple[list[germeval.Sentence], dict]:
    """Each pool's confident pseudo-labels, one after the other, with figures per pool."""
    kept: list[germeval.Sentence] = []
    stats = {}
    for pool in pools:
        labelled, stats[pool.name] = pseudo_label(teachers, pool.sentences, min_prob)
        kept.extend(labelled)
    return kept, stats


def pools_source(pools: Sequence[Pool]) -> str:
    return "; ".join(pool.source for pool in pools)


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
        "--speeches",
        type=Path,
        nargs="?",
        const=SPEECHES_REPO,
        default=None,
        help="add the political speeches to the pool: the git repository "
        f"codecentric/codecentric.AI-bootcamp (alone: {SPEECHES_REPO}) or its speeches.json "
        "(not by default: the shipped student was trained without them)",
    )
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


def run_validation(
    args: argparse.Namespace, gold: Sequence[germeval.Sentence], pools: Sequence[Pool]
) -> dict:
    from training.ner_fast import split

    teachers = args.validation_teachers or [
        args.out / f"validation-{seed}.npz" for seed in TEACHER_SEEDS
    ]
    _check_teachers(teachers)
    train_part, held = split(gold)
    pseudo, stats = pseudo_label_pools(teachers, pools, args.min_prob)
    print(json.dumps({"pseudo_labels": stats}), flush=True)
    options = TrainingOptions(epochs=args.epochs, seed=args.seed)
    model, tags, log = train([*train_part, *pseudo], options, held)
    path = args.out / f"student-validation-{args.seed}.npz"  # for comparing; not shipped
    export(model, tags, options, path, {"pseudo_labels": pools_source(pools)})
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


def run_final(
    args: argparse.Namespace, gold: Sequence[germeval.Sentence], pools: Sequence[Pool], data: Path
) -> dict:
    teachers = args.teachers or [args.out / f"finetuned-{seed}.npz" for seed in TEACHER_SEEDS]
    _check_teachers(teachers)
    pseudo, stats = pseudo_label_pools(teachers, pools, args.min_prob)
    print(json.dumps({"pseudo_labels": stats}), flush=True)
    options = TrainingOptions(epochs=args.epochs, seed=args.seed)
    model, tags, log = train([*gold, *pseudo], options)
    meta = {"data": data.name, "pseudo_labels": pools_source(pools)}
    export(model, tags, options, args.out / f"finetuned-{args.seed}.npz", meta)
    sources = "\n".join(pool.licence for pool in pools)
    text = LICENCE_TEXT.format(seed=args.seed, sources=sources)
    (args.out / LICENCE_FILE).write_text(text, encoding="utf-8")
    return {"final_pseudo_labels": stats, "final_history": log["history"]}


def write_selftrain_metrics(
    out: Path, info: dict, seed: int, epochs: int, source: str = UD_SOURCE
) -> None:
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
        "source": source,
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
    pools = read_pools(args.ud, args.speeches)
    print(json.dumps({"pools": {pool.name: len(pool.sentences) for pool in pools}}), flush=True)
    info: dict = {}
    if args.only != "final":
        info.update(run_validation(args, gold, pools))
    if args.only != "validation":
        info.update(run_final(args, gold, pools, data))
    write_selftrain_metrics(args.out, info, args.seed, args.epochs, pools_source(pools))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
