"""A polite, careful async HTTP client: one GET at a time per URL, done right.

Per request it checks the scheme and the resolved address (and connects to that
address only, see pinning.py), asks robots.txt,
waits for its host's turn (concurrency and delay, Crawl-delay, Retry-After),
retries timeouts, 429 and 5xx with exponential backoff, follows redirects by
hand so that every hop gets the same checks, and reads the body while counting
decoded bytes against a cap. It raises the exceptions of `errors.py`.
"""

from __future__ import annotations

import asyncio
import functools
import heapq
import itertools
import os
import random
import ssl
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol

import httpx

from ..config import FetchConfig
from .body import BoundedDecoder, SizeExceeded, UnsupportedEncoding
from .errors import BadDocument, HTTPStatus, NotHTML, Refused, RequestFailed, TooLarge, Unreachable
from .patterns import (
    ACCEPT,
    ACCEPT_ENCODING,
    ACCEPT_LANGUAGE,
    HTML_TYPES,
    MAX_RETRY_AFTER,
    REDIRECT_STATUSES,
    RETRY_STATUSES,
    SITEMAP_MAX_BYTES,
)
from .pinning import AddressRefused, PinnedTransport
from .response import Response, Validators
from .urls import Lookup, Resolver, Scope, check_scheme, netloc_of, normalize, system_lookup

DEFAULT_BACKOFF = 1.0  # seconds before the first retry; doubled each time
DEFAULT_LIMITS = httpx.Limits(max_connections=256, max_keepalive_connections=64)
TYPED_KINDS = ("article", "listing")  # kinds whose Content-Type must be HTML
PRIORITY = {"robots": 0, "feed": 0, "sitemap": 0, "listing": 0, "article": 1}  # lower goes first


class HostLimiter:
    """At most `concurrency` requests at once to one host, started at least `delay` apart.

    Waiting requests are served by priority (lower first), then in order: feeds,
    sitemaps and listing pages go before the articles already queued, so
    discovery is never stuck behind the links it found.
    """

    def __init__(self, concurrency: int, delay: float):
        self.delay = delay
        self._free = max(1, concurrency)
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._turn = asyncio.Lock()
        self._next_start = 0.0

    def pause(self, seconds: float) -> None:
        """Hold every request to this host for `seconds` (a 429's Retry-After)."""
        self._next_start = max(self._next_start, asyncio.get_running_loop().time() + seconds)

    @asynccontextmanager
    async def slot(self, priority: int = 1) -> AsyncIterator[None]:
        await self._acquire(priority)
        try:
            async with self._turn:
                loop = asyncio.get_running_loop()
                wait = self._next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next_start = loop.time() + self.delay
            yield
        finally:
            self._release()

    async def _acquire(self, priority: int) -> None:
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return
        granted = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._order), granted))
        try:
            await granted
        except asyncio.CancelledError:
            if granted.done() and not granted.cancelled():
                self._release()  # handed the slot just as we were cancelled: pass it on
            raise

    def _release(self) -> None:
        while self._waiters:
            _, _, granted = heapq.heappop(self._waiters)
            if not granted.done():
                granted.set_result(None)
                return
        self._free += 1


class RobotsRules(Protocol):
    """What the client asks before each request (robots.py's Robots); it may fetch robots.txt with the client."""

    async def check(self, url: str, scope: Scope, config: FetchConfig, client: Client) -> float | None:
        """The host's Crawl-delay when `url` may be fetched; raises RequestFailed when it may not."""


class _Counter:
    """HTTP requests sent for one logical fetch, and the seconds they took: `timeout` bounds the
    whole fetch (every attempt and redirect), so a page that trickles costs the limit once, not
    once per retry. Waiting for the host's slot and backing off do not count."""

    def __init__(self) -> None:
        self.n = 0
        self.spent = 0.0


