"""Rivers, lakes and volcanoes named after a place: "el río Colorado", "el río Tijuana", "el volcán
de Colima". A place's name right after a lower-case geographic noun (`features.heads` in
data/places.toml) is the feature's name, written so, not the state or city it is named after.
"""

from __future__ import annotations

from .candidates import PLACE, Candidate, Context

__all__ = ["feature_names"]


def feature_names(ctx: Context, kept: list[Candidate]) -> None:
    """Extend in place each place right after a lower-case geographic noun over that noun."""
    taken = {i for c in kept for i in range(c.start, c.end)}
    for c in kept:
        k = c.start - 1
        if c.kind == PLACE and k >= 0 and k not in taken and ctx.texts[k] in ctx.lexicon.feature_heads:
            c.start, c.canonical = k, None
