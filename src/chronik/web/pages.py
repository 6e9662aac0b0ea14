"""HTML pages. Each page gets its data from one store.queries call; the `.json` twin returns that same data.

Jinja2 autoescaping is on for every template, so report text containing markup is shown as text. Every link
keeps the page's `as_of`, so the whole site shows what was known on that day.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from fastapi.responses import JSONResponse as _JSONResponse
from fastapi.templating import Jinja2Templates

from chronik import __version__
from chronik.api.params import MAX_OFFSET, as_of_param, filters_param
from chronik.store import queries
from chronik.store.queries import CERTAINTIES, EVENT_TYPES, Filters, Page
from chronik.web import downloads
from chronik.web.highlight import highlight_sentences

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)
PAGE = 25
DOWNLOAD_ROWS = 10_000


class JSONResponse(_JSONResponse):
    """JSON that also writes dates (report versions carry their ingest time)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, ensure_ascii=False, separators=(",", ":"), default=_default
        ).encode("utf-8")


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def href(request: Request, path: str, **params: Any) -> str:
    """A link to `path` that keeps the current as_of (unless given) and drops empty parameters."""
    query: list[tuple[str, Any]] = []
    if "as_of" not in params and request.query_params.get("as_of"):
        query.append(("as_of", request.query_params["as_of"]))
    for key, value in params.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item not in (None, ""):
                query.append((key, item))
    return path + ("?" + urlencode(query) if query else "")


def here(request: Request, suffix: str = "", **replace: Any) -> str:
    """This page (or its twin, with `suffix`) with the same parameters, some replaced."""
    path = "/index" if request.url.path == "/" and suffix else request.url.path
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in replace]
    items += [(k, v) for k, v in replace.items() if v not in (None, "")]
    return path + suffix + ("?" + urlencode(items) if items else "")


templates.env.globals.update(
    version=__version__, href=href, here=here, event_types=EVENT_TYPES, certainties=CERTAINTIES
)


def _render(request: Request, name: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"data": data}, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", {"status": status, "message": message}, status)


def _store(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.store


OFFSET = Query(0, ge=0, le=MAX_OFFSET)
ENTITY_ID = PathParam(..., ge=1, le=2**62)


# ------------------------------------------------------------------ reports and search


def _index_data(request: Request, offset: int, as_of: date | None) -> dict[str, Any]:
    data = queries.list_reports(_store(request), limit=PAGE, offset=offset, as_of=as_of)
    data.update(offset=offset, limit=PAGE, as_of=as_of.isoformat() if as_of else None)
    return data


@router.get("/index.json")
def index_json(
    request: Request, offset: int = OFFSET, as_of: date | None = Depends(as_of_param)
) -> JSONResponse:
    return JSONResponse(_index_data(request, offset, as_of))


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request, offset: int = OFFSET, as_of: date | None = Depends(as_of_param)
) -> HTMLResponse:
    return _render(request, "index.html", _index_data(request, offset, as_of))


def _search_data(request: Request, q: str, offset: int, as_of: date | None) -> dict[str, Any]:
    data = (
        queries.search(_store(request), q, limit=PAGE, offset=offset, as_of=as_of)
        if q.strip()
        else {"query": q, "total": 0, "results": []}
    )
    data.update(offset=offset, limit=PAGE, as_of=as_of.isoformat() if as_of else None)
    return data


@router.get("/search.json")
def search_json(
    request: Request,
    q: str = Query("", max_length=500),
    offset: int = OFFSET,
    as_of: date | None = Depends(as_of_param),
) -> JSONResponse:
    return JSONResponse(_search_data(request, q, offset, as_of))


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: str = Query("", max_length=500),
    offset: int = OFFSET,
    as_of: date | None = Depends(as_of_param),
) -> HTMLResponse:
    return _render(request, "search.html", _search_data(request, q, offset, as_of))


def _report_data(request: Request, report_id: str, as_of: date | None) -> dict[str, Any]:
    full = queries.resolve_report_id(_store(request), report_id)
    record = queries.report(_store(request), full, as_of=as_of) if full else None
    if record is None:
        later = f" published by {as_of}" if as_of and full else ""
        raise HTTPException(404, f"no report with id {report_id!r}{later}")
    return record


@router.get("/reports/{report_id}.json")
def report_json(
    request: Request, report_id: str, as_of: date | None = Depends(as_of_param)
) -> JSONResponse:
    return JSONResponse(_report_data(request, report_id, as_of))


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report(
    request: Request, report_id: str, as_of: date | None = Depends(as_of_param)
) -> HTMLResponse:
    record = _report_data(request, report_id, as_of)
    record["highlighted"] = highlight_sentences(record)
    return _render(request, "report.html", record)


