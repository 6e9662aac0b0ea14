"""The live-monitoring pages (issue 20): /sources, /alerts (+ /alerts.atom), /new, and the index's
"new since your last visit".

A visit is remembered in two cookies: `chronik_seen` (the last page view) and `chronik_visit` (when
the last visit ended, i.e. what "new" is measured from). A page view more than VISIT_GAP after the
previous one starts a new visit, so reloading the index keeps showing what is new for this visit.
`?since=YYYY-MM-DD[THH:MM]` on the index shows what is new since a chosen time instead.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from fastapi import APIRouter, HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chronik.views import monitor
from chronik.web.render import Download, View, add_view, templates

VISIT_GAP = timedelta(minutes=30)
COOKIE_AGE = 365 * 24 * 3600
SEEN, VISIT = "chronik_seen", "chronik_visit"


def alerts_atom(data: dict[str, Any]) -> str:
    """The firings of alerts that deliver to the feed, newest first, as Atom 1.0."""
    base = data.get("base_url", "/").rstrip("/")
    fired = [f for f in data["fired"] if f.get("feed")]
    updated = fired[0]["fired_at"] if fired else datetime.now(UTC).isoformat()
    entries = [_atom_entry(f, base) for f in fired]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "<title>chronik: Alarme</title>\n"
        f"<id>{escape(base)}/alerts</id>\n"
        f'<link rel="self" href={quoteattr(base + "/alerts.atom")}/>\n'
        f"<link href={quoteattr(base + '/alerts')}/>\n"
        f"<updated>{updated}</updated>\n" + "".join(entries) + "</feed>\n"
    )


def _atom_entry(fired: dict[str, Any], base: str) -> str:
    payload = fired["payload"]
    report = payload["report"]
    title = f"{fired['alert']}: {report.get('title') or report['id']}"
    facts = "; ".join(_fact_text(f) for f in payload["facts"][:10])
    link = f"{base}/reports/{report['id']}"
    summary = f"{payload['facts_total']} Fakten: {facts}"
    return (
        "<entry>\n"
        f"  <id>{escape(base)}/alerts/fired/{fired['id']}</id>\n"
        f"  <title>{escape(title)}</title>\n"
        f"  <updated>{fired['fired_at']}</updated>\n"
        f"  <link href={quoteattr(link)}/>\n"
        f"  <summary>{escape(summary)}</summary>\n"
        "</entry>\n"
    )


def _fact_text(fact: dict[str, Any]) -> str:
    if fact["kind"] == "event":
        return f"{fact['type']} „{fact['trigger']}“"
    if fact["kind"] == "claim":
        return f"{fact['certainty']}: {fact['text'][:100]}"
    return fact["text"][:100]


def new_since_visit(request: Request) -> dict[str, Any] | None:
    """What the index shows as new: since `?since=`, else since the visitor's last visit."""
    try:
        since = monitor.parse_moment(request.query_params.get("since"))
    except HTTPException:
        since = None
    since = since or getattr(request.state, "visit_base", None)
    if since is None:
        return None
    return monitor.new_since(request.app.state.store, since)


templates.env.globals["new_since_visit"] = new_since_visit


class VisitCookies:
    """ASGI middleware (plain, so request bodies of other routes stream through untouched): on the
    index, works out where this visit's "new" starts and moves the two cookies on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        now = datetime.now(UTC).replace(microsecond=0)
        seen = _cookie_time(request, SEEN)
        base = _cookie_time(request, VISIT)
        if seen is not None and now - seen > VISIT_GAP:
            base = seen  # a new visit: new is what came after the previous one
        scope.setdefault("state", {})["visit_base"] = base

        async def send_with_cookies(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in ((SEEN, now), (VISIT, base or now)):
                    headers.append(
                        "set-cookie",
                        f"{name}={value.isoformat()}; Max-Age={COOKIE_AGE}; Path=/; HttpOnly; "
                        "SameSite=lax",
                    )
            await send(message)

        await self.app(scope, receive, send_with_cookies)


def _cookie_time(request: Request, name: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(request.cookies.get(name, ""))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


VIEWS = (
    View("/sources", monitor.sources, "sources.html"),
    View(
        "/alerts",
        monitor.alerts,
        "alerts.html",
        downloads=(Download(".atom", "application/atom+xml; charset=utf-8", alerts_atom),),
    ),
    View("/new", monitor.new_reports, "new.html"),
)

router = APIRouter(include_in_schema=False)
for view in VIEWS:
    add_view(router, view)
