"""URL normalization and the safety rules for where a source may send us.

One article should have one URL: `normalize` lower-cases scheme and host, drops
default ports, fragments and tracking parameters. A source may only lead us to
its own site (plus `allowed_domains`), and never to a loopback, private,
link-local or metadata address unless the source itself lives at that address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

import httpx

from .errors import Refused, Unreachable
from .patterns import DEFAULT_PORTS, TRACKING_PARAMS, TRACKING_PREFIXES

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: the last 32 bits are an IPv4 address


def normalize(url: str, base: str | None = None) -> str:
    """The canonical spelling of `url` (made absolute against `base` first)."""
    parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").rstrip(".")
    port = parts.port if parts.port != DEFAULT_PORTS.get(scheme) else None
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port}" if port else ""
    query = "&".join(p for p in parts.query.split("&") if p and not is_tracking(unquote_plus(p.split("=")[0])))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def is_tracking(param: str) -> bool:
    """True for query parameters that only identify a campaign or a click."""
    name = param.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def host_of(url: str) -> str:
    """The lower-case host of `url`, without port."""
    return (urlsplit(url).hostname or "").rstrip(".")


def netloc_of(url: str) -> str:
    """host[:port]: the unit that politeness (delay, concurrency, robots.txt) applies to."""
    return urlsplit(url).netloc.lower()


def same_site(host: str, other: str) -> bool:
    """Same host, or one a subdomain of the other once a leading "www." is dropped."""
    if _is_ip(host) or _is_ip(other):
        return host == other
    a, b = host.removeprefix("www."), other.removeprefix("www.")
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Scope:
    """Where one source may lead: its own site, its allowed domains, its own addresses."""

    source: str
    home: str  # the source's own URL
    domains: tuple[str, ...] = ()  # allowed_domains
    own_addresses: frozenset[IPAddress] = frozenset()  # non-public addresses the source lives at

    def allows_host(self, host: str) -> bool:
        """True when a discovered link to `host` may be followed."""
        return same_site(host, host_of(self.home)) or any(host == d or host.endswith("." + d) for d in self.domains)

    def check_link(self, url: str) -> None:
        """Raise Refused unless `url` is an http(s) link inside this source's site."""
        check_scheme(url, self.source)
        if not self.allows_host(host_of(url)):
            raise Refused(
                f"refused: {host_of(url)} is outside the source's site ({host_of(self.home)})",
                url=url,
                source=self.source,
            )


def check_scheme(url: str, source: str | None = None) -> None:
    """Raise Refused for anything but http and https."""
    if urlsplit(url).scheme not in ("http", "https") or not host_of(url):
        raise Refused("refused: only http(s) URLs are fetched", url=url, source=source)


Lookup = Callable[[str], Awaitable[list[str]]]  # host name -> addresses, as text


async def system_lookup(host: str) -> list[str]:
    """The addresses the operating system resolves `host` to (getaddrinfo, without blocking the loop)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def connect_host(url: str, source: str | None = None) -> str:
    """The host name httpx connects to for `url` (IDNA-encoded): the key addresses are pinned by."""
    try:
        return httpx.URL(url).raw_host.decode("ascii")
    except httpx.InvalidURL as e:
        raise Refused(f"refused: invalid host name ({e})", url=url, source=source) from e


class Resolver:
    """Resolves each host once per run, and refuses non-public addresses a source does not live at.

    It is the fetch stage's only name resolution: connections go to the addresses
    it returned (pinning.py), so what was checked is what is connected to. The
    first answer for a host stands for the whole run, even if the name changes.
    """

    def __init__(self, lookup: Lookup = system_lookup) -> None:
        self._lookup = lookup
        self._cache: dict[str, list[IPAddress]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def addresses(self, url: str, source: str | None = None) -> list[IPAddress]:
        """Every address `url`'s host resolves to; Unreachable when it does not resolve."""
        host = connect_host(url, source)
        async with self._locks.setdefault(host, asyncio.Lock()):  # one lookup per host, never overwritten
            if host not in self._cache:
                self._cache[host] = await self._resolve(url, host, source)
        return self._cache[host]

    def pinned(self, host: str) -> list[IPAddress]:
        """The addresses `host` (as connect_host gives it) resolved to in this run; [] if never resolved."""
        return list(self._cache.get(host, []))

    async def _resolve(self, url: str, host: str, source: str | None) -> list[IPAddress]:
        if _is_ip(host):
            return [ipaddress.ip_address(host)]
        try:
            answers = await self._lookup(host)
        except (OSError, UnicodeError) as e:
            raise Unreachable(f"cannot connect ({getattr(e, 'strerror', None) or e})", url=url, source=source) from e
        addresses = list(dict.fromkeys(ipaddress.ip_address(a.split("%")[0]) for a in answers))
        if not addresses:
            raise Unreachable("cannot connect (the name resolves to no address)", url=url, source=source)
        return addresses

    async def check(self, url: str, scope: Scope) -> None:
        """Raise Refused when `url` resolves to a non-public address the source does not live at."""
        for address in await self.addresses(url, scope.source):
            if not is_public(address) and address not in scope.own_addresses:
                raise Refused(
                    f"refused: {host_of(url)} is a non-public address ({address})", url=url, source=scope.source
                )

    async def own_addresses(self, home: str, source: str) -> frozenset[IPAddress]:
        """The non-public addresses a source's own URL resolves to: the ones it may use."""
        return frozenset(a for a in await self.addresses(home, source) if not is_public(a))


def is_public(address: IPAddress) -> bool:
    """True for globally routable addresses (not loopback, private, link-local, metadata…).

    An IPv6 address that carries an IPv4 one (mapped, NAT64, 6to4, Teredo) is judged by that one.
    """
    embedded = embedded_ipv4(address) if isinstance(address, ipaddress.IPv6Address) else None
    if embedded is not None:
        return is_public(embedded)  # where the packets end up
    return address.is_global and not address.is_multicast


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if it is one of the translation forms."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour:
        return address.sixtofour
    return address.teredo[1] if address.teredo else None
