"""HEAD works, and an unexpected error is an answer like any other: JSON or a page, with the security
headers, on a connection that stays usable."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chronik.api.app import create_app
from chronik.settings import Settings
from chronik.store import queries


@pytest.fixture()
def client(tmp_path):
    return TestClient(
        create_app(Settings(db=str(tmp_path / "g.db"))), raise_server_exceptions=False
    )


def test_head_answers_like_get_without_a_body(client) -> None:
    for path in ("/", "/timeline", "/api/stats", "/timeline.json"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]


def test_an_unexpected_error_is_a_500_with_security_headers(client, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(queries, "stats", broken)
    answer = client.get("/api/stats")
    assert answer.status_code == 500
    assert answer.json() == {
        "error": "internal error; the server log has the details",
        "status": 500,
    }
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert "disk on fire" not in answer.text
    monkeypatch.undo()
    assert client.get("/api/stats").status_code == 200  # the same client goes on
