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
from dataclasses import dataclass
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from .errors import Refused, Unreachable
from .patterns import DEFAULT_PORTS, TRACKING_PARAMS, TRACKING_PREFIXES

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


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
        return same_site(host, host_of(self.home)) or any(
            host == d or host.endswith("." + d) for d in self.domains
        )

    def check_link(self, url: str) -> None:
        """Raise Refused unless `url` is an http(s) link inside this source's site."""
        check_scheme(url, self.source)
        if not self.allows_host(host_of(url)):
            raise Refused(f"refused: {host_of(url)} is outside the source's site ({host_of(self.home)})",
                          url=url, source=self.source)


def check_scheme(url: str, source: str | None = None) -> None:
    """Raise Refused for anything but http and https."""
    if urlsplit(url).scheme not in ("http", "https") or not host_of(url):
        raise Refused("refused: only http(s) URLs are fetched", url=url, source=source)


class Resolver:
    """Resolves hosts once per run and refuses non-public addresses a source does not live at."""

    def __init__(self) -> None:
        self._cache: dict[str, list[IPAddress]] = {}

    async def addresses(self, url: str, source: str | None = None) -> list[IPAddress]:
        """Every address `url`'s host resolves to; Unreachable when it does not resolve."""
        host = host_of(url)
        if host not in self._cache:
            self._cache[host] = await self._resolve(url, host, source)
        return self._cache[host]

    async def _resolve(self, url: str, host: str, source: str | None) -> list[IPAddress]:
        if _is_ip(host):
            return [ipaddress.ip_address(host)]
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as e:
            raise Unreachable(f"cannot connect ({getattr(e, 'strerror', None) or e})", url=url, source=source) from e
        return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]

    async def check(self, url: str, scope: Scope) -> None:
        """Raise Refused when `url` resolves to a non-public address the source does not live at."""
        for address in await self.addresses(url, scope.source):
            if not is_public(address) and address not in scope.own_addresses:
                raise Refused(f"refused: {host_of(url)} is a non-public address ({address})",
                              url=url, source=scope.source)

    async def own_addresses(self, home: str, source: str) -> frozenset[IPAddress]:
        """The non-public addresses a source's own URL resolves to: the ones it may use."""
        return frozenset(a for a in await self.addresses(home, source) if not is_public(a))


def is_public(address: IPAddress) -> bool:
    """True for globally routable addresses (not loopback, private, link-local, metadata…)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast
