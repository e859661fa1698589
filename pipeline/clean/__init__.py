"""The clean stage: the readable article out of a fetched page.

    Page ──screen──▶ capped; binary and mis-decoded pages refused; control codes dropped
         ──parse──▶ tree ──bound──▶ at most max_elements elements and max_depth levels
                         ──refuse──▶ block pages, challenges
                         ──characters──▶ mojibake repaired in every text node
                         ──headline, repair, prune──▶ tree without furniture
                         ──pubdate──▶ publication date and its evidence
                         ──trafilatura──▶ paragraphs ──filter──▶ text
                                                     ──refuse──▶ cookie walls, paywall stubs, empty pages
                                                     ──cap──▶ at most max_text_chars
                                                     ──refuse──▶ no prose: no letters, copies of copies

Plain-text files carry their date in a front matter block. Anything that is not
an article becomes a CleanError with a one-line reason and is never stored.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from functools import cache

from ..errors import CleanError
from ..models import Article, Page
from .characters import drop_controls, fix_text
from .pagetree import Shape, bound, parse, prune, repair_characters, repair_layout, settings, text_of, title
from .pubdate import PubDate, publication_date, text_publication_date
from .screen import cap_html, cap_text, not_prose, not_text

log = logging.getLogger(__name__)

MIN_CHARS = 200  # shorter "articles" are teasers, block pages or cookie walls
# Possessive \s*+: with plain \s* a long run of spaces after "date" backtracks quadratically.
LEADING_DATE = re.compile(r"\A\s*+(?:date|fecha|published|publicado)\s*+:?\s*+(\d{4}-\d{2}-\d{2})\b\s*", re.I)
HEADLINE_BLOCK_EXTRA = 160  # a paragraph holding the headline plus this little may be the header block
BYLINE_MARK = re.compile(r"\b(?:Por|POR|Publicad[oa]|Actualizad[oa])\b|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2} de \w+ de \d{4}")


def clean(page: Page) -> Article:
    """Turn a fetched page into an article, or raise CleanError saying why not."""
    if page.status >= 400:
        raise CleanError(f"HTTP {page.status}: an error page, not an article", url=page.url)
    body = _readable(page)
    if page.content_type == "text/plain":
        headline, text, published = _from_text(page, body)
    else:
        headline, text, published = _from_html(page, body)
    text = _capped(text, page.url)
    if len(text) < MIN_CHARS and not _short_article(text, headline):
        raise CleanError(f"no article text found ({len(text)} characters)", url=page.url)
    if reason := not_prose(text):
        raise CleanError(reason, url=page.url)
    return Article(
        url=page.url,
        source=page.source,
        title=_fit_title(headline or (page.teaser.title if page.teaser else None)),
        text=text,
        published=published.value if published else None,
        published_by=published.source if published else None,
        fetched_at=page.fetched_at,
        content_hash=content_hash(text),
    )


def _short_article(text: str, headline: str | None) -> bool:
    """A brief that is still an article: under its own headline, a few sentences' worth of words
    ("Instagram lets users upload 15-second videos to their stories."), not a line of furniture."""
    r = settings()["refuse"]
    words = re.findall(r"[^\W\d_]+", text)
    return bool(headline) and len(text) >= r["short_article_chars"] and len(words) >= r["short_article_words"]


def _readable(page: Page) -> str:
    """The page's text, capped and without control codes; CleanError when it is not text at all (a PDF, binary)."""
    html = cap_html(page.html)
    if reason := not_text(html):
        raise CleanError(reason, url=page.url)
    return drop_controls(html)


def _capped(text: str, url: str) -> str:
    """The text within [limits] max_text_chars, saying so when it was cut."""
    capped = cap_text(text)
    if len(capped) < len(text):
        log.info("%s: article text cut from %d to %d characters", url, len(text), len(capped))
    return capped


def _fit_title(headline: str | None) -> str | None:
    """The headline on one line, in characters fit to store (a feed's title may be mis-decoded)."""
    if not headline:
        return None
    return " ".join(unicodedata.normalize("NFC", fix_text(headline)).split()) or None


def _from_text(page: Page, body: str) -> tuple[str | None, str, PubDate | None]:
    """A .txt article: front matter (or a leading "date YYYY-MM-DD") gives the date."""
    declared = page.meta.get("published") or page.meta.get("date")
    if not declared and (m := LEADING_DATE.match(body)):
        declared, body = m.group(1), body[m.end() :]
    text = normalize_text(body)
    published = PubDate(declared[:10], "front-matter") if declared else text_publication_date(page, text)
    return page.meta.get("title"), text, published


def _from_html(page: Page, html: str) -> tuple[str | None, str, PubDate | None]:
    """An HTML page's headline, main text and publication date; CleanError when it is no article."""
    tree = parse(html)
    if tree is None:
        raise CleanError("not an HTML document", url=page.url)
    shape = bound(tree)
    if shape.dropped:
        log.info("%s: only the first %d elements of the page are read", page.url, shape.elements)
    repair_characters(tree)
    page_text = text_of(tree.body) if tree.find("body") is not None else ""
    if reason := _blocked(tree, page_text):
        raise CleanError(reason, url=page.url)
    headline = title(tree)
    repair_layout(tree)
    prune(tree)
    published = publication_date(tree, page, headline, html)
    text = main_text(tree, headline)
    if reason := _not_an_article(text, page_text) or _nested_away(text, shape):
        raise CleanError(reason, url=page.url)
    return headline, text, published


