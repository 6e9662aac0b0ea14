"""Handlers of the live-monitoring views (issue 20): watched sources, alerts and what they fired,
and the reports that are new since a moment (the index page's "new since your last visit")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import HTTPException, Query, Request

from chronik.store import alerts as alert_store
from chronik.store import sources as source_store
from chronik.store.db import Store

FIRED_SHOWN = 50  # firings listed on /alerts and in /alerts.atom
NEW_SHOWN = 20  # new reports listed on the index
DEFAULT_SINCE = timedelta(days=1)  # /new without `since`


def _store(request: Request) -> Store:
    return request.app.state.store


def parse_moment(value: str | None) -> datetime | None:
    """An ISO day or time (UTC when no zone is given); None when not given."""
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise HTTPException(
            422, f"since: {value[:40]!r} is not a time; give YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sources(request: Request) -> dict[str, Any]:
    """Watched feeds and folders: last fetch, status, reports stored and recent errors."""
    rows = source_store.list_sources(_store(request))
    return {"total": len(rows), "results": rows}


def alerts(request: Request) -> dict[str, Any]:
    """Saved alerts and the newest firings, each with the payload and its webhook delivery."""
    store = _store(request)
    saved = [
        {"name": a.name, "filters": a.filters, "webhook": a.webhook, "feed": a.feed}
        for a in alert_store.list_alerts(store)
    ]
    return {
        "alerts": saved,
        "fired": alert_store.fired_list(store, limit=FIRED_SHOWN),
        "base_url": str(request.base_url),  # for the absolute links of /alerts.atom
    }


def new_reports(
    request: Request,
    since: str | None = Query(None, max_length=40, description="ISO day or time (UTC)."),
) -> dict[str, Any]:
    """Current reports stored after `since` (default: the last 24 hours), newest first."""
    moment = parse_moment(since) or datetime.now(UTC) - DEFAULT_SINCE
    return new_since(_store(request), moment)


def new_since(store: Store, since: datetime) -> dict[str, Any]:
    return source_store.reports_since(store, since.astimezone(UTC), NEW_SHOWN)
