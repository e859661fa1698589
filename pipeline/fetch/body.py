"""Decompression with a ceiling, so a gzip bomb is stopped after max_bytes, not after memory runs out.

httpx decompresses each network chunk in one go (a 64 KiB chunk of a bomb can
become 64 MB); here every chunk is inflated with `max_length`, and the count of
decoded bytes is checked as it grows.
"""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"


class SizeExceeded(Exception):
    """The decoded body grew past the limit."""


class UnsupportedEncoding(Exception):
    """A Content-Encoding we did not ask for (we send Accept-Encoding: gzip, deflate)."""


class BoundedDecoder:
    """Feeds raw chunks in, gets decoded bytes out, never more than `limit` in total."""

    def __init__(self, content_encoding: str | None, limit: int):
        self.limit = limit
        self.size = 0
        self._inflate = _inflater((content_encoding or "identity").strip().lower())

    def feed(self, chunk: bytes) -> bytes:
        """The decoded bytes of `chunk`; SizeExceeded once the total passes the limit."""
        if self._inflate is None:
            return self._count(chunk)
        out = self._inflate.decompress(chunk, self.limit - self.size + 1)
        if self._inflate.unconsumed_tail:
            raise SizeExceeded(self.size + len(out))
        return self._count(out)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise SizeExceeded(self.size)
        return data


def _inflater(encoding: str) -> zlib._Decompress | None:
    if encoding in ("identity", ""):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, auto-detected
    raise UnsupportedEncoding(encoding)


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress a gzip file body (a .xml.gz sitemap) with the same ceiling; data as-is if not gzip."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        return BoundedDecoder("gzip", limit).feed(data)
    except zlib.error:
        return data
