"""Feeds and the polite fetcher against a local HTTP server: what is parsed, what is refused and why.

No pipeline and no store here: these are the ingest modules alone (feeds.py, fetch.py, article.py).
"""

from __future__ import annotations

import contextlib
import time

import pytest

from chronik.ingest.article import read_article
from chronik.ingest.base import Skipped
from chronik.ingest.feeds import FeedError, FeedItem, parse_feed
from chronik.ingest.fetch import FEED_TYPES, USER_AGENT, Fetcher, FetchError, FetchOptions
from tests.feedserver import FeedServer, Page, article_html, atom, german_article, rss

FAST = FetchOptions(host_delay=0, backoff=0.01, timeout=2, trust_env=False)


@pytest.fixture()
def server():
    srv = FeedServer().start()
    yield srv
    srv.stop()


@pytest.fixture()
def fetcher():
    with Fetcher(FAST) as f:
        yield f


def _items(n: int, base: str = "http://example.invalid") -> list[dict]:
    return [
        {"link": f"{base}/a{i}.html", "title": f"Meldung {i}", "date": "2026-11-20"}
        for i in range(n)
    ]


# ---------------------------------------------------------------- feeds


@pytest.mark.parametrize("count", [0, 1, 25])
def test_rss_with_0_1_and_many_items(count: int) -> None:
    feed = parse_feed(rss(_items(count)), "http://example.invalid/feed.xml")
    assert feed.title == "Testfeed"
    assert len(feed.items) == count
    if count:
        first = feed.items[0]
        assert first.url == "http://example.invalid/a0.html"
        assert first.key == first.url  # no guid: the link is the key
        assert first.title == "Meldung 0"
        assert first.date is not None and first.date.iso == "2026-11-20"


def test_atom_items_have_ids_links_and_dates() -> None:
    data = atom([{"link": "/rel/a.html", "title": "Eins", "guid": "urn:x:1", "date": "2026-11-21"}])
    feed = parse_feed(data, "http://example.invalid/feeds/atom.xml")
    (item,) = feed.items
    assert item.key == "urn:x:1"
    assert item.url == "http://example.invalid/rel/a.html"  # relative link resolved
    assert item.date.iso == "2026-11-21"
    assert item.updated


def test_html_instead_of_a_feed_says_so() -> None:
    page = article_html("Startseite", "Willkommen auf unserer Seite.")
    with pytest.raises(FeedError, match="HTML page, not an RSS or Atom feed"):
        parse_feed(page, "http://example.invalid/")


def test_malformed_xml_is_a_clear_error() -> None:
    with pytest.raises(FeedError, match=r"malformed XML|not an RSS"):
        parse_feed(b"<?xml version='1.0'?><rss><channel><title>kaputt", "http://x.invalid/")


def test_items_without_link_or_date_are_kept_with_what_they_have() -> None:
    data = rss([{"title": "Ohne Link", "guid": "g-1"}, {"link": "http://x.invalid/b"}])
    no_link, no_date = parse_feed(data, "http://x.invalid/feed").items
    assert no_link.url is None and no_link.key == "g-1"
    assert no_date.date is None and no_date.url == "http://x.invalid/b"


# ---------------------------------------------------------------- articles


def test_article_text_title_and_page_date() -> None:
    title, text = german_article(3)
    item = FeedItem("k3", "http://x.invalid/a3", "Feedtitel", None, None, None)
    report = read_article(article_html(title, text, "2026-11-18"), item.url, item, source="Test")
    assert not isinstance(report, Skipped)
    assert "Lagerhalle" in report.text
    assert report.title == title
    assert report.date.iso == "2026-11-18"
    assert report.source_id == "k3" and report.source == "Test"


def test_article_without_date_takes_the_feed_date_or_is_skipped() -> None:
    from chronik.dates import parse_iso

    _title, text = german_article(1)
    page = article_html("", text.split(". ", 1)[1], date=None)  # no dateline either
    dated = FeedItem("k", "http://x.invalid/a", "Aus dem Feed", parse_iso("2026-11-19"), None, None)
    report = read_article(page, dated.url, dated)
    assert not isinstance(report, Skipped)
    assert report.date.iso == "2026-11-19"
    undated = FeedItem("k", "http://x.invalid/a", None, None, None, None)
    skipped = read_article(page, undated.url, undated)
    assert isinstance(skipped, Skipped) and "no publication date" in skipped.reason
    with_dateline = read_article(article_html("", text, date=None), undated.url, undated)
    assert with_dateline.date.iso == "2026-11-11"  # "Hamburg, 11. November 2026."


# ---------------------------------------------------------------- the fetcher


