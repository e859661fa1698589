"""Two places joined by a hyphen are two places: "el puente Ciudad Juárez-El Paso",
"la frontera Tijuana–San Diego".

spaCy keeps "Juárez-El" one token, so no token span can part them; the split is made on the
mentions, by characters, when both sides are places the lexicon knows.
"""

from __future__ import annotations

import re

from ..models import Mention
from .candidates import PERSON, PLACE
from .lexicon import Lexicon

HYPHEN = re.compile(r"\s*[-–—]\s*")


def split_place_pairs(mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """The mentions, each place (or a person, spaCy's guess) written "A-B" of two known places
    made two mentions; a body's name ("Grupo … México-Estados Unidos") stays whole."""
    out = []
    for m in mentions:
        parts = _known_halves(m, lexicon) if m.kind in (PLACE, PERSON) else None
        out += parts or [m]
    return out


def _known_halves(m: Mention, lexicon: Lexicon) -> list[Mention] | None:
    cuts = list(HYPHEN.finditer(m.text))
    if len(cuts) != 1:
        return None
    cut = cuts[0]
    left, right = m.text[: cut.start()], m.text[cut.end() :]
    if lexicon.kind_of(left) != PLACE or lexicon.kind_of(right) != PLACE:
        return None
    return [
        Mention(PLACE, lexicon.canonical(left) or left, left, m.start, m.start + len(left), m.sentence),
        Mention(PLACE, lexicon.canonical(right) or right, right, m.start + cut.end(), m.end, m.sentence),
    ]
