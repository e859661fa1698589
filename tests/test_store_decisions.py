"""Reviewers' merges never make a cycle: the database refuses the decision, saying why."""

from __future__ import annotations

import re
import sqlite3

import pytest
from datasette.app import Datasette

from pipeline.review import metadata
from pipeline.store import open_store
from pipeline.store.decisions import resolve_entity
from pipeline.store.schema import MIGRATIONS

from .test_review import entity, extraction, mentioned, post_as

MERGED = "refused: the entity to merge into was itself merged into another"


@pytest.fixture
def people(store):
    """An article naming Luis Gómez twice over ("L. Gómez"), and L. Gómez merged into Luis Gómez."""
    store.save(extraction(names=("Ana Pérez", "Luis Gómez", "L. Gómez")))
    a, b = entity(store, "L. Gómez")["id"], entity(store, "Luis Gómez")["id"]
    reviewer = sqlite3.connect(store.path)
    with reviewer:
        reviewer.execute("INSERT INTO decisions (actor, action, entity_id, target_id) VALUES ('ana', 'entity_merge', ?, ?)",
                         [a, b])
    return a, b, reviewer


def test_merging_back_in_datasette_is_refused_with_the_reason(store, people):
    a, b, _ = people
    ds = Datasette([str(store.path)], metadata=metadata(store.path.stem))
    response = post_as(ds, "luis", "/news/merge_entity", {"entity_id": str(b), "into_id": str(a), "note": "", "_json": "1"})
    assert response.json()["ok"] is False and response.json()["message"].startswith(MERGED)
    assert mentioned(store) == ["Ana Pérez", "Luis Gómez", "Monterrey"]  # Luis Gómez still holds both names
    assert (entity(store, "Luis Gómez")["review_status"], entity(store, "L. Gómez")["merged_into"]) == (None, b)


@pytest.mark.parametrize(("sql", "message"), [
    ("INSERT INTO decisions (actor, action, entity_id, target_id) VALUES ('luis', 'entity_merge', :b, :a)", MERGED),
    ("INSERT INTO decisions (actor, action, entity_id, target) VALUES ('luis', 'entity_rename', :b, 'L. Gómez')",
     "refused: an entity of that name was merged into another"),
    ("INSERT INTO decisions (actor, action, entity_id) VALUES ('luis', 'entity_confirm', :a)",
     "refused: this entity was merged into another (see its merged_into); decide about that one"),
    ("INSERT INTO decisions (actor, action, entity_id, target_id) VALUES ('luis', 'entity_merge', :a, :ana)",
     "refused: this entity was merged into another"),
])
def test_decisions_about_a_merged_entity_are_refused(store, people, sql, message):
    a, b, reviewer = people
    with pytest.raises(sqlite3.IntegrityError, match=re.escape(message)), reviewer:
        reviewer.execute(sql, {"a": a, "b": b, "ana": entity(store, "Ana Pérez")["id"]})
    assert store.db["decisions"].count == 1 and mentioned(store) == ["Ana Pérez", "Luis Gómez", "Monterrey"]


def test_a_longer_cycle_is_refused_too(store, people):
    a, b, reviewer = people
    ana = entity(store, "Ana Pérez")["id"]
    with reviewer:
        reviewer.execute("INSERT INTO decisions (actor, action, entity_id, target_id) VALUES ('l', 'entity_merge', ?, ?)",
                         [b, ana])
    with pytest.raises(sqlite3.IntegrityError, match=MERGED), reviewer:
        reviewer.execute("INSERT INTO decisions (actor, action, entity_id, target_id) VALUES ('l', 'entity_merge', ?, ?)",
                         [ana, a])
    assert mentioned(store) == ["Ana Pérez", "Monterrey"]  # every mention of the three names is Ana's now


def test_a_cycle_decided_before_the_check_is_undone_on_upgrade(tmp_path):
    """A version-4 database in which L. Gómez was merged into Luis Gómez and back: both had vanished."""
    path = tmp_path / "news.db"
    old = sqlite3.connect(path)
    for sql in MIGRATIONS[:4]:
        old.executescript(sql)
    old.executescript("""
        PRAGMA user_version = 4;
        INSERT INTO articles (id, url, source, fetched_at, text, content_hash) VALUES (1, 'u', 's', 'd', 't', 'h');
        INSERT INTO entities (id, kind, name) VALUES (1, 'person', 'L. Gómez'), (2, 'person', 'Luis Gómez');
        INSERT INTO mentions (article_id, entity_id, text, start, "end", local_name)
            VALUES (1, 1, 'L. Gómez', 0, 8, 'L. Gómez'), (1, 2, 'Luis Gómez', 9, 19, 'Luis Gómez');
        INSERT INTO decisions (actor, action, entity_id, target_id) VALUES ('ana', 'entity_merge', 1, 2);
        INSERT INTO decisions (actor, action, entity_id, target_id) VALUES ('luis', 'entity_merge', 2, 1);
    """)
    old.commit()
    assert old.execute("SELECT count(*) FROM entities WHERE review_status = 'merged'").fetchone() == (2,)
    old.close()
    with open_store(path) as store:
        assert [(e["id"], e["review_status"], e["merged_into"]) for e in store.db["entities"].rows] == [
            (1, None, None), (2, "merged", 1)]
        assert {resolve_entity(store.db, "person", n) for n in ("L. Gómez", "Luis Gómez")} == {("person", "L. Gómez")}
