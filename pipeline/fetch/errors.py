"""Why one URL was not fetched: the fetch stage's exceptions.

    FetchError                  (pipeline.errors) a source or URL could not be fetched
    └── RequestFailed           one URL failed; carries attempts, elapsed and whether to retry later
        ├── Unreachable         DNS, connection, timeout, redirect loop or too many redirects
        ├── HTTPStatus          the final response was an HTTP error (4xx/5xx)
        ├── Refused             unsafe: not http(s), outside the source's site, non-public address,
        │                       or a connection that did not reach the address checked
        ├── TooLarge            the body is over max_bytes, as declared or once decompressed
        ├── BadDocument         a feed or sitemap that does not parse, or a bad Content-Encoding
        ├── BlockPage           HTTP 200, but an access-denied page or a cookie wall
        ├── NotHTML             (a skip) the content type is not HTML
        └── Disallowed          (a skip) robots.txt forbids the URL

Every message is one line and starts with the URL (FetchError does that).
"""

from __future__ import annotations

from ..errors import FetchError
from .patterns import GONE_STATUSES

__all__ = [
    "BadDocument",
    "BlockPage",
    "Disallowed",
    "HTTPStatus",
    "NotHTML",
    "Refused",
    "RequestFailed",
    "TooLarge",
    "Unreachable",
]


class RequestFailed(FetchError):
    """One URL could not be fetched; `outcome` says how `fetches` records it."""

    outcome = "failed"  # or "skipped": deliberately not fetched, not an error
    permanent = False  # True: trying again in a later run would not help

    def __init__(self, message: str, *, url: str, source: str | None = None, status: int | None = None):
        super().__init__(message, url=url, source=source, status=status)
        self.reason = message  # the message without the URL
        self.attempts = 0  # HTTP requests sent for this URL (retries and redirect hops included)
        self.elapsed = 0.0


class Unreachable(RequestFailed):
    """No usable response: DNS, connection, timeout, redirect loop or too many redirects."""


class HTTPStatus(RequestFailed):
    """The final response was an HTTP error status."""

    @property
    def permanent(self) -> bool:  # type: ignore[override]
        return self.status in GONE_STATUSES


class Refused(RequestFailed):
    """Not requested for safety: not http(s), outside the source's site, a non-public address,
    or a connection that did not reach the address that was checked."""

    permanent = True


class TooLarge(RequestFailed):
    """The body is bigger than max_bytes, as declared by Content-Length or once decompressed."""

    permanent = True


class BadDocument(RequestFailed):
    """A feed or sitemap that does not parse, or a body in an encoding we did not ask for."""


class BlockPage(RequestFailed):
    """HTTP 200, but the body is an access-denied page, a captcha or a cookie wall."""


class NotHTML(RequestFailed):
    """The response is not HTML (a PDF, an image…): skipped with the type as reason."""

    outcome = "skipped"
    permanent = True


class Disallowed(RequestFailed):
    """robots.txt forbids this URL to our user agent."""

    outcome = "skipped"
    permanent = True
