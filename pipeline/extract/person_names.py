"""The shape of a person's name: particles inside it ("Luisa de la Vega", "Pieter van der Berg"),
surnames spaCy left out, a withheld surname ("Faustino “N”"), a rank before it, the portfolio
after a title ("secretario de Estado de …")."""

from __future__ import annotations

from .candidates import Context
from .tokens import CLOSE_QUOTES, OPEN_QUOTES, name_like


def given_at(ctx: Context, i: int) -> bool:
    return i < len(ctx.doc) and ctx.lexicon.is_given_name(ctx.texts[i])


def capitalized_title(ctx: Context, i: int) -> bool:
    return ctx.texts[i].istitle() and ctx.lexicon.is_title(ctx.lowers[i]) and not ctx.starts_clause(i)


def particles_open(ctx: Context, first: int, name: int) -> bool:
    """Capitalized particles, then lower-case ones, run from `first` to the name at `name`."""
    words = ctx.doc[first:name]
    return (
        name < len(ctx.doc)
        and name_like(ctx.doc[name])
        and words[0].text[0].isupper()
        and all(t.lower_ in ctx.lexicon.particles - {"y"} and not t.text.isupper() for t in words)
    )


def surnames_after(ctx: Context, end: int) -> int:
    """ "Marina del Pilar" + "Ávila", "Giulia" + "di Marco": capitalized words right after a
    person's name that spaCy left out (two at most, none of them a known name or the start of
    another sentence), and particles before one ("van der", "de los")."""
    doc = ctx.doc
    for _ in range(2):
        k = end
        while k < len(doc) and k - end < 3 and ctx.texts[k] in ctx.lexicon.particles - {"y"}:
            k += 1
        if (
            k >= len(doc)
            or not name_like(doc[k])
            or doc[k].is_sent_start
            or ctx.common_word(k)
            or ctx.lexicon.kind_of(doc[k].text) is not None
            or doc[k].text in ctx.lexicon.org_heads
            or (k > end and (ctx.dictionary_word(k) or ctx.lexicon.is_given_name(doc[k].text)))
        ):
            break
        end = k + 1
    return end


def withheld_surname(ctx: Context, end: int) -> int:
    """ "Faustino “N”": the letter the authorities write for a surname they withhold is the name's."""
    texts = ctx.texts
    withheld = end + 2 < len(texts) and texts[end] in OPEN_QUOTES and texts[end + 2] in CLOSE_QUOTES
    return end + 3 if withheld and len(texts[end + 1]) == 1 and texts[end + 1].isupper() else end


def past_portfolio(ctx: Context, start: int, end: int) -> int:
    """ "el secretario de Estado de Estados Unidos", "el secretario de Seguridad Omar García": after
    a title and "de", the portfolio ("Estado", "Seguridad Pública") is the title's; the name is
    what its own "de" leads to, or the person named right after it."""
    lex = ctx.lexicon
    before = ctx.lowers[start - 2] if start >= 2 else ""
    if ctx.lowers[start - 1 : start] not in (["de"], ["del"]) or not (lex.is_title(before) or before in lex.body_nouns):
        return start
    k = start
    while k < end and (ctx.texts[k] in lex.portfolios or (k > start and ctx.lowers[k] in ("y", "e"))):
        k += 1
    if k == start or k >= end:
        return start
    if ctx.lowers[k] in ("de", "del") and k + 1 < end:
        return k + 1
    return k if lex.is_given_name(ctx.texts[k]) else start  # "secretario de Seguridad Omar García Harfuch"
