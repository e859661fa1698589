"""The load stage: one transaction per article, nothing stored twice."""

from __future__ import annotations

import pytest

from pipeline.models import Article, DateMention, Extraction, Mention


def extraction(url="https://example.mx/nota/1", text="Roberto Velasco viajó a McAllen.", people=("Roberto Velasco",)):
    article = Article(url=url, source="test", title="t", text=text, published="2025-12-11",
                      published_by="metadata", fetched_at="2025-12-11T10:00:00+00:00", content_hash=f"h-{url}-{text}")
    mentions = [Mention("person", p, p, 0, len(p)) for p in people]
    dates = [DateMention("11 de diciembre", "2025-12-11", "day", 0, 5)]
    return Extraction(article=article, mentions=mentions, dates=dates, model="m", extractor_version="1")


def counts(store):
    return {t: store.db[t].count for t in ("articles", "entities", "mentions", "dates")}


def test_saving_twice_stores_once(store):
    store.save(extraction())
    first = counts(store)
    store.save(extraction())
    assert counts(store) == first == {"articles": 1, "entities": 1, "mentions": 1, "dates": 1}


def test_entity_shared_across_articles(store):
    store.save(extraction("https://a.mx/1"))
    store.save(extraction("https://b.mx/2"))
    assert store.db["entities"].count == 1 and store.db["mentions"].count == 2


def test_updated_article_replaces_its_rows_and_drops_orphans(store):
    store.save(extraction(people=("Roberto Velasco",)))
    store.save(extraction(text="Otro texto.", people=("Esteban Moctezuma",)))
    names = [r[0] for r in store.db.execute("SELECT name FROM entities")]
    assert names == ["Esteban Moctezuma"] and store.db["articles"].count == 1


def test_failed_save_leaves_nothing_behind(store):
    bad = extraction()
    bad.mentions.append(Mention("person", None, "x", 0, 1))  # type: ignore[arg-type]  # NOT NULL fails
    with pytest.raises(Exception):
        store.save(bad)
    assert counts(store) == {"articles": 0, "entities": 0, "mentions": 0, "dates": 0}
