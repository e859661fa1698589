"""The items of one bulleted list are names of one kind.

    - Cártel del Golfo (CDG, organización de Osiel Cárdenas Guillén).
    - La Nueva Familia Michoacana (LNFM).
    - Tren de Aragua (banda criminal originaria de Venezuela).

spaCy alone may call an item a place; when the other items that open the list's lines are
organizations by a surer rule (a head noun, a gazetteer, a classifier) and none is a known
place, the items spaCy alone typed are organizations too.
"""

from __future__ import annotations

from bisect import bisect_left

from .candidates import MISC, ORG, PLACE, Candidate, Context
from .tokens import ARTICLES, is_space

BULLETS = frozenset({"-", "–", "—", "•", "*", "·", "▪"})
SURE_RULES = frozenset({"head", "gazetteer"})
MIN_SURE_ITEMS = 2


def bullet_list_kinds(ctx: Context, kept: list[Candidate]) -> None:
    """Retype in place the items spaCy alone typed in lists of organizations."""
    for items in _lists(ctx, kept):
        if any(c.kind == PLACE and c.rule == "gazetteer" for c in items):
            continue
        if sum(c.kind == ORG and c.rule in SURE_RULES for c in items) >= MIN_SURE_ITEMS:
            for c in items:
                if c.kind in (PLACE, MISC) and c.rule in ("ner", "longer"):
                    c.kind = ORG


def _lists(ctx: Context, kept: list[Candidate]) -> list[list[Candidate]]:
    """Runs of the candidates that open consecutive bulleted lines."""
    breaks = [i for i, t in enumerate(ctx.texts) if "\n" in t]
    runs: list[list[Candidate]] = []
    last_line = -2
    for c in kept:
        line = _bulleted_line(ctx, c.start, breaks)
        if line is None:
            continue
        if line == last_line + 1 and runs:
            runs[-1].append(c)
        else:
            runs.append([c])
        last_line = line
    return [r for r in runs if len(r) > MIN_SURE_ITEMS]


def _bulleted_line(ctx: Context, start: int, breaks: list[int]) -> int | None:
    """The number of the line (counting line breaks, a blank line as one) that token `start`
    opens after a bullet (an article may come between), or None."""
    k = start - 1
    if k >= 0 and ctx.lowers[k] in ARTICLES:
        k -= 1
    if k < 0 or ctx.texts[k] not in BULLETS or (k > 0 and not is_space(ctx.doc[k - 1])):
        return None
    return bisect_left(breaks, k)
