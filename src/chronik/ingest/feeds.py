"""RSS and Atom feeds -> items (link, title, date, guid), parsed by feedparser.

feedparser reads RSS 0.9x-2.0, RDF and Atom and forgives much; it is given bytes that were already
fetched (never a URL, so it fetches nothing itself). What it cannot make a feed of (an HTML page, a
truncated document without entries) is a `FeedError` with a message; an item without a link is kept
as a skipped item with its reason, so that one bad item does not hide the others.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin
from xml.sax import SAXException

import feedparser

from chronik.dates import PartialDate, parse_iso


class FeedError(Exception):
    """The document is not a feed that can be read."""


@dataclass(frozen=True)
class FeedItem:
    key: str  # the guid, or the link when there is none: what makes the item the same item
    url: str | None  # the article page; None for an item without a link
    title: str | None
    date: PartialDate | None  # published (or updated) day
    updated: str | None  # what the feed says about the item's last change, compared between runs
    summary: str | None


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: tuple[FeedItem, ...]


def parse_feed(data: bytes, url: str) -> Feed:
    """Parse a fetched feed; relative item links are resolved against the feed's URL."""
    parsed = feedparser.parse(data, response_headers={"content-location": url})
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    malformed = isinstance(parsed.get("bozo_exception"), SAXException)
    if not entries and (not version or malformed):
        # a broken document that still yields items is read (feeds are often sloppy); one that
        # yields none is reported, so an empty pass is never mistaken for an empty feed
        raise FeedError(_not_a_feed(parsed, data))
    items = tuple(_item(entry, url) for entry in entries)
    return Feed(title=(parsed.get("feed") or {}).get("title"), items=items)


def _not_a_feed(parsed: feedparser.FeedParserDict, data: bytes) -> str:
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "this is an HTML page, not an RSS or Atom feed; give the feed's own URL"
    if isinstance(parsed.get("bozo_exception"), SAXException):
        reason = parsed.get("bozo_exception")
        return f"not a readable feed (malformed XML: {reason})"
    return "not an RSS or Atom feed (no feed element and no items)"


def _item(entry: feedparser.FeedParserDict, feed_url: str) -> FeedItem:
    link = entry.get("link") or _first_link(entry)
    url = urljoin(feed_url, link) if link else None
    guid = entry.get("id") or entry.get("guid")
    # dict.get: FeedParserDict.get warns when a missing "updated" falls back to "published"
    stamp = dict.get(entry, "updated") or dict.get(entry, "published")
    return FeedItem(
        key=(guid or url or _fallback_key(entry)).strip(),
        url=url,
        title=entry.get("title"),
        date=_entry_date(entry),
        updated=stamp.strip() if isinstance(stamp, str) else None,
        summary=entry.get("summary"),
    )


def _first_link(entry: feedparser.FeedParserDict) -> str | None:
    for link in entry.get("links") or []:
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return link["href"]
    return None


def _fallback_key(entry: feedparser.FeedParserDict) -> str:
    return "title:" + (entry.get("title") or "")[:500]


def _entry_date(entry: feedparser.FeedParserDict) -> PartialDate | None:
    """The item's day: published, else updated. Feeds give a time and zone, chronik keeps the day
    in UTC (as trafilatura does for pages)."""
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, name)  # plain dict look-up: no fallback, no warning
        if value:
            moment = datetime.fromtimestamp(calendar.timegm(value), UTC)
            return parse_iso(moment.date().isoformat())
    return None
