"""Event rules: `pipeline/data/events.toml` compiled for extraction.

The data says how Spanish news reports events (triggers, argument cues, roles); this module only
compiles it. What merging reads of the same file (which place lies in which, the label of each
type) is read in `pipeline/merge/` (`places.py`, `labels.py`), which extraction and the store share.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .literals import word_starts

DATA = Path(__file__).resolve().parent.parent / "data" / "events.toml"
# "4 mil 359", "mil 600", "4,359", "37": how news writes a count in figures
NUMBER = r"\d{1,3}\s+mil(?:\s+\d{3})?(?!\d)|mil\s+\d{3}(?!\d)|\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)|\d+"

__all__ = ["NUMBER", "EventRules", "Role", "Trigger", "load_rules", "number_value"]


@dataclass(frozen=True)
class Trigger:
    type: str
    pattern: re.Pattern
    ordinal: int | None = None
    requires: tuple[str, ...] | None = None
    not_before: re.Pattern | None = None
    subject_before: bool = False
    not_after: re.Pattern | None = None  # the sentence before the trigger rules it out
    alone: bool = False  # an event only when no other trigger names the sentence's event ("tuvo lugar")
    subject: str | None = None  # what the trigger names when the sentence names no body (a designation)
    in_context: tuple[str, str] | None = None  # (cue, type): of that type in a sentence the cue matches
    only_in: str | None = None  # a cue: the trigger is an event only in a sentence it matches
    starts: frozenset[str] | None = None  # how the word every match begins begins (literals.py)


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
        number = NUMBER + "|" + "|".join(self.numbers)
        months = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
        filler = rf"(?!{months}\b)(?!\d)[\wáéíóúñ]+"
        return _compile(rf"(?P<n>{number})\s+(?!de (?:{months})\b)(?:{filler}\s+){{0,4}}?(?:{'|'.join(nouns)})")


def number_value(written: str, words: dict[str, int]) -> int:
    """ "4 mil 359" → 4359, "4,359" → 4359, "doce" → 12."""
    folded = written.casefold()
    if folded in words:
        return words[folded]
    thousands = re.fullmatch(r"(\d{1,3})?\s*mil(?:\s+(\d{3}))?", folded)
    if thousands:
        return int(thousands.group(1) or 1) * 1000 + int(thousands.group(2) or 0)
    return int(re.sub(r"[.,]", "", folded))


def _compile(words: str | list[str]) -> re.Pattern:
    alternatives = words if isinstance(words, str) else "|".join(f"(?:{w})" for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)


def _sport_words(events_path: Path) -> list[str]:
    """The words that make a text about sport, kept once in sports.toml beside events.toml (the
    clubs rule reads them too)."""
    sports = tomllib.loads((events_path.parent / "sports.toml").read_text("utf-8"))
    return sports["context"]["words"]


@lru_cache(maxsize=4)
def load_rules(path: Path = DATA) -> EventRules:
    data = tomllib.loads(path.read_text("utf-8"))
    triggers = tuple(
        Trigger(
            t["type"],
            pattern := _compile(t["patterns"]),
            t.get("ordinal"),
            tuple(t["requires"]) if "requires" in t else None,
            re.compile(t["not_before"]) if "not_before" in t else None,
            t.get("subject_before", False),
            re.compile(t["not_after"], re.I) if "not_after" in t else None,
            t.get("alone", False),
            t.get("subject"),
            tuple(t["in_context"]) if "in_context" in t else None,
            t.get("only_in"),
            word_starts(pattern),
        )
        for t in data["triggers"]
    )
    roles = tuple(Role(_compile(r["cue"]), r["role"], r.get("before", False)) for r in data["roles"])
    return EventRules(
        data["types"],
        triggers,
        {k.casefold(): v for k, v in data["ordinals"].items()},
        data["numbers"],
        {**data["cues"], "sport": data["cues"]["sport"] + [re.escape(w) for w in _sport_words(path)]},
        roles,
        {k.casefold(): v for k, v in data["place_phrases"].items()},
    )