def page_date(page: Page) -> PubDate | None:
    """The publication date the clean stage gives an HTML page, without judging its text
    (what `eval-public` scores against htmldate's evaluation set)."""
    html = _readable(page)
    tree = parse(html)
    if tree is None:
        return None
    bound(tree)
    repair_characters(tree)
    headline = title(tree)
    repair_layout(tree)
    prune(tree)
    return publication_date(tree, page, headline, html)


def _nested_away(text: str, shape: Shape) -> str | None:
    """No text because the page nests elements as deep as the parser reads."""
    if len(text) < MIN_CHARS and shape.too_deep:
        return (
            f"no article text found ({len(text)} characters): elements nested {shape.depth} deep, "
            "past which nothing is read"
        )
    return None


def main_text(tree, headline: str | None = None) -> str:
    """trafilatura's main text of a repaired, pruned tree, without recirculation lines.

    trafilatura is imported here, on the first page to clean: a run with nothing new never needs it."""
    import trafilatura

    how = settings()["extraction"]
    doc = trafilatura.bare_extraction(
        tree,
        with_metadata=False,
        include_comments=False,
        include_tables=how["include_tables"],
        favor_precision=how["favor_precision"],
        deduplicate=False,
    )
    paragraphs = normalize_text(getattr(doc, "text", None) or "").split("\n\n")
    return "\n\n".join(p for p in paragraphs if p and not _is_furniture(p, headline))


# ── lines that are not article text ──────────────────────────────────────────


def _is_furniture(paragraph: str, headline: str | None) -> bool:
    w = settings()["paragraphs"]
    folded = paragraph.casefold()
    if folded.rstrip(" .:") in _exact():
        return True
    if len(paragraph) <= w["max_chars"] and folded.startswith(tuple(w["cues"])):
        return True
    if headline and _is_header_block(paragraph, headline):
        return True
    return len(paragraph) <= w["max_chars"] and any(p.search(paragraph) for p in _furniture())


def _is_header_block(paragraph: str, headline: str) -> bool:
    """The headline alone, or run together with its section label, byline and date."""
    at = paragraph.casefold().find(headline.casefold())
    if at < 0 or len(paragraph) > len(headline) + HEADLINE_BLOCK_EXTRA:
        return False
    rest = paragraph[:at] + " " + paragraph[at + len(headline) :]
    return not rest.strip() or bool(BYLINE_MARK.search(rest))


@cache
def _exact() -> frozenset[str]:
    return frozenset(settings()["paragraphs"]["exact"])


@cache
def _furniture() -> list[re.Pattern]:
    return [re.compile(p) for p in settings()["paragraphs"]["furniture"]]


# ── pages that are not articles ──────────────────────────────────────────────


def _blocked(tree, page_text: str) -> str | None:
    """A block, challenge or error page: its title, headline or short text says so."""
    r = settings()["refuse"]
    if len(page_text) >= r["short_page_chars"]:
        return None
    heads = [text_of(el) for el in tree.xpath("//title|//h1")] + [page_text]
    for head in heads:
        folded = head.casefold()
        if phrase := next((p for p in r["blocked"] if p in folded), None):
            return f"blocked or error page ({phrase!r}), not an article"
    return None


def _not_an_article(text: str, page_text: str) -> str | None:
    """A cookie wall or a paywall stub, judged on what extraction kept and what the page shows."""
    r = settings()["refuse"]
    if len(text) >= r["paywall_max_chars"]:
        return None
    if _cookie_share(text) >= r["cookie_share"] or (
        len(text) < MIN_CHARS and _cookie_share(page_text) >= r["cookie_share"]
    ):
        return "cookie wall: the page shows a consent banner instead of the article"
    if phrase := _paywall_after(text, page_text):
        return f"paywall stub: {len(text)} characters before {phrase!r}"
    return None


def _paywall_after(text: str, page_text: str) -> str | None:
    """A paywall phrase right where the extracted text stops on the page (anywhere, if it cannot be found)."""
    r, folded = settings()["refuse"], page_text.casefold()
    ending = " ".join(text.split())[-60:].casefold()
    at = folded.find(ending) if ending else -1
    window = folded[at + len(ending) : at + len(ending) + r["paywall_window"]] if at >= 0 else folded
    return next((p for p in r["paywall"] if p in window), None)


def _cookie_share(text: str) -> float:
    words = re.findall(r"\w+", text.casefold())
    cookie = settings()["refuse"]["cookie_words"]
    hits = [w for w in words if w in cookie]
    return len(hits) / len(words) if len(words) >= 10 and len(set(hits)) >= 3 else 0.0


def normalize_text(text: str) -> str:
    """NFC, no mojibake or control codes, no stray whitespace, paragraphs separated by one blank line."""
    text = unicodedata.normalize("NFC", fix_text(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def content_hash(text: str) -> str:
    """Identity of an article's text, blind to case and spacing."""
    folded = re.sub(r"\s+", " ", text.casefold()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
