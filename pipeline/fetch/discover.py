"""Candidate article links out of feeds, sitemaps and listing pages, each with what its source said.

Pure functions over bytes and text: no network, so each is tested on its own.
Links come back normalized and in the source's order (sitemaps: newest first).
"""

from __future__ import annotations

import html as html_lib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser
import lxml.html
from lxml import etree

from ..models import Teaser
from .body import SizeExceeded, gunzip
from .errors import BadDocument, TooLarge
from .patterns import NEXT_TEXTS, PAGE_PARAM
from .urls import normalize

SUMMARY_MAX_CHARS = 2000
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


@dataclass(frozen=True)
class Link:
    """A URL worth fetching, with its teaser."""

    url: str
    teaser: Teaser | None = None


# ---------------------------------------------------------------------------- feeds
def feed_links(body: bytes, url: str, content_type: str | None = None) -> list[Link]:
    """Item links of an RSS 2.0, Atom or RDF feed, with title, date and summary."""
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)  # BytesIO: never a path or URL
    if not parsed.entries and not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS, Atom or RDF found"
        raise BadDocument(f"not a feed ({_one_line(reason)})", url=url)
    links = [_entry_link(entry, url) for entry in parsed.entries]
    return _unique([link for link in links if link])


def _entry_link(entry: Any, base: str) -> Link | None:
    hrefs = [link.get("href") for link in entry.get("links", []) if link.get("href")]
    href = entry.get("link") or (hrefs[0] if hrefs else None)
    if not href and entry.get("guidislink"):
        href = entry.get("id")
    if not href:
        return None
    teaser = Teaser(
        title=text_of(entry.get("title")),
        published=feed_date(entry),
        summary=text_of(entry.get("summary"), SUMMARY_MAX_CHARS),
    )
    return Link(normalize(href, base), teaser)


