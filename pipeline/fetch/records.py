"""Messages from the fetching thread to the consumer, which alone touches the database.

FetchRecord   (pipeline.models) one logical request and its outcome: a row of `fetches`, an
              update of `urls`; made by response_record and error_record
Found         a page to yield, with the record of the request that got it
Discovered    links a source found: the consumer remembers them and answers (`Known`) which
              are done, and with which validators the others are asked for
Scheduled     how many articles a source queued, and how many links max_pages left for later
TooOld        sitemap entries (or sitemaps) a source skipped as older than sitemap_days
SourceFailed  a source could not be read at all, with the one-line reason and what to do
Crashed       an unexpected error in the fetching thread, re-raised by the consumer
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from ..models import FetchRecord, Page
from .errors import RequestFailed
from .response import Response, Validators


def response_record(r: Response, source: str, kind: str) -> FetchRecord:
    """The record of a request that got a response (2xx or 304)."""
    return FetchRecord(
        url=r.url,
        source=source,
        kind=kind,
        status="not-modified" if r.status == 304 else "ok",
        http_status=r.status,
        attempts=r.attempts,
        bytes=len(r.body),
        elapsed=round(r.elapsed, 3),
        final_url=r.final_url,
        etag=r.validators.etag,
        last_modified=r.validators.last_modified,
        conditional=r.conditional,
    )


def error_record(e: RequestFailed, source: str, kind: str) -> FetchRecord:
    """The record of a request that failed or was skipped."""
    return FetchRecord(
        url=e.url,
        source=source,
        kind=kind,
        status=e.outcome,
        http_status=e.status,
        error=e.reason,
        attempts=e.attempts,
        elapsed=round(e.elapsed, 3),
        permanent=e.permanent,
    )


@dataclass
class Found:
    """A fetched page, ready to be yielded once its record is written."""

    page: Page
    record: FetchRecord


@dataclass
class Known:
    """What the consumer knows of some listed links: which need no fetching, and validators for others."""

    done: set[str] = field(default_factory=set)
    validators: dict[str, Validators] = field(default_factory=dict)  # stored articles refetched on request


@dataclass
class Discovered:
    """Article links a source listed; `reply` receives what the consumer knows of them."""

    source: str
    urls: list[str]
    reply: asyncio.Future[Known]


@dataclass
class Scheduled:
    """Articles a source queued for fetching, and links it left for the next run (max_pages)."""

    source: str
    count: int
    left: int = 0


@dataclass
class TooOld:
    """Sitemap entries (kind "article") or sitemaps of an index ("sitemap") older than sitemap_days."""

    source: str
    kind: str
    urls: list[str]


@dataclass
class SourceFailed:
    source: str
    reason: str  # one line, starting with the URL
    advice: str = ""  # what the operator should do


@dataclass
class Crashed:
    error: BaseException


Message = FetchRecord | Found | Discovered | Scheduled | TooOld | SourceFailed | Crashed
