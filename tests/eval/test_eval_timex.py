"""The timex scorer on tiny hand-made gold files: matching, figures, prediction files, exit
codes."""

from __future__ import annotations

import json
from pathlib import Path

from chronik.eval import timeml
from chronik.eval import timex as scorer
from chronik.eval.timex import GoldDoc, Scores, match, score_doc
from chronik.types import Timex

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>a</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-12-07" temporalFunction="false" functionInDocument="CREATION_TIME">2022-12-07</TIMEX3></DCT>
<TEXT>
Schoigu &amp; Chrenin <EVENT eid="e1">trafen</EVENT> sich am <TIMEX3 tid="t1" type="DATE" value="2022-12-05">Montag</TIMEX3>. Im <TIMEX3 tid="t2" type="DATE" value="2022-10">Oktober</TIMEX3> war es still, <TIMEX3 tid="t3" type="DURATION" value="P3D">drei Tage</TIMEX3> lang. Bislang gab es <TIMEX3 tid="t4" type="SET" value="P1W">jede Woche</TIMEX3> Gespräche.
</TEXT>
</TimeML>
"""


def timex(start: int, end: int, text: str, type_: str, value: str) -> Timex:
    return Timex(start=start, end=end, text=text, type=type_, value=value)


def test_read_timeml_strips_tags_decodes_entities_and_skips_the_dct():
    doc = timeml.read(TML)
    assert doc.date is not None and doc.date.iso == "2022-12-07"
    assert doc.text.startswith("\nSchoigu & Chrenin trafen sich am Montag.")
    assert [(t["text"], t["type"], t["value"]) for t in doc.timexes] == [
        ("Montag", "DATE", "2022-12-05"),
        ("Oktober", "DATE", "2022-10"),
        ("drei Tage", "DURATION", "P3D"),
        ("jede Woche", "SET", "P1W"),
    ]
    for t in doc.timexes:
        assert doc.text[t["start"] : t["end"]] == t["text"]


def test_a_dct_marked_only_by_its_element_is_read():
    raw = (
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2019-04-02">2.4.2019</TIMEX3></DCT>'
        "<TEXT>Gestern kam er.</TEXT></TimeML>"
    )
    assert timeml.parse_dct(raw).iso == "2019-04-02"
    assert timeml.parse_dct("<TimeML><TEXT>Gestern kam er.</TEXT></TimeML>") is None


def test_empty_timex3_elements_are_not_gold():
    raw = (
        '<TimeML><DCT><TIMEX3 type="DATE" value="2019-04-02" functionInDocument="CREATION_TIME">'
        "2.4.2019</TIMEX3></DCT><TEXT>Seit "
        '<TIMEX3 tid="t1" type="DURATION" value="P2Y">zwei Jahren</TIMEX3>'
        '<TIMEX3 tid="t2" type="DATE" value="2017-04"></TIMEX3> wartet er.</TEXT></TimeML>'
    )
    assert [t["text"] for t in timeml.read(raw).timexes] == ["zwei Jahren"]


def test_write_replaces_gold_timex3_keeps_dct_events_and_text():
    doc = timeml.read(TML)
    start = doc.text.index("Oktober")
    out = timeml.write(doc, [timex(start, start + 7, "Oktober", "DATE", "2022-10")])
    assert 'functionInDocument="CREATION_TIME">2022-12-07</TIMEX3>' in out
    assert '<EVENT eid="e1">trafen</EVENT>' in out and "&amp;" in out
    assert out.count("<TIMEX3") == 2  # the DCT and the one prediction
    assert '<TIMEX3 tid="t1" type="DATE" value="2022-10">Oktober</TIMEX3>' in out
    again = timeml.read(out)
    assert again.text == doc.text and [t["text"] for t in again.timexes] == ["Oktober"]


def test_matching_is_one_to_one_closest_first():
    gold = [{"start": 0, "end": 10}, {"start": 12, "end": 20}]
    predicted = [timex(0, 20, "x", "DATE", "1"), timex(12, 20, "y", "DATE", "2")]
    assert sorted(match(gold, predicted)) == [(0, 0), (1, 1)]


def test_scores_strict_relaxed_type_and_value():
    text = "am Montag und im Oktober und drei Tage lang"
    gold = [
        {"start": 3, "end": 9, "text": "Montag", "type": "DATE", "value": "2022-12-05"},
        {"start": 17, "end": 24, "text": "Oktober", "type": "DATE", "value": "2022-10"},
        {"start": 29, "end": 38, "text": "drei Tage", "type": "DURATION", "value": "P3D"},
    ]
    predicted = [
        timex(0, 9, "am Montag", "DATE", "2022-12-05"),  # relaxed only, right value
        timex(17, 24, "Oktober", "DATE", "2023-10"),  # strict, wrong value
        timex(39, 43, "lang", "SET", "P1D"),
    ]  # spurious
    scores = Scores()
    score_doc(scores, GoldDoc("a", "a", text, None, gold), predicted)
    result = scores.as_dict()
    assert (result["strict"]["tp"], result["relaxed"]["tp"]) == (1, 2)
    assert result["relaxed"]["precision"] == round(2 / 3, 4) and result["relaxed"][
        "recall"
    ] == round(2 / 3, 4)
    assert result["type_accuracy"] == 1.0 and result["value_accuracy"] == 0.5
    assert result["per_type"]["DATE"]["tp"] == 2 and result["per_type"]["DURATION"]["recall"] == 0.0
    assert result["per_type"]["SET"]["predicted"] == 1 and result["per_type"]["SET"]["tp"] == 0
    assert {e["kind"] for e in scores.errors} == {"mismatch", "missed", "spurious"}


def test_run_on_a_timeml_directory_writes_one_prediction_file_per_gold_file(tmp_path: Path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.tml").write_text(TML, encoding="utf-8")
    out = tmp_path / "pred"
    assert scorer.run(gold, out, as_json=True) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 1 and result["relaxed"]["gold"] == 4
    assert result["relaxed"]["f1"] == 1.0 and result["value_accuracy"] == 1.0
    predicted = timeml.read((out / "a.tml").read_text(encoding="utf-8"))
    assert predicted.text == timeml.read(TML).text
    assert [t["value"] for t in predicted.timexes] == ["2022-12-05", "2022-10", "P3D", "P1W"]


def test_run_on_json_lines(tmp_path: Path, capsys):
    record = {
        "id": "r1",
        "date": "2022-12",
        "lang": "de",
        "text": "Gestern und im Oktober.",
        "timexes": [
            {
                "id": "t1",
                "start": 0,
                "end": 7,
                "text": "Gestern",
                "type": "DATE",
                "value": "2022-12-XX",
            },
            {
                "id": "t2",
                "start": 15,
                "end": 22,
                "text": "Oktober",
                "type": "DATE",
                "value": "2022-10",
            },
        ],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert scorer.run(gold, tmp_path / "out", as_json=True) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["strict"]["f1"] == 1.0 and result["value_accuracy"] == 1.0
    written = json.loads((tmp_path / "out" / "gold.jsonl").read_text(encoding="utf-8"))
    assert [t["value"] for t in written["timexes"]] == ["2022-12-XX", "2022-10"]
    assert written["text"] == record["text"]


def test_a_dct_inside_text_is_neither_gold_nor_predicted(tmp_path: Path, capsys):
    raw = TML.replace(
        "<TEXT>\n",
        '<TEXT>\n<TIMEX3 tid="t9" type="DATE" value="2022-12-07" '
        'functionInDocument="CREATION_TIME">7. Dezember 2022</TIMEX3> ',
    )
    (tmp_path / "a.tml").write_text(raw, encoding="utf-8")
    assert scorer.run(tmp_path, tmp_path / "out", as_json=True) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["relaxed"]["gold"] == 4 and result["relaxed"]["predicted"] == 4
    assert (
        'functionInDocument="CREATION_TIME">7. Dezember 2022</TIMEX3>'
        in (tmp_path / "out" / "a.tml").read_text()
    )


def test_run_exit_codes(tmp_path: Path, capsys):
    assert scorer.run(tmp_path / "missing", None, as_json=False) == 2
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.tml").write_text("<TimeML>no text element</TimeML>", encoding="utf-8")
    (bad / "a.tml").write_text(TML, encoding="utf-8")
    assert scorer.run(bad, None, as_json=True) == 1
    assert "broken.tml" in capsys.readouterr().err


def test_error_classes_name_missed_spurious_extent_type_value_and_direction():
    from chronik.dates import parse_iso

    text = "am Freitag, jetzt, drei Tage und täglich"
    gold = [
        {"start": 3, "end": 10, "text": "Freitag", "type": "DATE", "value": "2022-12-02"},
        {"start": 12, "end": 17, "text": "jetzt", "type": "DATE", "value": "PRESENT_REF"},
        {"start": 19, "end": 28, "text": "drei Tage", "type": "DURATION", "value": "P3D"},
        {"start": 33, "end": 40, "text": "täglich", "type": "SET", "value": "P1D"},
    ]
    predicted = [
        timex(0, 10, "am Freitag", "DATE", "2022-12-09"),  # extent, value, direction
        timex(12, 17, "jetzt", "DATE", "2022-12-07"),  # value of a PRESENT_REF
        timex(19, 28, "drei Tage", "SET", "P3D"),  # type only
        timex(29, 32, "und", "DATE", "2022"),  # spurious
    ]
    scores = Scores()
    doc = GoldDoc("a", "a", text, parse_iso("2022-12-07"), gold)
    score_doc(scores, doc, predicted)
    classes = scores.as_dict()["error_classes"]
    assert classes["missed SET"] == 1 and classes["spurious DATE"] == 1
    assert classes["wrong extent"] == 1 and classes["wrong type"] == 1
    assert classes["wrong value DATE"] == 1 and classes["wrong value direction"] == 1
    assert classes["wrong value PRESENT_REF"] == 1 and classes["wrong value DURATION"] == 0
    first = next(e for e in scores.errors if e["gold"].startswith("'Freitag'"))
    assert first["classes"] == ["wrong extent", "wrong value DATE", "wrong value direction"]


def test_values_compare_clock_times_in_one_spelling_but_nothing_else():
    from chronik.eval.timex import normalise

    assert normalise("2011-03-17T8:30") == normalise("2011-03-17T08:30")
    assert normalise("2013-09-23T19.30") == "2013-09-23T19:30"
    assert normalise("XXXX-XX-XXT9:00") == "XXXX-XX-XXT09:00"
    assert normalise("PT0.25H") == "PT0.25H" and normalise("p1d") == "P1D"
    assert normalise("2011-03-17T08:30") != normalise("2011-03-17T08:31")