# ------------------------------------------------------------------ entity


def _entity_data(
    request: Request, entity_id: int, offset: int, as_of: date | None
) -> dict[str, Any]:
    found = queries.entity(_store(request), entity_id, as_of_day=as_of, page=Page(PAGE, offset))
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    return found


@router.get("/entities/{entity_id}.json")
def entity_json(
    request: Request,
    entity_id: int = ENTITY_ID,
    offset: int = OFFSET,
    as_of: date | None = Depends(as_of_param),
) -> JSONResponse:
    return JSONResponse(_entity_data(request, entity_id, offset, as_of))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(
    request: Request,
    entity_id: int = ENTITY_ID,
    offset: int = OFFSET,
    as_of: date | None = Depends(as_of_param),
) -> HTMLResponse:
    return _render(request, "entity.html", _entity_data(request, entity_id, offset, as_of))


# ------------------------------------------------------------------ timeline, places


def _timeline_data(
    request: Request, filters: Filters, offset: int, limit: int = PAGE
) -> dict[str, Any]:
    return queries.timeline(_store(request), filters, Page(limit, offset))


@router.get("/timeline.json")
def timeline_json(
    request: Request, filters: Filters = Depends(filters_param), offset: int = OFFSET
) -> JSONResponse:
    return JSONResponse(_timeline_data(request, filters, offset))


@router.get("/timeline.csv")
def timeline_csv(request: Request, filters: Filters = Depends(filters_param)) -> Response:
    data = _timeline_data(request, filters, 0, DOWNLOAD_ROWS)
    return _download(
        downloads.timeline_csv(data), "text/csv; charset=utf-8", "chronik-timeline.csv"
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request, filters: Filters = Depends(filters_param), offset: int = OFFSET
) -> HTMLResponse:
    return _render(request, "timeline.html", _timeline_data(request, filters, offset))


@router.get("/places.geojson")
def places_geojson(request: Request, filters: Filters = Depends(filters_param)) -> JSONResponse:
    return JSONResponse(
        queries.places(_store(request), filters),
        media_type="application/geo+json",
        headers={"content-disposition": 'attachment; filename="chronik-places.geojson"'},
    )


@router.get("/places.svg")
def places_svg(request: Request, filters: Filters = Depends(filters_param)) -> Response:
    """The timeline's map: an outline plot of places, drawn on the server (works without JavaScript)."""
    return Response(
        downloads.places_svg(queries.places(_store(request), filters)), media_type="image/svg+xml"
    )


def _download(body: str | bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


# ------------------------------------------------------------------ network


@router.get("/network.json")
def network_json(request: Request, filters: Filters = Depends(filters_param)) -> JSONResponse:
    return JSONResponse(queries.network(_store(request), filters))


@router.get("/network.gexf")
def network_gexf(request: Request, filters: Filters = Depends(filters_param)) -> Response:
    return _download(
        downloads.gexf(queries.network(_store(request), filters)),
        "application/gexf+xml",
        "chronik-network.gexf",
    )


@router.get("/network.graphml")
def network_graphml(request: Request, filters: Filters = Depends(filters_param)) -> Response:
    return _download(
        downloads.graphml(queries.network(_store(request), filters)),
        "application/graphml+xml",
        "chronik-network.graphml",
    )


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, filters: Filters = Depends(filters_param)) -> HTMLResponse:
    return _render(request, "network.html", queries.network(_store(request), filters))


# ------------------------------------------------------------------ contested claims


def _claims_data(
    request: Request, filters: Filters, offset: int, limit: int = PAGE
) -> dict[str, Any]:
    return queries.claims(_store(request), filters, Page(limit, offset))


@router.get("/claims.json")
def claims_json(
    request: Request, filters: Filters = Depends(filters_param), offset: int = OFFSET
) -> JSONResponse:
    return JSONResponse(_claims_data(request, filters, offset))


@router.get("/claims.csv")
def claims_csv(request: Request, filters: Filters = Depends(filters_param)) -> Response:
    data = _claims_data(request, filters, 0, DOWNLOAD_ROWS)
    return _download(downloads.claims_csv(data), "text/csv; charset=utf-8", "chronik-claims.csv")


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request, filters: Filters = Depends(filters_param), offset: int = OFFSET
) -> HTMLResponse:
    return _render(request, "claims.html", _claims_data(request, filters, offset))
