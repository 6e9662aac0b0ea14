"""create_app(settings): the JSON API under /api/ and the server-rendered web pages, one process.

Both serve the same view handlers (chronik.views). Read-only unless Settings.api_token is set; no
CORS; bodies over Settings.max_upload_bytes get 413 unread.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from chronik import __version__
from chronik.api import routes
from chronik.api.guards import CatchAll, HeadAsGet
from chronik.api.limits import BodyLimit
from chronik.settings import Settings
from chronik.store.db import open_store
from chronik.store.lookup import AmbiguousEntity
from chronik.web import monitor, pages
from chronik.web.render import STATIC_DIR, error_page, wants_html

log = logging.getLogger("chronik.api")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="chronik",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Dated news reports as a time-aware, source-attributed knowledge base. "
        "Every list takes `as_of=YYYY-MM-DD`: only what reports published by then said.",
    )
    app.state.settings = settings
    app.state.store = open_store(settings.db)
    app.state.analyse = None  # the NLP pipeline, built on the first POST /api/reports
    app.include_router(routes.router, prefix="/api")
    app.include_router(pages.router)
    app.include_router(monitor.router)  # /sources, /alerts, /alerts.atom, /new (issue 20)
    app.add_middleware(monitor.VisitCookies)  # "new since your last visit" on the index
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _install_docs(app)
    app.add_middleware(CatchAll, render=internal_error)
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    app.add_middleware(HeadAsGet)
    _install_error_handlers(app)
    return app


def from_environment() -> FastAPI:
    """App factory for several server processes, with the settings from chronik.toml / CHRONIK_*
    variables (e.g. CHRONIK_DB):

        uvicorn --factory --workers 2 chronik.api.app:from_environment
    """
    from chronik.settings import load

    return create_app(load())


def _install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the vendored swagger-ui-dist (FastAPI's default loads it from a
    CDN)."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="chronik API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )
        back = '<p class="back-to-app" style="font:14px sans-serif;margin:8px 20px">'
        back += '<a href="/">← zurück zu chronik</a></p>'
        return HTMLResponse(bytes(page.body).decode().replace("<body>", "<body>" + back, 1))


def internal_error(request: Request) -> Response:
    """The answer to an unexpected error: no details (they are in the server log)."""
    message = "internal error; the server log has the details"
    if wants_html(request.url.path):
        return error_page(request, 500, message)
    return JSONResponse({"error": message, "status": 500}, status_code=500)


def _install_error_handlers(app: FastAPI) -> None:
    """Errors are JSON with a clear message on API paths; pages get the same message in HTML."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # type: ignore[no-untyped-def]
        if wants_html(request.url.path):
            return error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse(
            {"error": exc.detail, "status": exc.status_code},
            status_code=exc.status_code,
            headers=exc.headers,
        )

    @app.exception_handler(AmbiguousEntity)
    async def ambiguous_entity(request: Request, exc: AmbiguousEntity):  # type: ignore[no-untyped-def]
        """An entity name that fits several entities: 409 with the candidates to choose from."""
        if wants_html(request.url.path):
            return error_page(request, 409, str(exc))
        return JSONResponse(
            {
                "error": f"{exc.name!r} names {len(exc.candidates)} entities; give an id",
                "status": 409,
                "candidates": [c.as_dict() for c in exc.candidates],
            },
            status_code=409,
        )

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception):  # type: ignore[no-untyped-def]
        log.exception("unexpected error on %s", request.url.path)
        return internal_error(request)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):  # type: ignore[no-untyped-def]
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        if wants_html(request.url.path):
            return error_page(request, 422, details)
        return JSONResponse({"error": details, "status": 422}, status_code=422)
