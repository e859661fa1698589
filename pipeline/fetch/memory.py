"""What the fetching thread needs from the database, read by the consumer before it starts.

The store gives plain rows (store/urls.py); this is where they become fetch's own
types: `Validators` for conditional requests, `RobotsEntry` for robots.txt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from ..config import SourceConfig
from .response import Validators
from .robots import RobotsEntry

if TYPE_CHECKING:
    from ..store.urls import Urls


@dataclass
class Memory:
    """What the fetching thread knows from earlier runs."""

    validators: dict[str, Validators] = field(default_factory=dict)  # feed/sitemap/listing URL ->
    robots: dict[str, RobotsEntry] = field(default_factory=dict)  # robots.txt URL ->
    backlog: dict[str, list[str]] = field(default_factory=dict)  # source -> URLs seen, not yet fetched


def load_memory(urls: Urls, sources: list[SourceConfig]) -> Memory:
    """Validators of documents, cached robots.txt and each source's unfinished URLs."""
    validators = {url: Validators(*pair) for url, pair in urls.document_validators().items()}
    robots = {
        r["url"]: RobotsEntry(r["url"], r["text"], _epoch(r["checked_at"]), Validators(r["etag"], r["last_modified"]))
        for r in urls.robots_files()
    }
    backlog = {s.name: urls.pending(s.name, s.fetch.max_pages) for s in sources}
    return Memory(validators, robots, backlog)


def _epoch(iso: str | None) -> float:
    """Seconds since the epoch of an ISO timestamp; 0 (long ago) when missing or bad."""
    try:
        return datetime.fromisoformat(iso).timestamp() if iso else 0.0
    except ValueError:
        return 0.0
