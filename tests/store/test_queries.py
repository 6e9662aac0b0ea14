import pytest

from chronik.dates import parse_iso
from chronik.eval.format import validate_record
from chronik.store import network as network_module
from chronik.store import queries, schema
from chronik.store import search as search_module
from chronik.store.db import write_report
from chronik.types import Annotations, Mention, Report, Span


@pytest.fixture()
def filled(store):
    texts = {
        "a1": ("2022-12-05", "Schoigu traf Lukaschenko in Minsk. Die Gespräche dauerten lange."),
        "a2": ("2022-11", "Die Ukraine wirft Russland Angriffe auf die Energieinfrastruktur vor."),
        "a3": (
            "2023",
            "Verteidigungsministerium in Moskau veröffentlicht Bilder; NEAR Kiew gab es Kämpfe.",
        ),
    }
    for rid, (day, text) in texts.items():
        ann = Annotations(
            sentences=[Span(0, len(text), text)],
            mentions=[Mention(0, 7, text[:7], "PER", id="m1", component="test")],
        )
        write_report(store, Report(id=rid, text=text, date=parse_iso(day)), ann)
    return store


def test_search_finds_words_and_marks_them(filled) -> None:
    result = queries.search(filled, "Lukaschenko")
    assert result["total"] == 1
    assert result["results"][0]["id"] == "a1"
    assert "[Lukaschenko]" in result["results"][0]["snippet"]


def test_search_prefix_and_diacritics(filled) -> None:
    assert {r["id"] for r in queries.search(filled, "Verteidigungs*")["results"]} == {"a3"}
    assert queries.search(filled, "Gesprache")["total"] == 1  # remove_diacritics folds ä


@pytest.mark.parametrize(
    "hostile", ["*", "NEAR", "'; DROP TABLE reports; --", "a:b", "x\x00y", "()", '""', "{}^~"]
)
def test_fts_and_sql_syntax_is_plain_text(filled, hostile: str) -> None:
    result = queries.search(filled, hostile)
    assert isinstance(result["total"], int)
    assert queries.stats(filled)["reports"] == 3


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ('"Gespräche dauerten', "quotation mark"),
        ("(Minsk OR Kiew", "parenthesis"),
        ("Minsk)", "parenthesis"),
        ("Minsk OR", "OR needs a word"),
        ("OR", "OR needs a word"),
        ("NOT", "no word"),
        ("-Minsk", "excluded word"),
        ("Ki*", "too short"),
        ("x" * 10_000, "10,000 characters"),
        ("(" * 20 + "Minsk" + ")" * 20, "nested"),
    ],
)
def test_malformed_queries_say_what_is_wrong(filled, bad: str, says: str) -> None:
    with pytest.raises(queries.QueryError, match=says):
        queries.search(filled, bad)


def test_inflected_forms_find_each_other(filled) -> None:
    # a1 says "Gespräche", a2 "Angriffe": the singular finds the plural through the German stem
    assert [r["id"] for r in queries.search(filled, "Gespräch")["results"]] == ["a1"]
    assert [r["id"] for r in queries.search(filled, "Angriffen")["results"]] == ["a2"]
    assert "gespräche" in queries.search(filled, "Gespräch")["variants"]


def test_operators_or_not_phrase_prefix(filled) -> None:
    def ids(q: str) -> list[str]:
        return sorted(r["id"] for r in queries.search(filled, q)["results"])

    assert ids("Lukaschenko OR Moskau") == ["a1", "a3"]
    assert ids("Lukaschenko | Moskau") == []  # | is no operator: both words needed
    assert ids("(Lukaschenko OR Moskau) -Minsk") == ["a3"]
    assert ids("Russland NOT Ukraine") == []
    assert ids('"Schoigu traf"') == ["a1"]
    assert ids('"traf Schoigu"') == []
    assert ids("Verteid* OR Energie*") == ["a2", "a3"]


def test_duplicate_terms_are_dropped_and_long_queries_capped(filled) -> None:
    assert queries.search(filled, "Minsk minsk MINSK")["total"] == 1
    many = queries.search(filled, " ".join(f"Wort{i}*" for i in range(166)))
    assert many["total"] == 0
    assert any("first 3 prefixes" in n for n in many["notices"])
    assert any("first 12 words" in n for n in many["notices"])


