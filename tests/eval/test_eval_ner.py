"""The GermEval 2014 scorer on tiny hand-made files, and `chronik eval ner` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronik.errors import ChronikError
from chronik.eval import ner
from chronik.nlp.ner import germeval


def write_tsv(path: Path, sentences: list[list[tuple[str, str]]]) -> Path:
    lines = []
    for n, sentence in enumerate(sentences):
        lines.append(f"#\thttp://example.org/{n}\t[2010-01-01]")
        lines += [f"{i}\t{tok}\t{tag}\tO" for i, (tok, tag) in enumerate(sentence, start=1)]
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_chunks_follow_conll_reading_of_bio() -> None:
    tags = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "B-LOCderiv", "I-LOCderiv"]
    assert germeval.chunks(tags) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
        (6, 8, "LOCderiv"),
    ]


def test_identical_tags_score_one() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    scores = ner.score(gold, gold)
    assert (scores.strict.precision, scores.strict.recall, scores.strict.f1) == (1.0, 1.0, 1.0)
    assert scores.strict.tp == 2


def test_boundary_error_is_both_a_false_positive_and_a_false_negative() -> None:
    scores = ner.score([["B-PER", "I-PER", "O"]], [["B-PER", "O", "O"]])
    assert (scores.strict.tp, scores.strict.fp, scores.strict.fn) == (0, 1, 1)
    assert scores.strict.f1 == 0.0


def test_fine_class_counts_in_strict_but_not_in_coarse() -> None:
    gold = [["B-LOCderiv", "O", "B-ORGpart", "B-PER"]]
    pred = [["B-LOC", "O", "B-ORG", "B-PER"]]
    scores = ner.score(gold, pred)
    assert (scores.strict.tp, scores.strict.fp, scores.strict.fn) == (1, 2, 2)
    assert (scores.coarse.tp, scores.coarse.fp, scores.coarse.fn) == (3, 0, 0)
    assert scores.per_class["LOCderiv"].fn == 1 and scores.per_class["LOC"].fp == 1


def test_micro_average_over_sentences() -> None:
    gold = [["B-PER", "O"], ["B-LOC", "B-ORG"], ["O", "O"]]
    pred = [["B-PER", "O"], ["B-LOC", "O"], ["B-OTH", "O"]]
    scores = ner.score(gold, pred)
    assert scores.strict.precision == pytest.approx(2 / 3)
    assert scores.strict.recall == pytest.approx(2 / 3)
    assert scores.per_class["ORG"].fn == 1 and scores.per_class["OTH"].fp == 1
    assert scores.tokens == 6 and scores.sentences == 3


def test_no_predictions_and_no_gold_give_zero_not_an_error() -> None:
    scores = ner.score([["O", "O"]], [["O", "O"]])
    assert scores.strict.f1 == 0.0 and scores.strict.tp + scores.strict.fp + scores.strict.fn == 0


def test_score_files_reads_three_and_four_column_files(tmp_path: Path) -> None:
    gold = write_tsv(
        tmp_path / "gold.tsv",
        [[("Angela", "B-PER"), ("Merkel", "I-PER"), ("in", "O"), ("Paris", "B-LOC")]],
    )
    pred = tmp_path / "pred.tsv"
    pred.write_text(
        "#\tx\n1\tAngela\tB-PER\n2\tMerkel\tI-PER\n3\tin\tO\n4\tParis\tB-ORG\n\n", encoding="utf-8"
    )
    scores = ner.score_files(gold, pred)
    assert (scores.strict.tp, scores.strict.fp, scores.strict.fn) == (1, 1, 1)


def test_score_files_refuses_other_tokenisation(tmp_path: Path) -> None:
    gold = write_tsv(tmp_path / "gold.tsv", [[("New", "B-LOC"), ("York", "I-LOC")]])
    pred = write_tsv(tmp_path / "pred.tsv", [[("New York", "B-LOC"), ("!", "O")]])
    with pytest.raises(ChronikError, match="tokens differ"):
        ner.score_files(gold, pred)


def test_write_then_read_keeps_tokens_and_tags(tmp_path: Path) -> None:
    gold = write_tsv(
        tmp_path / "gold.tsv", [[("Die", "O"), ("EU-Kommission", "B-ORGpart")], [("Ja", "O")]]
    )
    sentences = germeval.read(gold)
    germeval.write(tmp_path / "out.tsv", sentences, [s.tags for s in sentences])
    again = germeval.read(tmp_path / "out.tsv")
    assert [s.tokens for s in again] == [["Die", "EU-Kommission"], ["Ja"]]
    assert [s.tags for s in again] == [["O", "B-ORGpart"], ["O"]]


def test_run_tags_the_given_tokens_and_reports_json(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    gold = write_tsv(
        tmp_path / "gold.tsv",
        [
            [
                ("Angela", "B-PER"),
                ("Merkel", "I-PER"),
                ("besuchte", "O"),
                ("Paris", "B-LOC"),
                (".", "O"),
            ],
            [
                ("Die", "O"),
                ("russische", "B-LOCderiv"),
                ("Regierung", "O"),
                ("schweigt", "O"),
                (".", "O"),
            ],
        ],
    )
    out = tmp_path / "pred.tsv"
    assert ner.run(gold, out, "fast", as_json=True) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["sentences"] == 2 and result["tokens"] == 10
    assert set(result["strict"]) >= {"precision", "recall", "f1"}
    predicted = germeval.read(out)
    assert [s.tokens for s in predicted] == [s.tokens for s in germeval.read(gold)]
    assert all(tag == "O" or tag[:2] in ("B-", "I-") for s in predicted for tag in s.tags)
    rescored = ner.score_files(gold, out)
    assert rescored.strict.f1 == pytest.approx(result["strict"]["f1"], abs=1e-4)


def test_run_on_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert ner.run(tmp_path / "nope.tsv", None, "fast", as_json=False) == 2
