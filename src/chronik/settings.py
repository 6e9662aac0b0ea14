"""One Settings object, read from chronik.toml, then CHRONIK_* environment variables, then CLI
flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from chronik.errors import ConfigError

COMPONENTS = ("entities", "linking", "timex", "events", "claims")


@dataclass(frozen=True)
class Settings:
    db: str = "chronik.db"  # a path (SQLite) or any SQLAlchemy URL
    # NER: accurate (e5 + CRF, int8; ~3,500 tokens/s per core, whole pipeline) | fast (CRF; ~14,000,
    # for huge backfills) | spacy (the entities of an installed spaCy pipeline, see spacy_model)
    tier: str = "accurate"
    spacy_model: str | None = (
        None  # an installed spaCy pipeline to start from, e.g. "de_core_news_lg"
    )
    disabled: tuple[str, ...] = ()  # chronik components switched off
    batch_size: int = 64
    workers: int = 1
    api_token: str | None = None  # enables POST /api/reports when set
    host: str = "127.0.0.1"
    port: int = 8000
    max_upload_bytes: int = 20_000_000
    # followed by `chronik watch`: [[chronik.sources]] tables with url or path, name, language,
    # interval (seconds); CHRONIK_SOURCES takes a comma-separated list of feed URLs and folders
    sources: tuple[dict[str, Any], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **values: Any) -> Settings:
        """Apply CLI flags; None means "not given" and keeps the current value."""
        given = {k: v for k, v in values.items() if v is not None}
        return replace(self, **given)


def _coerce(name: str, raw: str, current: Any) -> Any:
    if isinstance(current, bool):
        return raw.lower() in ("1", "true", "yes", "on")
    if isinstance(current, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"CHRONIK_{name.upper()}={raw!r}: expected a whole number") from None
    if isinstance(current, tuple):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw


def load(config_path: str | Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults < chronik.toml (or `config_path`) < CHRONIK_* variables."""
    env = os.environ if environ is None else environ
    settings = Settings()
    path = Path(config_path or env.get("CHRONIK_CONFIG", "chronik.toml"))
    names = {f.name for f in fields(Settings)} - {"extra"}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}; fix the file or remove it") from None
        section = data.get("chronik", data)
        unknown = set(section) - names
        if unknown:
            raise ConfigError(f"{path}: unknown settings {sorted(unknown)}; known: {sorted(names)}")
        if "disabled" in section:
            section["disabled"] = tuple(section["disabled"])
        if "sources" in section:
            section["sources"] = _sources(section["sources"], str(path))
        settings = replace(settings, **section)
    for name in names:
        raw = env.get(f"CHRONIK_{name.upper()}")
        if raw is not None:
            value = _coerce(name, raw, getattr(settings, name))
            if name == "sources":
                value = _sources(value, "CHRONIK_SOURCES")
            settings = replace(settings, **{name: value})
    validate(settings)
    return settings


SOURCE_KEYS = ("url", "path", "name", "language", "interval")


def _sources(raw: Any, where: str) -> tuple[dict[str, Any], ...]:
    """[[chronik.sources]] tables (or plain strings: a URL or a folder) as checked dicts."""
    if not isinstance(raw, (list, tuple)):
        raise ConfigError(f"{where}: sources must be a list of [[chronik.sources]] tables")
    out = []
    for n, item in enumerate(raw, 1):
        if isinstance(item, str):
            item = {"url": item} if "://" in item else {"path": item}
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: source {n} must be a table with url or path")
        unknown = set(item) - set(SOURCE_KEYS)
        if unknown:
            raise ConfigError(
                f"{where}: source {n} has unknown keys {sorted(unknown)}; "
                f"known: {list(SOURCE_KEYS)}"
            )
        if bool(item.get("url")) == bool(item.get("path")):
            raise ConfigError(f"{where}: source {n} needs exactly one of url or path")
        interval = item.get("interval")
        if interval is not None and (not isinstance(interval, (int, float)) or interval <= 0):
            raise ConfigError(f"{where}: source {n}: interval must be a positive number of seconds")
        out.append(dict(item))
    return tuple(out)


def validate(settings: Settings) -> None:
    if settings.tier not in ("fast", "accurate", "spacy"):
        raise ConfigError(f"tier {settings.tier!r}: choose 'fast', 'accurate' or 'spacy'")
    if settings.tier == "spacy" and not settings.spacy_model:
        raise ConfigError(
            "tier 'spacy' takes its entities from an installed spaCy pipeline: set spacy_model too"
        )
    unknown = set(settings.disabled) - set(COMPONENTS)
    if unknown:
        raise ConfigError(
            f"disabled components {sorted(unknown)} unknown; known: {list(COMPONENTS)}"
        )
    if settings.workers < 1 or settings.batch_size < 1:
        raise ConfigError("workers and batch_size must be at least 1")
