"""A real HTTP server on 127.0.0.1 for fetch tests, and small builders of feeds, sitemaps and pages.

    with Site() as site:
        site.route("/a", Reply(body=page("Título")))
        ... fetch site.url("/a") ...
        assert site.hits("/a") == 1

Routes map a path (with or without its query) to a Reply or to a function of the
request giving one. Every request is logged with its headers.
"""

from __future__ import annotations

import gzip
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    length: bool = True  # send Content-Length (else the body ends when the connection closes)


@dataclass
class Request:
    path: str  # with query
    headers: dict[str, str]


Route = Reply | Callable[[Request], Reply]


class Site:
    """A web site served from a thread; `routes` may change while it runs."""

    def __init__(self, host: str = "127.0.0.1", delay: float = 0.0, port: int = 0,
                 tls: ssl.SSLContext | None = None):
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self.delay = delay  # added to every response
        self.scheme = "https" if tls else "http"
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer((host, port), _handler(self))
        self.server.daemon_threads = True
        if tls:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.server.server_address[0]}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Route) -> None:
        self.routes[path] = reply

    def hits(self, path: str) -> int:
        """Requests whose path (query included, if `path` has one) is `path`."""
        return len(self.requests(path))

    def requests(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.log if r.path == path or ("?" not in path and r.path.split("?")[0] == path)]

    def reply_to(self, request: Request) -> Reply:
        with self._lock:
            self.log.append(request)
        route = self.routes.get(request.path) or self.routes.get(request.path.split("?")[0])
        if route is None:
            return Reply(404, b"<html><title>404</title>no such page</html>")
        return route(request) if callable(route) else route


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else header and body writes wait 40 ms for a delayed ACK

        def do_GET(self) -> None:
            reply = site.reply_to(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
            time.sleep(site.delay + reply.delay)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.length:
                self.send_header("Content-Length", str(len(reply.body)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, *args: object) -> None:
            pass

        def handle_one_request(self) -> None:
            try:
                super().handle_one_request()
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                self.close_connection = True

    return Handler


# ---------------------------------------------------------------------------- builders
LOREM = (
    "La Secretaría de Relaciones Exteriores informó que la canciller sostuvo una reunión de trabajo con "
    "su homólogo en la Ciudad de México, donde revisaron la agenda bilateral en materia de seguridad, "
    "migración y comercio. Ambos funcionarios acordaron dar seguimiento a los compromisos alcanzados. "
)


def page(title: str, text: str = LOREM * 3, head: str = "", charset: str | None = "utf-8") -> bytes:
    """An article page: enough text to pass as one."""
    meta = f'<meta charset="{charset}">' if charset else ""
    html = (f"<!doctype html><html><head>{meta}<title>{title}</title>{head}</head>"
            f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>")
    return html.encode(charset or "utf-8")


def html_reply(body: bytes, **headers: str) -> Reply:
    return Reply(body=body, headers={"Content-Type": "text/html; charset=utf-8", **headers})


def rss(items: list[tuple[str, str, str, str]]) -> bytes:
    """RSS 2.0 with (link, title, RFC 822 date, summary) items."""
    xml = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><pubDate>{d}</pubDate>"
        f"<description>{escape(s)}</description></item>" for link, t, d, s in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed</title>{xml}'
            "</channel></rss>").encode()


def atom(items: list[tuple[str, str, str, str]]) -> bytes:
    xml = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
        f"<published>{d}</published><summary>{escape(s)}</summary></entry>" for link, t, d, s in items)
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{xml}</feed>'.encode()


def rdf(items: list[tuple[str, str, str, str]]) -> bytes:
    xml = "".join(
        f'<item rdf:about="{escape(link)}"><title>{escape(t)}</title><link>{escape(link)}</link>'
        f"<dc:date>{d}</dc:date><description>{escape(s)}</description></item>" for link, t, d, s in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="x"><title>F</title></channel>{xml}</rdf:RDF>'
    ).encode()


def urlset(entries: list[tuple[str, str]], news: bool = False) -> bytes:
    """A sitemap of (loc, date) entries; news=True puts the date in <news:publication_date>."""
    def one(loc: str, date: str) -> str:
        if news:
            return (f"<url><loc>{escape(loc)}</loc><news:news><news:publication_date>{date}</news:publication_date>"
                    f"<news:title>Nota {escape(loc[-1])}</news:title></news:news></url>")
        return f"<url><loc>{escape(loc)}</loc><lastmod>{date}</lastmod></url>"
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            + "".join(one(*e) for e in entries) + "</urlset>").encode()


def sitemap_index(children: list[tuple[str, str]]) -> bytes:
    xml = "".join(f"<sitemap><loc>{escape(loc)}</loc><lastmod>{d}</lastmod></sitemap>" for loc, d in children)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{xml}</sitemapindex>'.encode()


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


def rfc822(days_ago: float = 0) -> str:
    return format_datetime(_ago(days_ago))


def iso(days_ago: float = 0) -> str:
    return _ago(days_ago).replace(microsecond=0).isoformat()


def _ago(days: float) -> datetime:
    from datetime import timedelta

    return datetime.now(UTC) - timedelta(days=days)


def conditional(body: bytes, etag: str, content_type: str = "application/rss+xml") -> Callable[[Request], Reply]:
    """A document that answers 304 to a matching If-None-Match."""
    def reply(request: Request) -> Reply:
        if request.headers.get("if-none-match") == etag:
            return Reply(304, b"", {"ETag": etag})
        return Reply(200, body, {"Content-Type": content_type, "ETag": etag,
                                 "Last-Modified": "Mon, 05 Jan 2026 10:00:00 GMT"})
    return reply


def sequence(*replies: Reply) -> Callable[[Request], Reply]:
    """Each request gets the next reply; the last one repeats."""
    served = []

    def reply(request: Request) -> Reply:
        served.append(request)
        return replies[min(len(served), len(replies)) - 1]
    return reply