def test_a_search_past_its_time_budget_stops_with_a_message(filled, monkeypatch) -> None:
    monkeypatch.setattr(search_module, "TIME_BUDGET_S", 0.0)
    monkeypatch.setattr(search_module, "PROGRESS_STEPS", 1)
    with pytest.raises(search_module.SearchTimeout, match="took longer"):
        queries.search(filled, "Minsk")
    assert queries.stats(filled)["reports"] == 3  # the connection is usable afterwards
    monkeypatch.setattr(search_module, "TIME_BUDGET_S", 3.0)
    assert queries.search(filled, "Minsk")["total"] == 1


def test_near_is_a_word_not_an_operator(filled) -> None:
    assert [r["id"] for r in queries.search(filled, "NEAR Kiew")["results"]] == ["a3"]


def test_report_record_is_valid_annotation_format(filled) -> None:
    record = queries.report(filled, "a1")
    assert validate_record(record) == []
    assert record["sentences"][0]["text"].startswith("Schoigu")
    assert queries.report(filled, "nope") is None


def test_export_streams_every_current_report_oldest_first(filled) -> None:
    assert [r["id"] for r in queries.export_records(filled)] == ["a2", "a1", "a3"]


def test_list_reports_newest_first_with_total(filled) -> None:
    listing = queries.list_reports(filled, limit=2)
    assert listing["total"] == 3
    assert [r["id"] for r in listing["results"]] == ["a3", "a1"]


def test_id_prefix_must_be_unambiguous(filled) -> None:
    assert queries.resolve_report_id(filled, "a1") == "a1"
    assert queries.resolve_report_id(filled, "a") is None


# ---------------------------------------------------------------- exploring views on a linked world

import sys  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(
    0, str(Path(__file__).resolve().parents[1])
)  # tests/explore_world.py, shared with api and web
from explore_world import build_world  # noqa: E402


@pytest.fixture()
def world(store):
    build_world(store)
    return store


def _events(result) -> list[tuple[str, str]]:
    return [(e["report_id"], e["type"]) for e in result["events"]]


def test_timeline_is_newest_first_with_arguments_and_claims(world) -> None:
    result = queries.timeline(world)
    assert _events(result)[0] == ("w4", "ASSAULT")
    assert _events(result)[-1] == ("w1", "CONSULT")
    assault = next(e for e in result["events"] if e["report_id"] == "w2" and e["type"] == "ASSAULT")
    assert {c["certainty"] for c in assault["claims"]} == {"alleged", "denied"}
    assert assault["actor"] == [{"text": "Russland", "entity_id": 5}]


def test_timeline_filters(world) -> None:
    f = queries.Filters
    assert {r for r, _ in _events(queries.timeline(world, f(entity="Russia")))} == {"w2", "w4"}
    assert _events(queries.timeline(world, f(entity="1"))) == [("w1", "CONSULT")]
    assert _events(queries.timeline(world, f(place="Minsk"))) == [("w1", "CONSULT")]
    assert _events(queries.timeline(world, f(types=("THREATEN",)))) == [("w3", "THREATEN")]
    assert _events(queries.timeline(world, f(certainty=("alleged",)))) == [("w2", "ASSAULT")]
    assert _events(queries.timeline(world, f(source="Ukraine"))) == [("w2", "ASSAULT")]
    november = queries.timeline(world, f(start=date(2022, 11, 1), end=date(2022, 11, 30)))
    assert {r for r, _ in _events(november)} == {"w2"}
    assert _events(queries.timeline(world, f(entity="Nobody Known"))) == []


def test_timeline_pages_say_whether_more_follow(world) -> None:
    first = queries.timeline(world, page=queries.Page(limit=2))
    second = queries.timeline(world, page=queries.Page(limit=2, offset=2))
    assert first["has_more"] and len(first["events"]) == 2
    assert not {e["id"] for e in first["events"]} & {e["id"] for e in second["events"]}


def test_as_of_hides_what_was_published_later(world) -> None:
    day = date(2022, 11, 30)
    assert {r for r, _ in _events(queries.timeline(world, queries.Filters(as_of=day)))} == {
        "w1",
        "w2",
    }
    # w3 is dated only "2022-12": it counts from the last day it can denote
    assert "w3" not in {
        r for r, _ in _events(queries.timeline(world, queries.Filters(as_of=date(2022, 12, 30))))
    }
    assert "w3" in {
        r for r, _ in _events(queries.timeline(world, queries.Filters(as_of=date(2022, 12, 31))))
    }
    assert queries.report(world, "w4", as_of=day) is None
    assert queries.report(world, "w1", as_of=day)["id"] == "w1"
    assert queries.list_reports(world, as_of=day)["total"] == 2
    assert queries.search(world, "Schoigu", as_of=day)["total"] == 1
    assert queries.search(world, "Schoigu")["total"] == 2


