"""Cross-report steps on hand-made annotations with the real linker and a real store."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from chronik.dates import parse_iso
from chronik.kb.link import after_write
from chronik.store import schema as t
from chronik.store.db import write_report
from chronik.types import Annotations, Claim, Event, Mention, Report, Span


def _span(text: str, word: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word), word)


def _mention(text: str, word: str, type_: str, nth: int = 0) -> Mention:
    s = _span(text, word, nth)
    return Mention(s.start, s.end, word, type_, id=f"m{s.start}", component="test")


def _report(rid: str, day: str, text: str, ann: Annotations) -> tuple[Report, Annotations]:
    ann.sentences = [Span(0, len(text), text)]
    return Report(id=rid, text=text, date=parse_iso(day)), ann


def accusation() -> tuple[Report, Annotations]:
    text = "Die Ukraine wirft Russland vor, Umspannwerke in Kiew angegriffen zu haben."
    attack = Event(
        "ASSAULT",
        _span(text, "angegriffen"),
        actor=[_span(text, "Russland")],
        target=[_span(text, "Umspannwerke")],
        place=[_span(text, "Kiew")],
        id="v1",
        earliest="2022-12-05",
        latest="2022-12-05",
        component="test",
    )
    claim = Claim(
        32,
        len(text) - 1,
        text[32:-1],
        "alleged",
        source=_span(text, "Ukraine"),
        events=["v1"],
        id="c1",
        component="test",
    )
    ann = Annotations(
        mentions=[
            _mention(text, "Ukraine", "LOC"),
            _mention(text, "Russland", "LOC"),
            _mention(text, "Kiew", "LOC"),
        ],
        events=[attack],
        claims=[claim],
    )
    return _report("acc", "2022-12-05", text, ann)


def denial() -> tuple[Report, Annotations]:
    text = "Russland bestreitet, in Kiew Umspannwerke angegriffen zu haben."
    attack = Event(
        "ASSAULT",
        _span(text, "angegriffen"),
        actor=[_span(text, "Russland")],
        target=[_span(text, "Umspannwerke")],
        place=[_span(text, "Kiew")],
        id="v1",
        earliest="2022-12-06",
        latest="2022-12-06",
        component="test",
    )
    claim = Claim(
        21,
        len(text) - 1,
        text[21:-1],
        "denied",
        source=_span(text, "Russland"),
        events=["v1"],
        id="c1",
        component="test",
    )
    ann = Annotations(
        mentions=[_mention(text, "Russland", "LOC"), _mention(text, "Kiew", "LOC")],
        events=[attack],
        claims=[claim],
    )
    return _report("den", "2022-12-06", text, ann)


def unrelated_attack() -> tuple[Report, Annotations]:
    text = "Russland hat im Sommer Charkiw angegriffen."
    attack = Event(
        "ASSAULT",
        _span(text, "angegriffen"),
        actor=[_span(text, "Russland")],
        place=[_span(text, "Charkiw")],
        id="v1",
        earliest="2022-07-01",
        latest="2022-07-31",
        component="test",
    )
    ann = Annotations(
        mentions=[_mention(text, "Russland", "LOC"), _mention(text, "Charkiw", "LOC")],
        events=[attack],
    )
    return _report("old", "2022-08-01", text, ann)


def _store_all(store, *items) -> list:
    results = []
    for report, ann in items:
        write_report(store, report, ann)
        results.append(after_write(store, report.id))
    return results


def test_the_same_attack_in_two_reports_is_one_event_and_the_denial_contradicts(store) -> None:
    _store_all(store, unrelated_attack(), accusation(), denial())
    with store.engine.connect() as conn:
        clusters = dict(conn.execute(sa.select(t.events.c.report_id, t.events.c.cluster_id)).all())
        links = conn.execute(
            sa.select(t.claims.c.report_id, t.claims.c.id).join(
                t.claim_links, t.claim_links.c.claim_id == t.claims.c.id
            )
        ).all()
    assert clusters["acc"] is not None and clusters["acc"] == clusters["den"]
    assert clusters["old"] is None  # months earlier and elsewhere: another attack
    assert sorted(r for r, _ in links) == ["acc", "den"]  # written on both claims


def test_relinking_the_same_report_adds_nothing(store) -> None:
    _store_all(store, accusation(), denial())
    again = after_write(store, "den")
    with store.engine.connect() as conn:
        n_links = conn.execute(sa.select(sa.func.count()).select_from(t.claim_links)).scalar_one()
    assert again.mentions_linked == 0
    assert n_links == 2


def test_mentions_of_one_country_share_an_entity(store) -> None:
    _store_all(store, accusation(), denial())
    with store.engine.connect() as conn:
        ids = {
            row.entity_id
            for row in conn.execute(
                sa.select(t.mentions.c.entity_id).where(t.mentions.c.text == "Russland")
            )
        }
    assert len(ids) == 1 and None not in ids


def test_timeline_counts_the_reports_and_sources_of_one_event(store) -> None:
    from datetime import date

    from chronik.store import queries

    _store_all(store, unrelated_attack(), accusation(), denial())
    events = {ev["report_id"]: ev for ev in queries.timeline(store, queries.Filters())["events"]}
    told = events["acc"]["reported_by"]
    assert (told["reports"], told["sources"]) == (2, 2)
    assert (told["first_reported"], told["last_reported"]) == ("2022-12-05", "2022-12-06")
    assert events["old"]["reported_by"]["reports"] == 1
    as_of = queries.timeline(store, queries.Filters(as_of=date(2022, 12, 5)))["events"]
    assert [ev["reported_by"]["reports"] for ev in as_of if ev["report_id"] == "acc"] == [1]


def _on(item: tuple[Report, Annotations], day: str) -> tuple[Report, Annotations]:
    """The same report and its events dated `day`."""
    from dataclasses import replace

    report, ann = item
    ann.events = [replace(e, earliest=day, latest=day) for e in ann.events]
    return replace(report, date=parse_iso(day)), ann


def test_reports_on_the_first_and_last_representable_day_are_linked(store) -> None:
    _store_all(store, _on(accusation(), "9999-12-31"), _on(denial(), "9999-12-31"))
    _store_all(store, _on(unrelated_attack(), "0001-01-01"))
    with store.engine.connect() as conn:
        clusters = dict(conn.execute(sa.select(t.events.c.report_id, t.events.c.cluster_id)).all())
        n_links = conn.execute(sa.select(sa.func.count()).select_from(t.claim_links)).scalar_one()
    assert clusters["acc"] is not None and clusters["acc"] == clusters["den"]
    assert clusters["old"] is None
    assert n_links == 2


def test_date_window_is_clamped_to_the_calendar() -> None:
    from datetime import date

    from chronik.kb.events import date_window

    assert date_window(date(9999, 12, 30), 2) == (date(9999, 12, 28), date(9999, 12, 31))
    assert date_window(date(1, 1, 2), 2) == (date(1, 1, 1), date(1, 1, 4))
    assert date_window(date(2022, 12, 5), 2) == (date(2022, 12, 3), date(2022, 12, 7))


# --- links that survive: the pending mark -------------------------------------------------------


def _pending(store) -> list[str]:
    from chronik.store.links import pending_report_ids

    with store.engine.connect() as conn:
        return pending_report_ids(conn)


def _link_state(store) -> tuple[dict, int, int]:
    from chronik.store.links import link_counts

    with store.engine.connect() as conn:
        clusters = dict(conn.execute(sa.select(t.events.c.report_id, t.events.c.cluster_id)).all())
        unlinked = conn.execute(
            sa.select(sa.func.count())
            .select_from(t.mentions)
            .where(t.mentions.c.entity_id.is_(None))
        ).scalar_one()
        counts = link_counts(conn)
    grouped = {r: clusters[r] == clusters["acc"] for r in clusters}
    return grouped, unlinked, counts["contradiction_links"]


def test_a_report_is_pending_from_its_write_until_every_link_step_is_done(store) -> None:
    from chronik.kb.link import finish_pending

    for report, ann in (accusation(), denial()):
        write_report(store, report, ann)  # killed before linking
    assert _pending(store) == ["acc", "den"]  # in the order written
    assert finish_pending(store) == 2
    assert _pending(store) == []
    assert _link_state(store) == ({"acc": True, "den": True}, 0, 1)
    assert finish_pending(store) == 0  # idempotent


def test_a_link_step_that_fails_leaves_the_report_pending_and_unlinked(store, monkeypatch) -> None:
    """Entity linking used to commit on its own: a kill before event joining lost the join for
    good (the repair looked only for unlinked mentions)."""
    from chronik.kb import link

    _store_all(store, accusation())
    report, ann = denial()
    write_report(store, report, ann)

    def killed(conn, report_id):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # what a kill between the steps looks like to the transaction

    monkeypatch.setattr(link, "recluster", killed)
    with pytest.raises(KeyboardInterrupt):
        link.after_write(store, "den")
    assert _pending(store) == ["den"]
    assert _link_state(store)[1] == 2  # den's mentions: the entity step was rolled back too
    monkeypatch.undo()
    assert link.finish_pending(store) == 1
    assert _link_state(store) == ({"acc": True, "den": True}, 0, 1)


def test_store_and_link_links_in_the_order_written_and_counts_its_links(store) -> None:
    from chronik.jobs.write import store_and_link

    report, ann = accusation()
    write_report(store, report, ann)  # another writer's report, not linked yet
    stored = store_and_link(store, *denial())
    assert _pending(store) == []
    assert stored.links is not None and stored.links.contradictions == 1
    assert _link_state(store) == ({"acc": True, "den": True}, 0, 1)


def test_stats_counts_of_cross_report_links(store) -> None:
    from chronik.store.links import link_counts

    _store_all(store, unrelated_attack(), accusation(), denial())
    with store.engine.connect() as conn:
        assert link_counts(conn) == {"contradiction_links": 1, "event_clusters": 1}


def _attack_on(rid: str, day: str) -> tuple[Report, Annotations]:
    from dataclasses import replace

    report, ann = _on(accusation(), day)
    return replace(report, id=rid), ann


def _partition(store) -> set[frozenset[str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.events.c.report_id, t.events.c.cluster_id)).all()
    groups: dict = {}
    for rid, cluster in rows:
        groups.setdefault(cluster if cluster is not None else f"alone:{rid}", set()).add(rid)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("order", ["abc", "acb", "cab", "bca"])
def test_event_clusters_do_not_depend_on_the_order_reports_arrive(tmp_path, order) -> None:
    """a~b and b~c (two days apart), a and c four days apart: a chain of attacks is not one event,
    and which two join must not depend on which writer came first."""
    from chronik.store.db import open_store

    store = open_store(str(tmp_path / f"{order}.db"))
    days = {"a": "2022-12-04", "b": "2022-12-06", "c": "2022-12-08"}
    _store_all(store, *(_attack_on(r, days[r]) for r in order))
    assert _partition(store) == {frozenset({"a", "b"}), frozenset({"c"})}
