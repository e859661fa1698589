"""Event rules: `pipeline/data/events.toml` compiled, and the pure helpers built on it.

The data says how Spanish news reports events (triggers, argument cues, the places that contain
others); this module only compiles it. `make_label`, `places_compatible` and `subjects_compatible`
are shared by extraction and by the load stage's merging.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..models import EventMention

DATA = Path(__file__).resolve().parent.parent / "data" / "events.toml"
STOPWORDS = {"de", "del", "la", "las", "los", "el", "y", "e"}

__all__ = ["Trigger", "Role", "EventRules", "load_rules", "make_label", "places_compatible", "place_depth",
           "subjects_compatible"]


@dataclass(frozen=True)
class Trigger:
    type: str
    pattern: re.Pattern
    ordinal: int | None = None
    requires: tuple[str, ...] | None = None
    not_before: re.Pattern | None = None
    subject_before: bool = False
    not_after: re.Pattern | None = None  # the sentence before the trigger rules it out


@dataclass(frozen=True)
class Role:
    cue: re.Pattern
    role: str
    before: bool = False  # the role goes to the participant before the cue ("Velasco encabezó")


@dataclass(frozen=True)
class EventRules:
    """`events.toml`, compiled."""

    types: dict
    triggers: tuple[Trigger, ...]
    ordinals: dict[str, int]
    numbers: dict[str, int]
    cues: dict
    roles: tuple[Role, ...]
    place_phrases: dict[str, str]
    place_parents: dict[str, str]
    compiled: dict = field(default_factory=dict, compare=False, repr=False)  # built once, on first use

    def cue(self, name: str) -> re.Pattern:
        if name not in self.compiled:
            self.compiled[name] = _compile(self.cues[name])
        return self.compiled[name]

    def count_pattern(self, type_: str) -> re.Pattern | None:
        key = ("count", type_)
        if key not in self.compiled:
            self.compiled[key] = self._count_pattern(type_)
        return self.compiled[key]

    def _count_pattern(self, type_: str) -> re.Pattern | None:
        nouns = self.types[type_].get("counts")
        if not nouns:
            return None
        number = r"\d{1,3}(?:[.,]\d{3})+|\d+|" + "|".join(self.numbers)
        months = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
        filler = rf"(?!{months}\b)(?!\d)[\wáéíóúñ]+"
        return _compile(rf"(?P<n>{number})\s+(?!de (?:{months})\b)(?:{filler}\s+){{0,4}}?(?:{'|'.join(nouns)})")


def _compile(words: str | list[str]) -> re.Pattern:
    alternatives = words if isinstance(words, str) else "|".join(f"(?:{w})" for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)


@lru_cache(maxsize=4)
def load_rules(path: Path = DATA) -> EventRules:
    data = tomllib.loads(path.read_text("utf-8"))
    triggers = tuple(
        Trigger(t["type"], _compile(t["patterns"]), t.get("ordinal"),
                tuple(t["requires"]) if "requires" in t else None,
                re.compile(t["not_before"]) if "not_before" in t else None, t.get("subject_before", False),
                re.compile(t["not_after"], re.I) if "not_after" in t else None)
        for t in data["triggers"]
    )
    roles = tuple(Role(_compile(r["cue"]), r["role"], r.get("before", False)) for r in data["roles"])
    return EventRules(data["types"], triggers, {k.casefold(): v for k, v in data["ordinals"].items()},
                      data["numbers"], data["cues"], roles,
                      {k.casefold(): v for k, v in data["place_phrases"].items()}, data["place_parents"])


def make_label(ev: EventMention, date: str | None = None) -> str:
    """"Reunión · Grupo de Implementación de Seguridad · Ciudad de México · 2025-12-11"."""
    rules = load_rules()
    spec = rules.types.get(ev.type, rules.types["other"])
    head = spec["label"]
    if ev.ordinal:
        head = f"{ev.ordinal}.{'ª' if spec['gender'] == 'f' else 'º'} {head.casefold()}"
    if ev.qualifier:
        head += f" {ev.qualifier if spec['gender'] == 'f' else ev.qualifier[:-1] + 'o'}"
    if ev.count:
        head += f" de {ev.count}"
    sides = [p.name for role in ("origen", "destino") for p in ev.participants if p.role == role][:2]
    people = [p.name for p in ev.participants if p.kind != "place"][:2]
    who = ev.subject or (" → ".join(sides) if ev.type == "transfer" and sides else " – ".join(people))
    whats = ", ".join(ev.operations[:2])
    parts = [head, who, whats if not ev.subject else "", ev.place or "", date or ev.date or ""]
    return " · ".join(p for p in parts if p)


def places_compatible(a: str | None, b: str | None, parents: dict[str, str] | None = None) -> bool:
    """Places agree when either is unknown, one lies in the other, or they are one place."""
    if not a or not b:
        return True
    parents = load_rules().place_parents if parents is None else parents
    if _lineage(a, parents) & {b} or _lineage(b, parents) & {a}:
        return True
    wa, wb = set(_words(a)), set(_words(b))
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa) and len(wa & wb) > 0 and _not_country_pair(wa, wb)


def place_depth(place: str) -> int:
    """How many places contain it, itself included: Ciudad de México 2, México 1."""
    return len(_lineage(place, load_rules().place_parents))


def _lineage(place: str, parents: dict[str, str]) -> set[str]:
    out = {place}
    while place in parents and parents[place] not in out:
        place = parents[place]
        out.add(place)
    return out


def _not_country_pair(wa: set[str], wb: set[str]) -> bool:
    # "México" ⊂ "Nuevo México" by words, yet they are different places
    return not ({"nuevo", "nueva"} & (wa ^ wb))


def subjects_compatible(a: str, b: str) -> bool:
    """"Grupo de Implementación de Seguridad" and "… de Seguridad México-EE.UU." name one body."""
    wa, wb = set(_words(a)), set(_words(b))
    return wa <= wb or wb <= wa


def _words(s: str) -> list[str]:
    folded = "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))
    return [w for w in re.findall(r"\w+", folded) if w not in STOPWORDS]
