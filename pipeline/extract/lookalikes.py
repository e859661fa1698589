"""What looks like a name in news text and is none: a genus before its species' epithet, a
headline written in capitals."""

from __future__ import annotations

from .candidates import Context
from .tokens import CONNECTORS

SHOUTED_RUN = 4  # words in capitals in a row that make a headline


def genus_before(ctx: Context, end: int) -> bool:
    """ "Aedes aegypti", "Ambystoma mexicanum": a capitalized genus before a Latin epithet is no name."""
    if end >= len(ctx.doc):
        return False
    word = ctx.texts[end]
    return (
        word.isalpha()
        and word.islower()
        and word.endswith(ctx.lexicon.latin_endings)
        and word not in ctx.lexicon.particles
        and not ctx.lexicon.is_common_word(word)
    )


def shouted_words(ctx: Context, start: int, end: int) -> bool:
    """ "NOTA DEL CONGRESO ADVIERTE QUE PERSISTE": words in capitals amid a line of them are a
    headline, not a name (a known name in one was taken before)."""

    def shouted(i: int) -> bool:
        t = ctx.texts[i]
        return t.isupper() and t.isalpha() and len(t) >= 2

    if not all(shouted(i) or ctx.lowers[i] in CONNECTORS for i in range(start, end)):
        return False
    left, right = start, end
    while left > 0 and shouted(left - 1):
        left -= 1
    while right < len(ctx.doc) and shouted(right):
        right += 1
    return sum(ctx.lowers[i] not in CONNECTORS for i in range(left, right)) >= SHOUTED_RUN
