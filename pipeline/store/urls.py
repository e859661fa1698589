"""What the fetch stage remembers between runs: the `urls` and `fetches` tables.

An article URL is *done*, and not fetched again unless refetch is asked, once it
is stored, a duplicate, deliberately skipped, or has failed MAX_FAILS runs in a
row (at once for permanent failures such as 404). A sitemap entry older than
sitemap_days is remembered as *old*: neither done nor pending, it is fetched if a
sitemap lists it again within the window, and the operator is told of it once.

Per run, each source's state (read, unchanged, failed) is kept in `source_runs`:
`source_health` answers, per source, when it last worked, its last error and how
many runs in a row it has failed.

Everything here returns plain values (strings, tuples, dicts): the fetch stage
builds its own types from them, so the store never imports fetch. Called only
from the consumer's thread (sqlite connections are not shared between threads).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from ..models import FetchRecord, utc_now
from .transactions import write_transaction

__all__ = ["MAX_FAILS", "OUTCOMES", "Urls"]

MAX_FAILS = 3  # failed runs after which an article URL is given up (until refetch)
OUTCOMES = ("stored", "duplicate", "failed", "skipped")  # what can become of a fetched page (`mark`)
DONE_STATUSES = ("stored", "duplicate", "skipped")
PENDING_STATUSES = ("seen", "fetched", "failed")  # articles a later run should still try
VALIDATED_STATUSES = ("stored", "duplicate")  # articles whose validators a refetch sends
DOCUMENT_KINDS = ("feed", "sitemap", "listing")  # documents asked for conditionally on every run
CHUNK = 500  # URLs per IN (...) query

Validators = tuple[str | None, str | None]  # (ETag, Last-Modified)

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

HEALTH = """
WITH last_ok AS (SELECT source, MAX(run_id) AS run_id FROM source_runs WHERE state != 'failed' GROUP BY source),
     last_failed AS (SELECT source, MAX(run_id) AS run_id FROM source_runs WHERE state = 'failed' GROUP BY source)
SELECT s.source,
       (SELECT COALESCE(r.finished_at, r.started_at) FROM runs r WHERE r.id = ok.run_id),
       (SELECT COUNT(*) FROM source_runs x WHERE x.source = s.source AND x.state = 'failed'
                                             AND x.run_id > COALESCE(ok.run_id, 0)) AS in_a_row,
       (SELECT COALESCE(r.finished_at, r.started_at) FROM runs r WHERE r.id = bad.run_id),
       (SELECT x.error FROM source_runs x WHERE x.source = s.source AND x.run_id = bad.run_id)
