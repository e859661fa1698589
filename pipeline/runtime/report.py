"""What a run did: counts, failures and time per stage, for the summary and the `runs` table.

The summary is one short line, then one line for each source that needs the operator's attention
(it failed, left entries aside, had articles fail), saying what happened and what to do:

    100 pages: 88 new, 0 updated, 12 unchanged, 0 duplicates, 0 rejected; 3 sources: 1 unchanged (304), 1 failed; model es_core_news_md-3.8.0; 14.4s
      feed 'caido' failed: http://caido.example/rss: cannot connect (Connection refused); tried again next run; ...
      sitemap 'b': 12 entries older than sitemap_days=7 skipped; raise it to backfill
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ..fetch.outcome import SourceOutcome

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
    sources: dict[str, SourceOutcome] = field(default_factory=dict)  # kept up to date by fetch as the run goes
    started: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        """False when there was work to do and none of it could be done."""
        return bool(self.counts["pages"]) or not self.source_errors

    def summary(self) -> str:
        """One short line, then one indented line per source that needs attention (see above)."""
        return "\n".join([self.headline(), *(f"  {line}" for line in self.attention())])

    def headline(self) -> str:
        c = self.counts
        line = (
            f"{c['pages']} pages: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['duplicates']} duplicates, {c['rejected']} rejected; {self._sources()}"
            f"model {self.model}; {time.monotonic() - self.started:.1f}s"
        )
        return f"{self.interrupted}; {line}" if self.interrupted else line

    def _sources(self) -> str:
        """'3 sources: 1 unchanged (304), 1 failed; ' (nothing when the run read no sources)."""
        states = Counter(o.state for o in self.sources.values())
        states["failed"] = max(states["failed"], len(self.source_errors))
        n = max(len(self.sources), len(self.source_errors))
        if not n:
            return ""
        parts = [
            f"{states['unchanged']} unchanged (304)" if states["unchanged"] else "",
            f"{states['failed']} failed" if states["failed"] else "",
        ]
        if states["unchanged"] == n:
            parts = ["all unchanged (304)"]
        detail = ", ".join(p for p in parts if p)
        return f"{n} source{'s' * (n != 1)}{': ' + detail if detail else ''}; "

    def attention(self) -> list[str]:
        """One line per thing a source needs done, in the order of the configuration."""
        lines = [line for outcome in self.sources.values() for line in outcome.attention()]
        lines += [
            f"source '{name}' failed: {why}" for name, why in self.source_errors.items() if name not in self.sources
        ]
        return lines

    def source_states(self) -> list[tuple[str, str, int, str]]:
        """(name, state, pages, error) of each source, for `source_runs`."""
        return [(o.name, o.state, o.pages, o.error) for o in self.sources.values()]

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
