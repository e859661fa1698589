"""What the fetch stage remembers between runs: the `urls` and `fetches` tables.

Called only from the consumer's thread (sqlite connections are not shared
between threads). An article URL is *done*, and not fetched again unless
refetch is asked, once it is stored, a duplicate, deliberately skipped, or has
failed MAX_FAILS runs in a row (at once for permanent failures such as 404).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlite_utils

from ..config import SourceConfig
from ..models import FetchRecord, utc_now
from .crawl import Memory
from .patterns import MAX_FAILS
from .response import Validators
from .robots import RobotsEntry

DONE_STATUSES = ("stored", "duplicate", "skipped")
PENDING_STATUSES = ("seen", "fetched", "failed")  # articles a later run should still try
VALIDATED_STATUSES = ("stored", "duplicate")  # articles whose validators a refetch sends
CHUNK = 500  # URLs per IN (...) query

UPSERT_URL = """
INSERT INTO urls (url, source, kind, status, http_status, etag, last_modified, error, fails, canonical, body,
                  first_seen, last_seen)
VALUES (:url, :source, :kind, :status, :http_status, :etag, :last_modified, :error, :fails, :canonical, :body,
        :now, :now)
ON CONFLICT(url) DO UPDATE SET
    kind = excluded.kind,
    status = CASE WHEN excluded.kind = 'article' AND excluded.status = 'not-modified' THEN urls.status
                  ELSE excluded.status END,  -- a stored article answering 304 stays stored
    http_status = excluded.http_status,
    etag = CASE WHEN :fresh THEN excluded.etag ELSE COALESCE(excluded.etag, urls.etag) END,
    last_modified = CASE WHEN :fresh THEN excluded.last_modified
                         ELSE COALESCE(excluded.last_modified, urls.last_modified) END,
    error = excluded.error,
    fails = CASE WHEN excluded.status = 'failed' THEN MAX(urls.fails + 1, excluded.fails) ELSE 0 END,
    canonical = COALESCE(excluded.canonical, urls.canonical),
    body = COALESCE(excluded.body, urls.body),
    last_seen = excluded.last_seen
"""


def load_memory(db: sqlite_utils.Database, sources: list[SourceConfig]) -> Memory:
    """Validators of documents, cached robots.txt and each source's unfinished URLs."""
    validators = {
        url: Validators(etag, modified) for url, etag, modified in db.execute(
            "SELECT url, etag, last_modified FROM urls WHERE kind IN ('feed', 'sitemap', 'listing') "
            "AND (etag IS NOT NULL OR last_modified IS NOT NULL)")
    }
    robots = {
        url: RobotsEntry(url, text, _epoch(checked), Validators(etag, modified))
        for url, text, checked, etag, modified in db.execute(
            "SELECT url, body, last_seen, etag, last_modified FROM urls WHERE kind = 'robots' AND body IS NOT NULL")
    }
    backlog = {s.name: pending(db, s.name, s.fetch.max_pages) for s in sources}
    return Memory(validators, robots, backlog)


def pending(db: sqlite_utils.Database, source: str, limit: int) -> list[str]:
    """Article URLs a source listed before that are neither done nor given up, newest first."""
    rows = db.execute(
        f"SELECT url FROM urls WHERE source = ? AND kind = 'article' AND status IN {PENDING_STATUSES} "
        "AND fails < ? ORDER BY first_seen DESC LIMIT ?", [source, MAX_FAILS, limit])
    return [r[0] for r in rows]


def done(db: sqlite_utils.Database, urls: list[str]) -> set[str]:
    """Those of `urls` that need no fetching: done, or given up after failing."""
    found: set[str] = set()
    for i in range(0, len(urls), CHUNK):
        chunk = urls[i:i + CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(
            f"SELECT url FROM urls WHERE url IN ({marks}) AND (status IN {DONE_STATUSES} OR fails >= ?)",
            [*chunk, MAX_FAILS]))
    return found


