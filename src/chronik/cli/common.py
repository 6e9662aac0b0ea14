"""What every `chronik` command module shares: the consoles, the common options and small
printing helpers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from chronik import settings as settings_mod
from chronik.dates import PartialDate, parse_iso

out = Console()
err = Console(stderr=True)

DB = typer.Option(
    None, "--db", help="Database path or SQLAlchemy URL [env CHRONIK_DB; default ./chronik.db]."
)
CONFIG = typer.Option(None, "--config", help="Settings file [default ./chronik.toml].")
AS_JSON = typer.Option(False, "--json", help="Print JSON for programs instead of tables.")


def load_settings(config: Path | None, **overrides: Any) -> settings_mod.Settings:
    loaded = settings_mod.load(config)
    result = loaded.with_overrides(**overrides)
    settings_mod.validate(result)
    return result


def open_from_options(config: Path | None, db: str | None):  # -> Store
    from chronik.store.db import open_store

    return open_store(load_settings(config, db=db).db)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str, indent=2) + "\n")


def print_result(result: Any, as_json: bool) -> None:
    if as_json:
        print_json(result)
    else:
        out.print_json(json.dumps(result, ensure_ascii=False, default=str))


def parse_date_option(value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
