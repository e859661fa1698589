"""Rate decisions: every report names one in its own words ("recortó la tasa", "la decisión de
política monetaria"), so the next day's report without a day of its own is the same decision;
the bank's next decision weeks later is another (real spaCy, a real SQLite file)."""

from __future__ import annotations

import itertools

from pipeline.models import Article

_ids = itertools.count()


def save(extractor, store, text: str, published: str) -> None:
    n = next(_ids)
    a = Article(url=f"https://economia{n}.mx/nota/{n}", source=f"economia{n}", title=None, text=text,
                published=published, published_by="metadata", fetched_at="2026-12-08T10:00:00+00:00",
                content_hash=f"r{n}")
    store.save(extractor.extract_doc(extractor.nlp(text), a))


def decisions(store) -> list[tuple[str, int]]:
    return [(r["date"], r["num_articles"]) for r in store.db.query(
        "SELECT date, num_articles FROM events WHERE subject = 'Decisión de política monetaria' ORDER BY date")]


def test_the_next_days_report_of_a_rate_decision_is_the_same_decision(extractor, store):
    save(extractor, store, "El Banco Central de Chile recortó este jueves 5 de febrero la tasa de interés a 4.25%.",
         "2026-02-05")
    save(extractor, store, "El Banco Central de Chile recortó la tasa de interés en 25 puntos base, a 4.25%, en una "
         "decisión unánime de su consejo.", "2026-02-06")
    save(extractor, store, "El Banco Central de Chile mantuvo el jueves 19 de marzo la tasa de interés en 4.25%.",
         "2026-03-19")
    assert decisions(store) == [("2026-02-05", 2), ("2026-03-19", 1)]
