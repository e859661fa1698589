"""A one-line progress display on a terminal; nothing at all under cron."""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping


class Progress:
    """Rewrites one status line on stderr, at most ten times a second."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.last = 0.0
        self.shown = False

    def update(self, counts: Mapping[str, int]) -> None:
        if not self.enabled or time.monotonic() - self.last < 0.1:
            return
        self.last = time.monotonic()
        line = (
            f"pages {counts.get('pages', 0)} · new {counts.get('new', 0)} · "
            f"updated {counts.get('updated', 0)} · unchanged {counts.get('unchanged', 0)} · "
            f"rejected {counts.get('rejected', 0)}"
        )
        sys.stderr.write("\r" + line[:100].ljust(100))
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 100 + "\r")
            sys.stderr.flush()
