"""Linking into a store: incremental per report, relinking, user decisions that survive it, roles."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from chronik.dates import parse_iso
from chronik.kb.decisions import alias_add, entity_merge, entity_show, entity_split
from chronik.kb.entities import link_report, relink_all
from chronik.names.aliases import AliasError
from chronik.store import schema as t
from chronik.store.db import open_store, write_report
from chronik.types import Annotations, Mention, Report


def _report(
    rid: str, day: str, text: str, names: list[tuple[str, str, str | None]]
) -> tuple[Report, Annotations]:
    mentions, pos = [], 0
    for i, (name, type_, sub) in enumerate(names, 1):
        start = text.index(name, pos)
        mentions.append(
            Mention(start, start + len(name), name, type_, sub, component="test", id=f"m{i}")
        )
        pos = start + 1
    return Report(rid, text, parse_iso(day)), Annotations(mentions=mentions, pipeline="test")


REPORTS = [
    _report(
        "r1",
        "2022-10-24",
        "Der russische Verteidigungsminister Sergej Schoigu telefonierte. Moskau bestreitet das.",
        [("russische", "LOC", "deriv"), ("Sergej Schoigu", "PER", None), ("Moskau", "LOC", None)],
    ),
    _report(
        "r2",
        "2022-11-02",
        "Schoigus Worte und Shoigu. Russlands Armee. Шойгу.",
        [
            ("Schoigus", "PER", None),
            ("Shoigu", "PER", None),
            ("Russlands", "LOC", None),
            ("Шойгу", "PER", None),
        ],
    ),
    _report(
        "r3",
        "2019-05-01",
        "Gerd Müller besuchte Kenia. Müller sagte, Georgia sei fern.",
        [
            ("Gerd Müller", "PER", None),
            ("Kenia", "LOC", None),
            ("Müller", "PER", None),
            ("Georgia", "LOC", None),
        ],
    ),
    _report(
        "r4",
        "2021-07-01",
        "Thomas Müller traf in Georgien ein. Müller lobte Tiflis.",
        [
            ("Thomas Müller", "PER", None),
            ("Georgien", "LOC", None),
            ("Müller", "PER", None),
            ("Tiflis", "LOC", None),
        ],
    ),
    _report(
        "r5",
        "2022-12",
        "Der russische Verteidigungsminister traf den belarussischen Präsidenten.",
        [("russische", "LOC", "deriv"), ("belarussischen", "LOC", "deriv")],
    ),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):  # type: ignore[no-untyped-def]
    """Every test on SQLite and on a real PostgreSQL server (skipped where it is not installed)."""
    url = (
        request.getfixturevalue("pg_url")
        if request.param == "postgresql"
        else str(tmp_path / "link.db")
    )
    s = open_store(url)
    for report, ann in REPORTS:
        write_report(s, report, ann)
        link_report(s, report.id)
    return s


def _canonicals(store, report_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    m = t.mentions.c
    with store.engine.connect() as conn:
        return [
            r.canonical
            for r in conn.execute(
                sa.select(m.canonical).where(m.report_id == report_id).order_by(m.start)
            )
        ]


def _entity_ids(store, report_id: str) -> list[int]:  # type: ignore[no-untyped-def]
    m = t.mentions.c
    with store.engine.connect() as conn:
        return [
            r.entity_id
            for r in conn.execute(
                sa.select(m.entity_id).where(m.report_id == report_id).order_by(m.start)
            )
        ]


def test_variants_of_shoigu_are_one_entity_across_reports(store) -> None:  # type: ignore[no-untyped-def]
    ids = {_entity_ids(store, "r1")[1]} | {_entity_ids(store, "r2")[i] for i in (0, 1, 3)}
    assert len(ids) == 1
    assert _canonicals(store, "r2")[0] == "Sergei Shoigu"
    assert _canonicals(store, "r2")[2] == "Russia"


def test_two_muellers_with_different_first_names_stay_apart(store) -> None:  # type: ignore[no-untyped-def]
    gerd, thomas = _entity_ids(store, "r3"), _entity_ids(store, "r4")
    assert gerd[0] != thomas[0]
    assert gerd[2] == gerd[0]  # the bare Müller of a report goes to that report's Müller
    assert thomas[2] == thomas[0]


def test_georgia_the_state_is_not_georgia_the_country(store) -> None:  # type: ignore[no-untyped-def]
    assert _canonicals(store, "r3")[3] == "Georgia (U.S. state)"
    assert _canonicals(store, "r4")[1] == "Georgia (country)"


def test_capital_standing_for_government_is_flagged(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(t.mention_links.c.government_of, t.entities.c.canonical)
            .join_from(t.mention_links, t.mentions, t.mention_links.c.mention_id == t.mentions.c.id)
            .join(t.entities, t.entities.c.id == t.mention_links.c.government_of)
            .where(t.mentions.c.text == "Moskau")
        ).first()
    assert row is not None and row.canonical == "Russia"


def test_bare_role_resolves_to_holder_at_report_date(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(t.roles.c.role, t.roles.c.kind, t.entities.c.canonical)
            .join(t.entities, t.entities.c.id == t.roles.c.holder_id)
            .where(t.roles.c.report_id == "r5")
        ).all()
    assert ("Minister of Defence", "resolved", "Sergei Shoigu") in [tuple(r) for r in rows]


def test_linking_twice_changes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    before = _entity_ids(store, "r2")
    assert link_report(store, "r2").mentions == 0
    assert _entity_ids(store, "r2") == before


def test_relink_all_gives_the_same_grouping(store) -> None:  # type: ignore[no-untyped-def]
    groups = [len(set(_entity_ids(store, r))) for r in ("r1", "r2", "r3", "r4")]
    relink_all(store)
    assert [len(set(_entity_ids(store, r))) for r in ("r1", "r2", "r3", "r4")] == groups
    assert _canonicals(store, "r2")[0] == "Sergei Shoigu"


def test_merge_survives_relinking(store) -> None:  # type: ignore[no-untyped-def]
    entity_merge(store, "Gerd Müller", "Thomas Müller")
    assert _entity_ids(store, "r3")[0] == _entity_ids(store, "r4")[0]
    relink_all(store)
    assert _entity_ids(store, "r3")[0] == _entity_ids(store, "r4")[0]
    assert _canonicals(store, "r4")[0] == "Gerd Müller"


def test_split_survives_relinking(store) -> None:  # type: ignore[no-untyped-def]
    entity_split(store, "Sergei Shoigu", ["Шойгу"], "Шойгу (other)")
    assert _canonicals(store, "r2")[3] == "Шойгу (other)"
    relink_all(store)
    assert _canonicals(store, "r2")[3] == "Шойгу (other)"
    assert _canonicals(store, "r2")[1] == "Sergei Shoigu"


def test_alias_cycle_is_rejected_and_nothing_changes(store) -> None:  # type: ignore[no-untyped-def]
    alias_add(store, "Schoiguland", "Shoiguland", "LOC")
    with pytest.raises(AliasError, match="cycle"):
        alias_add(store, "Shoiguland", "Schoiguland", "LOC")
    with store.engine.connect() as conn:
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(t.entity_decisions)).scalar_one()
            == 1
        )


def test_alias_conflict_is_rejected(store) -> None:  # type: ignore[no-untyped-def]
    alias_add(store, "Kenia-Land", "Kenya", "LOC")
    with pytest.raises(AliasError, match="conflict"):
        alias_add(store, "Kenia-Land", "Tanzania", "LOC")


def test_alias_add_relinks_existing_mentions(store) -> None:  # type: ignore[no-untyped-def]
    alias_add(store, "Tiflis", "Tbilisi City", "LOC")
    assert _canonicals(store, "r4")[3] == "Tbilisi City"
    relink_all(store)
    assert _canonicals(store, "r4")[3] == "Tbilisi City"


def test_show_lists_names_roles_and_reports(store) -> None:  # type: ignore[no-untyped-def]
    shown = entity_show(store, "Schoigu")
    names = {n["name"] for n in shown["names"]}
    assert {"Sergej Schoigu", "Schoigu", "Shoigu"} <= names
    assert {r["id"] for r in shown["reports"]} >= {"r1", "r2"}
    assert any(r["role"] == "Minister of Defence" for r in shown["roles"])


def test_relink_in_memory_matches_report_by_report(store) -> None:  # type: ignore[no-untyped-def]
    from chronik.kb.entities import relink_conn

    def grouping() -> list[list[str]]:
        with store.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.mentions.c.report_id, t.mentions.c.start, t.entities.c.canonical)
                .join(t.entities, t.entities.c.id == t.mentions.c.entity_id)
                .order_by(t.mentions.c.report_id, t.mentions.c.start)
            ).all()
        return [[r.report_id, str(r.start), r.canonical] for r in rows]

    with store.engine.begin() as conn:
        relink_conn(conn, in_memory=False)
    one_by_one = grouping()
    with store.engine.begin() as conn:
        relink_conn(conn, in_memory=True)
        n_roles = conn.execute(sa.select(sa.func.count()).select_from(t.roles)).scalar_one()
    assert grouping() == one_by_one
    assert n_roles >= 2


def test_undoing_a_merge_restores_the_two_entities(store) -> None:  # type: ignore[no-untyped-def]
    from chronik.kb.decisions import decision_undo, decisions

    entity_merge(store, "Gerd Müller", "Thomas Müller")
    assert _entity_ids(store, "r3")[0] == _entity_ids(store, "r4")[0]
    decision_undo(store, decisions(store)[-1]["id"])
    assert _entity_ids(store, "r3")[0] != _entity_ids(store, "r4")[0]
    assert decisions(store) == []


def test_link_pending_links_only_unlinked_reports(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from chronik.kb.entities import link_pending

    s = open_store(str(tmp_path / "pending.db"))
    for report, ann in REPORTS[:2]:
        write_report(s, report, ann)
    assert link_pending(s) == 2
    assert link_pending(s) == 0
    assert len({*_entity_ids(s, "r1")[1:2], *_entity_ids(s, "r2")[:2]}) == 1


def test_a_surname_seen_first_joins_the_full_name_that_comes_later(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "later.db"))
    for report, ann in [
        _report(
            "a1", "2023-01-01", "Tschernyschow sagte nichts.", [("Tschernyschow", "PER", None)]
        ),
        _report(
            "a2", "2023-01-05", "Oleg Tschernyschow sprach.", [("Oleg Tschernyschow", "PER", None)]
        ),
    ]:
        write_report(s, report, ann)
        link_report(s, report.id)
    assert _entity_ids(s, "a1") == _entity_ids(s, "a2")
    assert _canonicals(s, "a1") == ["Oleg Tschernyschow"]
