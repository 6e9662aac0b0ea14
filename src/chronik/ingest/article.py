"""A fetched article page -> a Report: main text, title and date by trafilatura, as for saved pages
(ingest/html.py), with the feed item filling in what the page lacks (its date, its title), and a
dateline at the start of the text ("Berlin, 5. Dezember 2022.") as the last source of a date.

The report's `source_id` is the feed item's key (guid or link), so a changed article becomes a new
version of the same report, as a changed record does in a file.
"""

from __future__ import annotations

from typing import Any

from chronik.dates import PartialDate, parse_iso
from chronik.ingest.base import Skipped
from chronik.ingest.datelines import find_dateline
from chronik.ingest.feeds import FeedItem
from chronik.ingest.html import decode_page
from chronik.ingest.report import clean_text, make_report
from chronik.types import MAX_REPORT_CHARS, Report


def read_article(
    body: bytes,
    url: str,
    item: FeedItem,
    *,
    source: str | None = None,
    lang: str = "de",
) -> Report | Skipped:
    """The page's report, or a Skipped naming the URL and why there is none."""
    document = extract(decode_page(body))
    text = document.get("text") or ""
    if not clean_text(text):
        return Skipped(url, None, "no article text found in the page (an index page, or scripts?)")
    if len(text) > MAX_REPORT_CHARS:
        return Skipped(url, None, f"the article is over {MAX_REPORT_CHARS:,} characters")
    date = _page_date(document.get("date")) or item.date or find_dateline(text)
    if date is None:
        return Skipped(
            url, None, "no publication date in the page, in the feed item or as a dateline"
        )
    return make_report(
        text,
        date,
        source_id=item.key,
        title=document.get("title") or item.title,
        source=source or document.get("sitename") or document.get("hostname"),
        url=url,
        lang=lang,
        origin=url,
    )


def extract(page: str) -> dict[str, Any]:
    """trafilatura's main text and metadata of a page given as a string (so it fetches nothing)."""
    import trafilatura  # ~0.4 s to import: paid only when a page is read

    found = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    if found is None:
        return {}
    if isinstance(found, dict):
        return found
    return dict(found.as_dict())


def _page_date(value: object) -> PartialDate | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        return None
