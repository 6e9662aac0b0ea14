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
        ann = Annotations(
            sentences=[Span(0, len(text), text)],
            mentions=[Mention(0, 7, text[:7], "PER", id="m1", component="test")],
        )
        write_report(
            store,
            Report(id=rid, text=text, date=parse_iso("2022-12-05"), title=f"Titel {rid}"),
            ann,
        )
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


@pytest.mark.parametrize("q", ["*", "NEAR", "'; DROP TABLE reports; --", "a\x00b", "{}^~:"])
def test_search_syntax_characters_do_not_break_the_server(client, q: str) -> None:
    assert client.get("/api/search", params={"q": q}).status_code == 200
    assert client.get("/search", params={"q": q}).status_code == 200
    assert client.get("/api/reports").json()["total"] == 2


@pytest.mark.parametrize(
    ("q", "says"),
    [
        ('"Schoigu traf', "quotation mark"),
        ("(Minsk", "parenthesis"),
        ("OR", "OR needs a word"),
        ("- NOT", "no word"),
        ("x" * 10_000, "10,000 characters"),
    ],
)
def test_malformed_search_is_a_400_that_says_what_to_change(client, q: str, says: str) -> None:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 400
    assert says in response.json()["error"]
    page = client.get("/search", params={"q": q})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert says in page.text


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


# ------------------------------------------------------- exploring endpoints, writing, limits

import socket  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import uvicorn  # noqa: E402

from chronik.nlp.pipeline import FACTORIES  # noqa: E402
from chronik.store import schema  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from explore_world import build_world  # noqa: E402

TOKEN = "test-token-7f3a"


def _settings(tmp_path, **kw) -> Settings:
    # all NLP components off: POST runs the real (sentence-only) pipeline, whatever state the models
    # are in
    return Settings(db=str(tmp_path / "world.db"), disabled=tuple(FACTORIES), **kw)


@pytest.fixture()
def world(tmp_path):
    build_world(open_store(str(tmp_path / "world.db")))
    return TestClient(create_app(_settings(tmp_path, api_token=TOKEN, max_upload_bytes=100_000)))


def _count_reports(client) -> int:
    return client.get("/api/stats").json()["reports"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/timeline",
        "/api/entities/5",
        "/api/network",
        "/api/claims",
        "/api/places",
        "/timeline.json",
        "/entities/5.json",
        "/network.json",
        "/claims.json",
    ],
)
def test_every_view_answers_json(world, path: str) -> None:
    response = world.get(path)
    assert response.status_code == 200
    assert isinstance(response.json(), dict)


def test_timeline_endpoint_filters_and_pages(world) -> None:
    data = world.get(
        "/api/timeline", params=[("type", "ASSAULT"), ("type", "REJECT"), ("limit", 2)]
    ).json()
    assert [e["type"] for e in data["events"]] == ["ASSAULT", "REJECT"]
    assert data["has_more"] is True
    rest = world.get(
        "/api/timeline", params={"type": "ASSAULT,REJECT", "limit": 2, "offset": 2}
    ).json()
    assert [e["type"] for e in rest["events"]] == ["ASSAULT"] and rest["has_more"] is False
    oldest = world.get("/api/timeline", params={"order": "asc", "limit": 1}).json()
    assert oldest["events"][0]["type"] == "CONSULT"


def test_as_of_applies_to_every_endpoint(world) -> None:
    day = {"as_of": "2022-10-31"}
    assert world.get("/api/reports", params=day).json()["total"] == 1
    assert world.get("/api/search", params={"q": "Russland", **day}).json()["total"] == 0
    assert {e["report_id"] for e in world.get("/api/timeline", params=day).json()["events"]} == {
        "w1"
    }
    assert world.get("/api/entities/5", params=day).json()["events"] == []
    assert world.get("/api/claims", params=day).json()["pairs"] == []
    assert world.get("/api/reports/w2", params=day).status_code == 404
    assert world.get("/reports/w2.json", params=day).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"as_of": "2022-13-01"},
        {"as_of": "99999-01-01"},
        {"start": "gestern"},
        {"start": "2023-01-01", "end": "2022-01-01"},
        {"type": "EXPLODE"},
        {"certainty": "sicher"},
        {"limit": 10**9},
        {"limit": 0},
        {"offset": -1},
        {"offset": 10**12},
        {"entity": "x" * 5000},
    ],
)
def test_bad_parameters_are_a_clear_422(world, params) -> None:
    response = world.get("/api/timeline", params=params)
    assert response.status_code == 422
    assert response.json()["status"] == 422 and response.json()["error"]


@pytest.mark.parametrize("q", ['"', "*", "NEAR(a b)", "'; DROP TABLE reports; --", "a:b", "%_\\"])
def test_syntax_characters_in_filters_are_plain_text(world, q: str) -> None:
    for path in ("/api/timeline", "/api/claims", "/api/network"):
        assert world.get(path, params={"entity": q, "source": q, "place": q}).status_code == 200
    assert world.get("/api/search", params={"q": q}).status_code in (200, 400)
    assert _count_reports(world) == 4


