"""A body the gazetteer knows run into a person's name in one spaCy span: "la Fed Stephen Miran",
"la FGR Juan Pérez López" (a credit or a caption naming an official by institution and name)."""

from __future__ import annotations

from .candidates import ORG, Context
from .table import table

__all__ = ["person_after_body"]


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
