"""Bodies told by the last words of their name or by the bodies listed with them.

"Vector Casa de Bolsa", "Intercam Banco": a name ending in words that end only a body's name
(`tails` in data/organizations.toml) is an organization, whatever spaCy made of it. "CIBanco,
Intercam y Vector Casa de Bolsa": a one-word name spaCy alone typed, listed between two
organizations, is one too. What these say then holds wherever the article writes the same name
again ("En el caso de Intercam, …"), as it does for a name a head or the gazetteer typed.
"""

from __future__ import annotations

from ..merge.text import fold
from .candidates import MISC, ORG, PERSON, PLACE, Candidate, Context

GUESSED = ("ner", "person")
SEPARATORS = frozenset(
    {",", "y", "e", "-", "–", "—"}
)  # a list's, not "de" ("Verstappen, de Red Bull")  # rules whose kind is spaCy's guess or a name's look

__all__ = ["listed_bodies"]


def listed_bodies(ctx: Context, kept: list[Candidate]) -> None:
    """Retype in place the names that end as bodies' names or are listed between bodies, and
    every other mention of those names."""
    told = [c for c in kept if c.rule in GUESSED and c.kind in (PLACE, PERSON, MISC) and _ends_as_body(ctx, c)]
    for c in told:
        c.kind = ORG
    for prev, c, nxt in zip(kept, kept[1:], kept[2:], strict=False):
        if _between_bodies(ctx, prev, c, nxt):
            c.kind = ORG
            told.append(c)
    names = {fold(ctx.text(c)) for c in told}
    for c in kept:
        if c.rule in GUESSED and c.kind != ORG and fold(ctx.text(c)) in names:
            c.kind = ORG


def _between_bodies(ctx: Context, prev: Candidate, c: Candidate, nxt: Candidate) -> bool:
    """A one-word name spaCy alone typed, listed between two organizations."""
    lone = c.rule == "ner" and c.end - c.start == 1 and c.kind != ORG
    return lone and prev.kind == nxt.kind == ORG and _listed(ctx, prev, c) and _listed(ctx, c, nxt)


def _ends_as_body(ctx: Context, c: Candidate) -> bool:
    """The name goes on before words that end only a body's name."""
    name = fold(ctx.text(c))
    return any(name.endswith(" " + tail) for tail in ctx.lexicon.org_tails)


def _listed(ctx: Context, a: Candidate, b: Candidate) -> bool:
    """Only list separators (a comma, "y", a dash) between two names."""
    between = ctx.doc[a.end : b.start]
    return 0 < len(between) <= 3 and all(t.is_space or t.lower_ in SEPARATORS for t in between)
