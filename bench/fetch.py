"""Fetch benchmark: 300 articles from 3 loopback hosts whose every response takes 100 ms.

    python -m bench.fetch

Host 127.0.0.1 has an RSS feed of 100 items, 127.0.0.2 a sitemap index with two
children (one gzip) of 50, 127.0.0.3 a listing of 4 pages of 25 links. Every
response, 304s and robots.txt included, is delayed by RESPONSE_DELAY.

- first run: fetch everything; compared with the sequential time, i.e. the
  number of requests it sent times RESPONSE_DELAY (a lower bound of what one
  request after the other would take). Target: at most 1/8.
- second run, nothing changed: only conditional requests for the feed, the
  sitemap index and the first listing page may be sent. Target: under 5% of
  the first run's time.

The second run costs one round trip (100 ms) however fast the client is, so the
5% target needs a first run of at least 2 s: per-host concurrency is set to 4
(12 requests at once over the three hosts), well past the 1/8 target.
"""

from __future__ import annotations

import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from pipeline.config import FetchConfig, SourceConfig
from pipeline.fetch import Fetcher
from pipeline.store import open_store
from tests.webserver import Reply, Site, conditional, gz, iso, page, rfc822, rss, sitemap_index, urlset

RESPONSE_DELAY = 0.1
PER_HOST = 100
CONCURRENCY = 4
CONFIG = FetchConfig(delay=0.0, concurrency=CONCURRENCY, max_pages=PER_HOST, listing_pages=4, timeout=10.0)
TARGET_CONCURRENT = 1 / 8
TARGET_SECOND = 0.05


def run() -> dict[str, float | int | bool]:
    """Two fetch runs over three slow hosts; the measured times, ratios and whether targets are met."""
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        sites = [stack.enter_context(Site(f"127.0.0.{i}", delay=RESPONSE_DELAY)) for i in (1, 2, 3)]
        sources = [_feed_host(sites[0]), _sitemap_host(sites[1]), _listing_host(sites[2])]
        store = open_store(Path(tmp) / "bench.db")
        first, pages = _timed(store, sources)
        after_first = [len(s.log) for s in sites]
        second, _ = _timed(store, sources)
        second_log = [r for s, n in zip(sites, after_first, strict=True) for r in s.log[n:]]
        store.close()
    first_requests = sum(after_first)
    sequential = first_requests * RESPONSE_DELAY
    unconditional = sum(1 for r in second_log if "if-none-match" not in r.headers)
    result = {
        "pages": pages, "first_s": round(first, 3), "first_requests": first_requests,
        "sequential_s": round(sequential, 1), "first_vs_sequential": round(first / sequential, 4),
        "second_s": round(second, 3), "second_requests": len(second_log), "second_unconditional": unconditional,
        "second_vs_first": round(second / first, 4),
    }
    result["ok"] = (pages == 3 * PER_HOST and result["first_vs_sequential"] <= TARGET_CONCURRENT
                    and result["second_vs_first"] < TARGET_SECOND and unconditional == 0)
    return result


def _timed(store, sources: list[SourceConfig]) -> tuple[float, int]:
    """Seconds one run takes, with every page marked stored as the orchestrator would."""
    started = time.perf_counter()
    fetcher = Fetcher(store, None, Path("."))
    pages = 0
    for page_ in fetcher.pages(sources):
        store.urls.mark(page_.url, "stored", source=page_.source)
        pages += 1
    if fetcher.source_errors:
        raise RuntimeError(f"benchmark sources failed: {fetcher.source_errors}")
    return time.perf_counter() - started, pages


def _robots(site: Site) -> None:
    site.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}))


def _articles(site: Site, prefix: str, n: int) -> list[str]:
    paths = [f"{prefix}/{i}" for i in range(n)]
    for p in paths:
        site.route(p, Reply(body=page(f"Nota {p}"), headers={"Content-Type": "text/html; charset=utf-8"}))
    return paths


def _feed_host(site: Site) -> SourceConfig:
    _robots(site)
    items = [(site.url(p), p, rfc822(), "") for p in _articles(site, "/nota", PER_HOST)]
    site.route("/rss", conditional(rss(items), '"rss-1"'))
    return SourceConfig(name="feed", kind="feed", url=site.url("/rss"), fetch=CONFIG)


def _sitemap_host(site: Site) -> SourceConfig:
    _robots(site)
    paths = _articles(site, "/articulo", PER_HOST)
    half = PER_HOST // 2
    children = [(site.url("/sitemap-1.xml"), iso()), (site.url("/sitemap-2.xml.gz"), iso())]
    site.route("/sitemap.xml", conditional(sitemap_index(children), '"idx-1"', "application/xml"))
    first = urlset([(site.url(p), iso()) for p in paths[:half]])
    site.route("/sitemap-1.xml", conditional(first, '"s1"', "application/xml"))
    site.route("/sitemap-2.xml.gz", conditional(gz(urlset([(site.url(p), iso()) for p in paths[half:]])), '"s2"',
                                                "application/x-gzip"))
    return SourceConfig(name="sitemap", kind="sitemap", url=site.url("/sitemap.xml"), fetch=CONFIG)


def _listing_host(site: Site) -> SourceConfig:
    _robots(site)
    paths = _articles(site, "/prensa", PER_HOST)
    per_page = PER_HOST // 4
    for number in range(1, 5):
        links = "".join(f'<a href="{p}">{p}</a>' for p in paths[(number - 1) * per_page:number * per_page])
        body = f'<html><body>{links}<a href="/archivo?page={number + 1}">Siguiente</a></body></html>'.encode()
        site.route("/archivo" if number == 1 else f"/archivo?page={number}",
                   conditional(body, f'"p{number}"', "text/html; charset=utf-8"))
    return SourceConfig(name="listing", kind="listing", url=site.url("/archivo"), link_pattern=r"/prensa/\d+$",
                        fetch=CONFIG)


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>22}: {value}")
