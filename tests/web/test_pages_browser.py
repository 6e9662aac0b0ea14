"""The web app in a real headless browser: every page, the filters, the as-of picker and the network
view.

Every page is also rendered to a full-page screenshot; `make screenshots` keeps them in
docs/screenshots/ (shown in the README), a plain test run does not write into the tree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from chronik.api.app import create_app
from chronik.dates import parse_iso
from chronik.settings import Settings
from chronik.store.db import open_store, write_report
from chronik.types import Annotations, Mention, Report, Span

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from explore_world import build_world

TEXT = "Schoigu traf Lukaschenko in Minsk. <b>Fett</b> ist hier nur Text."
UNTITLED = (  # no title, dated to a month: listed by its first sentence cut at a word, as August 2022
    "Ohne Überschrift erschien diese ausführliche Meldung über die Lage an der Grenze zwischen "
    "Belarus und Litauen, die viele Leser beschäftigte. Ein zweiter Satz folgt."
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(serve, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    store = open_store(db)
    build_world(store)
    ann = Annotations(
        sentences=[Span(0, 34, TEXT[:34]), Span(35, len(TEXT), TEXT[35:])],
        mentions=[
            Mention(0, 7, "Schoigu", "PER", id="m1", component="test"),
            Mention(28, 33, "Minsk", "LOC", id="m2", component="test"),
        ],
    )
    write_report(
        store,
        Report(id="x1", text=TEXT, date=parse_iso("2022-09-05"), title="Früheres Treffen"),
        ann,
    )
    write_report(store, Report(id="x2", text=UNTITLED, date=parse_iso("2022-08")), Annotations())
    return serve(create_app(Settings(db=db)))


@pytest.fixture()
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.script_errors = errors
    yield page
    page.close()
    assert errors == [], errors  # no script errors and no CSP violations on any page


def _shot(page, name: str) -> None:
    folder = os.environ.get("CHRONIK_SCREENSHOTS")
    if not folder:
        assert page.screenshot(full_page=True)[:8] == b"\x89PNG\r\n\x1a\n"
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_index_lists_reports_newest_first(page, base_url) -> None:
    page.goto(base_url + "/")
    items = page.locator("ol.reports li")
    assert items.count() == 6
    assert "Neue Angriffe" in items.nth(0).inner_text()
    texts = items.all_inner_texts()
    # dates in words at their precision: w3 is dated only "2022-12", never an invented day
    assert any(t.startswith("Dezember 2022 ") for t in texts), texts
    assert any(t.startswith("1. Februar 2023 ") for t in texts), texts
    assert not any("2022-12" in t for t in texts)
    # untitled reports are headed by their first sentence, never by an id or "Bericht"
    headline = "Ohne Überschrift erschien diese ausführliche Meldung über die Lage an der Grenze zwischen …"
    assert texts[-1] == "August 2022 " + headline, texts
    assert not any(t.rstrip().endswith((" x2", "Bericht")) for t in texts), texts
    _shot(page, "index")
    page.locator("ol.reports a", has_text="Ohne Überschrift").click()
    assert page.locator("h1").inner_text() == headline
    assert "Ein zweiter Satz folgt." in page.locator("article.report").inner_text()


def test_search_form_leads_to_results_and_report(page, base_url) -> None:
    page.goto(base_url + "/")
    page.fill("input[name=q]", "Lukaschenko")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/search?q=Lukaschenko")
    assert page.locator("ol.results li").count() == 3
    _shot(page, "search")


def test_search_knows_inflections_operators_and_says_what_is_wrong(page, base_url) -> None:
    page.goto(base_url + "/search?q=Angriff")  # the reports say "Angriffe"
    assert page.locator("ol.results li").count() == 2
    assert "angriffe" in page.locator("p.variants").inner_text()
    assert "[Angriffe]" in " ".join(page.locator("ol.results li .snippet").all_inner_texts())
    page.goto(base_url + "/search?q=Minsk OR Polen")
    assert page.locator("ol.results li").count() == 3
    page.goto(base_url + "/search?q=Lukaschenko -Polen")
    assert page.locator("ol.results li").count() == 2
    page.goto(base_url + '/search?q="Schoigu traf"')
    assert page.locator("ol.results li").count() == 2
    response = page.goto(base_url + '/search?q="Schoigu traf')
    assert response.status == 400
    assert "quotation mark" in page.locator("p.error").inner_text()
    page.script_errors.clear()  # the browser logs the 400, as it should


def test_report_page_highlights_every_kind_and_lists_them(page, base_url) -> None:
    page.goto(base_url + "/reports/w2")
    assert page.locator("ol.sentences mark.entity").first.inner_text() == "Ukraine"
    assert page.locator("ol.sentences mark.event").count() == 3
    assert page.locator("ol.sentences mark.claim").count() >= 2
    assert page.locator("aside ul.claims li").count() == 2
    assert "widerspricht" in page.locator("aside ul.claims").inner_text()
    names = page.locator("aside ul.entities li").all_inner_texts()
    # each entity once, with how often the report names it (Russland, russische: Russia 2x)
    assert len(names) == len({n.split(" ")[0] for n in names}) == 2, names
    assert "2×" in page.locator("aside ul.entities li", has_text="Russia").inner_text()
    assert "Entitäten (2)" in page.locator("aside.facts h2").first.inner_text()
    page.locator("aside ul.entities a", has_text="Russia").click()
    page.wait_for_url("**/entities/5")
    _shot(page, "entity")
    page.goto(base_url + "/reports/w1")
    assert page.locator("ol.sentences mark.timex").inner_text() == "Montag"
    _shot(page, "report")


def test_report_text_with_markup_is_shown_as_text(page, base_url) -> None:
    page.goto(base_url + "/reports/x1")
    assert page.locator("ol.sentences b").count() == 0
    assert "<b>Fett</b>" in page.locator("ol.sentences").inner_text()
    page.goto(base_url + "/reports/w3")
    assert page.locator("ol.sentences script").count() == 0
    assert "<script>alert('x')</script>" in page.locator("ol.sentences").inner_text()


def test_entity_page_shows_timeline_roles_and_neighbours(page, base_url) -> None:
    page.goto(base_url + "/entities/1")
    assert page.locator("h1").inner_text().startswith("Sergei Shoigu")
    assert page.locator("ol.entity-timeline li").count() == 1
    assert "Verteidigungsminister" in page.locator("ul.roles").inner_text()
    assert "von Erfolgen" in page.locator("ul.claims-by").inner_text()
    assert page.locator("ol.entity-timeline li time").inner_text() == "3. Oktober 2022"
    page.locator("ul.co-occurring a", has_text="Alexander Lukashenko").click()
    page.wait_for_url("**/entities/2")
    assert page.locator("ol.entity-timeline li").count() == 2
    # w3's threat is dated only "2022-12": a month, no invented first day
    times = page.locator("ol.entity-timeline li time").all_inner_texts()
    assert times == ["Dezember 2022", "3. Oktober 2022"], times
    assert "2022-12-01" not in page.locator("main").inner_text()
    assert "<b>Drohung</b> gegen Polen" in page.locator("ol.entity-timeline").inner_text()


def test_timeline_filters(page, base_url) -> None:
    page.goto(base_url + "/timeline")
    assert page.locator("table.timeline tbody tr.event").count() == 6
    _shot(page, "timeline")
    page.check("fieldset.types input[value=ASSAULT]")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/timeline?*type=ASSAULT*")
    assert page.locator("table.timeline tbody tr.event").count() == 2
    page.fill("form.filters input[name=place]", "Ukraine")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    rows = page.locator("table.timeline tbody tr.event")
    assert rows.count() == 1 and "Angriffe" in rows.first.inner_text()
    page.goto(base_url + "/timeline?certainty=denied")
    assert page.locator("table.timeline tbody tr.event").count() == 1
    page.goto(base_url + "/timeline?start=2022-11-01&end=2022-11-30")
    assert page.locator("table.timeline tbody tr.event").count() == 3
    assert page.locator("form.filters input[name=start]").input_value() == "2022-11-01"
    map_ok = page.evaluate(
        "() => { const i = document.querySelector('img.map'); return i.complete && i.naturalWidth > 0; }"
    )
    assert map_ok


def test_paging_shows_what_the_json_twin_and_the_api_hold(page, base_url) -> None:
    page.goto(base_url + "/timeline?type=ASSAULT,REJECT,THREATEN&limit=2")
    assert page.locator("table.timeline tbody tr.event").count() == 2
    page.click("nav.pager a[rel=next]")
    page.wait_for_url("**offset=2*")
    shown = page.locator("table.timeline tbody tr.event td:nth-child(3)").all_inner_texts()
    twin = page.request.get(base_url + page.locator("a.json-twin").get_attribute("href")).json()
    api = page.request.get(base_url + "/api/timeline?type=ASSAULT,REJECT,THREATEN&limit=2&offset=2")
    assert shown == [e["trigger_text"] for e in twin["events"]] == ["bestreitet", "Angriffe"]
    assert api.json() == twin


def test_as_of_picker_applies_everywhere(page, base_url) -> None:
    page.goto(base_url + "/timeline?type=ASSAULT")
    page.fill("form.asof input[name=as_of]", "2022-11-30")
    page.click("form.asof button[type=submit]")
    page.wait_for_url("**as_of=2022-11-30*")
    assert "type=ASSAULT" in page.url
    assert page.locator(".asof-banner").is_visible()
    assert (
        page.locator("table.timeline tbody tr.event").count() == 1
    )  # the 2023 attack was not known yet
    _shot(page, "as-of")
    page.click("nav.main a:has-text('Strittige Aussagen')")
    page.wait_for_url("**/claims?as_of=2022-11-30")
    assert page.locator("li.pair").count() == 1
    page.click("a.brand")
    page.wait_for_url("**/?as_of=2022-11-30")
    assert page.locator("ol.reports li").count() == 4
    page.click("a.asof-reset")
    page.wait_for_url(base_url + "/")
    assert page.locator("ol.reports li").count() == 6


def _node_boxes(page) -> dict[str, dict[str, float]]:
    return page.evaluate(
        """() => { const n = window.chronikNetwork, out = {};
                   n.body.nodeIndices.forEach(id => { out[id] = n.getBoundingBox(id); });
                   return out; }"""
    )


def _click_node(page, node_id: int) -> None:
    box = page.locator("#graph canvas").bounding_box()
    xy = page.evaluate(
        """(id) => { const n = window.chronikNetwork; return n.canvasToDOM(n.getPositions([id])[id]); }""",
        node_id,
    )
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])


def test_network_view_draws_an_interactive_graph(page, base_url) -> None:
    page.goto(base_url + "/network")  # default: the whole period, not the latest month
    page.wait_for_selector("#graph[data-ready=true]", timeout=15_000)
    assert "ganzer Zeitraum" in page.locator("h1").inner_text()
    assert page.locator("#graph").get_attribute("data-nodes") == "5"
    assert page.locator("table.edges tbody tr").count() == 5
    box = page.locator("#graph canvas").bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    # labels do not overlap: no two nodes' boxes (dot and label) intersect once the layout froze
    boxes = list(_node_boxes(page).values())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a["right"] <= b["left"] or b["right"] <= a["left"]
            assert apart or a["bottom"] <= b["top"] or b["bottom"] <= a["top"], (a, b)
    _click_node(page, 2)  # Alexander Lukashenko
    page.wait_for_selector("#graph-panel ol.events-with-sentences li", timeout=10_000)
    panel = page.locator("#graph-panel")
    assert "Alexander Lukashenko" in panel.locator("h2").inner_text()
    sentences = panel.locator("blockquote.sentence").all_inner_texts()
    assert "Schoigu traf Lukaschenko am Montag in Minsk." in sentences, sentences
    _shot(page, "network")


def test_network_filters_and_edge_events(page, base_url) -> None:
    page.goto(base_url + "/network?type=ASSAULT")
    assert page.locator("table.edges tbody tr").count() == 1
    page.goto(base_url + "/network?min_weight=2")  # every edge of the world is one event
    assert "Keine Beziehungen" in page.locator("table.edges").inner_text()
    assert page.locator("form.filters input[name=min_weight]").input_value() == "2"
    page.goto(base_url + "/network?max_nodes=2")
    assert page.locator("#graph").get_attribute("data-nodes") == "2"
    assert "Russia" in page.locator("table.edges").inner_text()
    page.goto(base_url + "/network?start=2022-11-01&end=2022-11-30")
    assert "November 2022" in page.locator("h1").inner_text()
    page.goto(base_url + "/network?as_of=2022-10-31")
    assert page.locator("table.edges tbody tr").count() == 1
    page.goto(base_url + "/network?entity=Ukraine")
    page.locator("table.edges tr", has_text="ASSAULT").locator("a.edge-link").click()
    page.wait_for_url("**/network/events?*")
    assert "Russia → Ukraine" in page.locator("h2.edge-title").inner_text()
    sentences = page.locator("blockquote.sentence").all_inner_texts()
    assert sentences == ["Russland griff die Ukraine erneut an."], sentences
    assert "1. Februar 2023" in page.locator("ol.events-with-sentences").inner_text()


def test_network_without_javascript_still_lists_edges(browser, base_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/network?start=2022-01-01&end=2023-12-31")
    assert page.locator("table.edges tbody tr").count() == 5
    assert "Alexander Lukashenko" in page.locator("table.edges").inner_text()
    context.close()


def test_contested_claims_side_by_side(page, base_url) -> None:
    page.goto(base_url + "/claims")
    pair = page.locator("li.pair").first
    assert "Angriffe auf Kraftwerke" in pair.locator(".side.a").inner_text()
    assert "bestreitet" in pair.locator(".side.b").inner_text()
    assert pair.locator(".certainty.denied").count() == 1
    _shot(page, "claims")


def test_every_page_has_its_json_twin(page, base_url) -> None:
    for path in (
        "/",
        "/search?q=Minsk",
        "/reports/w1",
        "/entities/1",
        "/timeline",
        "/network",
        "/claims",
    ):
        page.goto(base_url + path)
        twin = page.locator("a.json-twin").get_attribute("href")
        response = page.request.get(base_url + twin)
        assert response.ok and response.headers["content-type"].startswith("application/json"), path


def test_errors_are_pages(page, base_url) -> None:
    response = page.goto(base_url + "/entities/999")
    assert response.status == 404
    assert "no entity" in page.locator("p.error").inner_text()
    response = page.goto(base_url + "/timeline?as_of=2022-02-30")
    assert response.status == 422
    assert "as_of" in page.locator("p.error").inner_text()
    page.script_errors.clear()  # the browser logs the two error statuses, as it should


def test_api_docs_render_offline_from_vendored_swagger_ui(page, base_url) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    assert "/api/timeline" in page.locator(".opblock-summary-path").all_inner_texts()
    assert all(url.startswith(base_url) or url.startswith("data:") for url in requested), requested
    _shot(page, "api-docs")
    page.click("a:has-text('zurück zu chronik')")
    page.wait_for_url(base_url + "/")
    assert page.locator("ol.reports li").count() == 6
