"""SIGINT and SIGTERM end a run cleanly.

The signal becomes an `Interrupted` exception in the main thread: the article
being stored is rolled back with its transaction, the run is marked
'interrupted' in `runs`, and the process exits with 128 + the signal number
(130 for SIGINT, 143 for SIGTERM). SIGKILL cannot be caught; SQLite's journal
keeps the database whole and the next run marks the dead run interrupted.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run was stopped by SIGINT or SIGTERM (a BaseException, so no `except Exception` swallows it)."""

    def __init__(self, signum: int):
        self.signum = signum
        self.exit_code = 128 + signum
        super().__init__(f"interrupted by {signal.Signals(signum).name}")


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Raise Interrupted on the first SIGINT or SIGTERM; a second one acts as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}

    def interrupt(signum: int, frame: FrameType | None) -> None:
        for s in STOP_SIGNALS:
            signal.signal(s, signal.SIG_DFL if s == signal.SIGTERM else signal.default_int_handler)
        raise Interrupted(signum)

    for s in STOP_SIGNALS:
        signal.signal(s, interrupt)
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
