"""Write transactions that wait for other writers (a reviewer in Datasette) instead of failing.

SQLite lets one connection write at a time; the others wait in its busy handler (`busy_timeout`).
But a transaction begun with a plain, deferred `BEGIN` that reads before it writes cannot wait:
when it first writes, SQLite answers "database is locked" at once, without calling the busy
handler, because another writer may have changed what it read (in WAL mode its snapshot is
stale). sqlite-utils' `db.atomic()` begins that way, and its `upsert` reads the table's columns
before writing, so an ingest failed whenever a reviewer's correction landed in between.

`write_transaction` begins with `BEGIN IMMEDIATE`, which takes the write lock first, where the
busy handler applies; the transactions are short (one article, one batch of fetch records), so
another writer waits milliseconds. Should the lock stay taken past `busy_timeout` (a reviewer's
long query, another program), the begin is tried again a few times, saying so, before it fails.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

log = logging.getLogger(__name__)

__all__ = ["BEGIN_ATTEMPTS", "BUSY_TIMEOUT_MS", "is_busy", "write_transaction"]

BUSY_TIMEOUT_MS = 30_000  # how long one attempt waits for another writer (also Datasette's write connection)
BEGIN_ATTEMPTS = 4  # attempts to take the write lock before a run gives up: two minutes in all


@contextmanager
def write_transaction(db: sqlite_utils.Database, attempts: int = BEGIN_ATTEMPTS) -> Iterator[None]:
    """A transaction holding the write lock from its start, committed at the end of the block and
    rolled back on any exception; inside another one, a savepoint of it."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    begin_immediate(db.conn, attempts)
    try:
        yield
        db.conn.commit()
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise


def begin_immediate(conn: sqlite3.Connection, attempts: int = BEGIN_ATTEMPTS) -> None:
    """BEGIN IMMEDIATE, waiting (busy_timeout each time) up to `attempts` times for another writer."""
    for attempt in range(1, attempts + 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if not is_busy(e):
                raise
            waited = attempt * busy_timeout(conn) / 1000
            if attempt == attempts:
                raise sqlite3.OperationalError(
                    f"database is locked: another program kept writing to it for {waited:.0f} s"
                ) from e
            log.warning(
                "database locked by another writer for %.0f s; waiting again (%d/%d)", waited, attempt, attempts
            )


def is_busy(error: sqlite3.Error) -> bool:
    """True for SQLITE_BUSY and its extended codes (another connection holds the lock)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_BUSY


def busy_timeout(conn: sqlite3.Connection) -> int:
    """The connection's busy timeout, in milliseconds."""
    return int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
