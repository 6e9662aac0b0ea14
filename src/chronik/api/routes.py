"""The JSON API under /api/: the views' own handlers (chronik.views.handlers), so `/api/timeline`
and `/timeline.json` take the same parameters and answer the same data; and POST /reports, the
ingest path."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import JSONResponse as PlainJSONResponse

from chronik.api import ingest
from chronik.views import handlers
from chronik.views.responses import GeoJSONResponse, JSONResponse

router = APIRouter(tags=["api"], default_response_class=JSONResponse)

for path, handler in (
    ("/reports", handlers.reports),
    ("/reports/{report_id}", handlers.report),
    ("/search", handlers.search),
    ("/timeline", handlers.timeline),
    ("/entities/{entity_id}", handlers.entity),
    ("/network", handlers.network),
    ("/network/events", handlers.network_events),
    ("/claims", handlers.claims),
    ("/stats", handlers.stats),
):
    router.add_api_route(path, handler, methods=["GET"])
router.add_api_route("/places", handlers.places, methods=["GET"], response_class=GeoJSONResponse)


@router.post(
    "/reports",
    status_code=201,
    responses={
        401: {"description": "token missing or wrong"},
        403: {"description": "writing is off (no api_token set)"},
        413: {"description": "body larger than max_upload_bytes"},
    },
)
async def add_report(request: Request, background: BackgroundTasks) -> PlainJSONResponse:
    """Ingest one report: JSON {text, date, title?, source?, url?, source_id?, lang?}; needs
    `Authorization: Bearer TOKEN`.

    The report is analysed by the NLP pipeline and stored; the same report twice is stored once.
    """
    ingest.check_token(request)
    result = await ingest.add_report(request, background)
    return PlainJSONResponse(result, status_code=201 if result["status"] != "duplicate" else 200)