def test_user_agent_and_conditional_request(server: FeedServer, fetcher: Fetcher) -> None:
    server.pages["/feed.xml"] = Page(rss(_items(2)), "application/rss+xml", etag='"v1"')
    first = fetcher.get(server.url("/feed.xml"), FEED_TYPES)
    assert first.status == 200 and first.etag == '"v1"'
    again = fetcher.get(server.url("/feed.xml"), FEED_TYPES, etag=first.etag)
    assert again.not_modified and again.body == b""
    headers = [h for m, p, h in server.requests if p == "/feed.xml"]
    assert headers[0]["User-Agent"] == USER_AGENT
    assert headers[1]["If-None-Match"] == '"v1"'


def test_404_is_not_retried_500_is(server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as missing:
        fetcher.get(server.url("/gone.html"))
    assert not missing.value.retryable
    assert server.gets("/gone.html") == 1
    server.pages["/broken.xml"] = Page(b"oops", "text/plain", 500)
    with pytest.raises(FetchError, match="HTTP 500") as broken:
        fetcher.get(server.url("/broken.xml"), FEED_TYPES)
    assert broken.value.retryable
    assert server.gets("/broken.xml") == FAST.retries + 1


def test_timeout_is_an_error_not_a_hang(server: FeedServer) -> None:
    server.pages["/slow.html"] = Page(b"<html></html>", delay=1.5)
    options = FetchOptions(host_delay=0, backoff=0.01, timeout=0.3, retries=1, trust_env=False)
    started = time.perf_counter()
    with Fetcher(options) as slow, pytest.raises(FetchError, match="no answer within"):
        slow.get(server.url("/slow.html"))
    assert time.perf_counter() - started < 1.5


def test_redirect_is_followed_and_a_loop_detected(server: FeedServer, fetcher: Fetcher) -> None:
    server.pages["/old"] = Page(b"", status=301, headers={"Location": "/new"})
    server.pages["/new"] = Page(b"<html><body>neu</body></html>")
    assert fetcher.get(server.url("/old")).url == server.url("/new")
    server.pages["/loop-a"] = Page(b"", status=302, headers={"Location": "/loop-b"})
    server.pages["/loop-b"] = Page(b"", status=302, headers={"Location": "/loop-a"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.get(server.url("/loop-a"))
    server.pages["/self"] = Page(b"", status=302, headers={"Location": "/self"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.get(server.url("/self"), FEED_TYPES)


def test_huge_page_is_refused_without_reading_it(server: FeedServer) -> None:
    server.pages["/huge.html"] = Page(b"<p>" + b"x" * 300_000 + b"</p>")

    def chunked(handler) -> None:  # no Content-Length: the limit applies while streaming
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        with contextlib.suppress(OSError):
            for _ in range(100):
                handler.wfile.write(b"y" * 10_000)

    server.pages["/stream.html"] = chunked
    small = FetchOptions(host_delay=0, max_bytes=100_000, trust_env=False)
    with Fetcher(small) as f:
        with pytest.raises(FetchError, match="over the 100,000 limit"):
            f.get(server.url("/huge.html"))
        with pytest.raises(FetchError, match="over the 100,000 byte limit"):
            f.get(server.url("/stream.html"))


def test_pdf_link_is_refused_with_a_message(server: FeedServer, fetcher: Fetcher) -> None:
    server.pages["/report.pdf"] = Page(b"%PDF-1.7 ...", "application/pdf")
    with pytest.raises(FetchError, match="application/pdf is not an HTML page"):
        fetcher.get(server.url("/report.pdf"))


def test_robots_txt_is_respected(server: FeedServer, fetcher: Fetcher) -> None:
    server.pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    server.pages["/private/a.html"] = Page(b"<html></html>")
    server.pages["/public/a.html"] = Page(b"<html></html>")
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetcher.get(server.url("/private/a.html"))
    assert fetcher.get(server.url("/public/a.html")).status == 200
    assert server.gets("/private/a.html") == 0
    assert server.gets("/robots.txt") == 1  # read once per host


def test_requests_to_one_host_are_spaced(server: FeedServer) -> None:
    server.pages["/a.html"] = Page(b"<html></html>")
    options = FetchOptions(host_delay=0.3, robots=False, trust_env=False)
    with Fetcher(options) as polite:
        started = time.perf_counter()
        for _ in range(3):
            polite.get(server.url("/a.html"))
    assert time.perf_counter() - started >= 0.55


def test_a_server_dripping_bytes_is_cut_off(server: FeedServer) -> None:
    def drip(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        with contextlib.suppress(OSError):  # the client hangs up, as it should
            for _ in range(40):
                handler.wfile.write(b"<p>x</p>")
                handler.wfile.flush()
                time.sleep(0.05)

    server.pages["/drip.html"] = drip
    options = FetchOptions(host_delay=0, retries=0, max_seconds=0.5, trust_env=False)
    with Fetcher(options) as f, pytest.raises(FetchError, match=r"took over 0\.5 s"):
        f.get(server.url("/drip.html"))
