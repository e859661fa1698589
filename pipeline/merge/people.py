"""Which person names are one person, however many of their surnames an article gives.

Spanish names carry one or two given names and two surnames, and news writes a person with
one surname or both: "Claudia Sheinbaum" in one article, "Claudia Sheinbaum Pardo" in the next;
"Juan Ramón de la Fuente" and "Juan Ramón de la Fuente Ramírez". The rules, on names alone:

* a name's key is its first given name and its first surname, folded ("claudia sheinbaum"). A
  name with no surname (a lone first name, a lone surname, "José Luis") has no key and is never
  merged;
* names of one key form a block. A name whose words (particles, initials and quoted nicknames
  left out) begin another name's words is that name with surnames dropped at the end. Each
  longest name is a person; a shorter name joins it when it begins exactly one of them.
  "Juan Pérez" beside "Juan Pérez García" and "Juan Pérez López" could be either, so it stays
  a person of its own;
* a person is named by its longest form (`display_name`);
* a name a reviewer decided about stays in its group when it names the group, and is otherwise
  a group of its own (`plan`), so a name marked wrong never lends its mentions to a person;
* a reviewer's split (`Split`: these names are another person) parts every group that would
  hold names of both sides.

The grouping depends only on the set of names, not on the order they came in. The store
(`pipeline/store/people.py`) reads and writes the blocks; every decision is made here.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from .text import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "people.toml"
END = "\U0010ffff"  # sorts after every word: (*words, END) bounds the names that begin with words
QUOTED = re.compile(r"[\"“«‘'][^\"”»’']*[\"”»’']")  # a nickname inside a name: Joaquín “El Chapo” Guzmán

__all__ = ["NameWords", "Split", "display_name", "group_names", "name_key", "name_rules", "name_words", "plan"]


@dataclass(frozen=True)
class NameWords:
    """What tells a surname from a given name or a particle (from pipeline/data/people.toml)."""

    given: frozenset[str]  # folded
    particles: frozenset[str]  # lower case


@lru_cache(maxsize=1)
def name_rules() -> NameWords:
    """people.toml's given names and particles, read once."""
    names = tomllib.loads(DATA.read_text("utf-8"))["names"]
    return NameWords(frozenset(fold(w) for w in names["given"]), frozenset(w.lower() for w in names["particles"]))


@lru_cache(maxsize=1 << 16)  # a block is grouped again for every article naming one of its people
def name_words(name: str) -> tuple[str, ...]:
    """The folded words that identify a person, in order: no particles, initials or nickname."""
    particles = name_rules().particles
    words = (fold(w) for w in QUOTED.sub(" ", name).split())
    return tuple(w for w in words if w and w not in particles and len(w.strip(".")) > 1)


def name_key(name: str) -> str | None:
    """ "claudia sheinbaum": the first word and the first surname after it (the first word that
    is no known given name); None when there is no surname, so the name is never merged."""
    words = name_words(name)
    surname = next((w for w in words[1:] if w not in name_rules().given), None)
    return f"{words[0]} {surname}" if surname else None


def group_names(names: Iterable[str]) -> list[list[str]]:
    """Names of one block grouped into people: each longest name with the names that begin it
    and no other longest name. Deterministic: the same names give the same groups.

    In sorted order the names that go on from a name follow it together, so counting the
    longest names among them is a bisection, not a scan of the block (a common name's block
    may hold many people)."""
    by_words: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(set(names)):
        by_words.setdefault(name_words(name), []).append(name)
    order = sorted(by_words)
    longest = [i + 1 == len(order) or order[i + 1][: len(w)] != w for i, w in enumerate(order)]
    before = list(accumulate(longest, initial=0))  # longest names in order[:i]
    first_longest = list(range(len(order)))  # the first longest name at or after i
    for i in reversed(range(len(order) - 1)):
        first_longest[i] = i if longest[i] else first_longest[i + 1]
    groups: dict[tuple[str, ...], list[str]] = {}
    for i, words in enumerate(order):
        end = bisect_right(order, (*words, END))  # order[i:end]: the names that begin with `words`
        owners = before[end] - before[i]
        home = order[first_longest[i]] if owners == 1 else words  # two owners: a person of its own
        groups.setdefault(home, []).extend(by_words[words])
    return sorted(groups.values(), key=lambda g: (-len(g), display_name(g)))


def display_name(group: list[str]) -> str:
    """The longest full form: most words, then most letters (so accents and particles win)."""
    return max(group, key=lambda n: (len(name_words(n)), len(n), n))


def plan(names: Iterable[str], decided: set[str], splits: Iterable[Split] = ()) -> list[list[str]]:
    """The block's groups. A name a reviewer decided about stays in when it names its group
    (the decision is about the whole person) and is otherwise a group of its own; a reviewer's
    splits, oldest first, then part the groups that hold names from both sides of one."""
    pinned: set[str] = set()
    names = sorted(names)
    while True:
        groups = group_names(n for n in names if n not in pinned)
        stray = {n for g in groups for n in g if n in decided and n != display_name(g)}
        if not stray:
            break
        pinned |= stray
    for split in splits:
        groups = [part for g in groups for part in split.part(g)]
    return groups + [[n] for n in sorted(pinned)]


@dataclass(frozen=True)
class Split:
    """A reviewer's split of a person: the names `apart` are another person than the names `kept`."""

    apart: frozenset[str]
    kept: frozenset[str]

    def part(self, group: list[str]) -> list[list[str]]:
        """The group, or its two sides when it holds names of both. A name the split did not
        know (first given later) stays on the kept side, with the person it was split from."""
        away = [n for n in group if n in self.apart]
        if not away or not any(n in self.kept for n in group):
            return [group]
        return [[n for n in group if n not in self.apart], away]
