"""Saved HTML pages: main text, title and publication date, extracted by trafilatura.

trafilatura is given the page as a string and no URL, so it never fetches anything. It finds the
date in metadata (article:published_time, JSON-LD, ...); when it finds none, --date or a dateline in
the extracted text stands in. Its dates are days: a time of day would be guessed, so none is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chronik.dates import PartialDate, parse_iso
from chronik.ingest.base import MAX_REPORT_CHARS, ReadOptions, Skipped
from chronik.ingest.decode import NotText, open_binary, sniff_bytes
from chronik.ingest.records import BadField, resolve_date
from chronik.ingest.report import clean_text, make_report
from chronik.types import Report

MAX_PAGE_BYTES = 4 * MAX_REPORT_CHARS
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def read_html(path: Path, display: str, options: ReadOptions) -> Iterator[Report | Skipped]:
    """Yield the page's one report, or a Skipped saying why it has none."""
    with open_binary(path) as handle:
        data = handle.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        yield Skipped(
            display,
            None,
            f"the page is bigger than {MAX_PAGE_BYTES:,} bytes, too big for one report",
        )
        return
    try:
        page = decode_page(data)
    except NotText as exc:
        yield Skipped(display, None, str(exc))
        return
    import trafilatura  # imported here: it takes ~0.4 s, which runs without HTML input need not pay

    found = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"original_date": True},
    )
    document = _as_mapping(found)
    text = document.get("text") or ""
    if not clean_text(text):
        yield Skipped(
            display, None, "no main text found in the page (an index page, or only scripts?)"
        )
        return
    try:
        date = _page_date(document.get("date")) or resolve_date(None, text, options)
    except BadField:
        yield Skipped(
            display, None, "no publication date in the page's metadata or text; give --date"
        )
        return
    source = document.get("sitename") or document.get("hostname")
    yield make_report(
        text,
        date,
        title=document.get("title"),
        source=source,
        url=document.get("url"),
        lang=options.lang,
        origin=f"{display}:1",
    )


def _as_mapping(found: object) -> dict[str, Any]:
    """trafilatura 1.x returns a dict, 2.x a Document (with as_dict), nothing at all for an empty
    page."""
    if found is None:
        return {}
    if isinstance(found, dict):
        return found
    return dict(found.as_dict())  # type: ignore[attr-defined]


def decode_page(data: bytes) -> str:
    """UTF-8 (or a BOM) first; otherwise the page's own <meta charset>, then a guess."""
    encoding = sniff_bytes(data, truncated=False)
    if encoding not in ("utf-8", "utf-8-sig"):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    return data.decode(encoding, errors="replace")


def _page_date(value: object) -> PartialDate | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        return None
