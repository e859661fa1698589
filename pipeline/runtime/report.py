"""What a run did: counts, failures and time per stage, for the summary and the `runs` table."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

STAGES = ("fetch", "clean", "nlp", "rules", "store")

T = TypeVar("T")


@dataclass
class RunReport:
    """What a run did, for the summary line and the `runs` table."""

    run_id: int | None = None
    model: str = ""
    extractor_version: str = ""
    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    source_errors: dict[str, str] = field(default_factory=dict)
    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))  # wall time per stage
    interrupted: str = ""  # "interrupted by SIGTERM" when a signal stopped the run
    fetched: bool = False  # the pages come from fetch: what becomes of each URL is recorded
    started: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        """False when there was work to do and none of it could be done."""
        return bool(self.counts["pages"]) or not self.source_errors

    def summary(self) -> str:
        c = self.counts
        line = (
            f"{c['pages']} pages: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['duplicates']} duplicates, {c['rejected']} rejected; "
            f"model {self.model}; {time.monotonic() - self.started:.1f}s"
        )
        if self.source_errors:
            failing = "; ".join(f"{name}: {why}" for name, why in sorted(self.source_errors.items()))
            line += f"; {len(self.source_errors)} sources failed: {failing}"
        return f"{self.interrupted}; {line}" if self.interrupted else line

    def stored_counts(self) -> dict[str, int]:
        """The counts the `runs` table keeps."""
        c = self.counts
        return {
            "sources": c["sources"],
            "pages": c["pages"],
            "articles_new": c["new"],
            "articles_updated": c["updated"],
            "articles_unchanged": c["unchanged"],
            "failures": c["rejected"] + len(self.source_errors),
        }

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started

    def timed(self, items: Iterable[T], stage: str, minus: tuple[str, ...] = ()) -> Iterator[T]:
        """Yield from `items`, adding the time spent waiting for each to `stage`.

        Time that other stages record meanwhile (the input spaCy pulls) is not counted twice.
        """
        iterator = iter(items)
        while True:
            before = sum(self.seconds[s] for s in minus)
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                elapsed = time.perf_counter() - started
                self.seconds[stage] += elapsed - (sum(self.seconds[s] for s in minus) - before)
            yield item
