"""One handler per view: the parsed parameters in, the view's data out, from one store.queries call.

The web pages render these dicts as HTML, `.json` and downloads (chronik.web.pages) and the JSON API
returns them under `/api/…` (chronik.api.routes), so every format of a view takes the same
parameters and shows the same data. A handler's docstring is its description in the OpenAPI docs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Depends, HTTPException, Path, Query, Request

from chronik.store import queries
from chronik.store.db import Store
from chronik.store.filters import MAX_ID, iso
from chronik.store.queries import Filters, Page
from chronik.views.params import (
    MAX_EDGES,
    MAX_NODES,
    SEARCH_CHARS,
    as_of_param,
    filters_param,
    page_param,
)


def store(request: Request) -> Store:
    return request.app.state.store


def reports(
    request: Request,
    page: Page = Depends(page_param),
    as_of: date | None = Depends(as_of_param),
) -> dict[str, Any]:
    """Current reports, newest first; `total` counts all of them."""
    data = queries.list_reports(store(request), limit=page.limit, offset=page.offset, as_of=as_of)
    return {**data, "offset": page.offset, "limit": page.limit, "as_of": iso(as_of)}


def search(
    request: Request,
    q: str = Query(
        "",
        max_length=SEARCH_CHARS,
        description='Words (all of them), OR, -word, "a phrase", prefix*; German inflections '
        "and other names of a named entity are found too.",
    ),
    page: Page = Depends(page_param),
    as_of: date | None = Depends(as_of_param),
) -> dict[str, Any]:
    """Full-text search with snippets, exact forms first. A query that cannot be read (unbalanced
    quotes or parentheses, only operators) is a 400 whose detail says what to change."""
    try:
        data = queries.search(store(request), q, limit=page.limit, offset=page.offset, as_of=as_of)
    except queries.QueryError as exc:
        raise HTTPException(400, str(exc)) from None
    return {**data, "offset": page.offset, "limit": page.limit, "as_of": iso(as_of)}


def report(
    request: Request,
    report_id: str = Path(..., max_length=64, description="Id or an unambiguous prefix (6+)."),
    as_of: date | None = Depends(as_of_param),
) -> dict[str, Any]:
    """One report in the annotation format, with sentences, versions and linked entities."""
    full = queries.resolve_report_id(store(request), report_id)
    record = queries.report(store(request), full, as_of=as_of) if full else None
    if record is None:
        later = f" published by {as_of}" if as_of and full else ""
        raise HTTPException(404, f"no report with id {report_id!r}{later}")
    return record


def entity(
    request: Request,
    entity_id: int = Path(..., ge=1, le=MAX_ID),
    page: Page = Depends(page_param),
    as_of: date | None = Depends(as_of_param),
) -> dict[str, Any]:
    """An entity: names, roles over time, events (one page), claims by and about it, co-occurring
    entities."""
    found = queries.entity(store(request), entity_id, as_of_day=as_of, page=page)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    return found


def timeline(
    request: Request,
    filters: Filters = Depends(filters_param),
    page: Page = Depends(page_param),
    order: str = Query("desc", pattern="^(asc|desc)$", description="By date: desc or asc."),
) -> dict[str, Any]:
    """Events matching the filters in date order, one page (`has_more` says whether another
    follows)."""
    return queries.timeline(store(request), filters, page, newest_first=order == "desc")


def network(
    request: Request,
    filters: Filters = Depends(filters_param),
    max_edges: int = Query(MAX_EDGES, ge=1, le=2000, description="Heaviest edges kept."),
    max_nodes: int = Query(MAX_NODES, ge=1, le=500, description="Busiest entities drawn."),
    min_weight: int = Query(1, ge=1, le=100_000, description="Fewest events on an edge."),
) -> dict[str, Any]:
    """The busiest entities as nodes, event types as weighted actor -> target edges; without a
    period the whole store (on a very large store its latest months, see `period`)."""
    return queries.network(
        store(request), filters, max_edges=max_edges, max_nodes=max_nodes, min_weight=min_weight
    )


def network_events(
    request: Request,
    node: int = Query(..., ge=1, le=MAX_ID, description="Entity id: a node, or an edge's actor."),
    to: int | None = Query(None, ge=1, le=MAX_ID, description="The edge's target entity id."),
    filters: Filters = Depends(filters_param),
) -> dict[str, Any]:
    """The events behind a network node (`node` alone) or edge (`node` -> `to`, with `type`),
    newest first, each with the sentence that tells it."""
    return queries.edge_events(store(request), filters, node, to)


def claims(
    request: Request,
    filters: Filters = Depends(filters_param),
    page: Page = Depends(page_param),
) -> dict[str, Any]:
    """Contradicting claims side by side, with their sources and report dates, newest first."""
    return queries.claims(store(request), filters, page)


def places(request: Request, filters: Filters = Depends(filters_param)) -> dict[str, Any]:
    """Places of matching events as GeoJSON (coordinates from the linker's entity info)."""
    return queries.places(store(request), filters)


def stats(request: Request) -> dict[str, Any]:
    """Counts of everything stored."""
    return queries.stats(store(request))
