"""The fetch stage: every enabled source's new pages, decoded, one Page at a time.

    fetcher = Fetcher(store, run_id, base_dir, refetch=False)
    for page in fetcher.pages(sources):      # web sources fetched concurrently in a background thread
        ...
        store.urls.mark(page.url, "stored", article_id, source=page.source)
    fetcher.source_errors, fetcher.failures, fetcher.stats

Web sources are fetched by an asyncio loop in a worker thread (crawl.py, http.py);
pages come back through a bounded queue and this thread, the caller's, does every
database write (through `store.urls`, store/urls.py) before yielding, so extraction
overlaps fetching. What became of a page afterwards is the caller's to record.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import SourceConfig
from ..errors import FetchError
from ..models import FetchRecord, Page
from .crawl import Crawl
from .files import file_pages
from .http import DEFAULT_BACKOFF
from .memory import load_memory
from .outcome import SourceOutcome
from .patterns import ADVICE
from .records import Crashed, Discovered, Found, Known, Scheduled, SourceFailed, TooOld
from .response import Validators
from .urls import Lookup, system_lookup
from .worker import DONE, Worker

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)

__all__ = ["STAT_KEYS", "Fetcher", "SourceOutcome"]

STAT_KEYS = (
    "requests",
    "conditional",
    "not_modified",
    "pages",
    "duplicates",
    "failed",
    "skipped",
    "skipped_known",
    "bytes",
)


class Fetcher:
    """Fetches sources and records what it saw; failures never stop other sources."""

    def __init__(
        self,
        store: Store,
        run_id: int | None,
        base_dir: Path,
        refetch: bool = False,
        *,
        backoff: float = DEFAULT_BACKOFF,
        lookup: Lookup = system_lookup,
    ):
        self.store = store
        self.urls = store.urls  # the fetch stage's memory: urls and fetches
        self.run_id = run_id
        self.base_dir = base_dir
        self.refetch = refetch
        self.backoff = backoff  # seconds before the first retry (tests make it short)
        self.lookup = lookup  # host name -> addresses (tests resolve names of their own)
        self.source_errors: dict[str, str] = {}  # source name -> one-line reason it failed
        self.failures: list[FetchError] = []  # every URL that failed
        self.stats: dict[str, int] = dict.fromkeys(STAT_KEYS, 0)
        self.outcomes: dict[str, SourceOutcome] = {}  # by source name, up to date as the run goes
        self._yielded: set[str] = set()  # page URLs yielded in this run (a second one is a duplicate)
        self._refetching: set[str] = set()  # sources whose done URLs are fetched again

    def pages(self, sources: list[SourceConfig]) -> Iterator[Page]:
        """Pages of the enabled sources as they arrive: files first, web pages while they are fetched."""
        enabled = [s for s in sources if s.enabled]
        self.outcomes.update((s.name, SourceOutcome.of(s)) for s in enabled)
        web = [s for s in enabled if s.kind != "files"]
        worker = self._start(web) if web else None
        try:
            for source in enabled:
                if source.kind == "files":
                    yield from self._files(source)
            if worker:
                yield from self._web(worker)
        finally:
            if worker:
                worker.stop()

    # files ---------------------------------------------------------------
    def _files(self, source: SourceConfig) -> Iterator[Page]:
        """A files source's pages; a file refused is that file's problem (recorded in `urls` with
        why), a missing or empty folder the source's."""
        for item in file_pages(source.path, source.name, self.base_dir):
            outcome = self.outcomes[source.name]
            if isinstance(item, Page):
                self._yielded.add(item.url)
                self.stats["pages"] += 1
                outcome.pages += 1
                yield item
                continue
            self.failures.append(item)
            log.warning("%s", item)
            if Path(item.url).is_file():
                self.urls.mark(Path(item.url).resolve().as_uri(), "failed", source=source.name, error=str(item))
                outcome.problem("failed", str(item))
            else:
                self.source_errors.setdefault(source.name, str(item))
                outcome.fail(self.source_errors[source.name], ADVICE["files"])

    # web -----------------------------------------------------------------
    def _start(self, sources: list[SourceConfig]) -> Worker:
        memory = load_memory(self.urls, sources)
        self._refetching = {s.name for s in sources if self.refetch or s.fetch.refetch}
        worker = Worker(lambda send: Crawl(sources, memory, send, self.backoff, self.lookup).run())
        worker.start()
        return worker

    def _web(self, worker: Worker) -> Iterator[Page]:
        """Write each batch of messages in one transaction, then yield its pages."""
        while True:
            batch = worker.take()
            crash = next((m.error for m in batch if isinstance(m, Crashed)), None)
            with self.store.transaction():
                pages = [p for p in (self._handle(m, worker) for m in batch) if p is not None]
            if crash:
                raise crash
            yield from pages
            if batch[-1] is DONE:
                return

    def _handle(self, message: object, worker: Worker) -> Page | None:
        if isinstance(message, FetchRecord):
            self._record(message)
        elif isinstance(message, Found):
            return self._found(message)
        elif isinstance(message, Discovered):
            self._discovered(message, worker)
        elif isinstance(message, Scheduled):
            self.outcomes[message.source].scheduled(message.count, message.left)
        elif isinstance(message, TooOld):
            first_seen = self.urls.remember_old(message.source, message.kind, message.urls)
            self.outcomes[message.source].too_old(message.kind, first_seen)
        elif isinstance(message, SourceFailed):
            log.warning("source %s failed: %s", message.source, message.reason)
            self.source_errors[message.source] = message.reason
            self.outcomes[message.source].fail(message.reason, message.advice)
        return None

    def _record(self, rec: FetchRecord, url_status: str | None = None, canonical: str | None = None) -> None:
        self.urls.record(rec, self.run_id, url_status=url_status, canonical=canonical)
        self._count(rec)
        if rec.status == "failed":
            self.failures.append(
                FetchError(rec.error or "failed", url=rec.url, source=rec.source, status=rec.http_status)
            )
            log.debug("failed %s: %s", rec.url, rec.error)

    def _count(self, rec: FetchRecord) -> None:
        if rec.source in self.outcomes:
            self.outcomes[rec.source].count(rec)
        s = self.stats
        s["requests"] += rec.attempts
        s["bytes"] += rec.bytes
        s["conditional"] += rec.conditional
        s["not_modified"] += rec.status == "not-modified"
        s["failed"] += rec.status == "failed"
        s["skipped"] += rec.status == "skipped"

    def _found(self, found: Found) -> Page | None:
        """Record a fetched page; yield it unless the same article was already had under another URL."""
        page, rec = found.page, found.record
        if self._is_duplicate(page, rec):
            self._record(rec, url_status="duplicate", canonical=page.url)
            self.stats["duplicates"] += 1
            return None
        self._record(rec, url_status="fetched", canonical=page.url)
        if page.url != rec.url:
            self.urls.alias(page.url, page.source, "fetched")
        self._yielded.add(page.url)
        self.stats["pages"] += 1
        self.outcomes[page.source].pages += 1
        return page

    def _is_duplicate(self, page: Page, rec: FetchRecord) -> bool:
        if page.url in self._yielded:
            return True
        return page.url != rec.url and page.source not in self._refetching and bool(self.urls.done([page.url]))

    def _discovered(self, message: Discovered, worker: Worker) -> None:
        """Remember the links a source listed; tell the fetching thread which need no fetching.

        A refetched source fetches them all, its stored articles conditionally (a 304 yields nothing).
        """
        if message.source in self._refetching:
            stored = self.urls.article_validators(message.urls)
            known = Known(validators={url: Validators(*pair) for url, pair in stored.items()})
        else:
            known = Known(done=self.urls.done(message.urls))
        self.urls.remember(message.source, message.urls)
        self.stats["skipped_known"] += len(known.done)
        worker.call_soon(_reply, message.reply, known)


def _reply(future: asyncio.Future[Known], value: Known) -> None:
    if not future.done():  # cancelled when the consumer stopped early
        future.set_result(value)
