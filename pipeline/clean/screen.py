"""Pages that are not text, and texts that are not prose: refused with the reason; caps on both.

    page ──cap_html──▶ at most [limits] max_html_chars
         ──not_text──▶ a file signature: a PDF, an image, an archive served as a web page
                       control codes and U+FFFD everywhere: binary decoded as text
                       few Latin-script characters: the wrong encoding (UTF-8 read as UTF-16)
    text ──cap_text──▶ at most [limits] max_text_chars, cut at a paragraph's end
         ──not_prose──▶ few letters (a page of dashes or figures)
                        so repetitive it compresses tenfold (thousands of copies of one paragraph)

Thresholds and signatures live in data/clean.toml: `[refuse.not_text]`, `[refuse.not_prose]`, `[limits]`.
"""

from __future__ import annotations

import re
import zlib
from functools import cache

from .characters import NOT_LATIN, NOT_TEXT, share
from .pagetree import settings

SIGNATURE_CHARS = 64  # how much of the page's start a file signature is looked for in


def cap_html(html: str) -> str:
    """The page up to [limits] max_html_chars (the parser recovers from the cut)."""
    return html[: settings()["limits"]["max_html_chars"]]


def not_text(html: str) -> str | None:
    """Why the page is not text at all, or None when it is."""
    w = settings()["refuse"]["not_text"]
    start = html[:SIGNATURE_CHARS].lstrip("\ufeff \t\r\n")
    if kind := next((kind for kind, pattern in _signatures().items() if pattern.match(start)), None):
        return f"not text ({kind})"
    if (controls := share(NOT_TEXT, html)) >= w["max_control_share"]:
        return f"not text ({controls:.0%} control or undecodable characters)"
    if html and (latin := 1 - share(NOT_LATIN, html)) < w["min_latin_share"]:
        return f"not text (only {latin:.0%} Latin-script characters: binary, or decoded with the wrong encoding)"
    return None


@cache
def _signatures() -> dict[str, re.Pattern]:
    return {kind: re.compile(p, re.S) for kind, p in settings()["refuse"]["not_text"]["signatures"].items()}


def cap_text(text: str) -> str:
    """The text up to [limits] max_text_chars, cut at the end of a paragraph (of a word when a
    paragraph is longer than half the cap)."""
    limit = settings()["limits"]["max_text_chars"]
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit + 1)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > 0 else limit].rstrip()


def not_prose(text: str) -> str | None:
    """Why an extracted text is not prose, or None when it is."""
    w = settings()["refuse"]["not_prose"]
    visible = len(text) - sum(map(str.isspace, text))
    letters = sum(map(str.isalpha, text)) / visible if visible else 0.0
    if letters < w["min_letter_share"]:
        return f"not prose ({letters:.0%} letters)"
    raw = text.encode("utf-8")
    if (packed := len(zlib.compress(raw, 6)) / len(raw)) < w["min_compressed_share"]:
        paragraphs = text.split("\n\n")
        return (
            f"repetitive text ({_count(len(paragraphs), 'paragraph')}, {len(set(paragraphs)):,} different; "
            f"it compresses {1 / packed:.0f} to 1), not an article"
        )
    return None


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
