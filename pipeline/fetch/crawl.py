"""The async side: every web source at once, each discovering links and fetching its articles.

Runs in the fetching thread. It never touches the database: what it learns goes
to the consumer as messages (records.py), and what it needs from the database
was read before it started (`Memory`) or is asked for (`Discovered`).

Each source fetches its articles with a few workers (`article_workers`), each
holding at most one page until the consumer takes it: memory stays flat however
many links a source lists, while sources (and hosts) are still fetched at once.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from typing import TypeVar

from ..config import FetchConfig, SourceConfig
from . import discover
from .discover import Link
from .encoding import decode_html
from .errors import BadDocument, BlockPage, RequestFailed
from .http import Client
from .memory import Memory
from .outcome import advice_for
from .page import check_not_blocked, to_page
from .patterns import MAX_SITEMAPS, SITEMAP_MAX_BYTES
from .records import Discovered, Found, Known, Message, Scheduled, SourceFailed, TooOld, error_record, response_record
from .response import Response, Validators
from .robots import Robots
from .urls import Lookup, Scope, normalize, system_lookup

log = logging.getLogger(__name__)

Send = Callable[[Message], Awaitable[None]]
T = TypeVar("T")
MAX_SITEMAP_DEPTH = 3
ARTICLE_WORKERS = 16  # per source: articles being fetched or waiting for the consumer, at most


def article_workers(config: FetchConfig) -> int:
    """How many articles one source fetches at once: enough to keep its host busy, few enough to bound memory."""
    return max(ARTICLE_WORKERS, 2 * config.concurrency)


class Crawl:
    """Fetches all web sources concurrently; one failing source never stops the others."""

    def __init__(
        self, sources: list[SourceConfig], memory: Memory, send: Send, backoff: float, lookup: Lookup = system_lookup
    ):
        self.sources = sources
        self.memory = memory
        self.send = send
        self.backoff = backoff
        self.lookup = lookup  # name resolution (tests give their own)
        self.scheduled: set[str] = set()  # article URLs taken by some source in this run
        self.client: Client

    async def run(self) -> None:
        self.client = Client(Robots(self.memory.robots, self.send), self.backoff, self.lookup)
        for source in self.sources:
            self.client.prepare_host(source.url, source.fetch)
        try:
            await asyncio.gather(*(self._source(s) for s in self.sources))
        finally:
            await self.client.aclose()

    async def _source(self, source: SourceConfig) -> None:
        try:
            await SourceCrawl(self, source).run()
        except RequestFailed as e:
            await self.send(SourceFailed(source.name, str(e), advice_for(e)))
        except Exception as e:  # a bug or a surprise in one source must not stop the others
            log.exception("source %s: unexpected error", source.name)
            reason = f"{source.url}: unexpected error ({type(e).__name__}: {e})"
            await self.send(SourceFailed(source.name, reason, advice_for(e)))

    async def known(self, source: str, urls: list[str]) -> Known:
        """Ask the consumer which of these article URLs need no fetching, and which validators to send for
        the others (it also remembers them)."""
        if not urls:
            return Known()
        reply: asyncio.Future[Known] = asyncio.get_running_loop().create_future()
        await self.send(Discovered(source, urls, reply))
        return await reply


class SourceCrawl:
    """One source: discover links, keep the new ones within budget, fetch them as they come."""

    def __init__(self, crawl: Crawl, source: SourceConfig):
        self.crawl, self.source, self.config = crawl, source, source.fetch
        self.client = crawl.client
        self.budget = source.fetch.max_pages
        self.links: asyncio.Queue[tuple[Link, Validators | None] | None] = asyncio.Queue()  # None: no more
        self.workers: list[asyncio.Task[None]] = []
        self.fetched = 0
        self.failures: list[RequestFailed] = []
        self.skips: list[RequestFailed] = []
        self.new_links = 0  # links of the last batch not done before (a listing stops paginating at 0)
        self.scope = Scope(source.name, normalize(source.url), tuple(d.lower() for d in source.fetch.allowed_domains))

    async def run(self) -> None:
        try:
            own = await self.client.resolver.own_addresses(self.scope.home, self.source.name)
        except RequestFailed as e:
            kind = "article" if self.source.kind == "page" else self.source.kind
            await self.crawl.send(error_record(e, self.source.name, kind))
            raise
        self.scope = Scope(self.scope.source, self.scope.home, self.scope.domains, own)
        self.workers = [asyncio.create_task(self._fetch_articles()) for _ in range(article_workers(self.config))]
        try:
            async for links in self._discover():
                await self._schedule(links)
            await self._schedule([Link(url) for url in self.crawl.memory.backlog.get(self.source.name, [])])
            for _ in self.workers:
                self.links.put_nowait(None)
            await asyncio.gather(*self.workers)
        finally:
            for worker in self.workers:  # a failed source or a stopped consumer: nothing is left running
                worker.cancel()
        self._check_health()

    def _discover(self) -> AsyncIterator[list[Link]]:
        kinds = {"feed": self._feed, "sitemap": self._sitemaps, "listing": self._listing, "page": self._page}
        return kinds[self.source.kind]()

    # discovery ---------------------------------------------------------------
    async def _page(self) -> AsyncIterator[list[Link]]:
        yield [Link(self.scope.home)]

    async def _feed(self) -> AsyncIterator[list[Link]]:
        response = await self._document(self.scope.home, "feed")
        if response:
            yield (
                await self._parsed(
                    response, "feed", lambda r: discover.feed_links(r.body, r.final_url, r.headers.get("content-type"))
                )
                or []
            )
            await self._sent(response, "feed")

    async def _sitemaps(self) -> AsyncIterator[list[Link]]:
        since = discover.window_start(self.config.sitemap_days)
        limit = max(self.config.max_bytes, SITEMAP_MAX_BYTES)
        todo, seen = [(self.scope.home, 0)], {self.scope.home}
        while todo:
            url, depth = todo.pop(0)
            response = await self._child(url, "sitemap", top=depth == 0)
            if not response:
                continue
            sitemap = await self._parsed(
                response,
                "sitemap",
                lambda r: discover.sitemap_entries(r.body, r.final_url, since, limit),
                top=depth == 0,
            )
            if sitemap:
                if sitemap.old:
                    kind = "sitemap" if sitemap.index else "article"
                    await self.crawl.send(TooOld(self.source.name, kind, sitemap.old))
                fresh = [c for c in sitemap.children if c not in seen][: max(0, MAX_SITEMAPS - len(seen))]
                seen.update(fresh)
                todo += [(c, depth + 1) for c in fresh if depth < MAX_SITEMAP_DEPTH]
                yield sitemap.links
                await self._sent(response, "sitemap")

    async def _listing(self) -> AsyncIterator[list[Link]]:
        pattern, url, seen = re.compile(self.source.link_pattern), self.scope.home, set[str]()
        for number in range(1, self.config.listing_pages + 1):
            response = await self._child(url, "listing", top=number == 1)
            if not response:
                return
            html, _ = decode_html(response.body, response.headers.get("content-type"))
            found = await self._parsed(response, "listing", partial(_links_in, html, pattern), top=number == 1)
            links = [link for link in found or [] if link.url not in seen]
            if number == 1 and not links:
                error = self._no_links(html, url)
                await self._reject(error, response, "listing")
                raise error
            seen.update(link.url for link in links)
            yield links  # run() schedules them before we resume, setting self.new_links
            await self._sent(response, "listing")
            if not self.new_links:
                return  # this page held nothing new: older pages hold older news
            url = discover.next_page(html, response.final_url, number)

    def _no_links(self, html: str, url: str) -> RequestFailed:
        """Why a listing's first page gave no links: a block page (a bot check, say), or the pattern."""
        try:
            check_not_blocked(html, url)
        except BlockPage as e:
            return e
        return BadDocument(f"no links match link_pattern '{self.source.link_pattern}'", url=url)

    async def _child(self, url: str, kind: str, top: bool) -> Response | None:
        """A document the source leads to: a failure fails the source only when it is the top one."""
        try:
            if not top:
                self.scope.check_link(url)
            return await self._document(url, kind)
        except RequestFailed:
            if top:
                raise
            return None

    async def _document(self, url: str, kind: str) -> Response | None:
        """A feed, sitemap or listing page, asked for conditionally; None when unchanged (304)."""
        try:
            response = await self.client.get(url, kind, self.scope, self.config, self.crawl.memory.validators.get(url))
        except RequestFailed as e:
            await self.crawl.send(error_record(e, self.source.name, kind))
            raise
        if response.status == 304:
            await self._sent(response, kind)
            return None
        return response

    async def _parsed(
        self, response: Response, kind: str, parse: Callable[[Response], T], top: bool = True
    ) -> T | None:
        """parse(response); a document that does not parse is recorded as failed."""
        try:
            return parse(response)
        except RequestFailed as e:
            await self._reject(e, response, kind)
            if top:
                raise
            return None

    async def _sent(self, response: Response, kind: str) -> None:
        """Record a document once its links are in hand (so a crash cannot lose them)."""
        await self.crawl.send(response_record(response, self.source.name, kind))

    async def _reject(self, error: RequestFailed, response: Response, kind: str) -> None:
        """Record a response that arrived but is not what was wanted (not HTML, block page, bad feed)."""
        error.source, error.attempts, error.elapsed = self.source.name, response.attempts, response.elapsed
        record = error_record(error, self.source.name, kind)
        record.http_status, record.bytes, record.final_url = response.status, len(response.body), response.final_url
        await self.crawl.send(record)

    # articles ----------------------------------------------------------------
    async def _schedule(self, links: list[Link]) -> None:
        """Queue for the workers the links that are safe, new in this run and not done before, within budget."""
        safe = [link for link in links if await self._safe(link) and link.url not in self.crawl.scheduled]
        known = await self.crawl.known(self.source.name, [link.url for link in safe])
        self.new_links = sum(link.url not in known.done for link in safe)
        wanted: dict[str, Link] = {}  # new in this run and not done before, each once
        for link in safe:
            if link.url not in known.done and link.url not in self.crawl.scheduled:
                wanted.setdefault(link.url, link)
        taken = list(wanted.values())[: self.budget]
        self.budget -= len(taken)
        for link in taken:
            self.crawl.scheduled.add(link.url)
            self.links.put_nowait((link, known.validators.get(link.url)))
        if wanted:
            await self.crawl.send(Scheduled(self.source.name, len(taken), len(wanted) - len(taken)))

    async def _safe(self, link: Link) -> bool:
        try:
            self.scope.check_link(link.url)
        except RequestFailed as e:
            await self.crawl.send(error_record(e, self.source.name, "article"))
            return False
        return True

    async def _fetch_articles(self) -> None:
        """One of the source's article workers: fetch a link, hand its page over, then take the next.

        A worker holds at most one page, so a consumer slower than the network
        makes the workers wait, not the pages pile up.
        """
        while (item := await self.links.get()) is not None:
            await self._article(*item)

    async def _article(self, link: Link, validators: Validators | None = None) -> None:
        """Fetch one article (conditionally when it is stored and refetched) and send its page."""
        try:
            response = await self.client.get(link.url, "article", self.scope, self.config, validators)
        except RequestFailed as e:
            self._count_failure(e)
            await self.crawl.send(error_record(e, self.source.name, "article"))
            return
        if response.status == 304:  # unchanged since it was stored: nothing for the consumer to do
            self.fetched += 1
            await self.crawl.send(response_record(response, self.source.name, "article"))
            return
        try:
            page = to_page(response, self.source.name, self.scope, link.teaser)
        except RequestFailed as e:
            self._count_failure(e)
            await self._reject(e, response, "article")
            return
        self.fetched += 1
        await self.crawl.send(Found(page, response_record(response, self.source.name, "article")))

    def _count_failure(self, error: RequestFailed) -> None:
        (self.failures if error.outcome == "failed" else self.skips).append(error)

    def _check_health(self) -> None:
        """A source that tried articles and got none is a failing source: raise with the first reason."""
        if self.fetched or not (self.failures or self.skips):
            return
        first = (self.failures + self.skips)[0]
        if self.source.kind == "page":
            raise first
        counts = f"{len(self.failures)} failed, {len(self.skips)} skipped"
        raise type(first)(  # the first failure's kind, so the operator is told what to do about it
            f"no article could be fetched ({counts}), first: {first}",
            url=self.scope.home,
            source=self.source.name,
            status=first.status,
        )


def _links_in(html: str, pattern: re.Pattern[str], response: Response) -> list[Link]:
    """The listing's links, with the decoded page already in hand."""
    return discover.listing_links(html, response.final_url, pattern)