def test_entity_view(world) -> None:
    russia = queries.entity(world, 5)
    assert russia["canonical"] == "Russia"
    assert [(n["name"], n["n"]) for n in russia["names"]] == [("Russland", 2), ("russische", 1)]
    assert {(e["report_id"], e["type"], tuple(e["roles"])) for e in russia["events"]} == {
        ("w4", "ASSAULT", ("actor",)),
        ("w2", "REJECT", ("actor",)),
        ("w2", "ACCUSE", ("target",)),
        ("w2", "ASSAULT", ("actor",)),
    }
    assert [c["certainty"] for c in russia["claims_by"]] == ["denied"]
    assert [
        c["certainty"] for c in russia["claims_about"]
    ] == []  # its own denial is by it, not about it
    assert [c["text"] for c in queries.entity(world, 4)["claims_about"]] == []
    assert [c["certainty"] for c in queries.entity(world, 4)["claims_by"]] == ["alleged"]
    assert {o["canonical"] for o in russia["co_occurring"]} == {"Ukraine", "Sergei Shoigu"}
    shoigu = queries.entity(world, 1)
    assert [c["text"] for c in shoigu["claims_by"]] == ["von Erfolgen"]
    assert [(x["role"], x["of"], x["first"], x["last"]) for x in shoigu["roles"]] == [
        ("Verteidigungsminister", "Russland", "2022-10-03", "2023-02-01")
    ]
    assert queries.entity(world, 999) is None


def test_entity_as_of(world) -> None:
    shoigu = queries.entity(world, 1, as_of_day=date(2022, 12, 31))
    assert [e["report_id"] for e in shoigu["events"]] == ["w1"]
    assert shoigu["claims_by"] == []
    assert [n["last"] for n in shoigu["names"]] == ["2022-10-03"]
    assert [x["last"] for x in shoigu["roles"]] == ["2022-10-03"]


def test_network_defaults_to_the_busiest_entities_of_the_whole_period(world, monkeypatch) -> None:
    result = queries.network(world)
    assert result["period"] == "whole" and "start" not in result["filters"]
    assert len(result["edges"]) == 5
    assert [n["label"] for n in result["nodes"]][:2] == ["Russia", "Ukraine"]  # most events first
    two = queries.network(world, max_nodes=2)
    assert {n["label"] for n in two["nodes"]} == {"Russia", "Ukraine"}
    assert {e["type"] for e in two["edges"]} == {"ACCUSE", "ASSAULT", "REJECT"}
    assert two["truncated"] is True
    assert queries.network(world, min_weight=2)["edges"] == []
    # a store with more events than DEFAULT_EVENTS shows its latest months and says so
    monkeypatch.setattr(network_module, "DEFAULT_EVENTS", 1)
    latest = queries.network(world)
    assert latest["period"] == "latest" and latest["filters"]["start"] == "2022-12-01"
    assert {(e["source"], e["type"]) for e in latest["edges"]} == {(2, "THREATEN"), (5, "ASSAULT")}


def test_edge_events_come_with_their_sentences(world) -> None:
    edge = queries.edge_events(world, queries.Filters(types=("ASSAULT",)), 5, 4)
    assert [(x["report_id"], x["sentence"]) for x in edge["events"]] == [
        ("w4", "Russland griff die Ukraine erneut an.")
    ]
    assert edge["source"]["label"] == "Russia" and edge["target"]["label"] == "Ukraine"
    node = queries.edge_events(world, queries.Filters(), 2)
    assert [x["report_id"] for x in node["events"]] == ["w3", "w1"]
    assert node["events"][1]["sentence"] == "Schoigu traf Lukaschenko am Montag in Minsk."
    day = queries.Filters(as_of=date(2022, 10, 31))
    assert [x["report_id"] for x in queries.edge_events(world, day, 2)["events"]] == ["w1"]


