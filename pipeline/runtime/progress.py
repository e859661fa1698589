"""Progress on a terminal: a bar per source (articles fetched of those expected, time left) and the
run's counts; nothing at all off a terminal (under cron).

Drawn by rich, on the same console as the terminal's log handler (logs.py), so a log line is
printed above the bars instead of being glued onto them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeRemainingColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

if TYPE_CHECKING:
    from ..fetch.outcome import SourceOutcome

COUNTS = ("pages", "new", "updated", "unchanged", "duplicates", "rejected")


@cache
def terminal() -> Console:
    """The one console of the terminal (standard error) for the bars and the log lines."""
    return Console(stderr=True)


class Bars(RichProgress):
    """rich's progress bars under a line of the run's counts (rich's documented way: get_renderables)."""

    counts = ""

    def get_renderables(self) -> Iterable[RenderableType]:
        yield Text(self.counts)
        yield self.make_tasks_table(self.tasks)


class Progress:
    """Bars for each source and a line of counts, redrawn a few times a second, while a run goes."""

    def __init__(self, enabled: bool, sources: Mapping[str, SourceOutcome] | None = None):
        self.enabled = enabled and sys.stderr.isatty()
        self.sources = sources if sources is not None else {}
        self.tasks: dict[str, TaskID] = {}
        self.bars: Bars | None = None
        if self.enabled:
            self.bars = Bars(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=terminal(),
                transient=True,  # the summary takes their place
                refresh_per_second=4,
            )
            self.bars.start()

    def update(self, counts: Mapping[str, int]) -> None:
        if self.bars is None:
            return
        for name, outcome in self.sources.items():
            if name not in self.tasks:
                self.tasks[name] = self.bars.add_task(name, total=None)
            done = outcome.pages if outcome.kind == "files" else outcome.fetched
            label = name if outcome.state == "read" else f"{name} ({outcome.state})"
            self.bars.update(self.tasks[name], description=label, completed=done, total=outcome.expected or None)
        self.bars.counts = " · ".join(f"{key} {counts.get(key, 0)}" for key in COUNTS)

    def close(self) -> None:
        if self.bars is not None:
            self.bars.stop()
            self.bars = None
