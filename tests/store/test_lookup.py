"""A typed name resolves through the linker's keys, the same way for every command and view."""

from __future__ import annotations

import subprocess
import sys

import pytest

from chronik.kb.decisions import entity_show
from chronik.kb.entities import link_report
from chronik.store import queries
from chronik.store.db import connection, open_store, write_report
from chronik.store.lookup import AmbiguousEntity, candidates, resolve
from tests.kb.test_entities import REPORTS, _report


@pytest.fixture()
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "lookup.db"))
    for report, ann in REPORTS:
        write_report(s, report, ann)
        link_report(s, report.id)
    return s


@pytest.mark.parametrize("name", ["Schoigu", "Shoigu", "Шойгу", "Sergei Shoigu", "schoigus"])
def test_every_spelling_of_shoigu_resolves_to_one_entity(store, name: str) -> None:  # type: ignore[no-untyped-def]
    with connection(store) as conn:
        found = resolve(conn, name)
    assert found is not None and found.canonical == "Sergei Shoigu"


def test_a_given_name_that_does_not_fit_finds_nothing(store) -> None:  # type: ignore[no-untyped-def]
    with connection(store) as conn:
        assert resolve(conn, "Anna Shoigu") is None


def test_timeline_by_transliteration_finds_the_same_reports(store) -> None:  # type: ignore[no-untyped-def]
    shown = {n: entity_show(store, n)["entity"]["id"] for n in ("Shoigu", "Шойгу", "Schoigu")}
    assert len(set(shown.values())) == 1


def test_two_muellers_are_ambiguous_and_listed_with_context(store) -> None:  # type: ignore[no-untyped-def]
    with connection(store) as conn:
        found = candidates(conn, "Müller")
        assert {c.canonical for c in found} >= {"Gerd Müller", "Thomas Müller"}
        with pytest.raises(AmbiguousEntity) as err:
            resolve(conn, "Müller")
    message = str(err.value)
    assert "Gerd Müller (PER" in message and "Thomas Müller (PER" in message
    assert "2019-05-01" in message and "2021-07-01" in message  # when each was named
    assert "Kenya" in message and "with Georgia (country)" in message  # who or what beside it
    with connection(store) as conn:
        assert resolve(conn, "Thomas Müller").canonical == "Thomas Müller"


def test_an_ambiguous_entity_filter_raises_instead_of_picking_one(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AmbiguousEntity):
        queries.timeline(store, queries.Filters(entity="Müller"))


def test_a_dominant_entity_wins_over_a_stray_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "d.db"))
    text = "Lukaschenko sprach. Lukaschenko drohte. Lukaschenko lachte. Lukaschenko ging."
    reports = [
        _report(f"l{i}", f"2023-0{i}-01", text, [("Lukaschenko", "PER", None)] * 4)
        for i in range(1, 4)
    ]
    reports.append(
        _report("l9", "2023-05-01", "In Lukaschenko regnet es.", [("Lukaschenko", "LOC", None)])
    )
    for report, ann in reports:
        write_report(s, report, ann)
        link_report(s, report.id)
    shown = entity_show(s, "Lukaschenko")
    assert shown["entity"]["type"] == "PER"


def test_api_answers_409_with_candidates_for_an_ambiguous_name(store) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from chronik.api.app import create_app
    from chronik.settings import Settings

    client = TestClient(create_app(Settings(db=store.url)))
    answer = client.get("/api/timeline", params={"entity": "Müller"})
    assert answer.status_code == 409
    body = answer.json()
    assert {c["canonical"] for c in body["candidates"]} >= {"Gerd Müller", "Thomas Müller"}
    assert all(c["type"] == "PER" and c["n_mentions"] >= 1 for c in body["candidates"])
    assert client.get("/api/timeline", params={"entity": "Шойгу"}).status_code == 200


@pytest.mark.parametrize("name", ['"Shoigu"', "<b>Shoigu</b>", "SHOIGU", " Shoigu\n"])
def test_quotes_html_capitals_and_white_space_around_a_typed_name(store, name: str) -> None:  # type: ignore[no-untyped-def]
    with connection(store) as conn:
        assert resolve(conn, name).canonical == "Sergei Shoigu"


@pytest.mark.parametrize("name", ["%", "_", "'; DROP TABLE entities; --", "<script>", "9" * 40])
def test_odd_names_find_nothing_and_break_nothing(store, name: str) -> None:  # type: ignore[no-untyped-def]
    from chronik.kb.decisions import entity_list

    with connection(store) as conn:
        assert resolve(conn, name) is None
    assert entity_list(store, prefix=name) == []


def test_a_surname_tagged_loc_in_a_later_report_joins_the_person_in_the_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "k.db"))
    reports = [
        _report(
            "k1",
            "2016-03-01",
            "Der Islamkritiker Martin Konvička demonstrierte.",
            [("Martin Konvička", "PER", None)],
        ),
        _report(
            "k2",
            "2016-03-02",
            "Konvička sprach in Prag.",
            [("Konvička", "LOC", None), ("Prag", "LOC", None)],
        ),
    ]
    for report, ann in reports:
        write_report(s, report, ann)
        link_report(s, report.id)
    shown = entity_show(s, "Konvička")
    assert shown["entity"]["type"] == "PER" and shown["entity"]["n_mentions"] == 2
    assert shown["others"] == []


def test_an_entity_takes_the_type_most_of_its_mentions_have(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "t.db"))
    reports = [
        _report("t1", "2016-03-01", "Die Hamas drohte.", [("Hamas", "LOC", None)]),
        _report("t2", "2016-03-02", "Die Hamas und die Hamas.", [("Hamas", "ORG", None)] * 2),
    ]
    for report, ann in reports:
        write_report(s, report, ann)
        link_report(s, report.id)
    shown = entity_show(s, "Hamas")
    assert shown["entity"]["type"] == "ORG" and shown["entity"]["n_mentions"] == 3


@pytest.mark.parametrize("name", ["²", "٣", "Ⅻ"])
def test_digits_that_are_not_ascii_are_names_not_ids(store, name: str) -> None:  # type: ignore[no-untyped-def]
    with connection(store) as conn:
        assert resolve(conn, name) is None
    assert queries.timeline(store, queries.Filters(entity=name))["events"] == []


def test_looking_a_name_up_loads_no_nlp_module(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The store resolves names with chronik.names, below nlp: no model or nlp code is loaded."""
    code = (
        "import sys\n"
        "from chronik.store.db import connection, open_store\n"
        "from chronik.store.lookup import candidates\n"
        f"s = open_store({str(tmp_path / 'empty.db')!r})\n"
        "with connection(s) as conn:\n"
        "    assert candidates(conn, 'Weißrusslands') == []\n"
        "print(sorted(m for m in sys.modules if m.startswith('chronik.nlp')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
