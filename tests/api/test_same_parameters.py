"""Every view takes the same parameters as a page, as its `.json` twin, as a download and under
/api/, and answers the same data: one handler per view (chronik.views.handlers)."""

import csv
import io
import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chronik.api.app import create_app
from chronik.settings import Settings
from chronik.store.db import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from explore_world import build_world


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("same") / "world.db")
    build_world(open_store(db))
    return TestClient(create_app(Settings(db=db)))


def _cells(html: str) -> list[str]:
    """The trigger column of the timeline table, in page order."""
    rows = re.findall(r'<tr class="event[^"]*">(.*?)</tr>', html, re.S)
    return [re.findall(r"<td>(.*?)</td>", row, re.S)[2] for row in rows]


def test_timeline_page_json_and_api_show_the_same_page(world) -> None:
    params = {"limit": 2, "offset": 2}
    twin = world.get("/timeline.json", params=params).json()
    api = world.get("/api/timeline", params=params).json()
    assert twin == api
    assert [e["trigger_text"] for e in twin["events"]] == ["bestreitet", "wirft"]
    assert (twin["limit"], twin["offset"], twin["has_more"]) == (2, 2, True)
    assert _cells(world.get("/timeline", params=params).text) == ["bestreitet", "wirft"]


def test_next_page_link_keeps_the_page_size(world) -> None:
    html = world.get("/timeline", params={"limit": 2, "offset": 2}).text
    assert 'rel="next" href="/timeline?limit=2&amp;offset=4"' in html
    assert 'rel="prev" href="/timeline?limit=2&amp;offset=0"' in html
    assert 'href="/timeline.csv"' in html  # the download link asks for the whole selection
    last = world.get("/timeline.json", params={"limit": 2, "offset": 4}).json()
    assert [e["trigger_text"] for e in last["events"]] == ["Angriffe", "traf"]
    assert last["has_more"] is False
    assert 'rel="next"' not in world.get("/timeline", params={"limit": 2, "offset": 4}).text


@pytest.mark.parametrize(
    ("twin", "api", "params"),
    [
        ("/index.json", "/api/reports", {"limit": 2, "offset": 1, "as_of": "2022-12-31"}),
        ("/search.json", "/api/search", {"q": "Lukaschenko", "limit": 1, "offset": 1}),
        ("/reports/w2.json", "/api/reports/w2", {"as_of": "2022-12-31"}),
        ("/entities/2.json", "/api/entities/2", {"limit": 1, "offset": 1}),
        (
            "/timeline.json",
            "/api/timeline",
            {"type": "ASSAULT,REJECT", "order": "asc", "limit": 2, "offset": 1},
        ),
        ("/network.json", "/api/network", {"start": "2022-01-01", "end": "2023-12-31"}),
        ("/network.json", "/api/network", {"max_edges": 2, "start": "2022-01-01"}),
        ("/claims.json", "/api/claims", {"limit": 1, "offset": 0, "certainty": "denied"}),
        ("/places.json", "/api/places", {"type": "ASSAULT"}),
    ],
)
def test_json_twin_and_api_answer_the_same(world, twin: str, api: str, params: dict) -> None:
    mine, theirs = world.get(twin, params=params), world.get(api, params=params)
    assert mine.status_code == theirs.status_code == 200
    assert mine.json() == theirs.json()


@pytest.mark.parametrize(
    ("twin", "api"),
    [
        ("/index.json", "/api/reports"),
        ("/search.json?q=Minsk", "/api/search?q=Minsk"),
        ("/entities/2.json", "/api/entities/2"),
        ("/timeline.json", "/api/timeline"),
        ("/claims.json", "/api/claims"),
    ],
)
def test_page_size_defaults_are_the_same_everywhere(world, twin: str, api: str) -> None:
    mine, theirs = world.get(twin).json(), world.get(api).json()
    assert (mine["limit"], mine["offset"]) == (theirs["limit"], theirs["offset"]) == (25, 0)


def test_network_edge_limit_is_a_parameter_of_the_page_too(world) -> None:
    params = {"start": "2022-01-01", "end": "2023-12-31", "max_edges": 2}
    assert len(world.get("/api/network", params=params).json()["edges"]) == 2
    html = world.get("/network", params=params).text
    assert len(re.findall(r"<tr><td><a", html)) == 2


@pytest.mark.parametrize("path", ["/timeline", "/timeline.json", "/api/timeline", "/timeline.csv"])
@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"offset": -1}, {"order": "x"}])
def test_bad_page_parameters_are_422_in_every_format(world, path: str, params: dict) -> None:
    response = world.get(path, params=params)
    assert response.status_code == 422
    name = next(iter(params))
    if path == "/timeline":
        assert "text/html" in response.headers["content-type"] and name in response.text
    else:
        assert name in response.json()["error"]


def test_csv_takes_the_same_filters_and_page(world) -> None:
    def ids(params: dict) -> list[str]:
        rows = csv.DictReader(io.StringIO(world.get("/timeline.csv", params=params).text))
        return [row["event_id"] for row in rows]

    page = world.get("/api/timeline", params={"limit": 2, "offset": 2}).json()
    assert ids({"limit": 2, "offset": 2}) == [str(e["id"]) for e in page["events"]]
    everything = world.get("/api/timeline", params={"limit": 200}).json()["events"]
    assert ids({}) == [str(e["id"]) for e in everything]  # no limit: the whole selection
    assert ids({"type": "ASSAULT"}) == [str(e["id"]) for e in everything if e["type"] == "ASSAULT"]


def test_claims_and_entity_pages_show_what_their_twins_hold(world) -> None:
    for path, params, item in (
        ("/claims", {"limit": 1}, r'<li class="pair">'),
        ("/entities/2", {"limit": 1, "offset": 1}, r"<li><time>"),
    ):
        html = world.get(path, params=params).text
        twin = world.get(path + ".json", params=params).json()
        held = twin.get("pairs", twin.get("events"))
        assert len(re.findall(item, html)) == len(held) == 1


def test_search_without_words_is_empty_everywhere(world) -> None:
    assert world.get("/api/search").json()["results"] == []
    assert world.get("/search.json").json() == world.get("/api/search").json()


def test_pages_show_dates_at_their_precision_and_headlines_not_ids(world) -> None:
    # w3 is dated only "2022-12": its events and its report are a month, never "2022-12-01"
    timeline = world.get("/timeline").text
    assert "Dezember 2022" in timeline
    assert "2022-12-01" not in timeline
    report = world.get("/reports/w3").text
    assert "Dezember 2022" in report and "2022-12-01" not in report
    index = world.get("/").text
    assert "Bericht</a>" not in index
    for row in world.get("/index.json").json()["results"]:
        assert f">{row['id']}<" not in index  # a report is never listed by its id
