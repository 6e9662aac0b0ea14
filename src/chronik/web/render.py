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
from chronik.views.params import CERTAINTIES, DOWNLOAD_ROWS, EVENT_TYPES, Page
from chronik.views.responses import JSONResponse, download
from chronik.web.when import headline, span, when

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
    version=__version__,
    href=href,
    here=here,
    event_types=EVENT_TYPES,
    certainties=CERTAINTIES,
    headline=headline,
    span=span,
)
templates.env.filters["when"] = when


def page(
    request: Request, name: str, data: dict[str, Any], status: int = 200, **extra: Any
) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"data": data, **extra}, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return page(request, "error.html", {"status": status, "message": message}, status)


def wants_html(path: str) -> bool:
    """Whether an error on this path is shown as a page (else JSON)."""
    return not path.startswith("/api/") and not path.endswith(tuple(DATA_SUFFIXES))


@dataclass(frozen=True)
class View:
    """One view on the web: its handler, the page template and the files it is downloaded as."""

    path: str  # of the `.json` twin and the downloads (`path.json`, `path.csv`)
    handler: Handler
    template: str | None = None  # no template: data and downloads only
    html_path: str | None = None  # the page, when not at `path` (the index at `/`)
    downloads: tuple[Download, ...] = ()
    # template values computed from the data that are not part of it (the JSON twin leaves them out)
    context: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def add_view(router: APIRouter, view: View) -> None:
    """Serve the view's handler as `path.json`, each download and (with a template) the page."""
    routes: list[tuple[str, Callable[[Request, dict[str, Any]], Response]]] = [
        (".json", lambda request, data: JSONResponse(data))
    ]
    for item in view.downloads:
        DATA_SUFFIXES.add(item.suffix)
        routes.append((item.suffix, _writer(item)))
    for suffix, respond in routes:  # suffixed routes first: `/reports/{id}` would match `x.json`
        whole = any(d.whole and d.suffix == suffix for d in view.downloads)
        router.add_api_route(
            view.path + suffix, _endpoint(view.handler, respond, whole), response_model=None
        )
    if view.template:
        router.add_api_route(
            view.html_path or view.path,
            _endpoint(view.handler, _html(view), False),
            response_class=HTMLResponse,
            response_model=None,
        )


def _html(view: View) -> Callable[[Request, dict[str, Any]], Response]:
    def respond(request: Request, data: dict[str, Any]) -> Response:
        extra = view.context(data) if view.context else {}
        return page(request, view.template or "", data, **extra)

    return respond


def _writer(item: Download) -> Callable[[Request, dict[str, Any]], Response]:
    def respond(request: Request, data: dict[str, Any]) -> Response:
        return download(item.write(data), item.media_type, item.filename)

    return respond


def _endpoint(
    handler: Handler, respond: Callable[[Request, dict[str, Any]], Response], whole: bool
) -> Callable[..., Response]:
    """A route function with the handler's parameters (FastAPI reads them through __wrapped__)."""

    @functools.wraps(handler)
    def endpoint(**kwargs: Any) -> Response:
        request: Request = kwargs["request"]
        if whole and "limit" not in request.query_params and isinstance(kwargs.get("page"), Page):
            kwargs["page"] = Page(DOWNLOAD_ROWS, kwargs["page"].offset)
        return respond(request, handler(**kwargs))

    return endpoint
