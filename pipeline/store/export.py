"""`export`: one JSON object per article, the contract other tools and our evaluation read.

{"url", "title", "published", "source", "text",
 "people": [...], "places": [...], "organizations": [...], "operations": [...],
 "dates": [{"text", "value"}], "events": [{"id", "type", "date", "place", "label"}]}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlite_utils

from ..merge.people import name_words

CATEGORIES = {"person": "people", "place": "places", "organization": "organizations", "operation": "operations"}


def export_rows(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    """Every article with its canonical entities, dates and events, oldest first."""
    entity_filter, event_filter = _visible(db, "entities"), _visible(db, "events")
    articles = db.execute(
        "SELECT id, url, title, published, source, text FROM articles ORDER BY published, id"
    ).fetchall()
    for article_id, url, title, published, source, text in articles:
        row: dict[str, Any] = {"url": url, "title": title, "published": published, "source": source, "text": text}
        row.update(_entities(db, article_id, entity_filter))
        row["dates"] = _dates(db, article_id)
        row["events"] = _events(db, article_id, event_filter)
        yield row


def _entities(db: sqlite_utils.Database, article_id: int, visible: str) -> dict[str, list[str]]:
    """The article's entities by their canonical names, a person as the article names them."""
    out: dict[str, list[str]] = {cat: [] for cat in CATEGORIES.values()}
    rows = db.execute(
        "SELECT e.kind, e.name, MAX(m.local_name) FROM mentions m JOIN entities e ON e.id = m.entity_id "
        f"WHERE m.article_id = ? AND {visible} GROUP BY e.id ORDER BY MIN(m.start)",
        [article_id],
    )
    for kind, name, local_name in rows:
        out[CATEGORIES[kind]].append(_as_written(name, local_name) if kind == "person" else name)
    return out


def _as_written(name: str, local_name: str | None) -> str:
    """ "Roberto Velasco" in an article that never writes "Álvarez", though the person's entity,
    merged across articles, is "Roberto Velasco Álvarez" (the relation the merge itself uses).
    A name a reviewer gave stays."""
    if not local_name:
        return name
    short, full = name_words(local_name), name_words(name)
    return local_name if len(short) < len(full) and full[: len(short)] == short else name


def _dates(db: sqlite_utils.Database, article_id: int) -> list[dict[str, str]]:
    rows = db.execute("SELECT text, value FROM dates WHERE article_id = ? ORDER BY start", [article_id])
    return [{"text": text, "value": value} for text, value in rows]


def _events(db: sqlite_utils.Database, article_id: int, visible: str) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT e.id, e.type, e.date, e.place, e.label FROM event_articles ea "
        f"JOIN events e ON e.id = ea.event_id WHERE ea.article_id = ? AND {visible} "
        "GROUP BY e.id ORDER BY e.date, e.id",
        [article_id],
    )
    return [{"id": i, "type": t, "date": d, "place": p, "label": lbl} for i, t, d, p, lbl in rows]


def _visible(db: sqlite_utils.Database, table: str) -> str:
    """SQL keeping rows a reviewer has not marked wrong (when the table has review columns)."""
    if "review_status" in db[table].columns_dict:
        return "COALESCE(e.review_status, '') != 'wrong'"
    return "1 = 1"
