"""JSON as every view writes it (dates as ISO text, no ASCII escaping), and file downloads."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from fastapi.responses import JSONResponse as _JSONResponse
from fastapi.responses import Response


class JSONResponse(_JSONResponse):
    """JSON that also writes dates (report versions carry their ingest time)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, ensure_ascii=False, separators=(",", ":"), default=_default
        ).encode("utf-8")


class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def download(body: str | bytes, media_type: str, filename: str | None) -> Response:
    """A file response; with a `filename` the browser saves it instead of showing it."""
    headers = {"content-disposition": f'attachment; filename="{filename}"'} if filename else None
    return Response(body, media_type=media_type, headers=headers)
