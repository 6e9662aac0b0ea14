"""The web app's views: each is one handler of chronik.views.handlers, served by `add_view` as a
page, its `.json` twin and its downloads, all with the same parameters.

| view     | page              | twin and downloads                          |
| reports  | /                 | /index.json                                 |
| search   | /search           | /search.json                                |
| report   | /reports/{id}     | /reports/{id}.json                          |
| entity   | /entities/{id}    | /entities/{id}.json                         |
| timeline | /timeline         | /timeline.json, /timeline.csv               |
| network  | /network          | /network.json, /network.gexf, .graphml      |
| claims   | /claims           | /claims.json, /claims.csv                   |
| places   | (map on timeline) | /places.json, /places.geojson, /places.svg  |
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from chronik.views import handlers
from chronik.web import downloads
from chronik.web.highlight import highlight_sentences
from chronik.web.render import Download, add_view

router = APIRouter(include_in_schema=False)
CSV = "text/csv; charset=utf-8"


def _highlighted(record: dict[str, Any]) -> dict[str, Any]:
    return {"highlighted": highlight_sentences(record)}


add_view(router, "/index", handlers.reports, template="index.html", html_path="/")
add_view(router, "/search", handlers.search, template="search.html")
add_view(
    router, "/reports/{report_id}", handlers.report, template="report.html", context=_highlighted
)
add_view(router, "/entities/{entity_id}", handlers.entity, template="entity.html")
add_view(
    router,
    "/timeline",
    handlers.timeline,
    template="timeline.html",
    downloads=(Download(".csv", CSV, downloads.timeline_csv, "chronik-timeline.csv", whole=True),),
)
add_view(
    router,
    "/network",
    handlers.network,
    template="network.html",
    downloads=(
        Download(".gexf", "application/gexf+xml", downloads.gexf, "chronik-network.gexf"),
        Download(
            ".graphml", "application/graphml+xml", downloads.graphml, "chronik-network.graphml"
        ),
    ),
)
add_view(
    router,
    "/claims",
    handlers.claims,
    template="claims.html",
    downloads=(Download(".csv", CSV, downloads.claims_csv, "chronik-claims.csv", whole=True),),
)
add_view(
    router,
    "/places",
    handlers.places,
    downloads=(
        Download(".geojson", "application/geo+json", downloads.geojson, "chronik-places.geojson"),
        Download(".svg", "image/svg+xml", downloads.places_svg),
    ),
)
