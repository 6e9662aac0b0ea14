"""Contradiction links between claims of different reports: a denial contradicts what other reports
assert, report or allege about the same (clustered) event, and the reverse."""

from __future__ import annotations

from chronik.store.db import Conn
from chronik.store.links import add_claim_links, claims_about_cluster, clustered_claims

AFFIRMING = ("asserted", "reported", "alleged", "unconfirmed")


def link_contradictions(conn: Conn, report_id: str) -> int:
    """Link the report's claims to contradicting claims elsewhere (both ways, idempotent); returns
    how many pairs contradict."""
    pairs: set[tuple[int, int]] = set()
    for claim_id, certainty, cluster in clustered_claims(conn, report_id):
        wanted = AFFIRMING if certainty == "denied" else ("denied",)
        for other in claims_about_cluster(conn, cluster, report_id, wanted):
            pairs.add((claim_id, other))
    add_claim_links(conn, sorted(pairs), "contradicts")
    return len(pairs)
