"""Errors a user can act on. Expected trouble in input is a `Skipped` value (see ingest), not an
exception."""

from __future__ import annotations


class ChronikError(Exception):
    """Base class: the message says what went wrong and what to do."""


class InputError(ChronikError):
    """An input file or record cannot be read as given."""


class StoreError(ChronikError):
    """The database cannot be opened, migrated or written."""


class ConfigError(ChronikError):
    """A setting, model name or flag is wrong."""