def feed_date(entry: Any) -> str | None:
    """The item's date in ISO 8601 with the feed's own UTC offset (so the local day is kept)."""
    for key in ("published", "updated", "created"):
        if entry.get(key):
            when = parse_date(entry[key])
            if when:
                return when.isoformat()
    for key in ("published_parsed", "updated_parsed"):
        if entry.get(key):
            year, month, day, hour, minute, second = entry[key][:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
    return None


def parse_date(value: str) -> datetime | None:
    """An RFC 822 (RSS) or ISO 8601 / W3C (Atom, sitemaps) date; naive ones are taken as UTC."""
    value = value.strip()
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def text_of(value: str | None, limit: int | None = None) -> str | None:
    """Markup stripped, entities decoded, spaces collapsed; None when nothing is left."""
    if not value:
        return None
    text = SPACE.sub(" ", html_lib.unescape(TAG.sub(" ", value))).strip()
    return (text[:limit] if limit else text) or None


# ---------------------------------------------------------------------------- sitemaps
@dataclass
class Sitemap:
    """What one sitemap file lists: article links, or (an index) more sitemaps."""

    links: list[Link] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    old: list[str] = field(default_factory=list)  # entries (or, in an index, sitemaps) older than the window
    index: bool = False  # a sitemap index: lists sitemaps, not articles


def sitemap_entries(body: bytes, url: str, since: datetime, limit: int) -> Sitemap:
    """Entries changed since `since` (undated ones kept), newest first, and the URLs of the older ones
    (which the operator is told about); gzip files are inflated."""
    try:
        body = gunzip(body, limit)
    except SizeExceeded as e:
        raise TooLarge(f"too large (more than {limit} bytes once decompressed)", url=url) from e
    if body.lstrip()[:1] != b"<":
        return Sitemap(links=_text_sitemap(body, url))
    root = etree.fromstring(body, _XML_PARSER)
    if root is None:
        raise BadDocument("not a sitemap (no XML found)", url=url)
    entries = [e for e in (_sitemap_entry(el, url) for el in root if _local(el) in ("url", "sitemap")) if e]
    recent = sorted((e for e in entries if _recent(e[1], since)), key=_newest_first)
    old = [loc for loc, when, _ in entries if not _recent(when, since)]
    if _local(root) == "sitemapindex":
        return Sitemap(children=[loc for loc, _, _ in recent], old=old, index=True)
    if _local(root) != "urlset":
        raise BadDocument(f"not a sitemap (root element <{_local(root)}>)", url=url)
    return Sitemap(links=[Link(loc, teaser) for loc, _, teaser in recent], old=old)


def _sitemap_entry(el: Any, base: str) -> tuple[str, datetime | None, Teaser | None] | None:
    fields: dict[str, str] = {}
    for child in el.iter():
        if child is not el:
            fields.setdefault(_local(child), (child.text or "").strip())
    if not fields.get("loc"):
        return None
    published = fields.get("publication_date")
    when = parse_date(published or fields.get("lastmod") or "") if (published or fields.get("lastmod")) else None
    title = text_of(fields.get("title"))
    teaser = Teaser(title=title, published=published) if published or title else None
    return normalize(fields["loc"], base), when, teaser


def _text_sitemap(body: bytes, base: str) -> list[Link]:
    """A plain-text sitemap: one URL per line."""
    lines = body.decode("utf-8", errors="replace").splitlines()
    return _unique([Link(normalize(line.strip(), base)) for line in lines if line.strip().startswith("http")])


def _recent(when: datetime | None, since: datetime) -> bool:
    return when is None or when >= since


def _newest_first(entry: tuple[str, datetime | None, Any]) -> tuple[int, float]:
    when = entry[1]
    return (1, 0.0) if when is None else (0, -when.timestamp())


def _local(el: Any) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def window_start(days: int) -> datetime:
    """The oldest lastmod a sitemap entry may have to be read."""
    return datetime.now(UTC) - timedelta(days=days)


# ---------------------------------------------------------------------------- listings
def listing_links(html: str, url: str, pattern: re.Pattern[str]) -> list[Link]:
    """Links on a listing page whose absolute URL matches `pattern`, with their text as title."""
    doc = _html(html, url)
    links = []
    for a in doc.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        absolute = normalize(href, _base(doc, url))
        if pattern.search(absolute) and absolute.startswith("http"):
            links.append(Link(absolute, Teaser(title=text_of(a.text_content()))))
    return _unique(links)


def next_page(html: str, url: str, number: int) -> str:
    """The listing's page `number + 1`: a rel=next or "Siguiente" link, else ?page=N+1."""
    doc = _html(html, url)
    for el in doc.iter("a", "link"):
        rel = (el.get("rel") or "").lower().split()
        label = text_of(el.text_content() if el.tag == "a" else "") or el.get("aria-label") or el.get("title") or ""
        if el.get("href") and ("next" in rel or label.strip().lower() in NEXT_TEXTS):
            return normalize(el.get("href"), _base(doc, url))
    return with_page(url, number + 1)


def with_page(url: str, number: int) -> str:
    """`url` with its page parameter set to `number`."""
    parts = urlsplit(url)
    pairs = [p for p in parts.query.split("&") if p and p.split("=")[0] != PAGE_PARAM]
    return parts._replace(query="&".join([*pairs, f"{PAGE_PARAM}={number}"])).geturl()


def _html(html: str, url: str) -> Any:
    try:
        return lxml.html.document_fromstring(html or "<html></html>")
    except (etree.ParserError, ValueError) as e:
        raise BadDocument(f"not an HTML page ({e})", url=url) from e


def _base(doc: Any, url: str) -> str:
    base = doc.xpath("//base/@href")
    return normalize(base[0], url) if base else url


# ---------------------------------------------------------------------------- shared
def _unique(links: list[Link]) -> list[Link]:
    """First occurrence of each URL, in order."""
    seen: dict[str, Link] = {}
    for link in links:
        seen.setdefault(link.url, link)
    return list(seen.values())


def _one_line(value: object) -> str:
    return SPACE.sub(" ", str(value)).strip()[:200]
