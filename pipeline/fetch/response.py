"""What one GET gives back (`Response`) and what a conditional GET sends (`Validators`).

Apart from the client (http.py) so that robots.txt handling, the records of
requests and the fetch memory can use them without importing the client.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Validators:
    """What a conditional request sends back: the ETag and Last-Modified seen last time."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        h = {"If-None-Match": self.etag} if self.etag else {}
        return h | ({"If-Modified-Since": self.last_modified} if self.last_modified else {})


@dataclass(frozen=True)
class Response:
    """The outcome of one GET after redirects: 2xx with its body, or 304 with none."""

    url: str  # as asked for
    final_url: str  # after redirects, normalized
    status: int
    headers: httpx.Headers
    body: bytes  # decompressed
    attempts: int  # HTTP requests sent (retries and redirect hops included)
    elapsed: float
    conditional: bool  # validators were sent

    @property
    def validators(self) -> Validators:
        return Validators(self.headers.get("etag"), self.headers.get("last-modified"))
