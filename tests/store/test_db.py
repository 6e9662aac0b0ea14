import pytest
import sqlalchemy as sa

from chronik.dates import parse_iso
from chronik.store import schema as t
from chronik.store.db import (
    current_revision,
    open_store,
    replace_annotations,
    transaction,
    write_report,
)
from chronik.types import Annotations, Claim, Event, Mention, Report, Span


def _report(
    rid: str, text: str = "Schoigu traf Lukaschenko in Minsk.", source_id: str | None = None
) -> Report:
    return Report(id=rid, text=text, date=parse_iso("2022-12"), source_id=source_id)


def _annotations() -> Annotations:
    return Annotations(
        sentences=[Span(0, 34, "Schoigu traf Lukaschenko in Minsk.")],
        mentions=[
            Mention(0, 7, "Schoigu", "PER", id="m1", component="test"),
            Mention(28, 33, "Minsk", "LOC", id="m2", component="test"),
        ],
        events=[
            Event(
                "CONSULT",
                Span(8, 12, "traf"),
                actor=[Span(0, 7, "Schoigu")],
                place=[Span(28, 33, "Minsk")],
                id="v1",
                component="test",
            )
        ],
        claims=[
            Claim(
                0,
                34,
                "Schoigu traf Lukaschenko in Minsk.",
                "reported",
                events=["v1"],
                contradicts=["c2"],
                id="c1",
                component="test",
            ),
            Claim(0, 7, "Schoigu", "denied", contradicts=["c1"], id="c2", component="test"),
        ],
        pipeline="test-1",
    )


def _count(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_open_creates_schema_at_head_and_reopening_is_cheap(tmp_path) -> None:
    store = open_store(str(tmp_path / "a.db"))
    assert current_revision(store) is not None
    again = open_store(str(tmp_path / "a.db"))
    assert current_revision(again) == current_revision(store)


def test_sqlite_runs_in_wal_mode(store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_same_report_twice_is_stored_once(store) -> None:
    assert write_report(store, _report("r1"), _annotations()).status == "added"
    assert write_report(store, _report("r1"), _annotations()).status == "duplicate"
    assert _count(store, t.reports) == 1
    assert _count(store, t.mentions) == 2


def test_changed_text_with_same_source_id_is_a_new_version(store) -> None:
    write_report(store, _report("r1", source_id="dpa-1"))
    result = write_report(
        store, _report("r2", "Schoigu traf Lukaschenko in Minsk. Neu.", source_id="dpa-1")
    )
    assert result.status == "new_version"
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                t.reports.c.id, t.reports.c.version, t.reports.c.is_current, t.reports.c.supersedes
            ).order_by(t.reports.c.version)
        ).all()
    assert [(r.id, r.version, r.is_current, r.supersedes) for r in rows] == [
        ("r1", 1, False, None),
        ("r2", 2, True, "r1"),
    ]


def test_facts_keep_provenance_and_links(store) -> None:
    write_report(store, _report("r1"), _annotations())
    with store.engine.connect() as conn:
        arg = conn.execute(sa.select(t.event_args).where(t.event_args.c.role == "actor")).one()
        mention = conn.execute(sa.select(t.mentions).where(t.mentions.c.id == arg.mention_id)).one()
        links = conn.execute(sa.select(t.claim_links)).all()
        about = conn.execute(sa.select(t.claim_events)).all()
    assert (mention.text, mention.start, mention.end, mention.component) == (
        "Schoigu",
        0,
        7,
        "test",
    )
    assert len(links) == 2  # written on both claims
    assert len(about) == 1


def test_a_failing_write_leaves_nothing_behind(store) -> None:
    bad = _annotations()
    bad.mentions.append(
        Mention(0, 7, None, "PER", id="m3", component="test")
    )  # text NOT NULL violated
    with pytest.raises(sa.exc.IntegrityError):
        write_report(store, _report("r1"), bad)
    assert _count(store, t.reports) == 0
    assert _count(store, t.mentions) == 0


def test_replace_annotations_swaps_facts_atomically(store) -> None:
    write_report(store, _report("r1"), _annotations())
    replace_annotations(
        store, "r1", Annotations(sentences=[Span(0, 7, "Schoigu")], pipeline="test-2")
    )
    assert _count(store, t.mentions) == 0
    assert _count(store, t.claim_links) == 0
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(t.reports.c.pipeline)).scalar_one() == "test-2"


def test_a_transaction_commits_its_block_or_nothing(store) -> None:
    write_report(store, _report("r1"), _annotations())
    with transaction(store) as conn:
        conn.execute(t.reports.update().values(pipeline="kept"))
    with pytest.raises(RuntimeError), transaction(store) as conn:
        conn.execute(t.reports.update().values(pipeline="lost"))
        raise RuntimeError("stop half-way")
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(t.reports.c.pipeline)).scalar_one() == "kept"
