"""A person's nickname beyond the name it sits in.

- "Ryan Wedding, un exatleta canadiense conocido como El Rey de la Cocaína": a nickname marker
  after a description of a person (lower-case words back to the comma that follows the name)
  introduces that person's nickname, as it does right after the name;
- "Ismael «El Mayo» Zambada … El Mayo, que lució…": a nickname quoted inside a person's full
  name, met again on its own, is that person, not the organization its capitalized article
  would make it.
"""

from __future__ import annotations

from ..merge.text import fold
from .candidates import PERSON, Candidate, Context
from .tokens import CLOSE_QUOTES, OPEN_QUOTES

DESCRIPTION_MAX_TOKENS = 8  # "un exatleta olímpico canadiense"


def after_description(ctx: Context, i: int) -> bool:
    """The marker at token i follows a person's name, a comma and lower-case words describing
    them, none of which is a classifier ("la célula conocida como": a group's)."""
    j = i - 1
    while j > 0 and i - j <= DESCRIPTION_MAX_TOKENS and ctx.texts[j].isalpha() and ctx.texts[j].islower():
        if not _describing(ctx, j):
            return False
        j -= 1
    return j < i - 1 and ctx.texts[j] == "," and j > 0 and ctx.doc[j - 1].ent_type_ == "PER"


def description_gap(ctx: Context, person: Candidate, nickname: Candidate) -> bool:
    """Only a comma, lower-case words describing the person (no classifier) and the marker lie
    between the person and the nickname: "Ryan Wedding, un exatleta conocido como …"."""
    between = range(person.end + 1, nickname.start)
    return (
        ctx.texts[person.end : person.end + 1] == [","]
        and 0 < len(between) <= DESCRIPTION_MAX_TOKENS + 3
        and all(_describing(ctx, k) or ctx.texts[k] in OPEN_QUOTES for k in between)
    )


def _describing(ctx: Context, k: int) -> bool:
    return ctx.texts[k].isalpha() and ctx.texts[k].islower() and ctx.lowers[k] not in ctx.lexicon.classifiers


def nickname_reuses(ctx: Context, kept: list[Candidate]) -> list[tuple[int, int]]:
    """(nickname, person) index pairs for names that repeat a nickname quoted inside a person's
    name ("El Mayo" after "Ismael «El Mayo» Zambada"); those names are retyped person."""
    quoted: dict[str, int] = {}
    for k, c in enumerate(kept):
        if c.kind == PERSON:
            for nick in _quoted_inside(ctx, c):
                quoted.setdefault(nick, k)
    links = []
    for k, c in enumerate(kept):
        person = quoted.get(fold(ctx.text(c)))
        if person is not None and person != k and c.rule in ("ner", "gazetteer", "person"):
            c.kind = PERSON
            links.append((k, person))
    return links


def _quoted_inside(ctx: Context, c: Candidate) -> list[str]:
    """Folded texts between quotation marks inside a candidate's span."""
    out, opened = [], None
    for k in range(c.start, c.end):
        if ctx.texts[k] in OPEN_QUOTES and opened is None:
            opened = k + 1
        elif ctx.texts[k] in CLOSE_QUOTES and opened is not None:
            if k > opened:
                out.append(fold(ctx.doc[opened:k].text))
            opened = None
    return out
