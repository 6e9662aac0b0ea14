"""A polite HTTP client for feeds and article pages.

What a good citizen on the web does, in one place: a User-Agent that says who is asking and where
to complain, robots.txt respected (RFC 9309: a missing robots.txt allows everything, one that
answers 5xx forbids everything for now), conditional requests (ETag / Last-Modified), at most one
request per `host_delay` seconds to a host, timeouts, a size limit read while streaming (a 200 MB
page is never held in memory), content types checked before the body is read, retries with
exponential back-off on 5xx, 429 and timeouts, and redirects followed by hand so that a loop is
recognised as one.

Expected trouble is a `FetchError` with a message that names the URL and what happened; the caller
records it against its source and goes on.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from urllib import robotparser
from urllib.parse import urljoin, urlsplit

import httpx

from chronik import __version__

USER_AGENT = f"chronik/{__version__} (+https://example.invalid/chronik)"
ROBOTS_AGENT = "chronik"  # the token robots.txt rules name
MAX_BYTES = 5_000_000  # an article page is ~100 kB; past this it is not one news report
RETRY_STATUS = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER = 30.0  # seconds: a longer Retry-After is "not this pass"
ROBOTS_HOURS = 24.0  # how long a site's robots.txt is trusted (RFC 9309 2.4)
ROBOTS_RETRY_SECONDS = 600.0  # a robots.txt that could not be read is asked for again after this

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
    *HTML_TYPES,  # many servers send feeds as text/html; the feed parser decides
    "text/plain",
)


class FetchError(Exception):
    """A URL could not be fetched; the message says why and what can be done."""

    def __init__(self, url: str, message: str, *, retryable: bool = False) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.retryable = retryable


@dataclass(frozen=True)
class FetchOptions:
    user_agent: str = USER_AGENT
    timeout: float = 15.0  # seconds, for connecting and between bytes
    max_seconds: float = 60.0  # for a whole body: a server dripping bytes is cut off
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    retries: int = 2  # further attempts after a 5xx, 429 or timeout
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    host_delay: float = 1.0  # seconds between two requests to one host
    robots: bool = True
    trust_env: bool = True  # proxies from the environment (tests turn it off)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional request found nothing new
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """One per watch run: it keeps the connection pool, robots.txt and the per-host clock."""

    def __init__(
        self, options: FetchOptions | None = None, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.options = options or FetchOptions()
        self._client = httpx.Client(
            headers={"User-Agent": self.options.user_agent},
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=False,
            trust_env=self.options.trust_env,
            transport=transport,
        )
        # per site: its rules, or why there are none, and until when that holds
        self._robots: dict[str, tuple[robotparser.RobotFileParser | str, float]] = {}
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        accept: tuple[str, ...] = HTML_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """GET with redirects, robots.txt, retries, the size limit and the type check."""
        _check_scheme(url)
        seen = [url]
        current = url
        while True:
            self._check_robots(current)
            response = self._send(current, etag, last_modified, accept)
            if response.status_code in (301, 302, 303, 307, 308):
                current = self._next_hop(seen, current, response)
                continue
            return self._finish(url, current, response, accept)

    def _next_hop(self, seen: list[str], current: str, response: httpx.Response) -> str:
        response.close()
        location = response.headers.get("location")
        if not location:
            raise FetchError(current, f"redirect (HTTP {response.status_code}) without a Location")
        target = urljoin(current, location)
        _check_scheme(target)
        if target in seen:
            raise FetchError(
                seen[0], f"redirect loop ({' -> '.join([*seen, target])}); fix the URL"
            )
        seen.append(target)
        if len(seen) > self.options.max_redirects + 1:
            raise FetchError(seen[0], f"more than {self.options.max_redirects} redirects")
        return target

    def _finish(
        self, asked: str, url: str, response: httpx.Response, accept: tuple[str, ...]
    ) -> Fetched:
        status = response.status_code
        try:
            if status == 304:
                return _fetched(url, response, b"")
            if status >= 400:
                retryable = status in RETRY_STATUS
                raise FetchError(
                    asked, f"HTTP {status} {response.reason_phrase}".strip(), retryable=retryable
                )
            content_type = _media_type(response)
            if content_type and content_type not in accept:
                raise FetchError(asked, _refused_type(content_type, accept))
            return _fetched(url, response, self._read_limited(asked, response))
        finally:
            response.close()

    def _read_limited(self, url: str, response: httpx.Response) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"the page is {int(declared):,} bytes, over the {limit:,} limit")
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.options.max_seconds
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"the page is over the {limit:,} byte limit; not read")
                if time.monotonic() > deadline:
                    raise FetchError(
                        url, f"the page took over {self.options.max_seconds:g} s", retryable=True
                    )
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise FetchError(url, "timed out while reading the page", retryable=True) from None
        except httpx.HTTPError as exc:
            raise FetchError(
                url, f"connection broke while reading: {exc}", retryable=True
            ) from None
        return b"".join(chunks)

    def _send(
        self, url: str, etag: str | None, last_modified: str | None, accept: tuple[str, ...]
    ) -> httpx.Response:
        """One request, retried with back-off on 5xx, 429, timeouts and refused connections."""
        headers = {"Accept": ", ".join(accept) + ", */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            self._wait_for_host(url)
            try:
                request = self._client.build_request("GET", url, headers=headers)
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException:
                if last:
                    raise FetchError(
                        url, f"no answer within {self.options.timeout:g} s", retryable=True
                    ) from None
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(url, f"cannot connect: {exc}", retryable=True) from None
            else:
                if response.status_code not in RETRY_STATUS or last:
                    return response
                wait = _retry_after(response)
                response.close()
                if wait is not None and wait > MAX_RETRY_AFTER:
                    raise FetchError(url, f"server asks to wait {wait:g} s", retryable=True)
                time.sleep(wait if wait is not None else self.options.backoff * 2**attempt)
                continue
            time.sleep(self.options.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            now = time.monotonic()
            ready = self._last_request.get(host, 0.0) + self.options.host_delay
            self._last_request[host] = max(now, ready)
        if ready > now:
            time.sleep(ready - now)

    def _check_robots(self, url: str) -> None:
        if not self.options.robots:
            return
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        rules, until = self._robots.get(root, (None, 0.0))
        if rules is None or time.monotonic() > until:
            rules = self._load_robots(root)
            hold = ROBOTS_RETRY_SECONDS if isinstance(rules, str) else ROBOTS_HOURS * 3600
            self._robots[root] = (rules, time.monotonic() + hold)
        if isinstance(rules, str):
            raise FetchError(url, rules, retryable=True)
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(url, "robots.txt of the site disallows fetching this page")

    def _load_robots(self, root: str) -> robotparser.RobotFileParser | str:
        """The parsed rules, or a message when the site cannot say (5xx, no answer)."""
        parser = robotparser.RobotFileParser(root + "/robots.txt")
        try:
            self._wait_for_host(root)
            response = self._client.get(root + "/robots.txt", follow_redirects=True)
        except httpx.HTTPError as exc:
            return f"robots.txt cannot be read ({type(exc).__name__}); not fetching from {root}"
        if response.status_code >= 500:
            return f"robots.txt answered HTTP {response.status_code}; not fetching from {root}"
        if response.status_code >= 400:
            parser.parse([])  # RFC 9309 2.3.1.3: no robots.txt, no restrictions
        else:
            parser.parse(response.text[: self.options.max_bytes].splitlines())
        return parser


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(url, "only http and https URLs are fetched")


def _fetched(url: str, response: httpx.Response, body: bytes) -> Fetched:
    return Fetched(
        url=url,
        status=response.status_code,
        body=body,
        content_type=_media_type(response),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _refused_type(content_type: str, accept: tuple[str, ...]) -> str:
    if accept == HTML_TYPES:
        return f"{content_type} is not an HTML page; only HTML articles are read from feeds"
    return f"{content_type} is not a feed (RSS or Atom)"


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
