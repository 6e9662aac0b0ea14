"""HTTP query parameters of every view, parsed once for HTML, `.json`, downloads and `/api/…` alike.

Filters, pages and `as_of` have the same names, defaults and limits wherever a view is served. Dates
arrive as text so that an empty form field means "not given" instead of a validation error; a date
that is not YYYY-MM-DD (or not a real day: 2022-02-30, year 99999) is a 422 with the parameter's
name.
"""

from __future__ import annotations

from datetime import date

from fastapi import HTTPException, Query

from chronik.store.queries import CERTAINTIES, EVENT_TYPES, Filters, Page

LIMIT = 25  # rows of one page, in HTML, .json and /api alike
MAX_PAGE = 200
MAX_OFFSET = 100_000
DOWNLOAD_ROWS = 10_000  # a download (.csv) without `limit` holds the whole selection up to this
MAX_EDGES = 300  # edges of the network view
MAX_NODES = 40  # entities drawn in the network view: more make labels collide
TEXT = 200  # longest accepted name or source filter
SEARCH_CHARS = 20_000  # longer is refused unread; up to this the query parser says what is wrong


def parse_day(name: str, value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(
            422, f"{name}: {value[:40]!r} is not a date; give YYYY-MM-DD, e.g. 2022-12-05"
        ) from None


def _choices(
    name: str, values: list[str] | None, allowed: tuple[str, ...], upper: bool
) -> tuple[str, ...]:
    out = []
    for raw in values or []:
        for part in raw.split(","):
            part = part.strip()
            if not part:
                continue
            part = part.upper() if upper else part.lower()
            if part not in allowed:
                raise HTTPException(
                    422, f"{name}: unknown value {part[:40]!r}; known: {', '.join(allowed)}"
                )
            out.append(part)
    return tuple(dict.fromkeys(out))


def as_of_param(
    as_of: str | None = Query(
        None,
        max_length=32,
        description="Only what reports published up to this day (YYYY-MM-DD) said.",
    ),
) -> date | None:
    return parse_day("as_of", as_of)


def filters_param(
    entity: str | None = Query(None, max_length=TEXT, description="Entity id or name."),
    type: list[str] | None = Query(
        None, description="Event types, repeated or comma-separated (ASSAULT, ACCUSE …)."
    ),
    place: str | None = Query(None, max_length=TEXT, description="Place entity id or name."),
    start: str | None = Query(None, max_length=32, description="Period start, YYYY-MM-DD."),
    end: str | None = Query(None, max_length=32, description="Period end, YYYY-MM-DD (inclusive)."),
    certainty: list[str] | None = Query(None, description="Certainty of a claim about the event."),
    source: str | None = Query(
        None,
        max_length=TEXT,
        description="How a claim's source begins (case-insensitive), e.g. Kreml.",
    ),
    as_of: str | None = Query(
        None, max_length=32, description="Only what reports published up to this day said."
    ),
) -> Filters:
    first, last = parse_day("start", start), parse_day("end", end)
    if first and last and first > last:
        raise HTTPException(422, f"start {first} is after end {last}")
    return Filters(
        entity=(entity or "").strip() or None,
        types=_choices("type", type, EVENT_TYPES, True),
        place=(place or "").strip() or None,
        start=first,
        end=last,
        certainty=_choices("certainty", certainty, CERTAINTIES, False),
        source=(source or "").strip() or None,
        as_of=parse_day("as_of", as_of),
    )


def page_param(
    limit: int = Query(LIMIT, ge=1, le=MAX_PAGE, description="Rows per page."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Rows to skip."),
) -> Page:
    return Page(limit=limit, offset=offset)
