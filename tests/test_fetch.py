"""The fetch stage against a real HTTP server on 127.0.0.1, checked in the `urls` and `fetches` tables."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from pipeline.config import FetchConfig, SourceConfig
from pipeline.fetch import Fetcher
from tests.webserver import (
    Reply,
    Site,
    atom,
    conditional,
    gz,
    html_reply,
    iso,
    page,
    rdf,
    rfc822,
    rss,
    sequence,
    sitemap_index,
    urlset,
)

FAST = {"delay": 0.0, "concurrency": 4, "timeout": 1.0, "connect_timeout": 0.5, "retries": 1, "max_bytes": 200_000}


@pytest.fixture
def site():
    """A web site on 127.0.0.1, empty until a test adds routes."""
    with Site() as s:
        yield s


def source(site: Site, kind: str, path: str, name: str = "src", link_pattern: str = "", **fetch) -> SourceConfig:
    return SourceConfig(name=name, kind=kind, url=site.url(path), link_pattern=link_pattern,
                        fetch=FetchConfig(**{**FAST, **fetch}))


def run(store, *sources: SourceConfig, refetch: bool = False) -> tuple[Fetcher, list]:
    """One fetch run; every page is then marked stored, as the orchestrator does."""
    fetcher = Fetcher(store, None, Path("."), refetch=refetch, backoff=0.01)
    pages = list(fetcher.pages(list(sources)))
    for p in pages:
        store.urls.mark(p.url, "stored", source=p.source)
    return fetcher, pages


def url_row(store, url: str) -> dict:
    return next(store.db.query("SELECT * FROM urls WHERE url = ?", [url]))


def fetch_rows(store, url: str) -> list[dict]:
    return list(store.db.query("SELECT * FROM fetches WHERE url = ? ORDER BY id", [url]))


def feed_of(site: Site, *paths: str, etag: str = '"v1"') -> None:
    """A conditional RSS feed at /feed listing `paths`, each an article page."""
    site.route("/feed", conditional(rss([(site.url(p), f"Nota {p}", rfc822(), f"Resumen {p}") for p in paths]), etag))
    for p in paths:
        site.route(p.split("?")[0], html_reply(page(f"Nota {p}")))


# ---------------------------------------------------------------------------- sources
@pytest.mark.parametrize("build", [rss, atom, rdf])
def test_feed_items_become_pages_with_teasers(store, site, build):
    site.route("/feed", Reply(body=build([(site.url("/a/1"), "Reunión bilateral", iso(), "<p>Resumen</p>")]),
                              headers={"Content-Type": "application/xml"}))
    site.route("/a/1", html_reply(page("Reunión bilateral")))
    _, pages = run(store, source(site, "feed", "/feed"))
    assert [p.url for p in pages] == [site.url("/a/1")]
    assert pages[0].teaser.title == "Reunión bilateral" and pages[0].teaser.summary == "Resumen"
    assert pages[0].teaser.published[:10] == iso()[:10]


def test_sitemap_index_with_gzip_child_and_date_window(store, site):
    now = iso()
    site.route("/sitemap.xml", Reply(body=sitemap_index([(site.url("/news.xml.gz"), now), (site.url("/old.xml"), iso(30))]),
                                     headers={"Content-Type": "application/xml"}))
    site.route("/news.xml.gz", Reply(body=gz(urlset([(site.url("/n/1"), now), (site.url("/n/2"), iso(20))], news=True)),
                                     headers={"Content-Type": "application/x-gzip"}))
    site.route("/n/1", html_reply(page("Nueva")))
    _, pages = run(store, source(site, "sitemap", "/sitemap.xml", sitemap_days=7))
    assert [p.url for p in pages] == [site.url("/n/1")]
    assert pages[0].teaser.published == now[:19] + "+00:00"
    assert site.hits("/old.xml") == 0 and site.hits("/n/2") == 0


@pytest.mark.parametrize("listing_pages, expected", [(1, 2), (2, 3), (5, 3)])
def test_listing_follows_pagination_up_to_the_limit(store, site, listing_pages, expected):
    site.route("/prensa", html_reply(b'<a href="/prensa/uno">Uno</a><a href="/prensa/dos">Dos</a>'
                                     b'<a href="/contacto">x</a><a href="/prensa?page=2">Siguiente</a>'))
    site.route("/prensa?page=2", html_reply(b'<a href="/prensa/tres">Tres</a>'))
    site.route("/prensa?page=3", html_reply(b'<a href="/prensa/tres">Tres</a>'))
    for slug in ("uno", "dos", "tres"):
        site.route(f"/prensa/{slug}", html_reply(page(slug)))
    _, pages = run(store, source(site, "listing", "/prensa", link_pattern=r"/prensa/\w+$", listing_pages=listing_pages))
    assert len(pages) == expected
    assert all(p.url.endswith("/" + p.teaser.title.lower()) for p in pages)


def test_listing_stops_paginating_at_a_page_with_nothing_new(store, site):
    site.route("/prensa", html_reply(b'<a href="/prensa/uno">Uno</a><a href="/prensa?page=2">Siguiente</a>'))
    site.route("/prensa?page=2", html_reply(b'<a href="/prensa/dos">Dos</a><a href="/prensa?page=3">Siguiente</a>'))
    site.route("/prensa/uno", html_reply(page("uno")))
    site.route("/prensa/dos", html_reply(page("dos")))
    src = source(site, "listing", "/prensa", link_pattern=r"/prensa/\w+$", listing_pages=5)
    run(store, src)
    _, pages = run(store, src)
    assert pages == [] and site.hits("/prensa?page=2") == 1 and site.hits("/prensa?page=3") == 1


def test_listing_without_matching_links_fails_the_source(store, site):
    site.route("/prensa", html_reply(b'<a href="/otra/cosa">x</a>'))
    fetcher, pages = run(store, source(site, "listing", "/prensa", link_pattern=r"/prensa/\w+"))
    assert pages == [] and "no links match link_pattern" in fetcher.source_errors["src"]


def test_page_source_fetches_one_article(store, site):
    site.route("/nota", html_reply(page("Una nota")))
    _, pages = run(store, source(site, "page", "/nota"))
    assert [p.html.count("Una nota") for p in pages] == [2]


def test_disabled_sources_are_skipped(store, site):
    feed_of(site, "/a/1")
    fetcher, pages = run(store, SourceConfig(name="off", kind="feed", url=site.url("/feed"), enabled=False))
    assert pages == [] and site.log == [] and fetcher.source_errors == {}


# ---------------------------------------------------------------------------- incremental
@pytest.mark.parametrize("kind, path, body, ctype", [
    ("feed", "/feed", None, "application/rss+xml"),
    ("sitemap", "/sitemap.xml", None, "application/xml"),
    ("listing", "/prensa", b'<a href="/prensa/uno">Uno</a>', "text/html"),
])
def test_unchanged_documents_are_asked_conditionally_and_cost_nothing(store, site, kind, path, body, ctype):
    documents = {"feed": rss([(site.url("/prensa/uno"), "Uno", rfc822(), "")]),
                 "sitemap": urlset([(site.url("/prensa/uno"), iso())])}
    site.route(path, conditional(body or documents[kind], '"v1"', ctype))
    site.route("/prensa/uno", html_reply(page("Uno")))
    src = source(site, kind, path, link_pattern="/prensa/")
    run(store, src)
    fetcher, pages = run(store, src)
    assert pages == [] and site.hits("/prensa/uno") == 1
    assert site.requests(path)[-1].headers["if-none-match"] == '"v1"'
    assert fetch_rows(store, site.url(path))[-1]["status"] == "not-modified"
    assert fetcher.stats["not_modified"] == 1 and fetcher.stats["requests"] == 1


def test_stored_articles_are_not_fetched_again_unless_refetch(store, site):
    site.route("/feed", Reply(body=rss([(site.url("/a/1"), "Uno", rfc822(), "")]), headers={"Content-Type": "application/xml"}))
    site.route("/a/1", html_reply(page("Uno")))
    src = source(site, "feed", "/feed")
    run(store, src)
    second, pages = run(store, src)
    assert pages == [] and second.stats["skipped_known"] == 1 and site.hits("/a/1") == 1
    _, pages = run(store, src, refetch=True)
    assert len(pages) == 1 and site.hits("/a/1") == 2


def article_feed(site: Site, etag: str) -> str:
    """A feed listing /a/1, an article page that answers 304 to If-None-Match `etag`."""
    site.route("/feed", Reply(body=rss([(site.url("/a/1"), "Uno", rfc822(), "")]), headers={"Content-Type": "application/xml"}))
    site.route("/a/1", conditional(page("Uno"), etag, "text/html; charset=utf-8"))
    return site.url("/a/1")


def test_refetch_asks_for_stored_articles_conditionally_and_a_304_yields_nothing(store, site):
    url, src = article_feed(site, '"a1"'), source(site, "feed", "/feed")
    run(store, src)
    fetcher, pages = run(store, src, refetch=True)
    headers = site.requests("/a/1")[-1].headers
    assert pages == [] and (headers["if-none-match"], headers["if-modified-since"]) == ('"a1"', "Mon, 05 Jan 2026 10:00:00 GMT")
    assert fetch_rows(store, url)[-1]["status"] == "not-modified" and url_row(store, url)["status"] == "stored"
    assert (fetcher.stats["not_modified"], fetcher.stats["conditional"], fetcher.source_errors) == (1, 1, {})


def test_refetch_of_a_changed_article_yields_it_with_its_new_validators(store, site):
    url, src = article_feed(site, '"a1"'), source(site, "feed", "/feed")
    run(store, src)
    site.route("/a/1", html_reply(page("Uno, corregida")))  # changed, and no validators any more
    _, pages = run(store, src, refetch=True)
    assert [p.url for p in pages] == [url]
    assert (url_row(store, url)["etag"], url_row(store, url)["last_modified"]) == (None, None)


@pytest.mark.parametrize("status", ["failed", "duplicate", "stored"])
def test_refetch_sends_validators_only_for_stored_articles(store, site, status):
    url, src = article_feed(site, '"a1"'), source(site, "feed", "/feed")
    fetcher = Fetcher(store, None, Path("."), backoff=0.01)
    list(fetcher.pages([src]))
    store.urls.mark(url, status, source="src")  # e.g. failed: the page was fetched, then could not be cleaned
    run(store, src, refetch=True)
    assert ("if-none-match" in site.requests("/a/1")[-1].headers) is (status != "failed")


def test_links_over_max_pages_wait_for_the_next_run(store, site):
    feed_of(site, "/a/1", "/a/2", "/a/3")
    src = source(site, "feed", "/feed", max_pages=2)
    _, first = run(store, src)
    _, second = run(store, src)  # the feed is unchanged (304): the third link comes from `urls`
    assert len(first) == 2 and len(second) == 1
    assert {p.url for p in first + second} == {site.url(p) for p in ("/a/1", "/a/2", "/a/3")}


def test_a_yielded_page_is_fetched_until_the_store_records_what_became_of_it(store, site):
    feed_of(site, "/a/1")
    fetcher = Fetcher(store, None, Path("."), backoff=0.01)
    (p,) = list(fetcher.pages([source(site, "feed", "/feed")]))
    assert url_row(store, p.url)["status"] == "fetched"
    store.urls.mark(p.url, "failed", source=p.source)
    assert (url_row(store, p.url)["status"], url_row(store, p.url)["fails"]) == ("failed", 1)


# ---------------------------------------------------------------------------- one article, one URL
def test_same_article_under_several_urls_is_yielded_once(store, site):
    canonical = f'<link rel="canonical" href="{site.url("/nota/7")}">'
    feed_of(site, "/nota/7?utm_source=rss&fbclid=1", "/nota/7", "/amp/7")
    site.route("/amp/7", html_reply(page("Nota 7", head=canonical)))
    fetcher, pages = run(store, source(site, "feed", "/feed"))
    assert [p.url for p in pages] == [site.url("/nota/7")]
    assert site.hits("/nota/7") == 1 and fetcher.stats["duplicates"] == 1
    assert url_row(store, site.url("/amp/7"))["canonical"] == site.url("/nota/7")


def test_redirect_chain_is_followed_to_the_final_url(store, site):
    site.route("/viejo", Reply(301, headers={"Location": "/intermedio"}))
    site.route("/intermedio", Reply(302, headers={"Location": site.url("/nuevo")}))
    site.route("/nuevo", html_reply(page("Nuevo")))
    _, pages = run(store, source(site, "page", "/viejo"))
    assert [p.url for p in pages] == [site.url("/nuevo")]
    row = fetch_rows(store, site.url("/viejo"))[0]
    assert (row["final_url"], row["attempts"]) == (site.url("/nuevo"), 3)
    assert url_row(store, site.url("/viejo"))["status"] == "stored"


# ---------------------------------------------------------------------------- failures
FAILING = {  # path -> (reply, error expected in `fetches`)
    "/loop": (Reply(302, headers={"Location": "/loop2"}), "redirect loop"),
    "/404": (Reply(404, b"no"), "HTTP 404 Not Found"),
    "/lento": (Reply(delay=1.5, body=page("Lento")), "timed out after 0.5 s"),
    "/bomba": (Reply(body=gz(b" " * 5_000_000), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}),
               "too large"),
    "/grande": (html_reply(b"x" * 300_000), "too large (Content-Length 300000"),
    "/grande-sin-largo": (Reply(body=page("x", text="y" * 300_000), length=False), "too large"),
    "/bloqueo": (html_reply(page("Acceso denegado", text="Su solicitud fue bloqueada.")), "block page"),
    "/muro": (html_reply(b"<html><body>Este sitio usa cookies. Acepte para continuar.</body></html>"),
              "cookie wall"),
}


@pytest.mark.parametrize("path", list(FAILING))
def test_failures_are_recorded_with_a_reason(store, site, path):
    reply, reason = FAILING[path]
    site.route(path, reply)
    site.route("/loop2", Reply(301, headers={"Location": "/loop"}))
    fetcher, pages = run(store, source(site, "page", path, timeout=0.5, retries=0))
    assert pages == []
    assert reason in fetch_rows(store, site.url(path))[0]["error"]
    assert url_row(store, site.url(path))["status"] == "failed"
    assert fetcher.source_errors["src"].startswith(site.url(path)) and reason in fetcher.source_errors["src"]
    assert [e.url for e in fetcher.failures] == [site.url(path)]


def test_the_time_limit_covers_every_attempt_of_a_page(store, site):
    """A page that answers too slowly is not asked again and again: the limit is for the page."""
    site.route("/lento", Reply(delay=1.5, body=page("Lento")))
    _, pages = run(store, source(site, "page", "/lento", timeout=0.5, retries=2))
    assert pages == [] and site.hits("/lento") == 1
    assert "timed out after 0.5 s" in fetch_rows(store, site.url("/lento"))[0]["error"]


def test_quick_failures_are_still_retried_within_the_time_limit(store, site):
    site.route("/nota", sequence(Reply(500, b"oops"), Reply(502, b"oops"), html_reply(page("Por fin"))))
    _, pages = run(store, source(site, "page", "/nota", timeout=5, retries=2))
    assert len(pages) == 1 and site.hits("/nota") == 3


@pytest.mark.parametrize("first, wait", [
    (Reply(500, b"oops"), 0.0),
    (Reply(503, b"busy", headers={"Retry-After": "0"}), 0.0),
    (Reply(429, b"slow down", headers={"Retry-After": "1"}), 1.0),
])
def test_transient_errors_are_retried(store, site, first, wait):
    site.route("/nota", sequence(first, html_reply(page("Por fin"))))
    started = time.monotonic()
    _, pages = run(store, source(site, "page", "/nota", retries=2))
    assert len(pages) == 1 and fetch_rows(store, site.url("/nota"))[0]["attempts"] == 2
    assert time.monotonic() - started >= wait


def test_permanent_failures_are_given_up_and_transient_ones_retried_next_run(store, site):
    site.route("/feed", Reply(body=rss([(site.url(p), p, rfc822(), "") for p in ("/404", "/500")]),
                              headers={"Content-Type": "application/xml"}))
    site.route("/404", Reply(404))
    site.route("/500", Reply(500))
    src = source(site, "feed", "/feed", retries=0)
    run(store, src)
    run(store, src)
    assert (site.hits("/404"), site.hits("/500")) == (1, 2)
    assert (url_row(store, site.url("/404"))["fails"], url_row(store, site.url("/500"))["fails"]) == (3, 2)


def test_non_html_is_skipped_not_failed(store, site):
    site.route("/doc.pdf", Reply(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}))
    fetcher, pages = run(store, source(site, "page", "/doc.pdf"))
    assert pages == [] and fetcher.failures == []
    row = fetch_rows(store, site.url("/doc.pdf"))[0]
    assert (row["status"], row["error"]) == ("skipped", "not HTML (application/pdf)")


def test_a_failing_source_does_not_stop_the_others(store, site):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    down = SourceConfig(name="caido", kind="feed", url=f"http://127.0.0.1:{closed_port}/rss", fetch=FetchConfig(**FAST))
    feed_of(site, "/a/1")
    fetcher, pages = run(store, down, source(site, "feed", "/feed"))
    assert [p.source for p in pages] == ["src"]
    assert fetcher.source_errors == {"caido": f"http://127.0.0.1:{closed_port}/rss: cannot connect (Connection refused)"}


def test_an_unresolvable_host_is_one_line_in_source_errors(store):
    src = SourceConfig(name="la-jornada", kind="feed", url="http://no-such-host.invalid/rss", fetch=FetchConfig(**FAST))
    fetcher, _ = run(store, src)
    assert fetcher.source_errors["la-jornada"].startswith("http://no-such-host.invalid/rss: cannot connect (")
    assert fetch_rows(store, "http://no-such-host.invalid/rss")[0]["status"] == "failed"


# ---------------------------------------------------------------------------- safety and politeness
@pytest.mark.parametrize("link, allowed, reason", [
    ("http://169.254.169.254/latest/meta-data/", [], "outside the source's site"),
    ("http://169.254.169.254/latest/meta-data/", ["169.254.169.254"], "non-public address (169.254.169.254)"),
    ("http://example.org/nota", [], "outside the source's site"),
    ("ftp://127.0.0.1/nota", [], "only http(s)"),
])
def test_links_outside_the_source_or_to_private_addresses_are_refused(store, site, link, allowed, reason):
    site.route("/feed", Reply(body=rss([(link, "x", rfc822(), "")]), headers={"Content-Type": "application/xml"}))
    _fetcher, pages = run(store, source(site, "feed", "/feed", allowed_domains=allowed))
    row = fetch_rows(store, link)[0]
    assert pages == [] and (row["status"], row["attempts"]) == ("failed", 0) and reason in row["error"]


def test_a_redirect_to_the_metadata_address_is_refused(store, site):
    site.route("/go", Reply(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}))
    _fetcher, pages = run(store, source(site, "page", "/go"))
    assert pages == [] and "non-public address" in fetch_rows(store, site.url("/go"))[0]["error"]


def test_robots_txt_is_obeyed_and_kept_between_runs(store, site):
    site.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /privado/\n", headers={"Content-Type": "text/plain"}))
    feed_of(site, "/privado/1", "/a/1")
    src = source(site, "feed", "/feed")
    _, pages = run(store, src)
    run(store, src)
    assert [p.url for p in pages] == [site.url("/a/1")] and site.hits("/privado/1") == 0
    assert url_row(store, site.url("/privado/1"))["status"] == "skipped"
    assert site.hits("/robots.txt") == 1


def test_requests_identify_the_pipeline(store, site):
    site.route("/nota", html_reply(page("x")))
    run(store, source(site, "page", "/nota", user_agent="prueba/1.0", headers={"X-Contacto": "a@b.mx"}))
    headers = site.requests("/nota")[0].headers
    assert (headers["user-agent"], headers["x-contacto"], headers["accept-encoding"]) == ("prueba/1.0", "a@b.mx", "gzip, deflate")


def test_per_host_delay_spaces_requests(store, site):
    feed_of(site, "/a/1", "/a/2", "/a/3")
    started = time.monotonic()
    run(store, source(site, "feed", "/feed", delay=0.2, concurrency=4))
    assert time.monotonic() - started >= 0.2 * 4  # robots, feed, then 3 articles, 0.2 s apart


# ---------------------------------------------------------------------------- decoding
def test_windows_1252_page_without_declared_charset_is_decoded(store, site):
    body = page("Peña Nieto en la Secretaría", text="Los niños y la señora Núñez. " * 40, charset=None)
    site.route("/nota", Reply(body=body.decode("utf-8").encode("cp1252"), headers={"Content-Type": "text/html"}))
    _, (p,) = run(store, source(site, "page", "/nota"))
    assert "Peña Nieto en la Secretaría" in p.html and "Núñez" in p.html and "Ã" not in p.html


# ---------------------------------------------------------------------------- the consumer
def test_pages_are_yielded_while_fetching_and_an_early_stop_is_clean(store, site):
    feed_of(site, *[f"/a/{i}" for i in range(20)])
    for i in range(20):
        site.route(f"/a/{i}", Reply(body=page(f"Nota {i}"), delay=0.05))
    fetcher = Fetcher(store, None, Path("."), backoff=0.01)
    pages = fetcher.pages([source(site, "feed", "/feed", concurrency=1)])
    first = next(pages)
    pages.close()
    assert first.url.startswith(site.url("/a/")) and site.hits("/a/19") == 0


def test_every_request_is_in_fetches_with_the_run(store, site):
    run_id = store.start_run("m", "v")
    feed_of(site, "/a/1", "/a/2")
    fetcher = Fetcher(store, run_id, Path("."), backoff=0.01)
    list(fetcher.pages([source(site, "feed", "/feed")]))
    rows = list(store.db.query("SELECT kind, status FROM fetches WHERE run_id = ? ORDER BY kind", [run_id]))
    assert [r["kind"] for r in rows] == ["article", "article", "feed", "robots"]
    assert fetcher.stats["requests"] == len(site.log) == 4


def test_an_early_stop_after_everything_was_fetched_is_clean(store, site):
    feed_of(site, "/a/1", "/a/2")
    fetcher = Fetcher(store, None, Path("."), backoff=0.01)
    pages = fetcher.pages([source(site, "feed", "/feed")])
    next(pages)
    time.sleep(0.2)  # the fetching thread finishes and waits for the consumer
    pages.close()
    assert site.hits("/a/2") == 1
