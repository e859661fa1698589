"""Where the places an article names are: `entities.latitude`, `longitude` and `country`.

Which point a name means is decided in `pipeline/merge/gazetteer.py`; here the store gives it
the context: the countries named beside the place, in the latest articles that name it (each
article counts once per country). A place the gazetteer does not know, or cannot tell apart
from another of its name in that context, keeps no coordinates.
"""

from __future__ import annotations

from collections import Counter

import sqlite_utils

from ..merge.gazetteer import ambiguous, country_of, locate

__all__ = ["CONTEXT_ARTICLES", "CONTEXT_SQL", "locate_places"]

CONTEXT_ARTICLES = 50  # the latest articles naming a place whose places give its context


def locate_places(db: sqlite_utils.Database, article_id: int) -> None:
    """Give the places the article names their coordinates (or none), as the context says now."""
    places = db.execute(
        "SELECT DISTINCT e.id, e.name, e.latitude, e.longitude, e.country FROM mentions m "
        "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? AND e.kind = 'place'",
        [article_id],
    ).fetchall()
    for entity_id, name, *now in places:
        where = locate(name, _context(db, entity_id) if ambiguous(name) else None)
        found = [where.latitude, where.longitude, where.country] if where else [None, None, None]
        if found != now:
            db.execute("UPDATE entities SET latitude = ?, longitude = ?, country = ? WHERE id = ?", [*found, entity_id])


# From an entity's latest articles outwards (CROSS JOIN keeps that order): bounded by those
# articles, not by how many mentions or places the database holds.
CONTEXT_SQL = (
    "SELECT m.article_id, e.name FROM ("
    "  SELECT DISTINCT article_id FROM mentions WHERE entity_id = ? ORDER BY article_id DESC LIMIT ?) AS latest "
    "CROSS JOIN mentions m ON m.article_id = latest.article_id CROSS JOIN entities e ON e.id = m.entity_id "
    "WHERE e.kind = 'place' AND e.id != ?"
)


def _context(db: sqlite_utils.Database, entity_id: int) -> Counter[str]:
    """How many of the latest articles naming the place name each country (by its places)."""
    rows = db.execute(CONTEXT_SQL, [entity_id, CONTEXT_ARTICLES, entity_id]).fetchall()
    seen = {(article, country) for article, name in rows if (country := country_of(name))}
    return Counter(country for _, country in seen)
