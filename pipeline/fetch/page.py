"""A fetched article response into a Page: decoded, checked for block pages, at its canonical URL."""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urlsplit

from ..models import Page, Teaser, utc_now
from .encoding import decode_html
from .errors import BlockPage, NotHTML
from .patterns import BLOCK_MAX_CHARS, BLOCK_TITLES, WALL_MAX_CHARS, WALL_WORDS
from .response import Response
from .urls import Scope, host_of, normalize, same_site

LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
CANONICAL_REL = re.compile(r"""\brel\s*=\s*["']?canonical\b""", re.I)
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
HEAD_END = re.compile(r"</head\s*>", re.I)
TITLE_START = re.compile(r"<title\b[^>]*>", re.I)
TITLE_END = re.compile(r"</title\s*>", re.I)
INVISIBLE_START = re.compile(r"<(script|style|noscript|template)\b", re.I)
INVISIBLE_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "noscript", "template")}
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|head|body|p|div|title)\b", re.I)


def to_page(response: Response, source: str, scope: Scope, teaser: Teaser | None) -> Page:
    """The Page for an article response; NotHTML or BlockPage when it is not an article."""
    body = response.body
    if not response.headers.get("content-type") and not MARKUP.search(body[:2048]):
        raise NotHTML("not HTML (no Content-Type and no markup)", url=response.url)
    text, _ = decode_html(body, response.headers.get("content-type"))
    check_not_blocked(text, response.url)
    return Page(
        url=canonical_url(text, response.final_url, scope),
        source=source,
        html=text,
        fetched_at=utc_now(),
        content_type="text/html",
        status=response.status,
        teaser=teaser,
    )


def canonical_url(html: str, url: str, scope: Scope) -> str:
    """The page's <link rel=canonical> when it is on the same site (or an allowed domain), else `url`."""
    for tag in LINK_TAG.findall(head_of(html)):
        href = HREF.search(tag)
        if CANONICAL_REL.search(tag) and href:
            canonical = normalize(html_lib.unescape(next(g for g in href.groups() if g is not None)), url)
            if _plausible(canonical, url, scope):
                return canonical
            break
    return url


def _plausible(canonical: str, url: str, scope: Scope) -> bool:
    """Same site, and not the home page (some CMSs declare it as every article's canonical)."""
    host = host_of(canonical)
    at_root = urlsplit(canonical).path in ("", "/") and urlsplit(url).path not in ("", "/")
    return canonical.startswith("http") and not at_root and (same_site(host, host_of(url)) or scope.allows_host(host))


def head_of(html: str) -> str:
    """The part of a page before </head> (all of it when there is none)."""
    end = HEAD_END.search(html)
    return html[: end.start()] if end else html


def check_not_blocked(html: str, url: str) -> None:
    """BlockPage for an HTTP 200 that is an access-denied page, a captcha or a cookie wall."""
    visible = visible_text(html)
    title = text_of_title(html)
    if title and BLOCK_TITLES.search(title) and len(visible) < BLOCK_MAX_CHARS:
        raise BlockPage(f"block page (title '{title[:80]}')", url=url)
    if len(visible) < WALL_MAX_CHARS and WALL_WORDS.search(visible):
        raise BlockPage(f"cookie wall or script-only page ({len(visible)} characters of text)", url=url)


def text_of_title(html: str) -> str:
    """The first <title>'s text; none when it is never closed. Linear however many are left open."""
    start = TITLE_START.search(html)
    end = TITLE_END.search(html, start.end()) if start else None
    return SPACE.sub(" ", html_lib.unescape(html[start.end() : end.start()])).strip() if start and end else ""


def visible_text(html: str) -> str:
    """The page's text without scripts, styles and tags: a cheap measure of what a reader sees."""
    return SPACE.sub(" ", html_lib.unescape(TAG.sub(" ", _without_invisible(html)))).strip()


def _without_invisible(html: str) -> str:
    """The page without <script>, <style>, <noscript> and <template> elements; one left open hides
    the rest of the page, as in a browser. One pass, however many are left open."""
    kept, position = [], 0
    while (start := INVISIBLE_START.search(html, position)) is not None:
        kept.append(html[position : start.start()])
        end = INVISIBLE_END[start.group(1).lower()].search(html, start.end())
        if end is None:
            return " ".join(kept)
        position = end.end()
    kept.append(html[position:])
    return " ".join(kept)
