"""The values every reader produces: `Skipped` for expected trouble, `ReadOptions` for what the user
said.

They live here (not in `__init__`) so that the format modules can import them without a cycle;
`chronik.ingest` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronik.dates import PartialDate
from chronik.types import MAX_REPORT_CHARS

FORMATS = ("auto", "dated", "jsonl", "csv", "txt", "html")


__all__ = ["FORMATS", "MAX_REPORT_CHARS", "ReadOptions", "Skipped", "printable"]


def printable(name: str) -> str:
    """A file name as text that can be stored and printed: bytes that are not UTF-8 (kept by Python
    as surrogate escapes) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True)
class Skipped:
    """Expected trouble with one file or record: counted and reported at the end, never raised."""

    path: str
    line: int | None  # 1-based line (or record start line) where known
    reason: str  # what is wrong and what to do about it

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return printable(f"{where}: {self.reason}")


@dataclass(frozen=True)
class ReadOptions:
    """What the user told `chronik ingest`; defaults here are the CLI's defaults."""

    format: str = (
        "auto"  # auto|dated|jsonl|csv|txt|html; auto chooses by extension (see formats.py)
    )
    date: PartialDate | None = None  # --date: for plain text and records without a date
    text_column: str = "text"
    date_column: str = "date"
    lang: str = "de"
