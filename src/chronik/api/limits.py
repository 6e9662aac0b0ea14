"""ASGI middleware: a request body larger than Settings.max_upload_bytes is refused with 413 before
it is read.

A declared Content-Length over the limit is answered at once, without reading a byte of the body; a
body without a length (chunked) is counted as it arrives and cut off at the limit, so memory stays
bounded. Security headers go on every response; CORS headers never do (no CORS middleware: browsers
block other sites).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
# Pages load scripts and styles from /static only; vis-network sets inline styles on its canvas.
PAGE_CSP = (
    b"content-security-policy",
    b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    b"frame-ancestors 'none'",
)
DOCS_PATHS = ("/docs", "/redoc")  # Swagger UI loads its own assets; no CSP there


class TooLarge(HTTPException):
    """Raised from receive(): the app's HTTPException handler turns it into the usual JSON error."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413, f"request body larger than {limit} bytes (max_upload_bytes); send less"
        )


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send, scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _too_large(send, self.max_bytes)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise TooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except TooLarge:
            if not started:
                await _too_large(send, self.max_bytes)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "error": f"request body larger than {limit} bytes (max_upload_bytes); send less",
            "status": 413,
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _with_headers(send: Send, path: str) -> Send:
    extra = list(SECURITY_HEADERS)
    if not path.startswith(DOCS_PATHS):
        extra.append(PAGE_CSP)

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers: list[Any] = list(message.get("headers", []))
            headers += extra
            message = {**message, "headers": headers}
        await send(message)

    return wrapped
