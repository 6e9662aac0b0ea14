"""HTML pages. Each page function gets its data from one store.queries call; `.json` returns that data.

Jinja2 autoescaping is on for every template, so report text containing markup is shown as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from chronik import __version__
from chronik.store import queries
from chronik.web.highlight import highlight_sentences

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["version"] = __version__

router = APIRouter(include_in_schema=False)
PAGE = 25


def _render(request: Request, name: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"data": data}, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", {"status": status, "message": message}, status)


def _index_data(request: Request, offset: int) -> dict[str, Any]:
    data = queries.list_reports(request.app.state.store, limit=PAGE, offset=offset)
    data["offset"], data["limit"] = offset, PAGE
    return data


@router.get("/index.json")
def index_json(request: Request, offset: int = Query(0, ge=0)) -> JSONResponse:
    return JSONResponse(_index_data(request, offset))


@router.get("/", response_class=HTMLResponse)
def index(request: Request, offset: int = Query(0, ge=0)) -> HTMLResponse:
    return _render(request, "index.html", _index_data(request, offset))


def _search_data(request: Request, q: str, offset: int) -> dict[str, Any]:
    data = queries.search(request.app.state.store, q, limit=PAGE, offset=offset) if q.strip() else {
        "query": q, "total": 0, "results": []}
    data["offset"], data["limit"] = offset, PAGE
    return data


@router.get("/search.json")
def search_json(request: Request, q: str = Query("", max_length=500), offset: int = Query(0, ge=0)) -> JSONResponse:
    return JSONResponse(_search_data(request, q, offset))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=500), offset: int = Query(0, ge=0)) -> HTMLResponse:
    return _render(request, "search.html", _search_data(request, q, offset))


def _report_data(request: Request, report_id: str) -> dict[str, Any]:
    store = request.app.state.store
    full = queries.resolve_report_id(store, report_id)
    record = queries.report(store, full) if full else None
    if record is None:
        raise HTTPException(404, f"no report with id {report_id!r}")
    return record


@router.get("/reports/{report_id}.json")
def report_json(request: Request, report_id: str) -> JSONResponse:
    return JSONResponse(_report_data(request, report_id))


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report(request: Request, report_id: str) -> HTMLResponse:
    record = _report_data(request, report_id)
    record["highlighted"] = highlight_sentences(record)
    return _render(request, "report.html", record)
