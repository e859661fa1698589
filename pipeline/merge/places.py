"""Which places can be one place: a place and one inside it (McAllen lies in Texas) agree.

Which place lies in which is data (`[place_parents]` of `pipeline/data/events.toml`), read
here once: the gazetteer. Reports of one event may name it at different depths ("Washington",
"Estados Unidos") or by a venue the gazetteer does not know ("el Departamento de Estado"): two
places are told apart only when the gazetteer knows both and neither lies in the other
(`places_compatible`); they say one event happened in one place when they are one place or one
lies in the other (`places_agree`). `most_specific` picks the place an event is shown at.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .text import key_words

DATA = Path(__file__).resolve().parent.parent / "data" / "events.toml"

__all__ = ["known_place", "most_specific", "place_depth", "place_parents", "places_agree", "places_compatible"]


@lru_cache(maxsize=1)
def place_parents() -> dict[str, str]:
    """Each place of events.toml and the place it lies in: {"McAllen": "Texas", …}."""
    return tomllib.loads(DATA.read_text("utf-8"))["place_parents"]


def places_compatible(a: str | None, b: str | None, parents: dict[str, str] | None = None) -> bool:
    """Places may be one: either is not given or not in the gazetteer, or they agree."""
    if not a or not b:
        return True
    parents = place_parents() if parents is None else parents
    return places_agree(a, b, parents) or not (known_place(a, parents) and known_place(b, parents))


def places_agree(a: str | None, b: str | None, parents: dict[str, str] | None = None) -> bool:
    """Both given, and one place, or one lies in the other (by the gazetteer or by their words)."""
    if not a or not b:
        return False
    parents = place_parents() if parents is None else parents
    if _lineage(a, parents) & {b} or _lineage(b, parents) & {a}:
        return True
    wa, wb = set(key_words(a)), set(key_words(b))
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa) and len(wa & wb) > 0 and _not_country_pair(wa, wb)


def place_depth(place: str) -> int:
    """How many places contain it, itself included: Ciudad de México 2, México 1."""
    return len(_lineage(place, place_parents()))


def most_specific(places: list[str]) -> str | None:
    """The place most reports agree with; between a place and one inside it, the inner one."""
    if not places:
        return None
    counts = Counter(places)
    return max(
        counts,
        key=lambda p: (sum(n for q, n in counts.items() if p == q or places_agree(p, q)), place_depth(p), counts[p]),
    )


def known_place(place: str, parents: dict[str, str] | None = None) -> bool:
    """The gazetteer knows where it lies (or that others lie in it)."""
    if parents is None:
        return place in _known()
    return place in parents or place in parents.values()


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    parents = place_parents()
    return frozenset(parents) | frozenset(parents.values())


def _lineage(place: str, parents: dict[str, str]) -> set[str]:
    """The place and every place it lies in."""
    out = {place}
    while place in parents and parents[place] not in out:
        place = parents[place]
        out.add(place)
    return out


def _not_country_pair(wa: set[str], wb: set[str]) -> bool:
    # "México" ⊂ "Nuevo México" by words, yet they are different places
    return not ({"nuevo", "nueva"} & (wa ^ wb))
