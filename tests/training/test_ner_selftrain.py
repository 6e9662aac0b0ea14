"""Self-training helpers: reading unlabelled CoNLL-U text and the confidence of a pseudo-label."""

import itertools
import json
import math

import numpy as np
import pytest

pytest.importorskip("torch", reason="torch is only installed by `make models` (extra 'train')")

from training.ner_selftrain import best_path_probability, read_conllu

CONLLU = """# sent_id = a1
# text = Sie ging zum Hafen von Kiel.
1\tSie\tsie\tPRON\t_\t_\t2\tnsubj\t_\t_
2\tging\tgehen\tVERB\t_\t_\t0\troot\t_\t_
3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_
3\tzu\tzu\tADP\t_\t_\t5\tcase\t_\t_
4\tdem\tder\tDET\t_\t_\t5\tdet\t_\t_
5\tHafen\tHafen\tNOUN\t_\t_\t2\tobl\t_\t_
6\tvon\tvon\tADP\t_\t_\t7\tcase\t_\t_
7\tKiel\tKiel\tPROPN\t_\t_\t5\tnmod\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

# sent_id = a2
1\tJa\tja\tINTJ\t_\t_\t0\troot\t_\t_
1.1\tsagte\tsagen\tVERB\t_\t_\t_\t_\t0:root\t_
2\t!\t!\tPUNCT\t_\t_\t1\tpunct\t_\t_
"""


def test_conllu_keeps_contractions_whole_and_skips_empty_nodes(tmp_path) -> None:
    path = tmp_path / "two.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    assert read_conllu(path) == [
        ["Sie", "ging", "zum", "Hafen", "von", "Kiel", "."],
        ["Ja", "!"],
    ]


def test_best_path_probability_matches_enumerating_every_path() -> None:
    rng = np.random.default_rng(7)
    em, trans = rng.normal(size=(4, 3)), rng.normal(size=(3, 3))
    start, end = rng.normal(size=3), rng.normal(size=3)

    def path_score(path) -> float:
        total = start[path[0]] + em[0, path[0]] + end[path[-1]]
        return total + sum(
            trans[a, b] + em[t + 1, b] for t, (a, b) in enumerate(zip(path, path[1:]))
        )

    paths = list(itertools.product(range(3), repeat=4))
    z = sum(math.exp(path_score(p)) for p in paths)
    for path in ([0, 1, 2, 0], [2, 2, 2, 2]):
        expected = math.exp(path_score(path)) / z
        assert best_path_probability(em, trans, start, end, path) == pytest.approx(expected)


def test_student_figures_become_the_default_and_the_gold_only_ones_are_kept(tmp_path) -> None:
    from training.ner_selftrain import write_selftrain_metrics

    (tmp_path / "metrics.json").write_text(
        json.dumps({"accurate": {"version": "2", "validation": {"strict": {"f1": 0.5}}}})
    )
    info = {
        "validation": {"strict": {"f1": 0.6}},
        "validation_baseline": {"strict": {"f1": 0.5}},
        "pseudo_labels": {"kept": 3},
    }
    write_selftrain_metrics(tmp_path, info, 7, 5)
    entry = json.loads((tmp_path / "metrics.json").read_text())["accurate"]
    assert entry["validation"]["strict"]["f1"] == 0.6
    assert entry["validation_gold_only"]["strict"]["f1"] == 0.5
    assert entry["version"] == "2st"
    assert entry["selftrain"]["pseudo_labels"] == {"kept": 3}
    assert entry["selftrain"]["student_seed"] == 7
    assert entry["run_seeds"] == [7, 20142]


def test_a_student_is_refused_as_a_teacher(tmp_path) -> None:
    from training.ner_selftrain import _check_teachers

    gold_only, student = tmp_path / "a.npz", tmp_path / "b.npz"
    np.savez(gold_only, meta=np.array(json.dumps({"data": "x.tsv"})))
    np.savez(student, meta=np.array(json.dumps({"pseudo_labels": "ud"})))
    _check_teachers([gold_only])
    with pytest.raises(SystemExit):
        _check_teachers([gold_only, student])


SPEECH = (
    "Sehr geehrte Frau Präsidentin,\n"
    "heute eröffnen wir in Rostock das neue Zentrum für Meeresforschung. "
    "Das Land Mecklenburg-Vorpommern hat dafür 12 Millionen Euro bereitgestellt. "
    "Vielen Dank!\n"
    "Das Land Mecklenburg-Vorpommern hat dafür 30 Millionen Euro bereitgestellt.\n"
    "Frau Dr. Weber von der Universität Greifswald leitet das Projekt seit dem 3. Mai."
)


def words(sentence: str) -> list[str]:
    return sentence.split(" ")


def test_speech_sentences_are_whole_mid_length_and_each_formula_once() -> None:
    from training.ner_selftrain import duplicate_key, prepare_sentences, tokenising_pipeline

    opening = words("heute eröffnen wir in Rostock das neue Zentrum für Meeresforschung .")
    seen = {duplicate_key(opening)}  # a sentence already in another pool
    kept = prepare_sentences(tokenising_pipeline(), [SPEECH], seen)
    assert kept == [
        words("Das Land Mecklenburg-Vorpommern hat dafür 12 Millionen Euro bereitgestellt ."),
        words("Frau Dr. Weber von der Universität Greifswald leitet das Projekt seit dem 3. Mai ."),
    ]
    assert len(seen) == 3


def test_a_speech_cut_at_the_excerpt_length_loses_its_last_sentence() -> None:
    from training.ner_selftrain import EXCERPT_CHARS, text_sentences, tokenising_pipeline

    whole = "Die Stadt Passau liegt an drei Flüssen. " * 30
    cut = whole[: EXCERPT_CHARS - 20] + "Der Bürgermeister von Linz besuchte gestern"
    nlp = tokenising_pipeline()
    assert len(cut) >= EXCERPT_CHARS
    assert text_sentences(nlp, cut)[-1] == words("Die Stadt Passau liegt an drei Flüssen .")
    short = "Die Stadt Passau liegt an drei Flüssen. Der Bürgermeister kam"
    assert text_sentences(nlp, short)[-1] == words("Der Bürgermeister kam")


def test_speeches_are_read_in_corpus_order_and_a_missing_source_says_what_to_give(
    tmp_path,
) -> None:
    from training.ner_selftrain import load_speeches

    path = tmp_path / "speeches.json"
    speech = {"0": "Erste Rede.", "10": "Elfte Rede.", "2": "Dritte Rede."}
    path.write_text(json.dumps({"person": {}, "speech": speech}), encoding="utf-8")
    texts, commit = load_speeches(path)
    assert texts == ["Erste Rede.", "Dritte Rede.", "Elfte Rede."]
    assert commit.startswith("unknown")
    with pytest.raises(SystemExit, match="leave out --speeches"):
        load_speeches(tmp_path / "missing.json")
