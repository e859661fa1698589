"""Things found in an article, looked up by where they start.

The event rules ask, for every sentence and trigger, which mentions, dates and verbs lie in a
stretch of text. Scanning the whole list each time costs the article's length for every
question, so a long article would cost its length squared; a sorted index answers each
question by bisection, in the cost of what it returns.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")

__all__ = ["ByOffset"]


class ByOffset(Generic[T]):
    """Items indexed by their start offset; `between` keeps the items' own order."""

    def __init__(self, items: Iterable[T], start: Callable[[T], int]):
        self.items = list(items)
        self.order = sorted(range(len(self.items)), key=lambda i: start(self.items[i]))
        self.starts = [start(self.items[i]) for i in self.order]

    def between(self, lo: int, hi: int) -> list[T]:
        """The items that start at `lo` or after and before `hi`, in their original order."""
        found = self.order[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]
        return [self.items[i] for i in sorted(found)]

    def any_between(self, lo: int, hi: int) -> bool:
        """True when some item starts in [lo, hi)."""
        return bisect_left(self.starts, lo) < bisect_left(self.starts, hi)
