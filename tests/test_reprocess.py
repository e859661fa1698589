"""`reprocess`: extract the stored pages again after a rule change, offline, replacing rows."""

from __future__ import annotations

import pytest

from pipeline.config import load_config
from pipeline.extract import Extractor
from pipeline.run import ingest, reprocess
from pipeline.store import open_store

from .conftest import CORPUS
from .data.workdir import run, write_config

pytestmark = pytest.mark.slow

TABLES = ["articles", "entities", "mentions", "dates", "events", "event_articles", "raw_pages", "decisions"]


@pytest.fixture
def config(tmp_path):
    """The corpus ingested once, and a reviewer's decision on one of its people."""
    config = load_config(write_config(tmp_path, {"corpus": CORPUS}))
    ingest(config)
    with open_store(tmp_path / "news.db") as store:
        velasco = store.db.execute("SELECT id FROM entities WHERE name = 'Roberto Velasco'").fetchone()[0]
        store.db.execute("INSERT INTO decisions (actor, action, entity_id) VALUES ('ana', 'entity_confirm', ?)",
                         [velasco])
    return config


@pytest.fixture
def new_rules(monkeypatch):
    """Extractor version 'test-2', whose rules no longer see McAllen nor any event."""
    extract_doc = Extractor.extract_doc

    def without_mcallen(self, doc, article):
        x = extract_doc(self, doc, article)
        x.mentions = [m for m in x.mentions if m.name != "McAllen"]
        x.events = []
        return x

    monkeypatch.setattr(Extractor, "extract_doc", without_mcallen)
    monkeypatch.setattr("pipeline.extract.extractor.EXTRACTOR_VERSION", "test-2")
    monkeypatch.setattr("pipeline.run.EXTRACTOR_VERSION", "test-2")


def rows(config):
    with open_store(config.path("news.db")) as store:
        return {t: store.db[t].count for t in TABLES}


def query(config, sql):
    with open_store(config.path("news.db")) as store:
        return store.db.execute(sql).fetchall()


def test_reprocess_with_the_same_rules_changes_nothing(config):
    before = rows(config)
    report = reprocess(config)
    assert report.counts["updated"] == 2 and rows(config) == before


def test_new_rules_replace_rows_and_drop_what_no_article_supports(config, new_rules):
    before = rows(config)
    mcallen = query(config, "SELECT count(*) FROM mentions JOIN entities e ON e.id = entity_id WHERE name = 'McAllen'")
    reprocess(config)
    after = rows(config)
    assert query(config, "SELECT DISTINCT extractor_version FROM articles") == [("test-2",)]
    assert after["articles"] == before["articles"] and after["mentions"] == before["mentions"] - mcallen[0][0]
    assert query(config, "SELECT name FROM entities WHERE name = 'McAllen'") == []
    assert after["events"] == after["event_articles"] == 0
    assert query(config, "SELECT id FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)") == []
    assert query(config, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'McAllen'") == [(2,)]


def test_reviewer_decisions_survive(config, new_rules):
    reprocess(config)
    assert query(config, "SELECT review_status FROM entities WHERE name = 'Roberto Velasco'") == [("confirmed",)]
    assert query(config, "SELECT actor, action FROM decisions") == [("ana", "entity_confirm")]


@pytest.mark.parametrize(("options", "pages"), [({}, 2), ({"source": "other"}, 0), ({"since": "2999-01-01"}, 0)])
def test_filters(config, options, pages):
    assert reprocess(config, **options).counts["pages"] == pages


def test_command_line(config):
    done = run(config.base_dir, "reprocess", "--source", "corpus")
    assert done.returncode == 0 and done.stdout.startswith("2 pages: 0 new, 2 updated")
