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


# --- opening: what --db can name that is not a database --------------------------------------


def _open_error(db: str) -> str:
    from chronik.errors import ConfigError, StoreError

    with pytest.raises(ConfigError) as caught:
        open_store(db)
    assert isinstance(caught.value, StoreError)  # callers that catch StoreError still do
    return str(caught.value)


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path) -> None:
    path = tmp_path / "passwd"
    path.write_text("root:x:0:0:root:/root:/bin/bash\n")
    assert "is not a SQLite database" in _open_error(str(path))
    assert path.read_text() == "root:x:0:0:root:/root:/bin/bash\n"


def test_a_folder_or_a_missing_folder_is_refused(tmp_path) -> None:
    assert "is a folder" in _open_error(str(tmp_path))
    assert "does not exist" in _open_error(str(tmp_path / "missing" / "x.db"))


def test_a_database_url_whose_driver_is_missing_names_the_driver() -> None:
    import importlib.util

    if importlib.util.find_spec("psycopg2") is not None:
        pytest.skip("psycopg2 is installed here")
    message = _open_error("postgresql+psycopg2://user:secret@localhost/chronik")
    assert "driver is not installed" in message and "psycopg2" in message
    assert "secret" not in message


def test_a_read_only_file_is_refused(tmp_path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root may write to any file")
    path = tmp_path / "ro.db"
    open_store(str(path)).engine.dispose()
    path.chmod(0o444)
    assert "read-only" in _open_error(str(path))


def test_the_cli_exits_2_without_a_traceback_for_a_bad_db(tmp_path) -> None:
    import subprocess
    import sys

    for db in ("/etc/passwd", str(tmp_path), str(tmp_path / "no" / "x.db")):
        done = subprocess.run(
            [sys.executable, "-m", "chronik", "stats", "--db", db],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and "error: --db" in done.stderr
