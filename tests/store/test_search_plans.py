"""The plans that keep queries fast at 100,000 reports give the answers of the plain ones (issue 19):
search as of a day with reports ingested out of date order, the capped and newest-first pages, a
store with superseded versions (searched through the join) and one without (the FTS index alone),
the events of an entity collected or walked, and the indexes of migrations 0006 and 0007."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from chronik.dates import parse_iso
from chronik.store import filters, queries
from chronik.store import search as search_module
from chronik.store.db import Store, open_store, write_report
from chronik.types import Annotations, Report, Span

# ingested in this order; r3 is an old report that arrives last, r4 a new one that arrives early
REPORTS = [
    ("r4", "2023-05-01", "Neue Gespräche in Minsk über den Waffenstillstand."),
    ("r1", "2021-01-10", "Gespräche in Minsk ohne Ergebnis."),
    ("r2", "2022-03-02", "Das Gespräch in Minsk wurde vertagt."),
    ("r5", None, "Ein undatiertes Gespräch in Minsk."),
    ("r3", "2020-06-15", "Erste Gespräche in Minsk."),
]


def _fill(store: Store) -> Store:
    for rid, day, text in REPORTS:
        ann = Annotations(sentences=[Span(0, len(text), text)])
        write_report(store, Report(id=rid, text=text, date=parse_iso(day) if day else None), ann)
    return store


def _ids(store: Store, q: str, **kw) -> list[str]:
    return [r["id"] for r in queries.search(store, q, **kw)["results"]]


def _known(day: date) -> set[str]:
    return {rid for rid, d, _ in REPORTS if d and parse_iso(d).latest() <= day}


@pytest.mark.parametrize("day", [date(2020, 7, 1), date(2021, 6, 1), date(2022, 12, 31)])
def test_search_as_of_finds_reports_ingested_out_of_date_order(store, day, monkeypatch) -> None:
    _fill(store)
    ranked = queries.search(store, "Gespräch", as_of=day)
    assert set(_ids(store, "Gespräch", as_of=day)) == _known(day)
    assert ranked["ranked"] is True
    # the newest-ingested-first page of a common word, and capped totals, keep the same reports
    monkeypatch.setattr(search_module, "RANK_LIMIT", 0)
    monkeypatch.setattr(search_module, "COUNT_CAP", 1)
    unranked = queries.search(store, "Gespräch", as_of=day)
    assert unranked["ranked"] is False
    assert set(_ids(store, "Gespräch", as_of=day)) == _known(day)
    assert unranked["total_capped"] is (len(_known(day)) > 1)
    order = [rid for rid, *_ in REPORTS if rid in _known(day)][::-1]  # newest ingested first
    assert [r["id"] for r in unranked["results"]] == order


def test_search_as_of_before_every_report_is_empty(store) -> None:
    _fill(store)
    result = queries.search(store, "Minsk", as_of=date(2019, 1, 1))
    assert (result["total"], result["results"]) == (0, [])
    assert set(_ids(store, "Minsk")) == {"r1", "r2", "r3", "r4", "r5"}


def test_a_superseded_version_is_not_found_and_current_ones_are(store, monkeypatch) -> None:
    _fill(store)
    assert set(_ids(store, "Minsk")) == {"r1", "r2", "r3", "r4", "r5"}  # all current: FTS alone
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE reports SET is_current = 0 WHERE id = 'r2'"))
    for limit_rank in (5_000, 0):  # ranked, then newest first
        monkeypatch.setattr(search_module, "RANK_LIMIT", limit_rank)
        assert set(_ids(store, "Minsk")) == {"r1", "r3", "r4", "r5"}
        assert queries.search(store, "Minsk")["total"] == 4


def test_search_pages_do_not_overlap_and_cover_all_matches(store, monkeypatch) -> None:
    _fill(store)
    for limit_rank in (5_000, 0):  # ranked, then newest first
        monkeypatch.setattr(search_module, "RANK_LIMIT", limit_rank)
        pages = [_ids(store, "Minsk", limit=2, offset=o) for o in (0, 2, 4)]
        assert [len(p) for p in pages] == [2, 2, 1]
        assert sorted(i for p in pages for i in p) == ["r1", "r2", "r3", "r4", "r5"]


def test_postgres_search_plans_give_the_same_reports(pg_url, monkeypatch) -> None:
    pg = _fill(open_store(pg_url))
    for day in (date(2020, 7, 1), date(2022, 12, 31), None):
        expected = _known(day) if day else {"r1", "r2", "r3", "r4", "r5"}
        assert set(_ids(pg, "Gespräch", as_of=day)) == expected
        monkeypatch.setattr(search_module, "PG_RANK_LIMIT", 0)  # common word: newest first
        newest = queries.search(pg, "Gespräch", as_of=day)
        monkeypatch.undo()
        assert newest["ranked"] is False
        dated = sorted(
            (parse_iso(d).earliest(), rid) for rid, d, _ in REPORTS if rid in expected and d
        )
        undated = [rid for rid in expected if rid == "r5"]
        assert [r["id"] for r in newest["results"]] == [rid for _, rid in dated[::-1]] + undated


def test_postgres_has_the_indexes_of_migrations_0006_and_0007(pg_url) -> None:
    pg = open_store(pg_url)
    with pg.engine.connect() as conn:
        names = set(conn.scalars(sa.text("SELECT indexname FROM pg_indexes")))
    assert {
        "ix_reports_current_date_start_desc",
        "ix_events_earliest_desc_id_desc",
        "ix_reports_current_date_end_desc",
        "ix_mentions_entity_id_id",
        "ix_event_args_mention_id_role_event_id",
        "ix_event_args_event_id_role_mention_id",
        "ix_mentions_id_covering",
    } <= names
    assert "ix_event_args_event_id_covering" not in names  # made redundant by 0007


def test_sqlite_has_the_portable_index_of_migration_0007(store) -> None:
    with store.engine.connect() as conn:
        names = set(conn.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'index'")))
    assert "ix_event_args_event_id_role_mention_id" in names
    assert "ix_reports_current_date_start_desc" not in names  # PostgreSQL only


def test_collected_events_are_those_of_the_walk(store, monkeypatch) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from explore_world import build_world

    build_world(store)
    with store.engine.connect() as conn:
        ids = conn.scalars(sa.text("SELECT id FROM entities ORDER BY id")).all()
    collected = [queries.edge_events(store, queries.Filters(), i)["events"] for i in ids]
    place = [queries.timeline(store, queries.Filters(place=str(i)))["events"] for i in ids]
    assert any(collected) and any(place)
    monkeypatch.setattr(filters, "HEAVY", 0)  # every entity walked instead
    assert [queries.edge_events(store, queries.Filters(), i)["events"] for i in ids] == collected
    assert [queries.timeline(store, queries.Filters(place=str(i)))["events"] for i in ids] == place
