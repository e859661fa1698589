"""Write transactions wait for another writer (a reviewer's correction) instead of failing."""

from __future__ import annotations

import logging
import sqlite3
import threading

import pytest

from pipeline.models import Page
from pipeline.store.transactions import write_transaction


def other_writer(store) -> sqlite3.Connection:
    """A second connection holding the write lock, as Datasette does while it records a correction."""
    conn = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def page(url: str = "https://a.mx/1") -> Page:
    return Page(url=url, source="a", fetched_at="2026-01-21T10:00:00+00:00", html="<p>Nota.</p>")


def test_a_write_that_reads_first_waits_for_the_other_writer(store):
    other = other_writer(store)
    threading.Timer(0.5, other.execute, ["COMMIT"]).start()
    store.save_raw(page())  # its upsert reads the table's columns before writing
    assert [r["url"] for r in store.db.query("SELECT url FROM raw_pages")] == ["https://a.mx/1"]


def test_a_transaction_holds_the_write_lock_from_its_start(store):
    with store.transaction():
        store.db.execute("SELECT count(*) FROM runs").fetchone()
        other = sqlite3.connect(store.path, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("INSERT INTO runs (started_at, status) VALUES ('x', 'running')")
    other.execute("INSERT INTO runs (started_at, status) VALUES ('x', 'running')")  # free again


def test_a_lock_held_too_long_fails_after_a_few_attempts_saying_so(store, caplog):
    other_writer(store)
    store.db.execute("PRAGMA busy_timeout = 10")
    with caplog.at_level(logging.WARNING), pytest.raises(sqlite3.OperationalError, match="kept writing to it"):
        with write_transaction(store.db, attempts=3):
            pass
    assert [r.getMessage() for r in caplog.records] == [
        "database locked by another writer for 0 s; waiting again (1/3)",
        "database locked by another writer for 0 s; waiting again (2/3)",
    ]
    assert not store.db.conn.in_transaction


def test_an_inner_failure_undoes_only_the_inner_block(store):
    with store.transaction():
        store.db.execute("INSERT INTO runs (started_at, status) VALUES ('outer', 'done')")
        with pytest.raises(ValueError), store.transaction():
            store.db.execute("INSERT INTO runs (started_at, status) VALUES ('inner', 'done')")
            raise ValueError
    assert [r["started_at"] for r in store.db.query("SELECT started_at FROM runs")] == ["outer"]


def test_a_failure_rolls_the_whole_transaction_back(store):
    with pytest.raises(ValueError), store.transaction():
        store.db.execute("INSERT INTO runs (started_at, status) VALUES ('x', 'done')")
        raise ValueError
    assert store.db["runs"].count == 0 and not store.db.conn.in_transaction
