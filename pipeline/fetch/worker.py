"""The fetching thread: an asyncio loop that feeds a bounded queue read by a synchronous consumer.

The queue holds at most QUEUE_SIZE messages, and each source's article workers
(crawl.py) hold at most one page each, so when the consumer (extraction) is
slower than the network, fetching waits and memory stays flat.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any

from .records import Crashed, Message

QUEUE_SIZE = 32
BATCH = 64  # messages handed to the consumer at once (written in one transaction)
DONE = object()  # the last message: the crawl is over


class Worker:
    """Runs `job(send)` in its own thread and event loop; `take()` returns what it sent."""

    def __init__(self, job: Callable[[Callable[[Message], Coroutine[Any, Any, None]]], Coroutine[Any, Any, None]]):
        self._job = job
        self._loop = asyncio.new_event_loop()
        self._queue: asyncio.Queue[object] = asyncio.Queue(QUEUE_SIZE)
        self._task: asyncio.Task[None] | None = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fetch", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._started.wait()

    def take(self) -> list[object]:
        """The next messages (at least one, DONE last); blocks until the fetching thread sends."""
        return asyncio.run_coroutine_threadsafe(self._take(), self._loop).result()

    def stop(self) -> None:
        """Cancel what is still running and wait for the thread (a consumer that stopped early)."""
        if self._thread.is_alive() and self._task is not None:
            try:
                self._loop.call_soon_threadsafe(self._task.cancel)
            except RuntimeError:  # the loop closed meanwhile: the thread is ending on its own
                pass
        self._thread.join()

    def call_soon(self, callback: Callable[..., object], *args: object) -> None:
        """Run `callback(*args)` in the fetching thread (to answer a Discovered message)."""
        self._loop.call_soon_threadsafe(callback, *args)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._main())
        finally:
            self._cancel_leftovers()
            self._loop.close()

    def _cancel_leftovers(self) -> None:
        """Tasks still pending after a stop (articles not yet awaited) are cancelled and awaited."""
        leftovers = asyncio.all_tasks(self._loop)
        for task in leftovers:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
        self._loop.run_until_complete(self._loop.shutdown_asyncgens())

    async def _main(self) -> None:
        self._task = asyncio.current_task()
        self._started.set()
        try:
            try:
                await self._job(self._queue.put)
            except Exception as e:  # a bug: handed to the consumer, which raises it
                await self._queue.put(Crashed(e))
            await self._queue.put(DONE)
            await self._queue.join()  # the loop must outlive the consumer's last take()
        except asyncio.CancelledError:  # the consumer stopped early
            return

    async def _take(self) -> list[object]:
        items = [await self._queue.get()]
        while len(items) < BATCH and not self._queue.empty() and items[-1] is not DONE:
            items.append(self._queue.get_nowait())
        for _ in items:
            self._queue.task_done()
        return items
