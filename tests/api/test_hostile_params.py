"""Every GET route with hostile values in every parameter it takes: a 4xx with a message or an
answer, never a 500."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from chronik.api.app import create_app
from chronik.settings import Settings
from tests.explore_world import build_world

HOSTILE = [
    "²",
    "\x00",
    "' OR 1=1; DROP TABLE reports; --",
    "9" * 5000,
    "-1",
    "1e309",
    "NaN",
    "2022-13-45",
    "0000",
    "9999-12-31",
    '"(Putin',
    "NEAR(a b) OR *",
    "a" * 3000,
    "%00%ff",
    "<script>alert(1)</script>",
]
PARAMS = [
    "q",
    "entity",
    "type",
    "place",
    "start",
    "end",
    "certainty",
    "source",
    "as_of",
    "limit",
    "offset",
    "order",
    "max_edges",
    "max_nodes",
    "min_weight",
    "node",
    "to",
    "since",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from chronik.store.db import open_store

    db = str(tmp_path_factory.mktemp("hostile") / "h.db")
    build_world(open_store(db))
    return TestClient(create_app(Settings(db=db)), raise_server_exceptions=False)


def _get_paths() -> list[str]:
    """Every GET route of the app's routers (the API under /api, the pages, the monitor pages)."""
    from chronik.api import routes
    from chronik.web import monitor, pages

    paths = []
    for prefix, router in (("/api", routes.router), ("", pages.router), ("", monitor.router)):
        for route in router.routes:
            if "GET" in getattr(route, "methods", set()):
                paths.append(prefix + re.sub(r"\{[^}]+\}", "w1", route.path))
    return sorted(set(paths))


def test_no_parameter_value_makes_a_500(client) -> None:
    failures = []
    paths = _get_paths()
    assert len(paths) > 20  # the routers were found
    for path in paths:
        for name in PARAMS:
            for value in HOSTILE:
                answer = client.get(path, params={name: value})
                if answer.status_code >= 500:
                    failures.append((path, name, value[:20], answer.status_code))
    assert failures == []
