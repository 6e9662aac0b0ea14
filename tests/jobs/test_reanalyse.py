"""Which stored reports are stale, and re-analysing them in this process."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from packaging.version import Version

from chronik.dates import parse_iso
from chronik.errors import ConfigError
from chronik.ingest import make_report
from chronik.jobs.reanalyse import is_stale, parse_since, reanalyse, release
from chronik.nlp import pipeline
from chronik.settings import Settings
from chronik.store import schema as t
from chronik.store.db import write_report

CURRENT = (
    "chronik-0.1.0+chronik_sentences+chronik_entities+chronik_timex+chronik_events+chronik_claims"
)


@pytest.mark.parametrize(
    ("stored", "since", "stale"),
    [
        ("chronik-0.1.0+chronik_sentences", "0.2.0", True),
        ("chronik-0.2.0+chronik_sentences", "0.2.0", False),
        ("chronik-0.2.1", "0.2.0", False),
        (
            "chronik-0.10.0+x",
            "0.9.1",
            False,
        ),  # by release order, not as strings ("0.10" < "0.9" as text)
        ("chronik-0.9.1+x", "0.10.0", True),
        ("chronik-1.0.0rc1+x", "1.0.0", True),
        (None, "0.1.0", True),  # never analysed
        ("spacy-3.8", "0.1.0", True),  # not a chronik version: nothing says it is up to date
    ],
)
def test_stale_by_release(stored, since, stale):
    assert is_stale(stored, parse_since(since), CURRENT) is stale


def test_without_since_any_difference_is_stale():
    assert is_stale(CURRENT, None, CURRENT) is False
    assert is_stale("chronik-0.1.0+chronik_sentences+chronik_entities", None, CURRENT) is True
    assert is_stale("chronik-0.0.9" + CURRENT[len("chronik-0.1.0") :], None, CURRENT) is True


def test_since_accepts_release_or_stored_version():
    assert (
        parse_since("0.2.0")
        == parse_since("chronik-0.2.0")
        == parse_since("chronik-0.2.0+a+b")
        == Version("0.2.0")
    )
    assert release("chronik-0.3.0") == Version("0.3.0")
    assert release("chronik-x") is None
    with pytest.raises(ConfigError, match=r"give a chronik release such as 0\.2\.0"):
        parse_since("yesterday")


def test_since_newer_than_this_chronik_is_refused(store):
    with pytest.raises(ConfigError, match=r"this chronik is 0\.1\.0"):
        reanalyse(store, Settings(), since="9.0.0")


def _mention_rows(store) -> dict[str, list[tuple]]:
    m = t.mentions.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(m.report_id, m.id, m.start, m.end, m.type).order_by(m.id)
        ).all()
    out: dict[str, list[tuple]] = {}
    for row in rows:
        out.setdefault(row.report_id, []).append(tuple(row[1:]))
    return out


def test_reanalyse_here_replaces_stale_reports_only(store, nlp):
    texts = [
        "Angela Merkel besuchte am Dienstag Paris.",
        "Die Polizei in Wien nahm im Oktober drei Männer fest.",
        "Emmanuel Macron sprach in Berlin mit Olaf Scholz.",
    ]
    reports = [
        make_report(text, parse_iso("2022-12-05"), source_id=f"s{i}")
        for i, text in enumerate(texts)
    ]
    for report, found in pipeline.analyse_many(nlp, reports):
        write_report(store, report, found)
    before = _mention_rows(store)
    old, kept = reports[0].id, reports[1].id
    with store.engine.begin() as conn:
        conn.execute(
            t.reports.update().where(t.reports.c.id == old).values(pipeline="chronik-0.0.5+old")
        )
        conn.execute(t.mentions.delete().where(t.mentions.c.report_id == old))

    summary = reanalyse(store, Settings(), since="0.1.0")

    after = _mention_rows(store)
    assert (summary.selected, summary.reanalysed, summary.stale_versions) == (
        1,
        1,
        {"chronik-0.0.5+old": 1},
    )
    assert [r[1:] for r in after[old]] == [r[1:] for r in before[old]] and after[
        old
    ]  # same facts, new rows
    assert after[kept] == before[kept]  # untouched: the very same rows
    assert summary.mentions == len(before[old])
    assert reanalyse(store, Settings(), since="0.1.0").selected == 0
    assert reanalyse(store, Settings()).selected == 0  # all now carry the current version


def test_another_ner_tier_makes_every_report_stale(store):
    fast = pipeline.build(Settings(tier="fast"))
    reports = [
        make_report(text, parse_iso("2022-12-05"), source_id=f"t{i}")
        for i, text in enumerate(["Olaf Scholz besuchte Paris.", "Die Polizei in Wien ermittelt."])
    ]
    for report, found in pipeline.analyse_many(fast, reports):
        write_report(store, report, found)
    assert "chronik_entities=entities:crf" in pipeline.version(fast)
    assert reanalyse(store, Settings(tier="fast")).selected == 0
    summary = reanalyse(store, Settings(tier="accurate"))
    assert (summary.selected, summary.reanalysed) == (2, 2)
    assert "chronik_entities=entities:e5" in summary.pipeline
    assert reanalyse(store, Settings(tier="accurate")).selected == 0