FROM (SELECT DISTINCT source FROM source_runs) s
LEFT JOIN last_ok ok ON ok.source = s.source
LEFT JOIN last_failed bad ON bad.source = s.source
ORDER BY in_a_row DESC, s.source
"""


class Urls:
    """The fetch stage's memory of URLs and requests, on one database (`store.urls`)."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    # read before a run -----------------------------------------------------
    def document_validators(self) -> dict[str, Validators]:
        """(ETag, Last-Modified) of every feed, sitemap and listing page that sent some, by URL."""
        rows = self.db.execute(
            f"SELECT url, etag, last_modified FROM urls WHERE kind IN {DOCUMENT_KINDS} "
            "AND (etag IS NOT NULL OR last_modified IS NOT NULL)"
        )
        return {url: (etag, modified) for url, etag, modified in rows}

    def robots_files(self) -> list[dict[str, Any]]:
        """Every robots.txt kept: url, text, checked_at (ISO, when last asked), etag, last_modified."""
        rows = self.db.execute(
            "SELECT url, body, last_seen, etag, last_modified FROM urls WHERE kind = 'robots' AND body IS NOT NULL"
        )
        keys = ("url", "text", "checked_at", "etag", "last_modified")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def pending(self, source: str, limit: int) -> list[str]:
        """Article URLs a source listed before that are neither done nor given up, newest first."""
        rows = self.db.execute(
            f"SELECT url FROM urls WHERE source = ? AND kind = 'article' AND status IN {PENDING_STATUSES} "
            "AND fails < ? ORDER BY first_seen DESC LIMIT ?",
            [source, MAX_FAILS, limit],
        )
        return [r[0] for r in rows]

    # asked during a run ----------------------------------------------------
    def done(self, urls: list[str]) -> set[str]:
        """Those of `urls` that need no fetching: done, or given up after failing."""
        found: set[str] = set()
        for chunk in _chunks(urls):
            found.update(
                r[0]
                for r in self.db.execute(
                    f"SELECT url FROM urls WHERE url IN ({_marks(chunk)}) AND (status IN {DONE_STATUSES} OR fails >= ?)",
                    [*chunk, MAX_FAILS],
                )
            )
        return found

    def article_validators(self, urls: list[str]) -> dict[str, Validators]:
        """(ETag, Last-Modified) of those of `urls` whose article is stored (or a duplicate of a stored one).

        Only those: a page that was fetched but not stored must come back whole, not as a 304.
        """
        found: dict[str, Validators] = {}
        for chunk in _chunks(urls):
            found.update(
                (url, (etag, modified))
                for url, etag, modified in self.db.execute(
                    f"SELECT url, etag, last_modified FROM urls WHERE url IN ({_marks(chunk)}) "
                    f"AND kind = 'article' AND status IN {VALIDATED_STATUSES} "
                    "AND (etag IS NOT NULL OR last_modified IS NOT NULL)",
                    chunk,
                )
            )
        return found

    # written during a run --------------------------------------------------
    def remember(self, source: str, urls: Iterable[str]) -> None:
        """Note article URLs a source listed: new ones as 'seen', known ones get a new last_seen."""
        now = utc_now()
        self.db.conn.executemany(
            "INSERT INTO urls (url, source, kind, status, first_seen, last_seen) "
            "VALUES (?, ?, 'article', 'seen', ?, ?) ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen",
            [(url, source, now, now) for url in urls],
        )

    def record(
        self, rec: FetchRecord, run_id: int | None, *, url_status: str | None = None, canonical: str | None = None
    ) -> None:
        """A row in `fetches` for the request, and the URL's new state in `urls` (`url_status`, or the
        request's own status; `canonical` when the page turned out to live at another URL)."""
        self.db.execute(
            "INSERT INTO fetches (run_id, url, final_url, source, kind, status, http_status, error, attempts, bytes, "
            "elapsed, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                rec.url,
                rec.final_url,
                rec.source,
                rec.kind,
                rec.status,
                rec.http_status,
                rec.error,
                rec.attempts,
                rec.bytes,
                rec.elapsed,
                rec.fetched_at,
            ],
        )
        status = url_status or rec.status
        fails = (MAX_FAILS if rec.permanent else 1) if status == "failed" else 0
        self.db.execute(
            UPSERT_URL,
            {
                "url": rec.url,
                "source": rec.source,
                "kind": rec.kind,
                "status": status,
                "http_status": rec.http_status,
                "etag": rec.etag,
                "last_modified": rec.last_modified,
                "error": rec.error,
                "fails": fails,
                "canonical": canonical if canonical != rec.url else None,
                "body": rec.body,
                "now": rec.fetched_at,
                "fresh": rec.status == "ok",  # a full response: its validators replace the old ones, even by none
            },
        )

    def remember_old(self, source: str, kind: str, urls: list[str]) -> int:
        """Note sitemap entries (or sitemaps) too old to fetch; return how many were not known before."""
        now = utc_now()
        with write_transaction(self.db):
            return self.db.conn.executemany(
                "INSERT INTO urls (url, source, kind, status, first_seen, last_seen) VALUES (?, ?, ?, 'old', ?, ?) "
                "ON CONFLICT(url) DO NOTHING",
                [(url, source, kind, now, now) for url in urls],
            ).rowcount

    def alias(self, url: str, source: str, status: str) -> None:
        """Make sure a page's canonical URL has its own row (it may not have been listed anywhere)."""
        now = utc_now()
        self.db.execute(
            "INSERT INTO urls (url, source, kind, status, first_seen, last_seen) VALUES (?, ?, 'article', ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET status = excluded.status, last_seen = excluded.last_seen",
            [url, source, status, now, now],
        )

    # written after a page went through the pipeline -----------------------------
    def mark(
        self, url: str, status: str, article_id: int | None = None, *, source: str, error: str | None = None
    ) -> None:
        """What became of a fetched page, in its own transaction: its URL and every URL that led to it
        get `status`, one of OUTCOMES (and, when it failed, the reason; any other outcome clears the
        last one). A URL fetch never listed (a file, say) gets a row under `source`."""
        if status not in OUTCOMES:
            raise ValueError(f"status must be one of {', '.join(OUTCOMES)}, not {status!r}")
        now = utc_now()
        with write_transaction(self.db):
            updated = self.db.execute(
                "UPDATE urls SET status = ?, article_id = COALESCE(?, article_id), last_seen = ?, error = ?, "
                "fails = CASE WHEN ? = 'failed' THEN fails + 1 ELSE 0 END WHERE url = ? OR canonical = ?",
                [status, article_id, now, error, status, url, url],
            ).rowcount
            if not updated:
                self.db.execute(
                    "INSERT INTO urls (url, source, kind, status, article_id, error, first_seen, last_seen) "
                    "VALUES (?, ?, 'article', ?, ?, ?, ?, ?)",
                    [url, source, status, article_id, error, now, now],
                )

    # reports ---------------------------------------------------------------
    def record_sources(self, run_id: int, states: Iterable[tuple[str, str, int, str]]) -> None:
        """Each source's (name, state, pages, error) at the end of a run."""
        with write_transaction(self.db):
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO source_runs (run_id, source, state, pages, error) VALUES (?, ?, ?, ?, ?)",
                [(run_id, name, state, pages, error or None) for name, state, pages, error in states],
            )

    def health(self) -> list[dict[str, Any]]:
        """Per source: when a run last read it (or found it unchanged), how many runs in a row it has
        failed since, and its last error with when it happened; failing sources first."""
        rows = self.db.execute(HEALTH)
        keys = ("source", "last_success", "failures_in_a_row", "last_error_at", "last_error")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def source_health(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Per source: requests, ok, not-modified, failed, skipped and the last error (of one run, or all)."""
        where, params = ("WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
        rows = self.db.execute(
            "SELECT source, COUNT(*), SUM(status = 'ok'), SUM(status = 'not-modified'), SUM(status = 'failed'), "
            "SUM(status = 'skipped'), SUM(bytes), MAX(CASE WHEN status = 'failed' THEN fetched_at END) "
            f"FROM fetches {where} GROUP BY source ORDER BY source",
            params,
        )
        keys = ("source", "fetches", "ok", "not_modified", "failed", "skipped", "bytes", "last_failure")
        return [dict(zip(keys, row, strict=True)) for row in rows]


def _chunks(urls: list[str]) -> Iterable[list[str]]:
    """`urls` in pieces small enough for one IN (...) query."""
    return (urls[i : i + CHUNK] for i in range(0, len(urls), CHUNK))


def _marks(chunk: list[str]) -> str:
    """One `?` per URL, for IN (...)."""
    return ",".join("?" * len(chunk))
