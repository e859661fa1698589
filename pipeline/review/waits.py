"""Datasette's connections wait for an ingest's write lock as long as the pipeline's own do.

A reviewer's correction is a write. Datasette opens its write connection with Python's default
five-second busy timeout, so a correction could fail with "database is locked" while an ingest
commits a large batch; with the store's timeout it waits instead (see store/transactions.py).
`serve` loads this hook as a plugin, beside the Host check of hosts.py.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from ..store.transactions import BUSY_TIMEOUT_MS

__all__ = ["prepare_connection"]


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Datasette's plugin hook, called for each connection it opens: wait for the write lock."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
