"""The live-monitoring pages in a real browser: /sources, /alerts and the index's "new since your
last visit", which lives in cookies the browser keeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chronik.dates import parse_iso
from chronik.ingest.report import make_report
from chronik.jobs.write import store_and_link
from chronik.kb.alerts import create_alert, make_filters
from chronik.nlp import pipeline
from chronik.settings import Settings
from chronik.store.db import open_store
from chronik.store.sources import ensure_source, record_error, record_pass
from tests.web.test_monitor import TEXT, make_app


@pytest.fixture(scope="module")
def base_url(serve, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("monitor") / "browser.db")
    store = open_store(db)
    feed = ensure_source(store, "http://127.0.0.1:9/feed.xml", "feed", "Lokale Zeitung")
    record_pass(store, feed.id, "ok: 1 items", ok=True, new=1)
    record_error(store, feed.id, "http://127.0.0.1:9/a.pdf: application/pdf is not an HTML page")
    create_alert(store, "senat", make_filters(entity="Peter Tschentscher"), None, True)
    report = make_report(TEXT, parse_iso("2026-11-20"), title="Haushalt beschlossen")
    store_and_link(store, report, pipeline.analyse(pipeline.build(Settings(tier="fast")), report))
    return serve(make_app(db))


@pytest.fixture()
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    yield context
    context.close()


def test_sources_page_lists_sources_and_their_errors(context, base_url) -> None:
    page = context.new_page()
    page.goto(base_url + "/sources")
    row = page.locator("table.sources tbody tr").first
    assert "Lokale Zeitung" in row.inner_text()
    assert "application/pdf is not an HTML page" in page.locator("tr.error").first.inner_text()


def test_alerts_page_links_the_report_and_the_atom_feed(context, base_url) -> None:
    page = context.new_page()
    page.goto(base_url + "/alerts")
    assert "senat" in page.locator("ul.alerts").inner_text()
    page.locator("ol.fired a").first.click()
    assert "/reports/" in page.url
    feed = page.request.get(base_url + "/alerts.atom")
    assert feed.ok and "Haushalt beschlossen" in feed.text()


def test_index_shows_what_is_new_since_the_last_visit(context, base_url) -> None:
    page = context.new_page()
    page.goto(base_url + "/")
    assert page.locator("section.new-since").count() == 0  # a first visit
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=0).isoformat()
    context.add_cookies(
        [
            {"name": name, "value": an_hour_ago, "url": base_url}
            for name in ("chronik_seen", "chronik_visit")
        ]
    )
    page.goto(base_url + "/")
    new = page.locator("section.new-since")
    assert "Haushalt beschlossen" in new.inner_text()
    page.reload()  # the same visit: still shown
    assert "Haushalt beschlossen" in page.locator("section.new-since").inner_text()
