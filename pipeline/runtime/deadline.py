"""A time limit per page, so that one pathological page cannot hang a cron run.

    with time_limit(60):
        article = clean(page)        # Overran if it takes more than 60 s

The work runs where it is, in the main thread, at no extra cost. A watchdog thread
looks at the limit ten times a second; once it has passed, it pokes the main thread
(`_thread.interrupt_main(SIGUSR2)`: no signal is sent and no SIGALRM timer is set),
and the poke's handler raises Overran in the middle of the work, which is abandoned.

Limits: a single C call that holds the GIL (a catastrophic regular expression, say)
runs to its end before the poke is seen; and only the main thread can be poked:
elsewhere the work runs without a limit.
"""

from __future__ import annotations

import _thread
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

POKE = signal.SIGUSR2
POLL = 0.1  # seconds between two looks of the watchdog


class Overran(Exception):
    """Work on one page took longer than its time limit and was abandoned."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"took longer than {seconds:g}s; skipped")


@dataclass
class _Limit:
    seconds: float
    expires: float
    over: bool = False  # Overran was raised (or the work ended): later pokes are ignored


_limits: list[_Limit] = []  # the main thread's running limits, innermost last
_watchdog: threading.Thread | None = None


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Overran in the block when it runs longer than `seconds` (0 or less: no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    limit = _Limit(seconds, time.monotonic() + seconds)
    previous = signal.signal(POKE, _on_poke)
    _limits.append(limit)
    _start_watchdog()
    try:
        yield
    finally:
        try:
            limit.over = True
        finally:  # even if the poke lands right here
            _limits.remove(limit)
            signal.signal(POKE, previous)


def _on_poke(signum: int, frame: FrameType | None) -> None:
    limit = _limits[-1] if _limits else None
    if limit and not limit.over and time.monotonic() >= limit.expires:
        limit.over = True
        raise Overran(limit.seconds)


def _start_watchdog() -> None:
    global _watchdog
    if _watchdog is None or not _watchdog.is_alive():
        _watchdog = threading.Thread(target=_watch, name="deadline-watchdog", daemon=True)
        _watchdog.start()


def _watch() -> None:
    while True:
        time.sleep(POLL)
        limit = _limits[-1] if _limits else None
        if limit and not limit.over and time.monotonic() >= limit.expires:
            _thread.interrupt_main(POKE)