class Client:
    """Fetches URLs for sources, politely and safely. Create and use inside one event loop."""

    def __init__(self, robots: RobotsRules, backoff: float = DEFAULT_BACKOFF, lookup: Lookup = system_lookup):
        self.robots = robots
        self.backoff = backoff
        self.resolver = Resolver(lookup)  # the only name resolution: connections are pinned to its answers
        self._limiters: dict[str, HostLimiter] = {}
        transport = PinnedTransport(self.resolver, ssl_context=ssl_context(), limits=DEFAULT_LIMITS)
        self._http = httpx.AsyncClient(transport=transport, follow_redirects=False, trust_env=False)

    async def aclose(self) -> None:
        await self._http.aclose()

    def prepare_host(self, url: str, config: FetchConfig) -> None:
        """Set a host's limits before use; sources sharing a host get the strictest of theirs."""
        key = netloc_of(url)
        old = self._limiters.get(key)
        if old is None:
            self._limiters[key] = HostLimiter(config.concurrency, config.delay)
        else:
            old.delay = max(old.delay, config.delay)

    def limiter(self, url: str, config: FetchConfig) -> HostLimiter:
        if netloc_of(url) not in self._limiters:
            self.prepare_host(url, config)
        return self._limiters[netloc_of(url)]

    async def get(
        self, url: str, kind: str, scope: Scope, config: FetchConfig, validators: Validators | None = None
    ) -> Response:
        """GET `url` following redirects; RequestFailed (with attempts and elapsed) when it fails."""
        started, counter = asyncio.get_running_loop().time(), _Counter()
        try:
            return await self._follow(url, kind, scope, config, validators, counter, started)
        except RequestFailed as e:
            error = e if e.url == url else type(e)(f"{e.reason} (redirected to {e.url})", url=url, status=e.status)
            error.source, error.attempts = scope.source, counter.n
            error.elapsed = asyncio.get_running_loop().time() - started
            raise error from e

    async def _follow(
        self,
        url: str,
        kind: str,
        scope: Scope,
        config: FetchConfig,
        validators: Validators | None,
        counter: _Counter,
        started: float,
    ) -> Response:
        current, seen = url, {url}
        for _ in range(config.max_redirects + 1):
            await self._check(current, kind, scope, config)
            status, headers, body = await self._with_retries(current, kind, config, validators, counter)
            if status not in REDIRECT_STATUSES:
                elapsed = asyncio.get_running_loop().time() - started
                return Response(url, current, status, headers, body, counter.n, elapsed, validators is not None)
            current = self._next_hop(current, headers, seen)
        raise Unreachable(f"too many redirects (more than {config.max_redirects})", url=url)

    @staticmethod
    def _next_hop(current: str, headers: httpx.Headers, seen: set[str]) -> str:
        location = headers.get("location")
        if not location:
            raise HTTPStatus("redirect without a Location header", url=current)
        target = normalize(location, base=current)
        if target in seen:
            raise Unreachable(f"redirect loop (back to {target})", url=current)
        seen.add(target)
        return target

    async def _check(self, url: str, kind: str, scope: Scope, config: FetchConfig) -> None:
        """Scheme, address and robots.txt checks that every hop must pass."""
        check_scheme(url, scope.source)
        await self.resolver.check(url, scope)
        if config.respect_robots and kind != "robots":
            delay = await self.robots.check(url, scope, config, self)
            if delay:
                self.limiter(url, config).delay = max(self.limiter(url, config).delay, delay)

    async def _with_retries(
        self, url: str, kind: str, config: FetchConfig, validators: Validators | None, counter: _Counter
    ) -> tuple[int, httpx.Headers, bytes]:
        """One hop, tried again after timeouts, connection errors, 429 and 5xx."""
        for attempt in range(config.retries + 1):
            last = attempt == config.retries
            try:
                status, headers, body = await self._attempt(url, kind, config, validators, counter)
            except Unreachable:
                if last:
                    raise
                await asyncio.sleep(self._backoff(attempt))
                continue
            if status not in RETRY_STATUSES or last:
                break
            await self._wait_to_retry(url, status, headers, attempt, config)
        if status >= 400:
            raise HTTPStatus(f"HTTP {status} {_phrase(status)}", url=url, status=status)
        return status, headers, body

    async def _wait_to_retry(
        self, url: str, status: int, headers: httpx.Headers, attempt: int, config: FetchConfig
    ) -> None:
        wait = retry_after(headers.get("retry-after"))
        if wait is None:
            await asyncio.sleep(self._backoff(attempt))
        elif wait > MAX_RETRY_AFTER:
            raise HTTPStatus(f"HTTP {status} {_phrase(status)}, Retry-After {wait:.0f} s", url=url, status=status)
        else:
            self.limiter(url, config).pause(wait)  # the whole host waits, not only this URL

    def _backoff(self, attempt: int) -> float:
        return self.backoff * 2**attempt * random.uniform(1.0, 1.5)

    async def _attempt(
        self, url: str, kind: str, config: FetchConfig, validators: Validators | None, counter: _Counter
    ) -> tuple[int, httpx.Headers, bytes]:
        """One HTTP request in its host's slot, with a total deadline; the body only for 2xx."""
        async with self.limiter(url, config).slot(PRIORITY.get(kind, 1)):
            remaining = config.timeout - counter.spent
            if remaining <= 0:
                raise Unreachable(f"timed out after {config.timeout:g} s", url=url)
            counter.n += 1
            started = asyncio.get_running_loop().time()
            try:
                async with asyncio.timeout(remaining):
                    return await self._send(url, kind, config, validators)
            except AddressRefused as e:
                raise Refused(f"refused: {e}", url=url) from e
            except (TimeoutError, httpx.TimeoutException) as e:
                raise Unreachable(f"timed out after {config.timeout:g} s", url=url) from e
            except httpx.ConnectError as e:
                raise Unreachable(f"cannot connect ({_os_reason(e)})", url=url) from e
            except httpx.HTTPError as e:
                raise Unreachable(f"connection failed ({type(e).__name__}: {_os_reason(e)})", url=url) from e
            finally:
                counter.spent += asyncio.get_running_loop().time() - started

    async def _send(
        self, url: str, kind: str, config: FetchConfig, validators: Validators | None
    ) -> tuple[int, httpx.Headers, bytes]:
        timeout = httpx.Timeout(config.timeout, connect=config.connect_timeout)
        headers = request_headers(kind, config, validators)
        async with self._http.stream("GET", url, headers=headers, timeout=timeout) as r:
            if not 200 <= r.status_code < 300:
                return r.status_code, r.headers, b""
            limit = max(config.max_bytes, SITEMAP_MAX_BYTES) if kind == "sitemap" else config.max_bytes
            check_type(url, kind, r.headers)
            check_length(url, r.headers, limit)
            return r.status_code, r.headers, await read_body(url, r, limit)


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """Certificate checks as httpx does them, built once per process (loading the CAs takes ~15 ms)."""
    return httpx.create_ssl_context()


