"""Work spread over worker processes, results in input order, and nothing left behind.

    with Workers(2, setup=load_model) as workers:
        for result in workers.map(parse_batch, items, batch=8):   # parse_batch(list) -> list
            ...

Workers are forked when the pool starts, each runs `setup()` once (to load a model, say), then
takes batches. `map` keeps a bounded number of batches in flight, so memory stays flat and every
worker stays busy, and yields results in the order of `items`, so what is stored does not depend on
which worker was faster. A worker ignores SIGINT and SIGTERM's default handler of the parent: the
parent stops it. Leaving the block for any reason (an exception, SIGTERM turned into `Interrupted`)
cancels what is queued and terminates the workers; and a worker whose parent dies (SIGKILL) is
killed by the kernel (PR_SET_PDEATHSIG), so no worker outlives its run or holds its files.
"""

from __future__ import annotations

import ctypes
import itertools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ..errors import PipelineError

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 64  # pages waiting before worker processes pay for their start (nlp.n_process = 0)
PR_SET_PDEATHSIG = 1  # linux/prctl.h
STOP_GRACE = 3.0  # seconds a terminated worker gets before it is killed

__all__ = ["PARALLEL_FROM", "Workers", "processes"]


class Workers:
    """A pool of forked worker processes (see the module docstring)."""

    def __init__(self, processes: int, setup: Callable[[], None] | None = None, ahead: int = 2):
        self.processes = processes
        self.ahead = ahead * processes  # batches in flight, per map
        self._pool = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(setup, os.getpid()),
        )

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self.close(abort=kind is not None)

    def map(self, task: Callable[[list[T]], list[R]], items: Iterable[T], batch: int = 8) -> Iterator[tuple[T, R]]:
        """(item, result) for every item, in order: task(batch) run in the workers on consecutive
        batches of `items` (the items stay here too, so a result need not carry its input back)."""
        batches = _batched(iter(items), batch)
        running: deque[tuple[list[T], Future[list[R]]]] = deque()
        for chunk in itertools.islice(batches, self.ahead):
            running.append((chunk, self._pool.submit(task, chunk)))
        while running:
            chunk, future = running.popleft()
            try:
                done = future.result()
            except BrokenProcessPool as e:  # killed from outside (out of memory, say)
                raise PipelineError(
                    f"a worker process died ({e}); the run stops here and the next one "
                    "takes up the pages it did not store"
                ) from e
            for more in itertools.islice(batches, 1):
                running.append((more, self._pool.submit(task, more)))
            yield from zip(chunk, done, strict=True)

    def close(self, abort: bool = False) -> None:
        """Wait for the workers to finish (or, with `abort`, stop them at once) and reap them."""
        if not abort:
            self._pool.shutdown(wait=True)
            return
        processes = list((getattr(self._pool, "_processes", None) or {}).values())  # no public handle on them
        for p in processes:
            p.terminate()
        for p in processes:
            p.join(STOP_GRACE)
            if p.is_alive():
                p.kill()
                p.join()
        # A signal turned into an exception may have left the pool's own lock taken (it can land
        # inside `submit`): shut the pool down from a thread this one never waits on for long.
        closer = threading.Thread(
            target=self._pool.shutdown, kwargs={"wait": False, "cancel_futures": True}, daemon=True
        )
        closer.start()
        closer.join(STOP_GRACE)


def processes(configured: int, waiting: int) -> int:
    """Worker processes for a run: as configured, or (0) one per core this process may use once the
    run is large enough to pay for starting them (a routine cron run of a few pages stays in one
    process). The orchestrator's own share (storing) is a few percent, so it needs no core of its own."""
    if configured:
        return configured
    return max(1, usable_cores()) if waiting >= PARALLEL_FROM else 1


def usable_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _batched(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _start_worker(setup: Callable[[], None] | None, parent: int) -> None:
    """In a new worker: die with the parent, leave signals to the parent, then set up."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler raised Interrupted; here it just ends
    if setup is not None:
        setup()


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies; elsewhere a worker notices the closed pipe."""
    try:
        libc: Any = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
