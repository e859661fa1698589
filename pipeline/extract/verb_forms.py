"""Verbs that open a sentence, taken for names: "Señalan que…", "Precisó que…", "Aseguraron…".

A capitalized word at the start of a clause says nothing by its capital. When it is one word
alone, no known name, and a third-person form of a verb the model's lemmatizer knows (its
ending and stem in `data/verbs.toml`), it is no person, place or organization.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from ..merge.text import fold
from .candidates import Candidate, Context

DATA = Path(__file__).resolve().parent.parent / "data" / "verbs.toml"


@cache
def _endings() -> dict[str, tuple[str, ...]]:
    """Ending → infinitive endings its stem may take, longest ending first."""
    table = tomllib.loads(DATA.read_text("utf-8"))["endings"]
    return {e: tuple(table[e]) for e in sorted(table, key=len, reverse=True)}


@cache
def _irregular() -> frozenset[str]:
    return frozenset(tomllib.loads(DATA.read_text("utf-8"))["irregular"]["forms"])


def is_verb_form(word: str, lexicon_words: frozenset[str]) -> bool:
    """ "señalan" (señalar), "precisó" (precisar), "cumplieron" (cumplir), "tuvimos"."""
    low = word.lower()
    if low in _irregular():
        return True
    for ending, infinitives in _endings().items():
        stem = low[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 3 and any(stem + inf in lexicon_words for inf in infinitives):
            return True
    return False


def drop_verb_openers(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    """The candidates, without one-word names that are a verb opening a clause."""
    return [c for c in kept if not _verb_opener(ctx, c)]


def _verb_opener(ctx: Context, c: Candidate) -> bool:
    if c.end - c.start != 1 or c.rule not in ("ner", "longer", "person") or not ctx.starts_clause(c.start):
        return False
    word = ctx.texts[c.start]
    if word.isupper() or ctx.lexicon.kind_of(word) or fold(word) in ctx.name_words:
        return False
    return is_verb_form(word, ctx.lexicon.common_words)
