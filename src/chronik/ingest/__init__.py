"""Files -> Reports. One reader per format; nothing here touches the database.

    for item in read_paths(["reports/"], ReadOptions(date=parse_iso("2022-12"))):
        if isinstance(item, Skipped): print(item)     # "reports/a.jsonl:3: not valid JSON ..."
        else: store.write(item)

Formats (by extension, or `ReadOptions.format`; a trailing .gz is decompressed on the fly):
  dated  .txt starting with `date <ISO>`  many reports per file      dated.py
  jsonl  .jsonl .ndjson                    one object per line         jsonl.py
  csv    .csv .tsv                         header row, `,` `;` tab `|` csv_reader.py
  txt    other .txt                        one report, --date/dateline plaintext.py
  html   .html .htm .xhtml                 trafilatura, offline        html.py
Encodings: BOM, else UTF-8, else charset-normalizer (cp1252 preferred among equals); see decode.py.
Dates keep their precision; missing ones come from --date, then a German dateline (datelines.py).
Report ids: sha256 of NFC text with whitespace collapsed + ISO date, 16 hex digits (report.py).

Expected trouble (bad encoding, binary file, missing or impossible date, malformed line) is yielded
as a `Skipped` naming file, line and reason, and reading goes on; only unexpected errors raise.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from chronik.ingest.base import FORMATS, MAX_REPORT_CHARS, ReadOptions, Skipped, printable
from chronik.ingest.csv_reader import read_csv
from chronik.ingest.dated import read_dated
from chronik.ingest.decode import Lines, NotText, open_lines
from chronik.ingest.formats import UnknownFormat, by_extension, has_known_extension, starts_dated
from chronik.ingest.html import read_html
from chronik.ingest.jsonl import read_jsonl
from chronik.ingest.plaintext import read_plain
from chronik.ingest.report import make_report, report_id
from chronik.ingest.walk import iter_files
from chronik.types import Report

__all__ = [
    "FORMATS",
    "MAX_REPORT_CHARS",
    "ReadOptions",
    "Skipped",
    "make_report",
    "read_file",
    "read_paths",
    "report_id",
]

_LINE_READERS = {"dated": read_dated, "jsonl": read_jsonl, "csv": read_csv, "txt": read_plain}


def read_paths(
    paths: Iterable[Path | str], options: ReadOptions = ReadOptions()
) -> Iterator[Report | Skipped]:
    """Directories are walked recursively (sorted, hidden files skipped); each file streamed.

    With format "auto", a folder's files with an extension no reader knows (README.md, images) are
    left out; files named directly are always read, so a wrong one comes back as a Skipped.
    """
    wanted = has_known_extension if options.format == "auto" else None
    for item in iter_files(paths, wanted):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item, options)


def read_file(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Report | Skipped]:
    """The reports of one file in the format `options.format` (auto: by extension).

    A file that gives neither a report nor a reason (a CSV with only its header, a JSON Lines file
    of blank lines) is reported too: an input that silently contributes nothing is a surprise.
    """
    empty = True
    for item in _read_file(path, options):
        empty = False
        yield item
    if empty:
        yield Skipped(str(path), None, "no reports in the file")


def _read_file(path: Path, options: ReadOptions) -> Iterator[Report | Skipped]:
    display = printable(str(path))
    try:
        kind = by_extension(path, options.format)
        if kind == "html":
            yield from read_html(path, display, options)
            return
        lines = open_lines(path)
        if kind == "txt" and options.format == "auto" and _first_line_is_dated(lines):
            kind = "dated"
        yield from _LINE_READERS[kind](lines, display, options)
    except UnknownFormat as exc:
        yield Skipped(display, None, str(exc))
    except NotText as exc:
        yield Skipped(display, exc.line, str(exc))
    except OSError as exc:
        yield Skipped(display, None, f"cannot read the file: {exc.strerror or exc}")
    except (EOFError, zlib.error) as exc:  # a truncated or corrupt .gz file
        yield Skipped(
            display, None, f"the compressed file is damaged ({exc}); the rest of it is skipped"
        )


def _first_line_is_dated(lines: Lines) -> bool:
    """Peek at the first non-blank line with a throw-away iterator; the reader starts afresh."""
    peek = replace(lines, problems=[], line_no=0)
    with closing(iter(peek)) as stream:
        for text in stream:
            if text.strip():
                return starts_dated(text)
    return False
