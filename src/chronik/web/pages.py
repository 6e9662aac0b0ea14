"""The web app's views: each is one handler of chronik.views.handlers, served by `add_view` as a
page, its `.json` twin and its downloads, all with the same parameters.

| view     | page              | twin and downloads                          |
| reports  | /                 | /index.json                                 |
| search   | /search           | /search.json                                |
| report   | /reports/{id}     | /reports/{id}.json                          |
| entity   | /entities/{id}    | /entities/{id}.json                         |
| timeline | /timeline         | /timeline.json, /timeline.csv               |
| network  | /network          | /network.json, /network.gexf, .graphml      |
| (its events) | /network/events | /network/events.json                      |
| claims   | /claims           | /claims.json, /claims.csv                   |
| places   | (map on timeline) | /places.json, /places.geojson, /places.svg  |
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from chronik.views import downloads, handlers
from chronik.web.highlight import entity_list, highlight_sentences
from chronik.web.render import Download, View, add_view

CSV = "text/csv; charset=utf-8"


def _highlighted(record: dict[str, Any]) -> dict[str, Any]:
    return {"highlighted": highlight_sentences(record), "entity_list": entity_list(record)}


VIEWS = (
    View("/index", handlers.reports, "index.html", html_path="/"),
    View("/search", handlers.search, "search.html"),
    View("/reports/{report_id}", handlers.report, "report.html", context=_highlighted),
    View("/entities/{entity_id}", handlers.entity, "entity.html"),
    View(
        "/timeline",
        handlers.timeline,
        "timeline.html",
        downloads=(Download(".csv", CSV, downloads.timeline_csv, "chronik-timeline.csv", True),),
    ),
    View(
        "/network",
        handlers.network,
        "network.html",
        downloads=(
            Download(".gexf", "application/gexf+xml", downloads.gexf, "chronik-network.gexf"),
            Download(
                ".graphml", "application/graphml+xml", downloads.graphml, "chronik-network.graphml"
            ),
        ),
    ),
    View("/network/events", handlers.network_events, "network_events.html"),
    View(
        "/claims",
        handlers.claims,
        "claims.html",
        downloads=(Download(".csv", CSV, downloads.claims_csv, "chronik-claims.csv", True),),
    ),
    View(
        "/places",
        handlers.places,
        downloads=(
            Download(
                ".geojson", "application/geo+json", downloads.geojson, "chronik-places.geojson"
            ),
            Download(".svg", "image/svg+xml", downloads.places_svg),
        ),
    ),
)

router = APIRouter(include_in_schema=False)
for view in VIEWS:
    add_view(router, view)