def test_network_over_a_period_and_as_of(world) -> None:
    whole = queries.Filters(start=date(2022, 1, 1), end=date(2023, 12, 31))
    edges = {(e["source"], e["target"], e["type"]) for e in queries.network(world, whole)["edges"]}
    assert edges == {
        (1, 2, "CONSULT"),
        (2, 6, "THREATEN"),
        (4, 5, "ACCUSE"),
        (5, 4, "REJECT"),
        (5, 4, "ASSAULT"),
    }
    early = queries.network(
        world,
        queries.Filters(start=date(2022, 1, 1), end=date(2023, 12, 31), as_of=date(2022, 10, 31)),
    )
    assert [(e["source"], e["target"]) for e in early["edges"]] == [(1, 2)]


def test_contested_claims_side_by_side(world) -> None:
    result = queries.claims(world)
    assert len(result["pairs"]) == 1
    pair = result["pairs"][0]
    assert {pair["a"]["certainty"], pair["b"]["certainty"]} == {"alleged", "denied"}
    assert {pair["a"]["source"], pair["b"]["source"]} == {"Ukraine", "Die russische Seite"}
    assert pair["a"]["report_date"] == "2022-11-15"
    assert queries.claims(world, queries.Filters(as_of=date(2022, 11, 1)))["pairs"] == []
    assert len(queries.claims(world, queries.Filters(entity="Ukraine"))["pairs"]) == 1
    assert queries.claims(world, queries.Filters(entity="Poland"))["pairs"] == []


def test_places_are_geojson_with_coordinates_from_entity_info(world) -> None:
    result = queries.places(world)
    assert result["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in result["features"]}
    assert by_name["Minsk"]["geometry"]["coordinates"] == [27.5667, 53.9]
    assert by_name["Ukraine"]["geometry"]["coordinates"] == [31.0, 49.0]
    assert by_name["Minsk"]["properties"]["events"][0]["type"] == "CONSULT"


@pytest.mark.parametrize(
    "info, expected",
    [
        ({"lat": 1, "lon": 2}, (2.0, 1.0)),
        ({"coordinates": [3, 4]}, (3.0, 4.0)),
        ({"coordinates": {"lat": 5, "lng": 6}}, (6.0, 5.0)),
        ({"lat": 95, "lon": 0}, None),
        (None, None),
        ({"lat": "x"}, None),
    ],
)
def test_coordinates_from_info(info, expected) -> None:
    assert queries.coordinates(info) == expected


def test_report_links_mentions_to_entities(world) -> None:
    assert queries.report(world, "w1")["entity_links"] == {"m1": 1, "m2": 2, "m3": 3}


def test_both_plans_for_much_named_entities_give_the_same_answers(world, monkeypatch) -> None:
    from chronik.store import filters

    light = (queries.entity(world, 5), queries.timeline(world, queries.Filters(entity="5")))
    monkeypatch.setattr(filters, "HEAVY", 0)
    monkeypatch.setattr(filters, "RECENT_HEAVY", 0)
    heavy = (queries.entity(world, 5), queries.timeline(world, queries.Filters(entity="5")))
    assert heavy == light
    assert _events(heavy[1]) == [
        ("w4", "ASSAULT"),
        ("w2", "REJECT"),
        ("w2", "ACCUSE"),
        ("w2", "ASSAULT"),
    ]


def test_search_caps_totals_and_lists_very_common_words_newest_first(world, monkeypatch) -> None:
    monkeypatch.setattr(search_module, "COUNT_CAP", 1)
    monkeypatch.setattr(search_module, "RANK_LIMIT", 1)
    result = queries.search(world, "Ukraine")
    assert (result["total"], result["total_capped"], result["ranked"]) == (1, True, False)
    assert [r["id"] for r in result["results"]] == ["w4", "w2"]  # newest ingested first
    assert queries.search(world, "Lukaschenko", as_of=date(2022, 10, 31))["ranked"] is True


def test_source_filter_matches_the_beginning_case_insensitively(world) -> None:
    assert _events(queries.timeline(world, queries.Filters(source="die russische"))) == [
        ("w2", "ASSAULT")
    ]
    assert _events(queries.timeline(world, queries.Filters(source="russische"))) == []
    assert len(queries.claims(world, queries.Filters(source="UKR"))["pairs"]) == 1


def _views(store) -> list:
    f, day = queries.Filters, date(2022, 11, 30)
    out = [
        queries.timeline(store, filters)
        for filters in (
            f(),
            f(entity="Russia"),
            f(place="Minsk"),
            f(types=("ASSAULT",)),
            f(certainty=("denied",)),
            f(source="die russische"),
            f(start=date(2022, 11, 1), end=date(2022, 11, 30)),
            f(as_of=day),
        )
    ]
    out += [queries.entity(store, i, as_of_day=d) for i in range(1, 7) for d in (None, day)]
    out += [
        queries.network(store),
        queries.network(store, f(start=date(2022, 1, 1), end=date(2023, 12, 31))),
    ]
    out += [
        queries.claims(store),
        queries.claims(store, f(entity="Ukraine")),
        queries.claims(store, f(as_of=day)),
    ]
    out += [queries.places(store), queries.list_reports(store, as_of=day)]
    return out


def test_views_give_the_same_answers_on_postgresql(pg_url, world, monkeypatch) -> None:
    from chronik.store import filters
    from chronik.store.db import open_store

    pg = open_store(pg_url)
    build_world(pg)
    assert pg.dialect == "postgresql"
    assert _views(pg) == _views(world)
    monkeypatch.setattr(filters, "HEAVY", 0)
    monkeypatch.setattr(filters, "RECENT_HEAVY", 0)
    assert _views(pg) == _views(world)


def test_any_name_of_an_entity_finds_all_its_reports(world) -> None:
    # the linker records the names an entity was called by and a surname key for persons
    with world.engine.begin() as conn:
        conn.execute(
            schema.entity_names.insert(),
            [
                {"entity_id": 1, "name": "Schoigu", "key": "schoigu", "count": 2},
                {"entity_id": 1, "name": "Sergei Shoigu", "key": "sergei shoigu", "count": 1},
            ],
        )
        conn.execute(schema.entity_keys.insert(), [{"key": "s:shoigu", "entity_id": 1}])

    def ids(q: str) -> list[str]:
        return sorted(r["id"] for r in queries.search(world, q)["results"])

    assert ids("Schoigu") == ["w1", "w4"]
    assert ids("Shoigu") == ids("Schoigu")  # no report spells it Shoigu
    assert ids('"Sergei Shoigu"') == ids("Schoigu")
    assert "schoigu" in queries.search(world, "Shoigu")["variants"]


def test_exact_forms_are_listed_before_inflected_ones(store) -> None:
    for rid, text in (("p1", "Die Angriffe gingen weiter."), ("p2", "Ein Angriff auf Kiew.")):
        ann = Annotations(sentences=[Span(0, len(text), text)])
        write_report(store, Report(id=rid, text=text, date=parse_iso("2022-12-05")), ann)
    assert [r["id"] for r in queries.search(store, "Angriff")["results"]] == ["p2", "p1"]
    assert [r["id"] for r in queries.search(store, "Angriffe")["results"]] == ["p1", "p2"]


def _add_shoigu_names(store) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            schema.entity_names.insert(),
            [{"entity_id": 1, "name": "Schoigu", "key": "schoigu", "count": 2}],
        )
        conn.execute(schema.entity_keys.insert(), [{"key": "s:shoigu", "entity_id": 1}])


