"""A run killed at any point leaves a whole database, and the next run completes the work."""

from __future__ import annotations

import signal
import sqlite3

import pytest

from .data.articles import write_articles
from .data.workdir import count, run, start, wait_for_rows, write_config

pytestmark = pytest.mark.slow

N = 24
NLP = "[nlp]\nbatch_size = 4\n"  # small batches: saves interleave with parsing all through the run
TABLES = ["articles", "entities", "mentions", "dates", "events", "event_articles", "raw_pages"]
ORPHANS = {
    "event without reports": "SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM event_articles)",
    "entity without mentions": "SELECT id FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)",
    "event miscounted": "SELECT id FROM events e WHERE num_articles != "
                        "(SELECT count(DISTINCT article_id) FROM event_articles WHERE event_id = e.id)",
}


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    return write_articles(tmp_path_factory.mktemp("articles"), N)


@pytest.fixture(scope="module")
def reference(articles, tmp_path_factory):
    """Row counts after one uninterrupted run."""
    work = tmp_path_factory.mktemp("reference")
    write_config(work, {"many": articles}, NLP)
    assert run(work, "ingest").returncode == 0
    return counts(work / "news.db")


def counts(db):
    return {t: count(db, t) for t in TABLES}


def assert_whole(db):
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")  # raises if out of step
    assert {name: conn.execute(sql).fetchall() for name, sql in ORPHANS.items()} == {key: [] for key in ORPHANS}
    conn.close()


def run_statuses(db):
    return [r[0] for r in sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id")]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_killed_run_leaves_a_whole_database_and_the_next_completes_it(sig, articles, reference, tmp_path):
    db = tmp_path / "news.db"
    write_config(tmp_path, {"many": articles}, NLP)
    proc = start(tmp_path, "ingest")
    wait_for_rows(db, "articles", 3, proc)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert count(db, "articles") < N  # it really was stopped mid-way
    assert_whole(db)
    if sig != signal.SIGKILL:
        assert proc.returncode == 128 + sig
        assert stderr.strip().splitlines()[-1].startswith(f"interrupted by {sig.name}")
        assert run_statuses(db) == ["interrupted"]
    assert run(tmp_path, "ingest").returncode == 0
    assert_whole(db)
    assert counts(db) == reference
    assert run_statuses(db) == ["interrupted", "done"]
