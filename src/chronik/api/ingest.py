"""POST /api/reports: token check, body validation, analysis, one write and the cross-report links
that `chronik ingest` makes (chronik.jobs.write.store_and_link, the one write path). Nothing is
written on any 4xx.

The pipeline is built once per app, on first use, and runs in a worker thread so the server keeps
serving.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable
from typing import Any

from fastapi import BackgroundTasks, HTTPException, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from chronik.dates import parse_iso
from chronik.errors import ChronikError
from chronik.ingest.report import make_report
from chronik.jobs.write import store_and_link
from chronik.types import Annotations, Report

_LOCK = threading.Lock()


class NewReport(BaseModel):
    text: str = Field(..., min_length=1)
    date: str | None = Field(
        None, max_length=32, description="ISO 8601 at its precision: 2022, 2022-12, 2022-12-05"
    )
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    source_id: str | None = Field(None, max_length=200)
    lang: str = Field("de", max_length=8)


def check_token(request: Request) -> None:
    """401 without the right bearer token, 403 when the server has writing switched off."""
    token = request.app.state.settings.api_token
    if not token:
        raise HTTPException(
            403, "this server is read-only; set api_token (CHRONIK_API_TOKEN) to allow POST"
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise HTTPException(
            401,
            "missing or wrong token; send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def _body(request: Request) -> NewReport:
    raw = await request.body()  # bounded by the size limit in app.py
    try:
        return NewReport.model_validate(json.loads(raw))
    except json.JSONDecodeError as exc:
        raise HTTPException(422, f"body is not JSON: {exc.msg} at character {exc.pos}") from None
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()
        )
        raise HTTPException(422, details) from None
    except RecursionError:
        raise HTTPException(422, "body is JSON nested too deeply to be a report") from None
    except (ValueError, UnicodeDecodeError) as exc:  # integers over 4,300 digits, bytes not UTF-8
        raise HTTPException(422, f"body is not usable JSON: {exc}") from None


def _report(body: NewReport) -> Report:
    try:
        day = parse_iso(body.date) if body.date else None
    except ValueError as exc:
        raise HTTPException(422, f"date: {exc}") from None
    return make_report(
        body.text,
        day,
        source_id=body.source_id,
        title=body.title,
        source=body.source,
        url=body.url,
        lang=body.lang,
        origin="api",
    )


def _analyser(request: Request) -> Callable[[Report], Annotations]:
    state = request.app.state
    with _LOCK:
        if getattr(state, "analyse", None) is None:
            from chronik.nlp import pipeline

            try:
                nlp = pipeline.build(state.settings)
            except ChronikError as exc:
                raise HTTPException(503, f"the analysis pipeline cannot start: {exc}") from None
            state.analyse = lambda report: pipeline.analyse(nlp, report)
    return state.analyse


async def add_report(request: Request, background: BackgroundTasks) -> dict[str, Any]:
    report = _report(await _body(request))
    if not report.text:
        raise HTTPException(422, "text: empty after cleaning")
    analyse = await run_in_threadpool(_analyser, request)
    annotations = await run_in_threadpool(analyse, report)
    stored = await run_in_threadpool(store_and_link, request.app.state.store, report, annotations)
    if stored.alerts:  # webhooks after the answer: a slow receiver never holds up the client
        background.add_task(_deliver_alerts, request.app.state.store)
    return {
        "id": stored.report_id,
        "status": stored.status,
        "alerts": list(stored.alerts),
        "mentions": len(annotations.mentions),
        "events": len(annotations.events),
        "claims": len(annotations.claims),
    }


def _deliver_alerts(store: Any) -> None:
    from chronik.jobs.alerts import deliver_pending

    deliver_pending(store)  # failures are recorded per delivery and retried by later runs
