"""Pages that are not text: refused, with the reason, before anything parses them.

    page ──signature──▶ a PDF, an image, an archive served as a web page
         ──controls──▶ binary decoded as text: control codes and U+FFFD everywhere
         ──script──▶ text decoded with the wrong encoding (UTF-8 read as UTF-16 is CJK soup)

Thresholds and signatures live in data/clean.toml, `[refuse.not_text]`.
"""

from __future__ import annotations

import re
from functools import cache

from .characters import NOT_LATIN, NOT_TEXT, share
from .pagetree import settings

SIGNATURE_CHARS = 64  # how much of the page's start a file signature is looked for in


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
