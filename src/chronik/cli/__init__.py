"""The `chronik` command line: Typer commands that parse flags, call one function and print."""

from chronik.cli.app import app, main

__all__ = ["app", "main"]
