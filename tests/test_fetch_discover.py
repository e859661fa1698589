"""Links out of feeds, sitemaps and listings, without the network."""

from __future__ import annotations

import re

import pytest

from pipeline.fetch.discover import feed_links, listing_links, next_page, sitemap_entries, window_start
from pipeline.fetch.errors import BadDocument
from tests.webserver import gz, iso, rss, sitemap_index, urlset

BASE = "https://www.jornada.com.mx/rss/politica.xml"


def test_feed_keeps_the_local_date_of_an_item():
    body = rss([("https://www.jornada.com.mx/nota/1?utm_source=rss", "Título", "Tue, 21 Jan 2025 23:30:00 -0600", "<p>Un <b>resumen</b></p>")])
    (link,) = feed_links(body, BASE)
    assert link.url == "https://www.jornada.com.mx/nota/1"
    assert (link.teaser.published, link.teaser.summary) == ("2025-01-21T23:30:00-06:00", "Un resumen")


def test_feed_relative_links_are_made_absolute():
    body = b'<rss version="2.0"><channel><item><title>x</title><link>/nota/2</link></item></channel></rss>'
    assert [link.url for link in feed_links(body, BASE)] == ["https://www.jornada.com.mx/nota/2"]


@pytest.mark.parametrize("body", [b"<html><body>Error</body></html>", b"/etc/passwd", b""])
def test_what_is_not_a_feed_is_a_bad_document(body):
    with pytest.raises(BadDocument):
        feed_links(body, BASE)


def test_sitemap_index_lists_recent_children_newest_first():
    body = sitemap_index([("https://x.mx/a.xml", iso(3)), ("https://x.mx/old.xml", iso(40)), ("https://x.mx/b.xml", iso(1))])
    assert sitemap_entries(body, "https://x.mx/s.xml", window_start(7), 10**6).children == [
        "https://x.mx/b.xml", "https://x.mx/a.xml"]


@pytest.mark.parametrize("compress", [False, True])
def test_news_sitemap_entries_in_the_window(compress):
    body = urlset([("https://x.mx/n/1", iso(1)), ("https://x.mx/n/2", iso(10)), ("https://x.mx/n/3", iso(0))], news=True)
    links = sitemap_entries(gz(body) if compress else body, "https://x.mx/s.xml", window_start(7), 10**6).links
    assert [link.url for link in links] == ["https://x.mx/n/3", "https://x.mx/n/1"]
    assert links[0].teaser.title == "Nota 3"


def test_plain_text_sitemap():
    body = b"https://x.mx/a\nhttps://x.mx/b\n"
    assert [link.url for link in sitemap_entries(body, "https://x.mx/s.txt", window_start(7), 10**6).links] == [
        "https://x.mx/a", "https://x.mx/b"]


GOB = """<html><head><base href="https://www.gob.mx/"></head><body>
<a href="/sre/prensa/reunion-bilateral-123">Reunión   bilateral</a>
<a href="sre/prensa/otra-nota?idiom=es">Otra nota</a>
<a href="/sre/prensa/reunion-bilateral-123">duplicado</a>
<a href="/sre/archivo/prensa?idiom=es&page=2">2</a>
<a href="javascript:void(0)">x</a></body></html>"""


def test_listing_links_match_the_pattern_in_page_order():
    links = listing_links(GOB, "https://www.gob.mx/sre/archivo/prensa", re.compile(r"/sre/prensa/[a-z0-9-]+"))
    assert [(link.url, link.teaser.title) for link in links] == [
        ("https://www.gob.mx/sre/prensa/reunion-bilateral-123", "Reunión bilateral"),
        ("https://www.gob.mx/sre/prensa/otra-nota?idiom=es", "Otra nota"),
    ]


@pytest.mark.parametrize("html, expected", [
    ('<a rel="next" href="/archivo?p=2">más</a>', "https://x.mx/archivo?p=2"),
    ('<link rel="next" href="https://x.mx/archivo/2">', "https://x.mx/archivo/2"),
    ('<a href="/archivo?pagina=2">Siguiente</a>', "https://x.mx/archivo?pagina=2"),
    ("<p>sin paginación</p>", "https://x.mx/archivo?idiom=es&page=2"),
])
def test_next_page(html, expected):
    assert next_page(html, "https://x.mx/archivo?idiom=es", 1) == expected
