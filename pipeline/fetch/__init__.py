"""The fetch stage: every enabled source's new pages, decoded, one Page at a time."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from ..config import SourceConfig
from ..errors import FetchError
from ..models import Page
from .files import file_pages

log = logging.getLogger(__name__)

__all__ = ["Fetcher"]


class Fetcher:
    """Fetches sources and records what it saw; failures never stop other sources."""

    def __init__(self, db: sqlite_utils.Database, run_id: int | None, base_dir: Path, refetch: bool = False):
        self.db = db
        self.run_id = run_id
        self.base_dir = base_dir
        self.refetch = refetch
        self.source_errors: dict[str, str] = {}  # source name -> one-line reason it failed
        self.failures: list[FetchError] = []  # every URL that failed

    def pages(self, sources: list[SourceConfig]) -> Iterator[Page]:
        for source in sources:
            if source.kind == "files":
                yield from self._files(source)
            else:
                self.source_errors[source.name] = f"{source.url}: web fetching is not available yet"

    def _files(self, source: SourceConfig) -> Iterator[Page]:
        for item in file_pages(source.path, source.name, self.base_dir):
            if isinstance(item, FetchError):
                self.failures.append(item)
                self.source_errors.setdefault(source.name, str(item))
            else:
                yield item
