"""Which reader a file gets: `--format` if given, else its extension (and, for .txt, its first
line)."""

from __future__ import annotations

import re
from pathlib import Path

from chronik.ingest.base import FORMATS

EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

# A dated-text report starts with `date <ISO date>` at the start of a line, optionally after
# whitespace.
DATED_START = re.compile(
    r"^\s*date\s+(?P<date>\d{4}(?:-\d{1,2}(?:-\d{1,2}(?:[T "
    r"]\d{1,2}:\d{2}\S*)?)?)?)(?=\s|$)(?P<rest>.*)$",
    re.S,
)


class UnknownFormat(Exception):
    """Raised with a message saying which formats exist (caught and turned into a Skipped)."""


def by_extension(path: Path, requested: str) -> str:
    """The format name for `path`; .txt still has to be told apart into dated or plain text."""
    if requested not in FORMATS:
        raise UnknownFormat(f"unknown format {requested!r}; use one of {', '.join(FORMATS)}")
    if requested != "auto":
        return requested
    suffix = inner_suffix(path)
    if suffix not in EXTENSIONS:
        what = f"'{suffix}' files" if suffix else "files without an extension"
        raise UnknownFormat(
            f"no reader for {what}; rename it or give --format dated|jsonl|csv|txt|html"
        )
    return EXTENSIONS[suffix]


def inner_suffix(path: Path) -> str:
    """The extension that names the format: `.jsonl` for both reports.jsonl and reports.jsonl.gz."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes[-1:] == [".gz"]:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def has_known_extension(path: Path) -> bool:
    """Whether some reader claims files like this one (used to pick the input files of a folder)."""
    return inner_suffix(path) in EXTENSIONS


def starts_dated(first_line: str) -> bool:
    """True when a text file's first non-blank line is a `date ...` line: the file is in dated
    format."""
    return DATED_START.match(first_line) is not None
