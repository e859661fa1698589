"""A public body named with the place it serves names that place too.

"el Ayuntamiento de Progreso", "la Corte del Distrito Este de Nueva York", "la Embajada de
Estados Unidos en la Ciudad de México", "la Reserva Federal de Estados Unidos": the body is one
name, and the known place inside it after "de" or "en" is also a place of the article. A group
named after a place is not its place ("Cártel de Sinaloa"): only the heads of
`organizations.toml`'s `jurisdiction` list serve a place.
"""

from __future__ import annotations

from .candidates import ORG, PLACE, Candidate, Context

PLACE_LEADS = frozenset({"de", "del", "en"})
ARTICLES_BEFORE_PLACE = frozenset({"la", "el", "los"})


def nested_places(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    """The known places inside the names of public bodies, as place candidates of their own."""
    out: list[Candidate] = []
    for c in kept:
        if c.kind == ORG and c.end - c.start > 2 and _serves_a_place(ctx, c):
            out.extend(_places_inside(ctx, c))
    return out


def _serves_a_place(ctx: Context, c: Candidate) -> bool:
    words = [w for w in ctx.texts[c.start : c.end] if w[:1].isupper()]
    return bool(words) and (
        words[0] in ctx.lexicon.jurisdiction_heads or " ".join(words[:2]) in ctx.lexicon.jurisdiction_heads
    )


def _places_inside(ctx: Context, c: Candidate) -> list[Candidate]:
    out: list[Candidate] = []
    k = c.start + 1
    while k < c.end:
        start = k + 1 + (k + 1 < c.end and ctx.lowers[k + 1] in ARTICLES_BEFORE_PLACE)
        found = _known_place(ctx, start, c.end) if ctx.lowers[k] in PLACE_LEADS else None
        if found:
            out.append(found)
            k = found.end
        else:
            k += 1
    return out


def _known_place(ctx: Context, start: int, limit: int) -> Candidate | None:
    """The longest known place that starts at `start` and ends where the body's name does or
    before a "de"/"en" that goes on ("Estados Unidos | en la Ciudad de México")."""
    for end in range(limit, start, -1):
        if end < limit and ctx.lowers[end] not in PLACE_LEADS:
            continue
        if ctx.lexicon.kind_of(ctx.doc[start:end].text) == PLACE:
            return Candidate(start, end, PLACE, "gazetteer", ctx.known(start, end))
    return None
