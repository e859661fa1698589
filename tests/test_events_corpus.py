"""The embedded corpus (corpus/*.txt) end to end: its Security Implementation Group meetings."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.models import Article

from .conftest import CORPUS

GROUP = "Grupo de Implementación de Seguridad"


def corpus_articles() -> list[Article]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        _, front, body = path.read_text("utf-8").split("---", 2)
        meta = dict(line.split(":", 1) for line in front.strip().splitlines())
        out.append(Article(url=path.as_uri(), source="corpus", title=None, text=body.strip(),
                           published=meta["published"].strip(), published_by="front-matter", fetched_at="",
                           content_hash=hashlib.sha256(body.encode()).hexdigest()))
    return out


@pytest.fixture
def meetings(extractor, store) -> dict[int, dict]:
    for extraction in extractor.extract(corpus_articles()):
        store.save(extraction)
    rows = store.db.query("SELECT * FROM events WHERE type = 'meeting' AND subject = ?", [GROUP])
    return {r["ordinal"]: r for r in rows}


def test_each_meeting_of_the_group_is_one_event(meetings):
    assert sorted(meetings) == [1, 2, 3]


@pytest.mark.parametrize("ordinal, date, place, articles", [
    (1, "2025-09", "McAllen", 2),
    (2, "2025-12-11", None, 2),
    (3, "2026-01", "Washington", 1),
])
def test_meeting_date_place_and_reports(meetings, ordinal, date, place, articles):
    event = meetings[ordinal]
    assert event["date"].startswith(date) and event["num_articles"] == articles
    assert place is None or event["place"] == place


def test_third_meeting_is_planned(meetings):
    assert meetings[3]["status"] == "planned" and meetings[3]["label"].startswith("3.ª reunión · " + GROUP)