def test_unknown_ids_are_404(world) -> None:
    assert world.get("/api/entities/424242").status_code == 404
    assert world.get("/entities/424242").status_code == 404
    assert world.get("/api/entities/abc").status_code == 422
    assert world.get("/api/entities/" + "9" * 40).status_code == 422
    assert world.get("/entities/" + "9" * 40).status_code == 422
    for path in ("/api/timeline", "/api/claims", "/api/network", "/timeline"):
        assert world.get(path, params={"entity": "9" * 40, "place": "9" * 30}).status_code == 200
    assert world.get("/api/reports/" + "x" * 500).status_code == 422


def test_post_needs_a_token_and_writes_nothing_without_it(world) -> None:
    body = {"text": "Scholz besuchte Kiew am Dienstag.", "date": "2023-01-10"}
    assert world.post("/api/reports", json=body).status_code == 401
    wrong = world.post("/api/reports", json=body, headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 401 and "token" in wrong.json()["error"]
    assert (
        world.post("/api/reports", json=body, headers={"Authorization": TOKEN}).status_code == 401
    )
    assert _count_reports(world) == 4


def test_post_with_token_analyses_and_stores_once(world) -> None:
    body = {"text": "Scholz besuchte Kiew am Dienstag.", "date": "2023-01-10", "title": "Besuch"}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = world.post("/api/reports", json=body, headers=auth)
    assert first.status_code == 201 and first.json()["status"] == "added"
    again = world.post("/api/reports", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    stored = world.get(f"/api/reports/{first.json()['id']}").json()
    assert (stored["title"], stored["date"], stored["text"]) == (
        "Besuch",
        "2023-01-10",
        body["text"],
    )
    assert _count_reports(world) == 5


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"date": "2022-01-01"}',
        b'{"text": "x", "date": "2022-02-30"}',
        b'{"text": ""}',
        b"[]",
        b'{"text": ' + b"[" * 5_000 + b"]" * 5_000 + b"}",  # nested past Python's recursion
        b'{"text": "x", "id": ' + b"9" * 5000 + b"}",  # an integer over 4,300 digits
        b'{"text": "\xff\xfe kaputt"}',  # bytes that are not UTF-8
        b'{"text": 12}',
        b'{"text": "x", "date": "0000"}',
    ],
)
def test_bad_post_bodies_are_422_and_write_nothing(world, body: bytes) -> None:
    response = world.post(
        "/api/reports",
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert _count_reports(world) == 4


def test_without_a_configured_token_the_api_is_read_only(tmp_path) -> None:
    client = TestClient(create_app(_settings(tmp_path)))
    response = client.post(
        "/api/reports", json={"text": "x"}, headers={"Authorization": "Bearer anything"}
    )
    assert response.status_code == 403 and "read-only" in response.json()["error"]


def test_declared_oversize_body_is_refused_unread(world) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Length": str(100 * 2**20)}
    response = world.post("/api/reports", content=b"{}", headers=headers)
    assert response.status_code == 413 and "max_upload_bytes" in response.json()["error"]
    assert _count_reports(world) == 4


def test_streamed_oversize_body_is_cut_off(world) -> None:
    chunks = (b"x" * 10_000 for _ in range(50))  # 500 kB without a Content-Length, limit 100 kB
    response = world.post(
        "/api/reports", content=chunks, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 413
    assert _count_reports(world) == 4


def test_a_100_mb_post_to_a_real_server_gets_413_and_the_server_stays_up(tmp_path) -> None:
    build_world(open_store(str(tmp_path / "world.db")))
    app = create_app(_settings(tmp_path, api_token=TOKEN))  # default limit: 20 MB
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(
                (
                    f"POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
                    f"Content-Type: application/json\r\nContent-Length: {100 * 2**20}\r\n\r\n"
                ).encode()
            )
            conn.sendall(
                b"{" + b" " * 65536
            )  # a first piece of the 100 MB; the answer comes without the rest
            answer = conn.recv(4096).decode()
        assert answer.startswith("HTTP/1.1 413")
        import httpx

        assert httpx.get(f"http://127.0.0.1:{port}/api/stats").json()["reports"] == 4
    finally:
        server.should_exit = True
        thread.join(timeout=5)


def test_no_cors_headers(world) -> None:
    response = world.options(
        "/api/timeline",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in response.headers
    assert (
        "access-control-allow-origin"
        not in world.get("/api/timeline", headers={"Origin": "https://evil.example"}).headers
    )


def test_downloads(world) -> None:
    csv_text = world.get("/timeline.csv", params={"type": "ASSAULT"}).text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("event_id,report_id") and len(lines) == 3
    claims_csv = world.get("/claims.csv").text
    assert "alleged" in claims_csv and "denied" in claims_csv
    gexf = world.get("/network.gexf", params={"start": "2022-01-01", "end": "2023-12-31"})
    assert gexf.headers["content-type"].startswith("application/gexf+xml")
    import xml.etree.ElementTree as ET

    root = ET.fromstring(gexf.content)
    ns = {"g": "http://gexf.net/1.3"}
    assert len(root.findall(".//g:edge", ns)) == 5
    graphml = ET.fromstring(
        world.get("/network.graphml", params={"start": "2022-01-01", "end": "2023-12-31"}).content
    )
    assert len(graphml.findall(".//{http://graphml.graphdrawing.org/xmlns}node")) == 5
    geo = world.get("/places.geojson").json()
    assert {f["properties"]["name"] for f in geo["features"]} == {"Minsk", "Ukraine"}
    svg = ET.fromstring(world.get("/places.svg").content)
    assert len(svg.findall(".//{http://www.w3.org/2000/svg}circle")) == 2
    assert (
        ET.fromstring(world.get("/places.svg", params={"as_of": "2022-01-01"}).content).findall(
            ".//{http://www.w3.org/2000/svg}circle"
        )
        == []
    )


def test_csv_cells_cannot_become_formulas(tmp_path) -> None:
    store = open_store(str(tmp_path / "world.db"))
    build_world(store)
    with store.engine.begin() as conn:
        conn.execute(
            schema.events.update()
            .where(schema.events.c.type == "THREATEN")
            .values(trigger_text="=HYPERLINK(1)")
        )
    client = TestClient(create_app(_settings(tmp_path)))
    assert "'=HYPERLINK(1)" in client.get("/timeline.csv").text


@pytest.mark.parametrize("start", ["|", "%", "+", "-", "@"])
def test_csv_cells_starting_like_a_formula_or_dde_are_neutralised(start: str) -> None:
    from chronik.views.downloads import _cell

    assert _cell(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"
    assert _cell("Schoigu") == "Schoigu"


def test_all_pages_escape_report_content(world) -> None:
    for path in (
        "/",
        "/reports/w3",
        "/timeline",
        "/entities/2",
        "/search?q=Polen",
        "/network?start=2022-12-01&end=2022-12-31",
    ):
        html = world.get(path).text
        assert "<script>alert" not in html and "<b>Drohung" not in html, path
    assert "&lt;b&gt;Drohung" in world.get("/timeline").text


def test_pages_carry_as_of_in_their_links(world) -> None:
    html = world.get("/timeline", params={"as_of": "2022-11-30"}).text
    assert 'href="/reports/w2?as_of=2022-11-30"' in html
    assert "/reports/w4" not in html


def test_factory_for_several_server_processes_reads_the_environment(tmp_path, monkeypatch) -> None:
    from chronik.api.app import from_environment

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHRONIK_DB", str(tmp_path / "env.db"))
    app = from_environment()
    assert app.state.settings.db == str(tmp_path / "env.db")
    assert TestClient(app).get("/api/stats").json()["reports"] == 0


def test_hostile_values_in_any_parameter_never_crash_the_server(world) -> None:
    values = [
        "9" * 25,
        "9999-12-31",
        "0001-01-01",
        "'; DROP TABLE reports; --",
        "\\%_",
        "ä" * 300,
        "-1",
        '"*NEAR',
    ]
    paths = [
        "/api/timeline",
        "/api/network",
        "/api/claims",
        "/api/places",
        "/api/search",
        "/api/entities/1",
        "/timeline",
        "/network.gexf",
        "/claims.csv",
        "/places.svg",
        "/entities/1",
        "/reports/w1",
    ]
    params = [
        "entity",
        "place",
        "source",
        "type",
        "certainty",
        "start",
        "end",
        "as_of",
        "q",
        "limit",
        "offset",
    ]
    statuses = {
        world.get(path, params={key: value}).status_code
        for path in paths
        for key in params
        for value in values
    }
    assert statuses <= {200, 400, 404, 422}  # 400: a search text that is no query
    assert _count_reports(world) == 4


def test_post_links_the_new_report_into_the_store_as_ingest_does(tmp_path) -> None:
    from chronik.types import Mention as M

    app = create_app(_settings(tmp_path, api_token=TOKEN))

    def analyse(
        report,
    ):  # a fixed analysis: this test is about storing and linking, not about the NLP
        at = report.text.index("Minsk")
        return Annotations(
            sentences=[Span(0, len(report.text), report.text)],
            mentions=[M(at, at + 5, "Minsk", "LOC", id="m1", component="stub")],
            pipeline="stub",
        )

    app.state.analyse = analyse
    client = TestClient(app)
    response = client.post(
        "/api/reports",
        json={"text": "Treffen in Minsk.", "date": "2022-12-05"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    record = client.get(f"/api/reports/{response.json()['id']}").json()
    entity_id = record["entity_links"]["m1"]
    assert client.get(f"/api/entities/{entity_id}").json()["names"][0]["name"] == "Minsk"


def test_api_docs_link_back_to_the_app(client) -> None:
    html = client.get("/docs").text
    assert '<a href="/">← zurück zu chronik</a>' in html
