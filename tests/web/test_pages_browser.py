"""The web app in a real headless browser: list, search, report page. Screenshots go to docs/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronik.api.app import create_app
from chronik.dates import parse_iso
from chronik.settings import Settings
from chronik.store.db import open_store, write_report
from chronik.types import Annotations, Mention, Report, Span

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TEXT = "Schoigu traf Lukaschenko in Minsk. <b>Fett</b> ist hier nur Text."

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(serve, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    store = open_store(db)
    ann = Annotations(sentences=[Span(0, 34, TEXT[:34]), Span(35, len(TEXT), TEXT[35:])],
                      mentions=[Mention(0, 7, "Schoigu", "PER", id="m1", component="test"),
                                Mention(28, 33, "Minsk", "LOC", id="m2", component="test")])
    write_report(store, Report(id="w1", text=TEXT, date=parse_iso("2022-12-05"), title="Treffen in Minsk"), ann)
    write_report(store, Report(id="w2", text="Die Ukraine meldet Stromausfälle.", date=parse_iso("2022-11")))
    return serve(create_app(Settings(db=db)))


@pytest.fixture()
def page(browser):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    yield page
    page.close()


def test_index_lists_reports_newest_first(page, base_url) -> None:
    page.goto(base_url + "/")
    items = page.locator("ol.reports li")
    assert items.count() == 2
    assert "Treffen in Minsk" in items.nth(0).inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)


def test_search_form_leads_to_results_and_report(page, base_url) -> None:
    page.goto(base_url + "/")
    page.fill("input[name=q]", "Lukaschenko")
    page.click("button[type=submit]")
    page.wait_for_url("**/search?q=Lukaschenko")
    assert page.locator("ol.results li").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)
    page.click("ol.results li a")
    page.wait_for_url("**/reports/w1")
    assert page.locator("mark.entity").first.inner_text() == "Schoigu"
    page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)


def test_report_text_with_markup_is_shown_as_text(page, base_url) -> None:
    page.goto(base_url + "/reports/w1")
    assert page.locator("ol.sentences b").count() == 0
    assert "<b>Fett</b>" in page.locator("ol.sentences").inner_text()
