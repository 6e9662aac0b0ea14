"""Cross-report contradictions through the one write path (jobs.write.store_and_link): a denial, a
counter-account saying the event did not happen, and a denier's own account given in another
report, on small hand-written reports; the same links whatever order the reports arrive in."""

from __future__ import annotations

import itertools

import pytest
import sqlalchemy as sa

from chronik.dates import parse_iso
from chronik.jobs.write import store_and_link
from chronik.store import schema as t
from chronik.store.db import open_store
from chronik.types import Annotations, Claim, Event, Mention, Report, Span


def _span(text: str, word: str) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), word)


def _mention(text: str, word: str, type_: str = "LOC") -> Mention:
    s = _span(text, word)
    return Mention(s.start, s.end, word, type_, id=f"m{s.start}", component="test")


def _attack(text: str, trigger: str, day: str, negated: bool = False) -> Event:
    return Event(
        "ASSAULT",
        _span(text, trigger),
        actor=[_span(text, "Tarvonien")],
        place=[_span(text, "Belgor")],
        negated=negated,
        id="v1",
        earliest=day,
        latest=day,
        component="test",
    )


def _claim(text: str, cid: str, span: str, certainty: str, source: str, **kw) -> Claim:
    s = _span(text, span)
    return Claim(
        s.start,
        s.end,
        span,
        certainty,
        source=_span(text, source),
        id=cid,
        component="test",
        **kw,
    )


def _report(rid: str, day: str, text: str, events: list, claims: list, names: list) -> tuple:
    ann = Annotations(
        sentences=[Span(0, len(text), text)],
        mentions=[_mention(text, n) for n in names],
        events=events,
        claims=claims,
    )
    return Report(id=rid, text=text, date=parse_iso(day)), ann


def account() -> tuple:
    """A report that the attack happened."""
    text = "Die Regierung in Belgor meldet, Tarvonien habe am Montag Belgor beschossen."
    return _report(
        "account",
        "2024-05-06",
        text,
        [_attack(text, "beschossen", "2024-05-06")],
        [
            _claim(
                text,
                "c1",
                "Tarvonien habe am Montag Belgor beschossen",
                "reported",
                "Regierung in Belgor",
                events=["v1"],
            )
        ],
        ["Belgor", "Tarvonien"],
    )


def counter_account() -> tuple:
    """Another report: the accused says there was no shelling at all (no denial verb)."""
    text = "Tarvonien erklärte, es habe keinen Beschuss von Belgor gegeben."
    return _report(
        "counter",
        "2024-05-07",
        text,
        [_attack(text, "Beschuss", "2024-05-06", negated=True)],
        [
            _claim(
                text,
                "c1",
                "es habe keinen Beschuss von Belgor gegeben",
                "asserted",
                "Tarvonien",
                events=["v1"],
            )
        ],
        ["Tarvonien", "Belgor"],
    )


def denial_with_own_account() -> tuple:
    """A third report: the accusation, its denial and the denier's own account (in-report links)."""
    text = (
        "Belgor wirft Tarvonien vor, die Stadt beschossen zu haben. "
        "Tarvonien bestreitet das und spricht von einer Explosion in einem Depot."
    )
    return _report(
        "denial",
        "2024-05-07",
        text,
        [_attack(text, "beschossen", "2024-05-06")],
        [
            _claim(
                text,
                "c1",
                "die Stadt beschossen zu haben",
                "alleged",
                "Belgor",
                events=["v1"],
                contradicts=["c2", "c3"],
            ),
            _claim(
                text,
                "c2",
                "Tarvonien bestreitet das",
                "denied",
                "Tarvonien",
                events=["v1"],
                contradicts=["c1"],
            ),
            _claim(
                text,
                "c3",
                "einer Explosion in einem Depot",
                "asserted",
                "Tarvonien",
                contradicts=["c1"],
            ),
        ],
        ["Belgor", "Tarvonien"],
    )


def _links(store) -> set[frozenset[str]]:
    c, cl = t.claims.c, t.claim_links.c
    with store.engine.connect() as conn:
        ids = {
            row.id: f"{row.report_id}/{row.local_id}"
            for row in conn.execute(sa.select(c.id, c.report_id, c.local_id))
        }
        rows = conn.execute(sa.select(cl.claim_id, cl.other_id).where(cl.relation == "contradicts"))
        both = {(ids[a], ids[b]) for a, b in rows}
    assert all((b, a) in both for a, b in both)  # written on both claims
    return {frozenset(pair) for pair in both}


def _store(tmp_path, name: str, reports) -> object:
    store = open_store(str(tmp_path / f"{name}.db"))
    for report, ann in reports:
        store_and_link(store, report, ann)
    return store


def test_a_counter_account_in_another_report_contradicts_the_account(tmp_path) -> None:
    store = _store(tmp_path, "two", [account(), counter_account()])
    assert _links(store) == {frozenset({"account/c1", "counter/c1"})}


def test_a_denial_and_the_deniers_own_account_contradict_another_reports_account(
    tmp_path,
) -> None:
    store = _store(tmp_path, "deny", [account(), denial_with_own_account()])
    links = _links(store)
    assert frozenset({"account/c1", "denial/c2"}) in links  # the denial
    assert frozenset({"account/c1", "denial/c3"}) in links  # the denier's account
    assert frozenset({"account/c1", "denial/c1"}) not in links  # they agree
    in_report = {frozenset({"denial/c1", "denial/c2"}), frozenset({"denial/c1", "denial/c3"})}
    assert in_report <= links  # the analysis' own links stay


def test_the_counter_account_agrees_with_the_denial_and_is_not_linked_to_it(tmp_path) -> None:
    store = _store(tmp_path, "agree", [counter_account(), denial_with_own_account()])
    links = _links(store)
    # The accusation of the third report is contradicted by the counter-account of the second.
    assert frozenset({"counter/c1", "denial/c1"}) in links
    assert frozenset({"counter/c1", "denial/c2"}) not in links
    assert frozenset({"counter/c1", "denial/c3"}) not in links


@pytest.mark.parametrize(
    "order", list(itertools.permutations(range(3))), ids=lambda o: "".join(map(str, o))
)
def test_cross_report_contradictions_do_not_depend_on_the_order_reports_arrive(
    tmp_path, order
) -> None:
    reports = [account(), counter_account(), denial_with_own_account()]
    expected = _links(_store(tmp_path, "ref", reports))
    assert len(expected) == 6  # 2 in the report + account-denial, -own account, -counter, + 1
    assert _links(_store(tmp_path, "perm", [reports[i] for i in order])) == expected


def test_the_claims_view_shows_both_sides_of_a_cross_report_contradiction(tmp_path) -> None:
    from chronik.store import queries

    store = _store(tmp_path, "view", [account(), counter_account()])
    pairs = queries.claims(store)["pairs"]
    assert len(pairs) == 1
    sides = {pairs[0][k]["report_id"]: pairs[0][k] for k in ("a", "b")}
    assert sides["account"]["source"] == "Regierung in Belgor"
    assert sides["counter"]["text"] == "es habe keinen Beschuss von Belgor gegeben"
    assert sides["counter"]["certainty"] == "asserted"
