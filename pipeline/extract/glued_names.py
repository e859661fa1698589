"""Words run into a person's name in one spaCy span: a body the gazetteer knows ("la Fed Stephen
Miran", "la FGR Juan Pérez López": a credit or a caption naming an official by institution and
name), or a headline's verb or an adverb before the given name ("Amaga Donald Trump con …",
"Apenas Donald Trump asumió …")."""

from __future__ import annotations

from .candidates import ORG, PLACE, Context
from .table import table

__all__ = ["given_or_particle", "name_start", "person_after_body"]


def person_after_body(ctx: Context, start: int, end: int) -> int | None:
    """Where a person's name (a given name and a capitalized word) begins inside a span that
    opens with a body the gazetteer knows ("Fed | Stephen Miran"), if it does."""
    for k in range(start + 1, end - 1):
        if (
            ctx.lexicon.is_given_name(ctx.texts[k])
            and ctx.texts[k + 1][:1].isupper()
            and ctx.lexicon.kind_of(table(ctx.doc).span_text(start, k)) == ORG
        ):
            return k
    return None


def name_start(ctx: Context, ent) -> int:
    """Where the name in spaCy's span `ent` starts: for a person, at its first given name when the
    words before it are dictionary words ("Amaga", "Apenas"), none of a name's."""
    if ent.label_ != "PER":
        return ent.start
    lex = ctx.lexicon
    for k in range(ent.start, ent.end - 1):
        if lex.is_given_name(ctx.texts[k]):
            return k
        if ctx.lowers[k] not in lex.common_words or lex.is_title(ctx.texts[k]) or ctx.lowers[k] in lex.saints:
            return ent.start
    return ent.start


def given_or_particle(ctx: Context, first: str, start: int, end: int) -> bool:
    """A person's name by its words: it opens with a given name that is no body's name ("Marina de
    México" is the navy), or holds a particle only people's names hold ("Giulia di Marco")."""
    lex = ctx.lexicon
    body = lex.kind_of(first) == ORG and ctx.lowers[start + 1] in ("de", "del") and _place_after(ctx, start + 2, end)
    return (lex.is_given_name(first) and not body) or bool(lex.foreign_particles & set(ctx.lowers[start:end]))


def _place_after(ctx: Context, start: int, end: int) -> bool:
    """The words from `start` to `end` name a place the gazetteer knows ("México")."""
    return ctx.lexicon.kind_of(table(ctx.doc).span_text(start, end)) == PLACE
