"""robots.txt: read once per host, trusted for 24 hours across runs (RFC 9309 §2.4).

A missing robots.txt (4xx) allows everything; one that cannot be read (5xx,
network) stops the host for this run, as RFC 9309 asks. The text is kept in
`urls` so that a cron run every 15 minutes does not ask again each time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from protego import Protego

from ..config import FetchConfig
from ..models import FetchRecord
from .errors import Disallowed, HTTPStatus, RequestFailed, Unreachable
from .patterns import MAX_CRAWL_DELAY, ROBOTS_MAX_AGE
from .records import error_record, response_record
from .response import Validators
from .urls import Scope

if TYPE_CHECKING:
    from .http import Client

Report = Callable[[FetchRecord], Awaitable[None]]


@dataclass(frozen=True)
class RobotsEntry:
    """A robots.txt as last read: its text ("" allows all), when, and its validators."""

    url: str
    text: str
    checked_at: float  # epoch seconds
    validators: Validators = field(default_factory=Validators)

    def fresh(self) -> bool:
        return time.time() - self.checked_at < ROBOTS_MAX_AGE


def robots_url(url: str) -> str:
    """Where the robots.txt that governs `url` lives."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


class Robots:
    """robots.txt rules per host, fetched at most once per run and reused between runs."""

    def __init__(self, cached: dict[str, RobotsEntry], report: Report):
        self._entries = dict(cached)
        self._report = report
        self._rules: dict[str, Protego | RequestFailed] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def check(self, url: str, scope: Scope, config: FetchConfig, client: Client) -> float | None:
        """The host's Crawl-delay (capped) when `url` may be fetched; Disallowed when not."""
        rules = await self._rules_for(robots_url(url), scope, config, client)
        if isinstance(rules, RequestFailed):
            raise Unreachable(rules.reason, url=url, status=rules.status)
        if not rules.can_fetch(url, config.user_agent):
            raise Disallowed("disallowed by robots.txt", url=url)
        delay = rules.crawl_delay(config.user_agent)
        return min(float(delay), MAX_CRAWL_DELAY) if delay else None

    async def _rules_for(self, url: str, scope: Scope, config: FetchConfig, client: Client) -> Protego | RequestFailed:
        async with self._locks.setdefault(url, asyncio.Lock()):
            if url not in self._rules:
                self._rules[url] = await self._load(url, scope, config, client)
            return self._rules[url]

    async def _load(self, url: str, scope: Scope, config: FetchConfig, client: Client) -> Protego | RequestFailed:
        entry = self._entries.get(url)
        if entry and entry.fresh():
            return Protego.parse(entry.text)
        try:
            entry = await self._fetch(url, entry, scope, config, client)
        except RequestFailed as e:
            return e
        return Protego.parse(entry.text)

    async def _fetch(
        self, url: str, old: RobotsEntry | None, scope: Scope, config: FetchConfig, client: Client
    ) -> RobotsEntry:
        """Ask for robots.txt (conditionally when we have it); 4xx means no rules."""
        try:
            r = await client.get(url, "robots", scope, config, old.validators if old else None)
        except HTTPStatus as e:
            if e.status and 400 <= e.status < 500 and e.status != 429:
                missing = replace(error_record(e, scope.source, "robots"), status="ok", error=None, body="")
                await self._report(missing)
                return RobotsEntry(url, "", time.time())
            await self._report(error_record(e, scope.source, "robots"))
            raise Unreachable(f"robots.txt unavailable ({e.reason})", url=url, status=e.status) from e
        except RequestFailed as e:
            await self._report(error_record(e, scope.source, "robots"))
            raise
        if r.status == 304 and old:
            await self._report(response_record(r, scope.source, "robots"))
            return replace(old, checked_at=time.time())
        text = r.body.decode("utf-8", errors="replace")
        await self._report(replace(response_record(r, scope.source, "robots"), body=text))
        return RobotsEntry(url, text, time.time(), r.validators)
