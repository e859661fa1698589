"""The load stage: normalized rows in SQLite, one transaction per article.

`Store.save(extraction)` writes an article with its mentions, dates and event
reports atomically, merges event reports into events, and removes entities and
events no longer backed by any article. Re-saving an unchanged article is a no-op, and
re-extracting one keeps its events' ids (`events.attach`; an event that goes leaves its id
to what it became, `current_event`).
Reviewers' decisions (`decisions`) are honoured: mentions go where renames and
merges sent them, and reviewed entities and events are never removed. A person named
with more or fewer surnames in different articles is one entity (`people`).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from ..errors import StoreError
from ..models import Extraction, Page, Teaser
from . import decisions, facets
from . import events as event_store
from .export import export_rows
from .people import PERSON, People
from .people import backfill as group_people
from .rows import insert_row, upsert_row
from .schema import FTS_COLUMNS, MIGRATIONS
from .transactions import BUSY_TIMEOUT_MS, write_transaction
from .urls import Urls

__all__ = ["Store", "now", "open_store"]


def now() -> str:
    """The current time, ISO 8601 UTC to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def open_store(path: str | Path) -> Store:
    """Open (creating and migrating if needed) the database at `path`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.conn.isolation_level = "IMMEDIATE"  # even a lone write waits for the lock (transactions.py)
        db.enable_wal()
        # In WAL mode NORMAL cannot corrupt the database; a power cut may undo the last commits,
        # which the next run redoes. FULL would wait for the disk at every article.
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except (sqlite3.DatabaseError, OSError) as e:
        raise StoreError(f"cannot open database: {e}", path=str(path)) from e
    return Store(db, path)


def inserted_id(table: sqlite_utils.db.Table) -> int:
    """The rowid of the row `table.insert` just wrote."""
    assert table.last_pk is not None
    return int(table.last_pk)


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the migrations this database has not seen; return its new version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    facets.register_functions(db)
    if version > len(MIGRATIONS):
        raise StoreError(
            f"the database is at schema version {version}, newer than this code knows "
            f"({len(MIGRATIONS)}); run the newer pipeline that wrote it"
        )
    for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
        with write_transaction(db):
            _script(db, sql)
            if number in MIGRATION_STEPS:
                MIGRATION_STEPS[number](db)
            db.execute(f"PRAGMA user_version = {number}")
    if not db.table("articles").detect_fts():
        db.table("articles").enable_fts(FTS_COLUMNS, create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    return len(MIGRATIONS)


def _group_people(db: sqlite_utils.Database) -> None:
    """Migration 4, in Python: key and group the people already stored."""
    drop_orphan_entities(db, group_people(db))


MIGRATION_STEPS = {4: _group_people}  # work a migration needs beyond SQL, run in its transaction


def drop_orphan_entities(db: sqlite_utils.Database, candidates: set[int]) -> None:
    """Delete those of `candidates` no mention names any more, unless a reviewer decided about them."""
    db.conn.executemany(
        "DELETE FROM entities WHERE id = ? AND review_status IS NULL "  # reviewed ones stay, flagged
        "AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = ?)",
        [(e, e) for e in candidates],
    )


def _script(db: sqlite_utils.Database, sql: str) -> None:
    """Run a multi-statement script inside the current transaction."""
    for statement in sqlite3_statements(sql):
        db.execute(statement)


def sqlite3_statements(sql: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement decides)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                statements.append(buffer)
            buffer = ""
    return statements


class Store:
    """A handle on the pipeline's database."""

    def __init__(self, db: sqlite_utils.Database, path: Path):
        self.db = db
        self.path = path
        self.urls = Urls(db)  # the fetch stage's memory: the urls and fetches tables

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """A write transaction that waits for other writers (see transactions.py)."""
        return write_transaction(self.db)

    def rollback(self) -> None:
        """Undo whatever the current transaction half wrote."""
        self.db.conn.rollback()

    # runs ---------------------------------------------------------------
    def close_abandoned_runs(self) -> None:
        """Mark 'interrupted' the runs still 'running': the caller holds the run lock, so their
        process died (SIGKILL, power loss)."""
        with self.transaction():
            self.db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")

    def last_runs(self, limit: int = 5) -> list[dict[str, Any]]:
        """The latest runs, newest first, for `stats`."""
        return list(
            self.db.query("SELECT id, started_at, status, model, summary FROM runs ORDER BY id DESC LIMIT ?", [limit])
        )

    def start_run(self, model: str, extractor_version: str) -> int:
        with self.transaction():
            table = self.db.table("runs").insert(
                {
                    "started_at": now(),
                    "status": "running",
                    "model": model,
                    "extractor_version": extractor_version,
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                }
            )
        return inserted_id(table)

    def finish_run(self, run_id: int, status: str, counts: dict[str, int], errors: list[str], summary: str) -> None:
        with self.transaction():
            self.db.table("runs").update(
                run_id,
                {
                    "finished_at": now(),
                    "status": status,
                    **counts,
                    "errors": json.dumps(errors, ensure_ascii=False),
                    "summary": summary,
                },
            )

    # articles -----------------------------------------------------------
    def current_copy(self, url: str, content_hash: str, model: str, extractor_version: str) -> str | None:
        """The URL holding this exact text (this one or another) when this model and rules version
        already extracted it; None when it needs extracting."""
        row = self.db.execute(
            "SELECT url FROM articles WHERE (url = ? OR content_hash = ?) AND content_hash = ? "
            "AND model = ? AND extractor_version = ? ORDER BY url = ? DESC LIMIT 1",
            [url, content_hash, content_hash, model, extractor_version, url],
        ).fetchone()
        return row[0] if row else None

    def duplicate_of(self, url: str, content_hash: str) -> str | None:
        """The URL already holding this same text under another address, if any."""
        row = self.db.execute(
            "SELECT url FROM articles WHERE content_hash = ? AND url != ?", [content_hash, url]
        ).fetchone()
        return row[0] if row else None

    def has_article(self, url: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE url = ?", [url]).fetchone() is not None

    def save(self, extraction: Extraction, run_id: int | None = None) -> int:
        """Store an article and everything extracted from it in one transaction."""
        with self.transaction():
            article_id = self._upsert_article(extraction, run_id)
            old_entities = self._entities_of(article_id)
            old_people = self._people_of(article_id)
            earlier = event_store.earlier_reports(self.db, article_id)  # its reports go back to their events
            self._clear_article(article_id)
            moved = self._insert_mentions(article_id, extraction, old_people)
            self._insert_dates(article_id, extraction)
            facets.refresh(self.db, article_id)  # what the review desk shows beside it
            event_store.attach(self.db, article_id, extraction, earlier)  # refreshes and retires events
            drop_orphan_entities(self.db, old_entities | moved)
        return article_id

    def _upsert_article(self, x: Extraction, run_id: int | None) -> int:
        a = x.article
        row = {
            "url": a.url,
            "source": a.source,
            "title": a.title,
            "published": a.published,
            "published_by": a.published_by,
            "fetched_at": a.fetched_at,
            "text": a.text,
            "content_hash": a.content_hash,
            "model": x.model,
            "extractor_version": x.extractor_version,
            "extracted_at": now(),
            "run_id": run_id,
            "extract_ms": x.extract_ms,
        }
        columns = ", ".join(f'"{c}"' for c in row)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in row if c != "url")
        return int(
            self.db.execute(
                f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * len(row))}) "
                f"ON CONFLICT (url) DO UPDATE SET {updates} RETURNING id",
                list(row.values()),
            ).fetchone()[0]
        )

    def _clear_article(self, article_id: int) -> None:
        """Delete what an earlier extraction stored for this article. Its events stay until its new
        reports are placed (`events.attach`), so that they can go back to them."""
        for table in ("mentions", "dates", "event_articles"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])

    def _insert_mentions(self, article_id: int, x: Extraction, old_people: set[str]) -> set[int]:
        """Insert the article's mentions; return the entities that other articles' mentions left
        (a person's names grouped anew)."""
        names = {m.name for m in x.mentions if m.kind == PERSON}
        people, moved = People(self.db).place(names, old_people - names)
        rows = [
            (
                article_id,
                people[m.name] if m.kind == PERSON else self.entity_id(m.kind, m.name),
                m.name,
                m.text,
                m.start,
                m.end,
                m.sentence,
            )
            for m in x.mentions
        ]
        self.db.conn.executemany(
            'INSERT INTO mentions (article_id, entity_id, local_name, text, start, "end", sentence) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return moved

    def _insert_dates(self, article_id: int, x: Extraction) -> None:
        rows = [(article_id, d.text, d.value, d.granularity, d.start, d.end, int(d.guessed)) for d in x.dates]
        self.db.conn.executemany(
            'INSERT INTO dates (article_id, text, value, granularity, start, "end", guessed) VALUES (?, ?, ?, ?, ?, ?, ?)',
            rows,
        )

    def entity_id(self, kind: str, name: str) -> int:
        """The entity a mention belongs to, as reviewers decided (renamed, merged, marked wrong).
        People go through `People.place` instead, which also merges their names across articles."""
        kind, name = decisions.resolve_entity(self.db, kind, name)
        row = self.db.execute("SELECT id FROM entities WHERE kind = ? AND name = ?", [kind, name]).fetchone()
        if row:
            return int(row[0])
        status = decisions.entity_status(self.db, kind, name)
        return insert_row(self.db, "entities", {"kind": kind, "name": name, "review_status": status})

    def _entities_of(self, article_id: int) -> set[int]:
        """The entities the article names now: only these (and those its people's names leave)
        can lose their last mention when it is saved again, so the cost does not grow with the database."""
        return {
            r[0] for r in self.db.execute("SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?", [article_id])
        }

    def _people_of(self, article_id: int) -> set[str]:
        """The person names the article gave when it was last saved."""
        return {
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT m.local_name FROM mentions m JOIN entities e ON e.id = m.entity_id "
                "WHERE m.article_id = ? AND e.kind = ? AND m.local_name IS NOT NULL",
                [article_id, PERSON],
            )
        }

    # raw pages ----------------------------------------------------------
    def save_raw(self, page: Page, refused: bool = False) -> None:
        """Keep the fetched page compressed so it can be re-extracted offline. A refused page (a PDF
        where an article was) does not replace the kept page of a stored article."""
        if refused and self.db.execute("SELECT 1 FROM articles WHERE url = ?", [page.url]).fetchone():
            return
        teaser = json.dumps(page.teaser.__dict__, ensure_ascii=False) if page.teaser else None
        with self.transaction():
            upsert_row(
                self.db,
                "raw_pages",
                {
                    "url": page.url,
                    "source": page.source,
                    "fetched_at": page.fetched_at,
                    "content_type": page.content_type,
                    "teaser": teaser,
                    "meta": json.dumps(page.meta, ensure_ascii=False),
                    "body": zlib.compress(page.html.encode("utf-8"), 6),
                },
                pk="url",
            )

    def raw_pages(self, since: str | None = None, source: str | None = None) -> Iterator[Page]:
        """Stored raw pages, oldest first, for `reprocess`: read one at a time, so memory stays flat."""
        where, params = ["1 = 1"], []
        if since:
            where.append("fetched_at >= ?")
            params.append(since)
        if source:
            where.append("source = ?")
            params.append(source)
        urls = [
            r[0]
            for r in self.db.execute(
                f"SELECT url FROM raw_pages WHERE {' AND '.join(where)} ORDER BY fetched_at, url", params
            )
        ]
        for url in urls:
            row = self.db.execute(
                "SELECT url, source, fetched_at, content_type, teaser, meta, body FROM raw_pages WHERE url = ?", [url]
            ).fetchone()
            if row:
                yield _page_from_row(row)

    def current_event(self, event_id: int) -> int | None:
        """The event an id leads to now: itself, the event it was merged into, or None when gone."""
        return event_store.current_event(self.db, event_id)

    def export(self) -> Iterator[dict[str, Any]]:
        """Every article in the export contract (see `store.export`), oldest first."""
        return export_rows(self.db)

    def counts(self) -> dict[str, Any]:
        """Row counts of the main tables, for `stats` and the summary."""
        tables = ["articles", "entities", "mentions", "dates", "events", "event_articles", "runs"]
        return {t: self.db[t].count for t in tables}


def _page_from_row(row: tuple) -> Page:
    url, source, fetched_at, content_type, teaser, meta, body = row
    return Page(
        url=url,
        source=source,
        fetched_at=fetched_at,
        content_type=content_type or "text/html",
        html=zlib.decompress(body).decode("utf-8"),
        teaser=Teaser(**json.loads(teaser)) if teaser else None,
        meta=json.loads(meta) if meta else {},
    )
