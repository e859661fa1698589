"""Reviewers and Datasette work while an ingest writes: WAL, short transactions, nothing lost."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from datasette.app import Datasette

from pipeline.store import open_store

from .data.articles import write_articles
from .data.workdir import start, wait_for_rows, write_config

pytestmark = pytest.mark.slow


def datasette_articles(db) -> list[dict]:
    response = asyncio.run(Datasette([str(db)]).client.get("/news/articles.json?_shape=array"))
    assert response.status_code == 200
    return response.json()


def test_reviewer_decision_during_an_ingest_is_kept(tmp_path):
    db = tmp_path / "news.db"
    write_config(tmp_path, {"many": write_articles(tmp_path / "articles", 12)}, "[nlp]\nbatch_size = 2\n")
    ingest = start(tmp_path, "ingest")
    wait_for_rows(db, "mentions", 1, ingest)
    reviewer = sqlite3.connect(db, timeout=30)
    entity_id = reviewer.execute("SELECT entity_id FROM mentions LIMIT 1").fetchone()[0]
    with reviewer:
        reviewer.execute("INSERT INTO decisions (actor, action, entity_id) VALUES ('ana', 'entity_confirm', ?)",
                         [entity_id])
    assert ingest.poll() is None and datasette_articles(db)  # read while the ingest runs
    assert ingest.wait(timeout=120) == 0
    assert reviewer.execute("SELECT actor, entity_id FROM decisions").fetchall() == [("ana", entity_id)]
    assert reviewer.execute("SELECT review_status FROM entities WHERE id = ?", [entity_id]).fetchone() == ("confirmed",)
    assert reviewer.execute("SELECT count(*) FROM articles").fetchone() == (12,)


def test_datasette_reads_while_the_store_holds_the_write_lock(tmp_path):
    writer = open_store(tmp_path / "news.db")
    writer.db["articles"].insert({"url": "https://a.mx/1", "source": "s", "fetched_at": "2025-12-11",
                                  "text": "Primera nota.", "content_hash": "h1"})
    with writer.db.atomic():  # what Store.save holds while it writes an article
        writer.db["articles"].insert({"url": "https://a.mx/2", "source": "s", "fetched_at": "2025-12-11",
                                      "text": "Segunda nota.", "content_hash": "h2"})
        assert [a["url"] for a in datasette_articles(tmp_path / "news.db")] == ["https://a.mx/1"]
    assert len(datasette_articles(tmp_path / "news.db")) == 2
    writer.close()
