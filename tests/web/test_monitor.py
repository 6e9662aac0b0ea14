"""The live-monitoring pages with the real app: /sources, /alerts (+ .json, .atom), /new and the
index's "new since your last visit"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient

from chronik.api.app import create_app
from chronik.dates import parse_iso
from chronik.ingest.report import make_report
from chronik.jobs.write import store_and_link
from chronik.kb.alerts import create_alert, make_filters
from chronik.nlp import pipeline
from chronik.settings import Settings
from chronik.store.db import open_store
from chronik.store.sources import ensure_source, record_error, record_pass

TEXT = (
    "Hamburg, 20. November 2026. Der Senat hat am Dienstag einen neuen Haushalt beschlossen. "
    "Bürgermeister Peter Tschentscher sagte, die Stadt müsse in Schulen investieren."
)


def make_app(db: str):
    return create_app(Settings(db=db))


@pytest.fixture(scope="module")
def nlp():
    """The fast tier, which this text was written for (the default tier may change)."""
    return pipeline.build(Settings(tier="fast"))


@pytest.fixture()
def client(tmp_path: Path, nlp):
    db = str(tmp_path / "web.db")
    store = open_store(db)
    feed = ensure_source(store, "http://127.0.0.1:9/feed.xml", "feed", "Lokal")
    record_pass(store, feed.id, "ok: 1 items", ok=True, new=1)
    broken = ensure_source(store, "http://127.0.0.1:9/kaputt.xml", "feed")
    record_error(store, broken.id, "http://127.0.0.1:9/kaputt.xml: HTTP 500 Internal Server Error")
    record_pass(store, broken.id, "HTTP 500", ok=False)
    create_alert(store, "senat", make_filters(entity="Peter Tschentscher"), None, True)
    create_alert(
        store, "still", make_filters(entity="Peter Tschentscher"), "http://x.invalid/", False
    )
    report = make_report(TEXT, parse_iso("2026-11-20"), title="Haushalt beschlossen")
    stored = store_and_link(store, report, pipeline.analyse(nlp, report))
    assert sorted(stored.alerts) == ["senat", "still"]
    return TestClient(make_app(db))


def test_sources_page_and_json(client: TestClient) -> None:
    data = client.get("/sources.json").json()
    assert data["total"] == 2
    broken = data["results"][1]
    assert broken["errors"] == 1 and "HTTP 500" in broken["recent_errors"][0]["message"]
    page = client.get("/sources").text
    assert "Lokal" in page and "HTTP 500 Internal Server Error" in page


def test_alerts_page_json_and_atom(client: TestClient) -> None:
    data = client.get("/alerts.json").json()
    assert [a["name"] for a in data["alerts"]] == ["senat", "still"]
    assert {f["alert"] for f in data["fired"]} == {"senat", "still"}
    assert "Haushalt beschlossen" in client.get("/alerts").text
    atom = client.get("/alerts.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ElementTree.fromstring(atom.content).findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == ["senat: Haushalt beschlossen"]
    assert entries[0].find("a:link", ns).get("href").startswith("http://testserver/reports/")


def test_new_since_a_chosen_time_and_the_last_visit(client: TestClient) -> None:
    assert client.get("/new.json", params={"since": "2020-01-01"}).json()["count"] == 1
    later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    assert client.get("/new.json", params={"since": later}).json()["count"] == 0
    assert client.get("/new.json", params={"since": "gestern"}).status_code == 422
    first = client.get("/")  # a first visit: nothing is "new" yet, the visit is remembered
    assert "Neu seit Ihrem letzten Besuch" not in first.text
    assert "chronik_seen" in first.cookies
    chosen = client.get("/", params={"since": "2020-01-01"})
    assert "Neu seit Ihrem letzten Besuch" in chosen.text and "Haushalt beschlossen" in chosen.text
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=0).isoformat()
    client.cookies.set("chronik_seen", an_hour_ago)
    client.cookies.set("chronik_visit", an_hour_ago)
    back = client.get("/")  # back after an hour: the report stored since is new
    assert "Neu seit Ihrem letzten Besuch" in back.text
    assert client.get("/").text.count("Haushalt beschlossen") == back.text.count(
        "Haushalt beschlossen"
    )  # a reload within the visit keeps showing it
