"""Datasette answers only requests addressed to a host name we expect.

A web page elsewhere can make a reviewer's browser send requests to 127.0.0.1:8001 under a name
of its own (DNS rebinding: `evil.example` first resolves to the attacker, then to 127.0.0.1), and
read the answers as if they came from its own site. What gives it away is the Host header: such a
request says `Host: evil.example`. So every request whose Host is not one of ours is refused with
400 before Datasette sees it. Ours: 127.0.0.1, localhost, ::1, the address `serve` is bound to,
and `[review] allowed_hosts` (the server's name when the review is shared).

`serve` runs Datasette in a child process; it loads `asgi_wrapper` below as a plugin and reads the
accepted names from the environment variable ALLOWED_HOSTS_ENV.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from datasette import hookimpl

ALLOWED_HOSTS_ENV = "PIPELINE_REVIEW_ALLOWED_HOSTS"  # comma-separated host names
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
ANY_ADDRESS = frozenset({"", "0.0.0.0", "::"})  # bound to every interface: no name of its own
REFUSAL = b"Bad Request: this server does not answer to that host name (see [review] allowed_hosts in config.toml)\n"

App = Callable[[dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]]

__all__ = ["ALLOWED_HOSTS_ENV", "HostCheck", "accepted_hosts", "asgi_wrapper", "host_name"]


def accepted_hosts(bound: str, extra: Iterable[str] = ()) -> list[str]:
    """The host names to answer: the local ones, the address bound to, and `extra`; lower case, once each."""
    names = (host_name(n) for n in (*LOCAL_HOSTS, bound, *extra))
    return list(dict.fromkeys(n for n in names if n not in ANY_ADDRESS))


def host_name(header: str) -> str:
    """The name in a Host header, without port, brackets or trailing dot, in lower case."""
    host = header.strip().lower()
    if host.startswith("["):  # [::1]:8001
        host = host[1:].partition("]")[0]
    elif host.count(":") == 1:  # name:port (a bare IPv6 address has more colons)
        host = host.partition(":")[0]
    return host.rstrip(".")


class HostCheck:
    """ASGI middleware: 400 for an HTTP request (a closed socket for a websocket) to a host not accepted."""

    def __init__(self, app: App, hosts: Iterable[str]):
        self.app = app
        self.hosts = frozenset(host_name(h) for h in hosts)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or self._accepts(scope):
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", str(len(REFUSAL)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": REFUSAL})

    def _accepts(self, scope: dict) -> bool:
        host = next((value for name, value in scope.get("headers", []) if name == b"host"), b"")
        return host_name(host.decode("latin-1")) in self.hosts


def hosts_from_environment() -> list[str]:
    """The names `serve` passed to its Datasette child; the local ones alone when it passed none."""
    extra = [h for h in os.environ.get(ALLOWED_HOSTS_ENV, "").split(",") if h.strip()]
    return accepted_hosts("127.0.0.1", extra)


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    """Datasette's plugin hook: its ASGI app wrapped in the Host check."""
    hosts = hosts_from_environment()
    return lambda app: HostCheck(app, hosts)
