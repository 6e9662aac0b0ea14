"""JSON endpoints. Each calls one function of store.queries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request

from chronik.store import queries

router = APIRouter(tags=["api"])

MAX_PAGE = 200


def _store(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.store


@router.get("/reports")
def list_reports(request: Request, limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> dict[str, Any]:
    """Current reports, newest first."""
    return queries.list_reports(_store(request), limit=limit, offset=offset)


@router.get("/reports/{report_id}")
def get_report(request: Request, report_id: str) -> dict[str, Any]:
    """One report in the annotation format, with sentences and versions."""
    full = queries.resolve_report_id(_store(request), report_id)
    record = queries.report(_store(request), full) if full else None
    if record is None:
        raise HTTPException(404, f"no report with id {report_id!r}")
    return record


@router.get("/search")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
           limit: int = Query(20, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> dict[str, Any]:
    """Full-text search with snippets; FTS syntax in q is treated as plain words."""
    return queries.search(_store(request), q, limit=limit, offset=offset)


@router.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    return queries.stats(_store(request))
