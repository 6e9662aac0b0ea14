"""ASGI middleware at the edge of the app: HEAD answered as GET without a body, and an unexpected
error turned into a 500 answer inside the middleware stack, so it gets the security headers like
every other answer and the connection stays usable (Starlette's outermost error handler answers
after the other middleware and then re-raises, which drops a keep-alive connection)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("chronik.api")


class HeadAsGet:
    """HEAD is GET without the body (RFC 9110 9.3.2): monitors and link checkers send it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class CatchAll:
    """An exception no handler took becomes `render(request)` (a 500 page or JSON), if nothing of
    the answer was sent yet; it is logged with its traceback."""

    def __init__(self, app: ASGIApp, render: Callable[[Request], Response]) -> None:
        self.app = app
        self.render = render

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:
            if started:
                raise
            log.exception("unexpected error on %s", scope.get("path"))
            await self.render(Request(scope))(scope, receive, send)
