"""Sports clubs named by their city ("León 2-1 Cruz Azul", "venció al Puebla", "Xolos 0–0 América").

In a paragraph about sport (a score, a club or league the gazetteer knows, a word of
`data/sports.toml`'s context), a name that is both a place and a club ("León", "Puebla",
"América") standing on its own for a side is the club; after "en", "de", "desde" it is still
the place ("en Torreón", "la ciudad de Tijuana"), and so is a line's opening dateline
("Celaya, Gto., a 13 de enero"), unless a player's verb is before it ("milita en Monterrey"). Clubs that no place names ("Chivas", "Liga MX") are in the
gazetteer and need no context.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right

from ..merge.text import fold
from .candidates import ORG, PERSON, PLACE, Candidate, Context
from .table import table
from .tokens import SCORE, is_space, name_like

WORD = re.compile(r"\w+")
CLUB_FORM_MAX_WORDS = 4


def club_candidates(ctx: Context) -> list[Candidate]:
    """The clubs named by a place's name in the article's paragraphs about sport."""
    lex = ctx.lexicon
    forms = [
        (i, found)
        for i, low in enumerate(ctx.lowers)
        if fold(low) in lex.club_place_firsts and (found := _club_form(ctx, i))
    ]
    if not forms:
        return []  # most articles: no word of a club's place, no need to read the paragraphs
    return [
        Candidate(i, end, ORG, "head", canonical)
        for i, (end, canonical) in forms
        if in_sport(ctx, i) and _stands_for_a_side(ctx, i, end)
    ]


def in_sport(ctx: Context, i: int) -> bool:
    """Token i stands in a line about sport (each line read once an article, when first asked)."""
    if "sport" not in ctx.memo:
        lines = table(ctx.doc).text.split("\n")
        starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        ctx.memo["sport"] = (starts, lines, {})
    starts, lines, about = ctx.memo["sport"]
    k = bisect_right(starts, ctx.doc[i].idx) - 1
    if k not in about:
        about[k] = _about_sport(ctx, lines[k])
    return about[k]


def _about_sport(ctx: Context, line: str) -> bool:
    lex = ctx.lexicon
    if not line.strip():
        return False
    if SCORE.search(line):
        return True
    words = WORD.findall(fold(line))
    if any(w in lex.sport_words for w in words) or len({w for w in words if w in lex.sport_weak_words}) >= 2:
        return True
    return any(
        " ".join(words[k : k + n]) in lex.club_forms
        for k in range(len(words))
        for n in range(1, CLUB_FORM_MAX_WORDS + 1)
    )


def _club_form(ctx: Context, i: int) -> tuple[int, str] | None:
    """End and club of the longest sport-only form starting at token i ("San Luis", "León")."""
    for end in range(min(len(ctx.doc), i + 3), i, -1):
        if not ctx.texts[end - 1].isalpha():
            continue  # "León," folds to "leon" too: the comma is none of the name
        club = ctx.lexicon.club_places.get(fold(ctx.doc[i:end].text))
        if club:
            return end, club
    return None


def _stands_for_a_side(ctx: Context, start: int, end: int) -> bool:
    """A name on its own (no capitalized word glued before or after: "América Latina", "Juan
    Manuel Santos"), not after a locative, not a line's dateline ("Celaya, Gto.")."""
    doc, lex = ctx.doc, ctx.lexicon
    if end < len(doc) and name_like(doc[end]):
        return False
    if start > 0 and name_like(doc[start - 1]) and not ctx.starts_clause(start):
        return False
    if start > 0 and ctx.lowers[start - 1] in lex.sport_locatives:
        return _plays_for(ctx, start - 1)
    line_start = start == 0 or is_space(doc[start - 1])
    return not (line_start and end < len(doc) and ctx.texts[end] == ",")


def _plays_for(ctx: Context, i: int) -> bool:
    """ "delantero que milita en Monterrey", "jugador de León": the locative names a player's club;
    "venció a León", "derrotó 1-2 a Mazatlán": "a" after a match's verb or score names a side."""
    if ctx.lowers[i] == "a" and i > 0:
        return ctx.lowers[i - 1] in ctx.lexicon.match_verbs or SCORE.fullmatch(ctx.texts[i - 1]) is not None
    return (i > 0 and ctx.lowers[i - 1] in ctx.lexicon.plays_for) or " ".join(
        ctx.lowers[i - 1 : i + 1]
    ) in ctx.lexicon.plays_for


def players(ctx: Context, kept: list[Candidate]) -> None:
    """ "Courtois atajó", "Wojciech Szczesny y Militao": in a paragraph about sport, a name only
    spaCy took for a place, that no gazetteer knows and no locative ("en", "desde") introduces,
    is a player: a person."""
    for c in kept:
        if c.kind == PLACE and c.rule == "ner" and not _known_or_located(ctx, c) and in_sport(ctx, c.start):
            c.kind = PERSON


def _known_or_located(ctx: Context, c: Candidate) -> bool:
    """A place the gazetteers know, a venue, a state's abbreviation, or one after a locative."""
    lex = ctx.lexicon
    before = ctx.lowers[c.start - 1] if c.start > 0 else ""
    abbreviation = len(ctx.texts[c.end - 1]) <= 4 and ctx.doc[c.end : c.end + 1].text == "."  # "Celaya, Gto."
    venue = ctx.lowers[c.start] in lex.sport_venues  # "Estadio Rommel Fernández"
    return venue or abbreviation or before in lex.sport_locatives or bool(lex.kind_of(ctx.text(c)))
