"""The clean stage: the readable article out of a fetched page.

HTML goes through trafilatura (main text without menus, sidebars and
recirculation blocks; title; publication date). Plain-text files carry their
date in a front matter block. A page with no usable text is a CleanError.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import trafilatura

from .errors import CleanError
from .models import Article, Page

MIN_CHARS = 200  # shorter "articles" are teasers, block pages or cookie walls


def clean(page: Page) -> Article:
    """Turn a fetched page into an article, or raise CleanError saying why not."""
    if page.content_type == "text/plain":
        title, text, published, by = page.meta.get("title"), page.html, page.meta.get("published"), "front-matter"
    else:
        title, text, published, by = _from_html(page)
    text = normalize_text(text or "")
    if len(text) < MIN_CHARS:
        raise CleanError(f"no article text found ({len(text)} characters)", url=page.url)
    if not published and page.teaser and page.teaser.published:
        published, by = page.teaser.published[:10], "teaser"
    title = title or (page.teaser.title if page.teaser else None)
    return Article(
        url=page.url, source=page.source, title=title, text=text,
        published=published[:10] if published else None, published_by=by if published else None,
        fetched_at=page.fetched_at, content_hash=content_hash(text),
    )


def _from_html(page: Page) -> tuple[str | None, str | None, str | None, str]:
    doc = trafilatura.bare_extraction(
        page.html, url=page.url, with_metadata=True, include_comments=False,
        include_tables=False, favor_precision=True, deduplicate=True,
    )
    if doc is None:
        return None, None, None, "metadata"
    return doc.title, doc.text, doc.date, "metadata"


def normalize_text(text: str) -> str:
    """NFC, no stray whitespace, paragraphs separated by one blank line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\xa0", " ")
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def content_hash(text: str) -> str:
    """Identity of an article's text, blind to case and spacing."""
    folded = re.sub(r"\s+", " ", text.casefold()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
