import pytest
from fastapi.testclient import TestClient

from chronik.api.app import create_app
from chronik.dates import parse_iso
from chronik.settings import Settings
from chronik.store.db import open_store, write_report
from chronik.types import Annotations, Mention, Report, Span

HOSTILE = "Bericht <script>alert('x')</script> über Minsk."


@pytest.fixture()
def client(tmp_path):
    db = str(tmp_path / "api.db")
    store = open_store(db)
    for rid, text in (("r1", "Schoigu traf Lukaschenko in Minsk."), ("r2", HOSTILE)):
        ann = Annotations(sentences=[Span(0, len(text), text)],
                          mentions=[Mention(0, 7, text[:7], "PER", id="m1", component="test")])
        write_report(store, Report(id=rid, text=text, date=parse_iso("2022-12-05"), title=f"Titel {rid}"), ann)
    return TestClient(create_app(Settings(db=db)))


def test_api_lists_searches_and_shows(client) -> None:
    assert client.get("/api/reports").json()["total"] == 2
    hits = client.get("/api/search", params={"q": "Lukaschenko"}).json()
    assert [h["id"] for h in hits["results"]] == ["r1"]
    record = client.get("/api/reports/r1").json()
    assert record["entities"][0]["text"] == "Schoigu"


def test_unknown_id_is_a_json_404(client) -> None:
    response = client.get("/api/reports/doesnotexist")
    assert response.status_code == 404
    assert "no report" in response.json()["error"]


def test_bad_parameters_are_a_json_422(client) -> None:
    response = client.get("/api/reports", params={"limit": 100000})
    assert response.status_code == 422
    assert "limit" in response.json()["error"]


@pytest.mark.parametrize("q", ['"', "*", "NEAR", "'; DROP TABLE reports; --"])
def test_search_syntax_characters_do_not_break_the_server(client, q: str) -> None:
    assert client.get("/api/search", params={"q": q}).status_code == 200
    assert client.get("/search", params={"q": q}).status_code == 200
    assert client.get("/api/reports").json()["total"] == 2


def test_pages_have_json_twins_with_the_same_data(client) -> None:
    assert client.get("/index.json").json()["total"] == 2
    assert client.get("/reports/r1.json").json()["text"] == "Schoigu traf Lukaschenko in Minsk."
    assert client.get("/search.json", params={"q": "Minsk"}).json()["total"] == 2


def test_report_page_escapes_markup(client) -> None:
    html = client.get("/reports/r2").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_unknown_page_is_an_html_error(client) -> None:
    response = client.get("/reports/nope")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "no report" in response.text


def test_openapi_docs_are_served(client) -> None:
    assert "/api/search" in client.get("/openapi.json").json()["paths"]