def test_search_language_gives_the_same_answers_on_postgresql(pg_url, world) -> None:
    from chronik.store.db import open_store

    pg = open_store(pg_url)
    build_world(pg)
    for store in (world, pg):
        _add_shoigu_names(store)
    for q in (
        "Schoigu",
        "Shoigu",
        "Lukaschenko OR Kiew",
        "Russland -Ukraine",
        "(Minsk OR Polen) Lukaschenko",
        '"Schoigu traf"',
        '"traf Schoigu"',
        "Angriff",
        "Kraftwerk*",
    ):
        lite = [r["id"] for r in queries.search(world, q)["results"]]
        assert sorted(lite) == sorted(r["id"] for r in queries.search(pg, q)["results"]), q
    with pytest.raises(queries.QueryError, match="parenthesis"):
        queries.search(pg, "(Minsk")
    for rid, text in (("p1", "Die Angriffe gingen weiter."), ("p2", "Ein Angriff auf Kiew.")):
        ann = Annotations(sentences=[Span(0, len(text), text)])
        write_report(pg, Report(id=rid, text=text, date=parse_iso("2022-12-05")), ann)
    assert [r["id"] for r in queries.search(pg, "Angriff")["results"]][:2] == ["p2", "p1"]
    assert next(r["id"] for r in queries.search(pg, "Angriffe")["results"]) == "p1"
