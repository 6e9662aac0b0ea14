"""JSON endpoints. Each calls one function of store.queries (or, for POST /reports, the ingest path)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse

from chronik.api import ingest
from chronik.api.params import MAX_OFFSET, MAX_PAGE, as_of_param, filters_param, page_param
from chronik.store import queries
from chronik.store.queries import Filters, Page

router = APIRouter(tags=["api"])


def _store(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.store


@router.get("/reports")
def list_reports(
    request: Request,
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    as_of: date | None = Depends(as_of_param),
) -> dict[str, Any]:
    """Current reports, newest first."""
    return queries.list_reports(_store(request), limit=limit, offset=offset, as_of=as_of)


@router.post(
    "/reports",
    status_code=201,
    responses={
        401: {"description": "token missing or wrong"},
        403: {"description": "writing is off (no api_token set)"},
        413: {"description": "body larger than max_upload_bytes"},
    },
)
async def add_report(request: Request) -> JSONResponse:
    """Ingest one report: JSON {text, date, title?, source?, url?, source_id?, lang?}; needs `Authorization: Bearer TOKEN`.

    The report is analysed by the NLP pipeline and stored; the same report twice is stored once.
    """
    ingest.check_token(request)
    result = await ingest.add_report(request)
    return JSONResponse(result, status_code=201 if result["status"] != "duplicate" else 200)


@router.get("/reports/{report_id}")
def get_report(
    request: Request,
    report_id: str = Path(..., max_length=64),
    as_of: date | None = Depends(as_of_param),
) -> dict[str, Any]:
    """One report in the annotation format, with sentences and versions."""
    full = queries.resolve_report_id(_store(request), report_id)
    record = queries.report(_store(request), full, as_of=as_of) if full else None
    if record is None:
        raise HTTPException(
            404, f"no report with id {report_id!r}" + (f" published by {as_of}" if as_of else "")
        )
    return record


@router.get("/search")
def search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=500),
    limit: int = Query(20, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    as_of: date | None = Depends(as_of_param),
) -> dict[str, Any]:
    """Full-text search with snippets; FTS syntax in q is treated as plain words."""
    return queries.search(_store(request), q, limit=limit, offset=offset, as_of=as_of)


@router.get("/timeline")
def timeline(
    request: Request,
    filters: Filters = Depends(filters_param),
    page: Page = Depends(page_param),
    order: str = Query("desc", pattern="^(asc|desc)$"),
) -> dict[str, Any]:
    """Events matching the filters in date order, one page (`has_more` says whether another follows)."""
    return queries.timeline(_store(request), filters, page, newest_first=order == "desc")


@router.get("/entities/{entity_id}")
def entity(
    request: Request,
    entity_id: int = Path(..., ge=1, le=2**62),
    as_of: date | None = Depends(as_of_param),
    page: Page = Depends(page_param),
) -> dict[str, Any]:
    """An entity: names, roles over time, events (one page), claims by and about it, co-occurring entities."""
    found = queries.entity(_store(request), entity_id, as_of_day=as_of, page=page)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    return found


@router.get("/network")
def network(
    request: Request,
    filters: Filters = Depends(filters_param),
    max_edges: int = Query(300, ge=1, le=2000),
) -> dict[str, Any]:
    """Entities as nodes, event types as weighted actor -> target edges; the period defaults to the latest month."""
    return queries.network(_store(request), filters, max_edges=max_edges)


@router.get("/claims")
def claims(
    request: Request, filters: Filters = Depends(filters_param), page: Page = Depends(page_param)
) -> dict[str, Any]:
    """Contradicting claims side by side, with their sources and report dates, newest first."""
    return queries.claims(_store(request), filters, page)


@router.get("/places")
def places(request: Request, filters: Filters = Depends(filters_param)) -> JSONResponse:
    """Places of matching events as GeoJSON (coordinates from the linker's entity info)."""
    return JSONResponse(queries.places(_store(request), filters), media_type="application/geo+json")


@router.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    """Counts of everything stored."""
    return queries.stats(_store(request))
