"""Rows written without sqlite_utils' table lookups end up as sqlite_utils writes them."""

from __future__ import annotations

import pytest
import sqlite_utils
from sqlite_utils.db import NotFoundError

from pipeline.store.rows import insert_row, update_row, upsert_row

SCHEMA = 'CREATE TABLE t (id INTEGER PRIMARY KEY, url TEXT UNIQUE, "end" INTEGER, tags TEXT, note TEXT)'
ROWS = [
    {"url": "a", "end": 3, "tags": ["x", "ñ"], "note": None},
    {"url": "b", "end": 4, "tags": {"k": "é"}, "note": "n"},
    {"url": "a", "end": 5, "tags": None, "note": "again"},
]


def two_databases(tmp_path):
    dbs = [sqlite_utils.Database(tmp_path / f"{name}.db") for name in ("ours", "theirs")]
    for db in dbs:
        db.execute(SCHEMA)
    return dbs


def contents(db):
    return db.execute("SELECT * FROM t ORDER BY id").fetchall()


@pytest.mark.parametrize("replace", [False, True])
def test_insert_as_sqlite_utils(tmp_path, replace):
    ours, theirs = two_databases(tmp_path)
    for row in ROWS[:2]:
        assert insert_row(ours, "t", row, replace=replace) == theirs.table("t").insert(row, replace=replace).last_rowid
    assert contents(ours) == contents(theirs)


def test_upsert_as_sqlite_utils(tmp_path):
    ours, theirs = two_databases(tmp_path)
    for row in ROWS:
        upsert_row(ours, "t", row, pk="url")
        theirs.table("t").upsert(row, pk="url")
    assert contents(ours) == contents(theirs) and len(contents(ours)) == 2


def test_update_as_sqlite_utils(tmp_path):
    ours, theirs = two_databases(tmp_path)
    for db in (ours, theirs):
        insert_row(db, "t", ROWS[0])
    update_row(ours, "t", 1, {"end": 9, "tags": ["y"]})
    theirs.table("t").update(1, {"end": 9, "tags": ["y"]})
    assert contents(ours) == contents(theirs)


def test_update_of_a_missing_row_says_so(tmp_path):
    ours, _ = two_databases(tmp_path)
    with pytest.raises(NotFoundError):
        update_row(ours, "t", 42, {"end": 1})
