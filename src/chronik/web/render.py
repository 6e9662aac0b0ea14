"""One handler, every format: `add_view` registers a view's page, its `.json` twin and its
downloads.

Each route calls the same handler (chronik.views.handlers) with the same parsed parameters and
differs only in how the result is written: HTML from the view's template, JSON as is, or a file. A
download marked `whole` (CSV) holds the whole selection up to DOWNLOAD_ROWS when `limit` is not
given, instead of one page.

Jinja2 autoescaping is on for every template, so report text containing markup is shown as text.
Every link keeps the page's `as_of`, so the whole site shows what was known on that day.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from chronik import __version__
from chronik.store.queries import CERTAINTIES, EVENT_TYPES, Page
from chronik.views.params import DOWNLOAD_ROWS
from chronik.views.responses import JSONResponse, download

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=str(HERE / "templates"))
DATA_SUFFIXES: set[str] = {".json"}  # every suffix add_view serves as data, for the error pages

Handler = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class Download:
    """A file written from a view's data: `/path{suffix}`."""

    suffix: str
    media_type: str
    write: Callable[[dict[str, Any]], str | bytes]
    filename: str | None = None  # saved under this name; None: shown in the browser (an image)
    whole: bool = False  # without `limit`: the whole selection, not one page


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


def page(
    request: Request, name: str, data: dict[str, Any], status: int = 200, **extra: Any
) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"data": data, **extra}, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return page(request, "error.html", {"status": status, "message": message}, status)


def wants_html(path: str) -> bool:
    """Whether an error on this path is shown as a page (else JSON)."""
    return not path.startswith("/api/") and not path.endswith(tuple(DATA_SUFFIXES))


def add_view(
    router: APIRouter,
    path: str,
    handler: Handler,
    *,
    template: str | None = None,
    html_path: str | None = None,
    downloads: tuple[Download, ...] = (),
    context: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """Serve `handler` as `path.json`, as each download, and (with a template) as the page at
    `html_path or path`; `context` adds template values computed from the data (not in the JSON)."""
    routes: list[tuple[str, Callable[[Request, dict[str, Any]], Response]]] = [
        (".json", lambda request, data: JSONResponse(data))
    ]
    for item in downloads:
        DATA_SUFFIXES.add(item.suffix)
        routes.append((item.suffix, _writer(item)))
    for suffix, respond in routes:  # suffixed routes first: `/reports/{id}` would match `x.json`
        router.add_api_route(
            path + suffix, _endpoint(handler, respond, suffix, downloads), response_model=None
        )
    if template:

        def html(request: Request, data: dict[str, Any]) -> Response:
            return page(request, template, data, **(context(data) if context else {}))

        router.add_api_route(
            html_path or path,
            _endpoint(handler, html, "", ()),
            response_class=HTMLResponse,
            response_model=None,
        )


def _writer(item: Download) -> Callable[[Request, dict[str, Any]], Response]:
    def respond(request: Request, data: dict[str, Any]) -> Response:
        return download(item.write(data), item.media_type, item.filename)

    return respond


def _endpoint(
    handler: Handler,
    respond: Callable[[Request, dict[str, Any]], Response],
    suffix: str,
    downloads: tuple[Download, ...],
) -> Callable[..., Response]:
    """A route function with the handler's parameters (FastAPI reads them through __wrapped__)."""
    whole = any(d.whole and d.suffix == suffix for d in downloads)

    @functools.wraps(handler)
    def endpoint(**kwargs: Any) -> Response:
        request: Request = kwargs["request"]
        if whole and "limit" not in request.query_params and isinstance(kwargs.get("page"), Page):
            kwargs["page"] = Page(DOWNLOAD_ROWS, kwargs["page"].offset)
        return respond(request, handler(**kwargs))

    return endpoint
