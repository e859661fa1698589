"""A surname of people the article names in full is a person, not a place or a body.

"Donald Trump … Melania Trump … fue iniciativa de Trump": with two people of that surname the
lone "Trump" cannot be linked to one of them, and spaCy may then call it a place. A one-word
name that spaCy alone typed, that is no known place or body and that is a word of a full name
spaCy gave a person in the same article, is a person (linking decides which one, if it can).
"""

from __future__ import annotations

from ..merge.text import fold
from .apposition import LOCATIVES
from .candidates import ORG, PERSON, PLACE, Candidate, Context


def surnames_are_people(ctx: Context, kept: list[Candidate]) -> None:
    """Retype in place the lone surnames spaCy made places or organizations."""
    for c in kept:
        if c.end - c.start != 1 or c.kind not in (PLACE, ORG) or c.rule != "ner":
            continue
        word = ctx.texts[c.start]
        if word.isupper() or ctx.lexicon.kind_of(word) or fold(word) not in ctx.name_words:
            continue
        if c.start > 0 and ctx.lowers[c.start - 1] in LOCATIVES:
            continue  # "en Juárez": a place named after a person
        c.kind = PERSON
