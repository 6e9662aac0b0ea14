"""Deliver alert payloads to their webhooks: a JSON POST, retried later with back-off.

Deliveries run after a pass's reports are stored, never inside the write path, and each webhook
gets a short timeout; a webhook that does not answer is marked and skipped for the rest of the
round, so a dead receiver costs one timeout per round, not one per payload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from chronik.ingest.fetch import USER_AGENT
from chronik.store.alerts import Delivery, due_deliveries, record_delivery
from chronik.store.db import Store

WEBHOOK_TIMEOUT = 5.0  # seconds: a receiver that needs longer is treated as down for this round
MAX_ATTEMPTS = 8  # then the delivery is marked failed (it stays listed on /alerts)
RETRY_BASE = 30.0  # seconds before the second attempt; doubles per attempt (30 s ... ~1 h)


@dataclass
class DeliveryReport:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_pending(
    store: Store,
    client: httpx.Client | None = None,
    timeout: float = WEBHOOK_TIMEOUT,
    at: datetime | None = None,
) -> DeliveryReport:
    """POST every payload due by `at` (default now) once; failures are recorded with their next
    attempt."""
    report = DeliveryReport()
    down: set[str] = set()
    own = client is None
    client = client or httpx.Client(
        timeout=httpx.Timeout(timeout), headers={"User-Agent": USER_AGENT}
    )
    try:
        for delivery in due_deliveries(store, at=at):
            if delivery.webhook in down:
                continue
            error = _post(client, delivery)
            if error is None:
                record_delivery(store, delivery.id, delivered=True)
                report.delivered += 1
                continue
            down.add(delivery.webhook)
            _record_failure(store, delivery, error, report)
    finally:
        if own:
            client.close()
    return report


def _post(client: httpx.Client, delivery: Delivery) -> str | None:
    """None when the receiver took it (2xx); otherwise what went wrong."""
    try:
        response = client.post(delivery.webhook, json=delivery.payload)
    except httpx.TimeoutException:
        return f"{delivery.webhook}: no answer in time"
    except httpx.HTTPError as exc:
        return f"{delivery.webhook}: {exc}"
    if 200 <= response.status_code < 300:
        return None
    return f"{delivery.webhook}: HTTP {response.status_code}"


def _record_failure(store: Store, delivery: Delivery, error: str, report: DeliveryReport) -> None:
    attempts = delivery.attempts + 1
    message = f"alert {delivery.alert!r}: {error} (attempt {attempts})"
    report.errors.append(message)
    if attempts >= MAX_ATTEMPTS:
        record_delivery(store, delivery.id, delivered=False, error=error)
        report.failed += 1
        return
    wait = timedelta(seconds=RETRY_BASE * 2 ** (attempts - 1))
    record_delivery(
        store, delivery.id, delivered=False, error=error, next_attempt=datetime.now(UTC) + wait
    )
    report.retrying += 1