def article_validators(db: sqlite_utils.Database, urls: list[str]) -> dict[str, Validators]:
    """ETag and Last-Modified of those of `urls` whose article is stored (or a duplicate of a stored one).

    Only those: a page that was fetched but not stored must come back whole, not as a 304.
    """
    found: dict[str, Validators] = {}
    for i in range(0, len(urls), CHUNK):
        chunk = urls[i:i + CHUNK]
        found.update((url, Validators(etag, modified)) for url, etag, modified in db.execute(
            f"SELECT url, etag, last_modified FROM urls WHERE url IN ({','.join('?' * len(chunk))}) "
            f"AND kind = 'article' AND status IN {VALIDATED_STATUSES} "
            "AND (etag IS NOT NULL OR last_modified IS NOT NULL)", chunk))
    return found


def remember(db: sqlite_utils.Database, source: str, urls: Iterable[str]) -> None:
    """Note article URLs a source listed: new ones as 'seen', known ones get a new last_seen."""
    now = utc_now()
    db.conn.executemany(
        "INSERT INTO urls (url, source, kind, status, first_seen, last_seen) VALUES (?, ?, 'article', 'seen', ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen",
        [(url, source, now, now) for url in urls],
    )


def record(db: sqlite_utils.Database, rec: FetchRecord, run_id: int | None, *, url_status: str | None = None,
           canonical: str | None = None) -> None:
    """A row in `fetches` for the request, and the URL's new state in `urls`."""
    db.execute(
        "INSERT INTO fetches (run_id, url, final_url, source, kind, status, http_status, error, attempts, bytes, "
        "elapsed, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, rec.url, rec.final_url, rec.source, rec.kind, rec.status, rec.http_status, rec.error,
         rec.attempts, rec.bytes, rec.elapsed, rec.fetched_at],
    )
    status = url_status or rec.status
    fails = (MAX_FAILS if rec.permanent else 1) if status == "failed" else 0
    db.execute(UPSERT_URL, {
        "url": rec.url, "source": rec.source, "kind": rec.kind, "status": status, "http_status": rec.http_status,
        "etag": rec.etag, "last_modified": rec.last_modified, "error": rec.error, "fails": fails,
        "canonical": canonical if canonical != rec.url else None, "body": rec.body, "now": rec.fetched_at,
        "fresh": rec.status == "ok",  # a full response: its validators replace the old ones, even by none
    })


def alias(db: sqlite_utils.Database, url: str, source: str, status: str) -> None:
    """Make sure a page's canonical URL has its own row (it may not have been listed anywhere)."""
    now = utc_now()
    db.execute(
        "INSERT INTO urls (url, source, kind, status, first_seen, last_seen) VALUES (?, ?, 'article', ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET status = excluded.status, last_seen = excluded.last_seen",
        [url, source, status, now, now],
    )


def mark(db: sqlite_utils.Database, url: str, status: str, article_id: int | None, source: str,
         error: str | None = None) -> None:
    """What became of a page: its URL and every URL that led to it get `status` (and, when it
    failed, the reason; any other outcome clears the last one)."""
    now = utc_now()
    updated = db.execute(
        "UPDATE urls SET status = ?, article_id = COALESCE(?, article_id), last_seen = ?, error = ?, "
        "fails = CASE WHEN ? = 'failed' THEN fails + 1 ELSE 0 END WHERE url = ? OR canonical = ?",
        [status, article_id, now, error, status, url, url],
    ).rowcount
    if not updated:
        db.execute(
            "INSERT INTO urls (url, source, kind, status, article_id, error, first_seen, last_seen) "
            "VALUES (?, ?, 'article', ?, ?, ?, ?, ?)", [url, source, status, article_id, error, now, now])


def source_health(db: sqlite_utils.Database, run_id: int | None = None) -> list[dict[str, Any]]:
    """Per source: requests, ok, not-modified, failed, skipped and the last error (of one run, or all)."""
    where, params = ("WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
    rows = db.execute(
        "SELECT source, COUNT(*), SUM(status = 'ok'), SUM(status = 'not-modified'), SUM(status = 'failed'), "
        "SUM(status = 'skipped'), SUM(bytes), MAX(CASE WHEN status = 'failed' THEN fetched_at END) "
        f"FROM fetches {where} GROUP BY source ORDER BY source", params)
    keys = ("source", "fetches", "ok", "not_modified", "failed", "skipped", "bytes", "last_failure")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _epoch(iso: str | None) -> float:
    """Seconds since the epoch of an ISO timestamp; 0 (long ago) when missing or bad."""
    try:
        return datetime.fromisoformat(iso).timestamp() if iso else 0.0
    except ValueError:
        return 0.0

