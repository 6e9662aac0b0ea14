"""What `chronik watch` follows and what a pass over it found: `Source` (a feed URL or a folder,
from the command line or [[chronik.sources]]), `SourceResult` per source, `PassSummary` per pass."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronik.errors import ConfigError
from chronik.jobs.alerts import DeliveryReport


@dataclass(frozen=True)
class Source:
    key: str  # the feed URL, or the folder's absolute path
    kind: str  # feed | folder
    name: str | None = None
    language: str = "de"
    interval: float | None = None  # seconds; None: the run's --interval


def parse_source(value: str | dict[str, Any]) -> Source:
    """A command-line SOURCE (URL or folder) or a [[chronik.sources]] table."""
    if isinstance(value, str):
        value = {"url": value} if "://" in value else {"path": value}
    language = str(value.get("language") or "de")
    interval = value.get("interval")
    interval = float(interval) if interval is not None else None
    if value.get("url"):
        url = str(value["url"]).strip()
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"source {url!r}: a feed URL starts with http:// or https://")
        return Source(url, "feed", value.get("name"), language, interval)
    path = str(Path(str(value["path"])).expanduser().resolve())
    return Source(path, "folder", value.get("name"), language, interval)


@dataclass
class SourceResult:
    source: str
    kind: str
    status: str = "ok"  # ok | not modified | what went wrong with the source as a whole
    ok: bool = True
    added: int = 0
    new_versions: int = 0
    unchanged: int = 0  # items seen before, not fetched or with the same text
    skipped: int = 0  # items that gave no report (their errors are listed)
    alerts: int = 0
    errors: list[str] = field(default_factory=list)
    # the feed's ETag and Last-Modified, kept only when nothing is left to retry
    validators: tuple[str, str] | None = None
    retry_later: bool = False

    @property
    def new(self) -> int:
        return self.added + self.new_versions

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "status": self.status,
            "ok": self.ok,
            "added": self.added,
            "new_versions": self.new_versions,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "alerts": self.alerts,
            "errors": self.errors,
        }


@dataclass
class PassSummary:
    sources: list[SourceResult] = field(default_factory=list)
    deliveries: DeliveryReport = field(default_factory=DeliveryReport)
    seconds: float = 0.0

    @property
    def added(self) -> int:
        return sum(r.added for r in self.sources)

    @property
    def new_versions(self) -> int:
        return sum(r.new_versions for r in self.sources)

    @property
    def errors(self) -> int:
        return sum(len(r.errors) for r in self.sources) + len(self.deliveries.errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "new_versions": self.new_versions,
            "errors": self.errors,
            "alerts_fired": sum(r.alerts for r in self.sources),
            "webhooks": {
                "delivered": self.deliveries.delivered,
                "retrying": self.deliveries.retrying,
                "failed": self.deliveries.failed,
                "errors": self.deliveries.errors,
            },
            "seconds": round(self.seconds, 3),
            "sources": [r.as_dict() for r in self.sources],
        }
