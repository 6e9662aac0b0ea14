"""The chronik command end to end, as a user runs it: real files, a real database, real exit
codes."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chronik.eval.format import validate_record
from tests.conftest import EXAMPLE_REPORT

DATED = """date 2022-12-05 Schoigu traf Lukaschenko in Minsk. Die Gespräche dauerten lange.
date 2022-12-06
Die Ukraine wirft Russland vor, gezielt die Energieinfrastruktur anzugreifen. Die russische Seite bestreitet das.
date 2022-12
Belarus hat Truppen an die Grenze verlegt.
"""


def chronik(*args: str, db: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHRONIK_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "chronik", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "reports.txt").write_text(DATED, encoding="utf-8")
    (folder / "more.jsonl").write_text(
        json.dumps({"id": "x-1", "date": "2023-01-10", "text": "Selenskyj besuchte Washington."})
        + "\n"
        + "{not json\n",
        encoding="utf-8",
    )
    return folder


def test_ingest_reports_skips_and_is_idempotent(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    first = chronik("ingest", str(corpus), "--json", db=db)
    assert first.returncode == 1, first.stderr
    summary = json.loads(first.stdout)
    assert summary["added"] == 4
    assert summary["skipped"] == 1
    assert "more.jsonl:2" in summary["skipped_inputs"][0]
    second = chronik("ingest", str(corpus), "--json", db=db)
    again = json.loads(second.stdout)
    assert (again["added"], again["duplicates"]) == (0, 4)


def test_clean_input_exits_zero_and_export_is_valid(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    assert chronik("ingest", str(corpus / "reports.txt"), db=db).returncode == 0
    exported = chronik("export", db=db)
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["date"] for r in records] == ["2022-12", "2022-12-05", "2022-12-06"]
    for record in records:
        assert validate_record(record) == []
    shown = chronik("show", records[1]["id"][:8], "--json", db=db)
    assert json.loads(shown.stdout)["sentences"][0]["text"] == "Schoigu traf Lukaschenko in Minsk."
    found = json.loads(chronik("search", "Energieinfrastruktur", "--json", db=db).stdout)
    assert found["total"] == 1
    contested = json.loads(chronik("claims", "--json", db=db).stdout)["pairs"]
    assert [sorted((p["a"]["certainty"], p["b"]["certainty"])) for p in contested] == [
        ["alleged", "denied"]
    ]
    shown = json.loads(chronik("entity", "show", "Minsk", "--json", db=db).stdout)
    assert shown["entity"]["canonical"] == "Minsk"
    assert [r["id"] for r in shown["reports"]] == [records[1]["id"]]
    missing = chronik("entity", "show", "Niemand Unbekannt", db=db)
    assert missing.returncode == 1 and "no entity named" in missing.stderr
    events = json.loads(chronik("timeline", "--type", "CONSULT", "--json", db=db).stdout)["events"]
    assert sorted(e["trigger_text"] for e in events) == [
        "Gespräche",
        "traf",
    ]  # each trigger is one event
    assert {e["report_date"] for e in events} == {"2022-12-05"}


def test_export_writes_each_format_with_the_filters_of_the_downloads(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "f.db"
    assert chronik("ingest", str(corpus / "reports.txt"), db=db).returncode == 0
    written = {}
    for fmt in ("jsonl", "csv", "gexf", "graphml", "geojson"):
        target = tmp_path / f"out.{fmt}"
        args = ["export", "--format", fmt, "-o", str(target), "--start", "2022-12"]
        result = chronik(*args, db=db)
        assert result.returncode == 0, result.stderr
        assert not (tmp_path / f"out.{fmt}.partial").exists()
        written[fmt] = target.read_text(encoding="utf-8")
    assert all(validate_record(json.loads(x)) == [] for x in written["jsonl"].splitlines())
    rows = list(csv.DictReader(io.StringIO(written["csv"])))
    assert {"Gespräche", "traf"} <= {row["trigger"] for row in rows}
    for fmt in ("gexf", "graphml"):
        names = {el.get("label") or el.text for el in ET.fromstring(written[fmt]).iter()}
        assert {"Ukraine", "Russia"} <= {str(n) for n in names}
    assert json.loads(written["geojson"])["type"] == "FeatureCollection"
    bogus = chronik("export", "--format", "pdf", db=db)
    assert bogus.returncode == 2 and "choose one of jsonl, csv" in bogus.stderr


def test_analyse_prints_valid_annotation_records_without_storing(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    result = chronik("analyse", str(EXAMPLE_REPORT), db=db)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["date"] == "2022-12"
    assert record["text"].startswith("Russlands Verteidigungsminister")
    assert validate_record(record) == []
    assert not db.exists()


def test_usage_errors_exit_two(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "u.db"
    bad_date = chronik("ingest", str(corpus), "--date", "2022-13", db=db)
    assert bad_date.returncode == 2
    assert "impossible month" in bad_date.stderr
    assert chronik("ingest", str(corpus), "--format", "pdf", db=db).returncode == 2


def test_unknown_filter_values_are_usage_errors_not_empty_answers(tmp_path: Path) -> None:
    bogus = chronik("timeline", "--type", "bogus", db=tmp_path / "t.db")
    assert bogus.returncode == 2 and "BOGUS: choose from" in bogus.stderr
    assert "Traceback" not in bogus.stderr
    certainty = chronik("timeline", "--certainty", "sure", db=tmp_path / "t.db")
    assert certainty.returncode == 2 and "sure: choose from" in certainty.stderr


def test_export_to_a_missing_folder_is_a_clear_error_and_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.jsonl"
    result = chronik("export", "-o", str(target), db=tmp_path / "e.db")
    assert result.returncode == 2
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert not target.parent.exists()


def test_entity_corrections_print_sentences_for_people_and_json_for_programs(
    tmp_path: Path, corpus: Path
) -> None:
    db = tmp_path / "c.db"
    assert chronik("ingest", str(corpus), db=db).returncode == 1  # more.jsonl:2 is skipped
    alias = chronik("entity", "alias", "add", "Weißrussland", "Belarus", "--type", "LOC", db=db)
    assert alias.returncode == 0, alias.stderr
    assert alias.stdout.startswith("Weißrussland now names Belarus (LOC); ")
    assert "{" not in alias.stdout
    listed = chronik("entity", "decisions", "--json", db=db)
    decisions = json.loads(listed.stdout)
    assert [d["action"] for d in decisions] == ["alias"]
    undone = chronik("entity", "undo", str(decisions[0]["id"]), db=db)
    assert undone.stdout.startswith(f"decision {decisions[0]['id']} (alias) undone; ")


def test_unknown_report_id_is_a_clear_error(tmp_path: Path, corpus: Path) -> None:
    result = chronik("show", "0000000000", db=tmp_path / "s.db")
    assert result.returncode == 1
    assert "no report with id" in result.stderr


def test_kill_during_ingest_leaves_a_consistent_store_and_rerun_completes(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for i in range(300):
            text = (
                f"Bericht {i}: Die Regierung in Kiew meldete neue Angriffe. Moskau bestreitet das. "
                * 3
            )
            handle.write(
                json.dumps({"id": f"k-{i}", "date": f"2022-{1 + i % 12:02d}", "text": text}) + "\n"
            )
    db = tmp_path / "k.db"
    env = {**os.environ, "CHRONIK_DB": str(db), "CHRONIK_BATCH_SIZE": "4"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "chronik", "ingest", str(source)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        stored = _count(db, "SELECT count(*) FROM reports")
        if stored >= 15:
            break
    assert proc.poll() is None, "ingest finished before it could be killed; make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 15 <= _count(db, "SELECT count(*) FROM reports") < 300
    assert _count(db, "PRAGMA integrity_check", text=True) == "ok"
    assert (
        _count(db, "SELECT count(*) FROM reports WHERE id NOT IN (SELECT report_id FROM sentences)")
        == 0
    )
    rerun = chronik("ingest", str(source), "--json", db=db)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(db, "SELECT count(*) FROM reports") == 300
    assert _count(db, "SELECT count(DISTINCT source_id) FROM reports") == 300


def _count(db: Path, sql: str, text: bool = False):  # type: ignore[no-untyped-def]
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return "" if text else 0  # schema not created yet
    finally:
        conn.close()


def test_entity_list_filters_and_alias_list_remove_warn(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "l.db"
    assert chronik("ingest", str(corpus), db=db).returncode == 1  # more.jsonl:2 is skipped
    places = json.loads(chronik("entity", "list", "--type", "LOC", "--json", db=db).stdout)
    assert places and {p["type"] for p in places} == {"LOC"}
    assert [p["n_mentions"] for p in places] == sorted(
        (p["n_mentions"] for p in places), reverse=True
    )
    named = json.loads(chronik("entity", "list", "--name", "min", "--json", db=db).stdout)
    assert [p["canonical"] for p in named] == ["Minsk"]
    table = chronik("entity", "list", "--min-mentions", "1", db=db)
    assert table.returncode == 0 and "Minsk" in table.stdout
    assert chronik("entity", "list", "--type", "CITY", db=db).returncode == 2
    same = [
        json.loads(chronik("entity", "show", n, "--json", db=db).stdout)["entity"]["id"]
        for n in ("Schoigu", "Shoigu", "Шойгу", "Sergei Shoigu")
    ]
    assert len(set(same)) == 1
    typo = chronik("entity", "alias", "add", "Weissrusland", "Belarus", "--type", "LOC", db=db)
    assert typo.returncode == 0 and "no stored mention is written 'Weissrusland'" in typo.stderr
    listed = json.loads(chronik("entity", "alias", "list", "--json", db=db).stdout)
    assert [(a["variant"], a["canonical"]) for a in listed] == [("Weissrusland", "Belarus")]
    removed = chronik("entity", "alias", "remove", "Weissrusland", db=db)
    assert removed.returncode == 0 and removed.stdout.startswith("alias Weissrusland removed")
    assert json.loads(chronik("entity", "alias", "list", "--json", db=db).stdout) == []
    again = chronik("entity", "alias", "remove", "Weissrusland", db=db)
    assert again.returncode == 1 and "no alias 'Weissrusland'" in again.stderr
