"""Connections go only to the addresses the Resolver returned and checked: no second DNS lookup.

httpx would resolve a host again when it connects, so a host could answer a
public address to our check and 169.254.169.254 to the connection (DNS
rebinding). `PinnedBackend` is an httpcore network backend that never resolves:
it asks the run's `Resolver` for the addresses it already handed to the check,
connects to them in turn, and makes sure the socket's peer is the address it
dialled. TLS is unaffected: httpcore starts it on the returned stream with the
URL's host name as SNI and for certificate checks, and httpx sends the Host header.

httpx 0.28 has no parameter for a network backend on its transport (encode/httpx
PR #3749 proposes one), so `PinnedTransport` replaces the transport's connection
pool with one built on `PinnedBackend`.
"""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Iterable

import httpcore
import httpx

from .urls import IPAddress, Resolver


class AddressRefused(Exception):
    """A connection that would not go, or did not go, to an address the Resolver checked."""


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """TCP connections to the checked addresses of a host, never to a fresh DNS answer."""

    def __init__(self, resolver: Resolver, backend: httpcore.AsyncNetworkBackend | None = None):
        self.resolver = resolver
        self.backend = backend or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = self.resolver.pinned(host)
        if not addresses:
            raise AddressRefused(f"{host} was not resolved and checked before connecting")
        failure: Exception | None = None
        for address in addresses:  # the first that accepts, as a resolver-driven connect would
            try:
                stream = await self.backend.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                failure = e
                continue
            await _check_peer(stream, address)
            return stream
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused("Unix sockets are never used by the fetch stage")

    async def sleep(self, seconds: float) -> None:
        await self.backend.sleep(seconds)


async def _check_peer(stream: httpcore.AsyncNetworkStream, address: IPAddress) -> None:
    """AddressRefused (and the stream closed) when the socket is not connected to `address`.

    Dialling 0.0.0.0 or :: reaches the local host, for instance: nothing is sent before this check.
    """
    peer = stream.get_extra_info("server_addr")
    landed = ipaddress.ip_address(str(peer[0]).split("%")[0]) if peer else None
    if landed != address:
        await stream.aclose()
        raise AddressRefused(f"connected to {landed}, not to the checked address {address}")


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, its connection pool built on PinnedBackend."""

    def __init__(self, resolver: Resolver, *, ssl_context: ssl.SSLContext, limits: httpx.Limits):
        super().__init__(verify=ssl_context, limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend(resolver),
        )
