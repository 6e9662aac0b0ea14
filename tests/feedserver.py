"""A local HTTP server for the watch tests: feeds, article pages and a webhook receiver on
127.0.0.1 (port 0), in a thread. Nothing leaves the machine."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0  # seconds before answering (timeouts)


Handler = Callable[[BaseHTTPRequestHandler], None]


class FeedServer:
    def __init__(self) -> None:
        self.pages: dict[str, Page | Handler] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []  # method, path, headers
        self.posts: list[tuple[str, object]] = []  # webhook deliveries: path, JSON
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:
                server.requests.append(("GET", self.path, dict(self.headers)))
                page = server.pages.get(self.path)
                if callable(page):
                    page(self)
                    return
                if page is None:
                    page = Page(b"not found", "text/plain", 404)
                if page.delay:
                    time.sleep(page.delay)
                if page.etag and self.headers.get("If-None-Match") == page.etag:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                if page.etag:
                    self.send_header("ETag", page.etag)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(page.body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length)
                server.requests.append(("POST", self.path, dict(self.headers)))
                page = server.pages.get(self.path)
                if isinstance(page, Page) and page.delay:
                    time.sleep(page.delay)
                server.posts.append((self.path, json.loads(data)))
                status = page.status if isinstance(page, Page) else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def gets(self, path: str) -> int:
        return sum(1 for method, p, _ in self.requests if method == "GET" and p == path)


def article_html(title: str, text: str, date: str | None = "2026-11-20") -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"{meta}</head><body><nav><a href='/'>Startseite</a></nav><article><h1>{escape(title)}</h1>"
        f"{paragraphs}</article><footer>Impressum</footer></body></html>"
    ).encode()


def rss(items: list[dict], title: str = "Testfeed") -> bytes:
    """items: dicts with link, title, guid, date (ISO day), updated (ISO datetime) - all optional."""
    out = []
    for item in items:
        parts = []
        if item.get("title"):
            parts.append(f"<title>{escape(item['title'])}</title>")
        if item.get("link"):
            parts.append(f"<link>{escape(item['link'])}</link>")
        if item.get("guid"):
            parts.append(f"<guid isPermaLink='false'>{escape(item['guid'])}</guid>")
        stamp = item.get("updated") or item.get("date")
        if stamp:
            moment = datetime.fromisoformat(stamp).replace(tzinfo=UTC)
            parts.append(f"<pubDate>{format_datetime(moment)}</pubDate>")
        out.append("<item>" + "".join(parts) + "</item>")
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        "<description>Test</description>" + "".join(out) + "</channel></rss>"
    ).encode()


def atom(items: list[dict], title: str = "Atomfeed") -> bytes:
    out = []
    for item in items:
        out.append(
            "<entry>"
            f"<title>{escape(item.get('title', ''))}</title>"
            f"<link href='{escape(item['link'])}'/>"
            f"<id>{escape(item.get('guid') or item['link'])}</id>"
            f"<updated>{item.get('updated') or item.get('date', '2026-11-20')}T08:00:00Z</updated>"
            "</entry>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{escape(title)}</title><id>urn:test</id><updated>2026-11-20T08:00:00Z</updated>"
        + "".join(out)
        + "</feed>"
    ).encode()


_CITIES = ("Berlin", "Hamburg", "München", "Köln", "Leipzig", "Dresden", "Bremen", "Hannover")
_TOPICS = (
    "Der Stadtrat von {city} hat am Dienstag einen neuen Haushalt beschlossen. Bürgermeisterin "
    "Katrin Weber sagte, die Stadt müsse in Schulen und Brücken investieren. Die Opposition "
    "kritisierte die Pläne als zu teuer.",
    "In {city} haben am Wochenende mehrere tausend Menschen gegen steigende Mieten demonstriert. "
    "Die Polizei sprach von einem friedlichen Verlauf. Der Mieterverein forderte eine strengere "
    "Mietpreisbremse.",
    "Die Universität {city} eröffnet im Frühjahr ein neues Forschungszentrum für Klimafragen. "
    "Nach Angaben der Hochschule arbeiten dort künftig rund 80 Wissenschaftler. Das Land "
    "Niedersachsen beteiligt sich an den Kosten.",
    "Bei einem Brand in einer Lagerhalle in {city} ist am Montag ein hoher Sachschaden entstanden. "
    "Verletzt wurde nach Angaben der Feuerwehr niemand. Die Ursache des Feuers ist noch unklar.",
    "Die Verkehrsbetriebe in {city} wollen bis 2030 alle Busse auf Elektroantrieb umstellen. "
    "Der Vorstand kündigte an, dafür 200 Millionen Euro auszugeben. Die Gewerkschaft Verdi "
    "begrüßte den Plan.",
)


def german_article(i: int) -> tuple[str, str]:
    """(title, text) of a short German report, different for every i."""
    city = _CITIES[i % len(_CITIES)]
    topic = _TOPICS[i % len(_TOPICS)].format(city=city)
    title = f"Meldung {i}: Neues aus {city}"
    return title, f"{city}, {10 + i % 18}. November 2026. {topic} Es ist die Meldung Nummer {i}."