def request_headers(kind: str, config: FetchConfig, validators: Validators | None) -> dict[str, str]:
    """Headers of one request: identity, content negotiation, the source's own, validators."""
    base = {"User-Agent": config.user_agent, "Accept": ACCEPT[kind], "Accept-Language": ACCEPT_LANGUAGE}
    conditional = validators.headers() if validators else {}
    return base | dict(config.headers) | {"Accept-Encoding": ACCEPT_ENCODING} | conditional


def check_type(url: str, kind: str, headers: httpx.Headers) -> None:
    """NotHTML when an article or listing says it is something else (a missing type is sniffed later)."""
    ctype = headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in TYPED_KINDS and ctype and ctype not in HTML_TYPES:
        raise NotHTML(f"not HTML ({ctype})", url=url)


def check_length(url: str, headers: httpx.Headers, limit: int) -> None:
    """TooLarge before reading when Content-Length is over the limit."""
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise TooLarge(f"too large (Content-Length {int(length)} > max_bytes {limit})", url=url)


async def read_body(url: str, response: httpx.Response, limit: int) -> bytes:
    """The decompressed body, stopped as soon as it passes `limit` bytes."""
    try:
        decoder = BoundedDecoder(response.headers.get("content-encoding"), limit)
        return b"".join([decoder.feed(chunk) async for chunk in response.aiter_raw()])
    except SizeExceeded as e:
        raise TooLarge(f"too large (more than max_bytes {limit} once decompressed)", url=url) from e
    except UnsupportedEncoding as e:
        raise BadDocument(f"unsupported Content-Encoding {e}", url=url) from e
    except zlib.error as e:
        raise BadDocument(f"corrupt compressed body ({e})", url=url) from e


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date); None if absent or bad."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _phrase(status: int) -> str:
    return httpx.codes.get_reason_phrase(status)


def _os_reason(error: Exception) -> str:
    """The OS's words for a network error ("Connection refused"), not the errno noise."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, OSError) and (cause.errno or 0) > 0:
            return os.strerror(cause.errno)  # type: ignore[arg-type]
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
        cause = cause.__cause__ or cause.__context__
    return str(error) or type(error).__name__
