"""`export`: one JSON object per article, the contract other tools and our evaluation read.

{"url", "title", "published", "source", "text",
 "people": [...], "places": [...], "organizations": [...], "operations": [...],
 "dates": [{"text", "value"}], "guessed_dates": [{"text", "value"}],
 "events": [{"id", "type", "date", "place", "label"}]}

`dates` are the days, months and years the article states. `guessed_dates` are those whose year
it does not give and the fetch time guessed ("el 4 de marzo" on a page with no date): right when a
page is fetched soon after it is written, wrong on an archive, so never mixed with stated ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from ..merge.people import name_words
from ..merge.text import fold

SPACES = re.compile(r"\s+")
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
        row["dates"], row["guessed_dates"] = _dates(db, article_id)
        row["events"] = _events(db, article_id, event_filter)
        yield row


def _entities(db: sqlite_utils.Database, article_id: int, visible: str) -> dict[str, list[str]]:
    """The article's entities, each as the article names it; the entity rows keep one name."""
    out: dict[str, list[str]] = {cat: [] for cat in CATEGORIES.values()}
    rows = db.execute(
        "SELECT e.kind, e.name, MAX(m.local_name), json_group_array(m.text) FROM mentions m "
        f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? AND {visible} GROUP BY e.id ORDER BY MIN(m.start)",
        [article_id],
    )
    for kind, name, local_name, texts in rows:
        if kind == "person":
            name = _as_written(name, local_name)
        elif fold(name) == fold(local_name or ""):  # not renamed by a reviewer
            name = _as_the_article_writes(name, json.loads(texts))
        out[CATEGORIES[kind]].append(name)
    return out


def _as_the_article_writes(name: str, texts: list[str]) -> str:
    """A place, body or operation as the article writes it at its fullest, though its entity, one
    across articles, has one canonical name: "Departamento de Justicia de Estados Unidos" where
    the canonical "Departamento de Justicia" goes on so; "SMN" or "EE.UU." where the article
    never writes "Servicio Meteorológico Nacional" or "Estados Unidos"."""
    written = [SPACES.sub(" ", t).strip() for t in texts]
    canonical = fold(name)
    longer = [t for t in written if fold(t).startswith((canonical + " ", canonical + ","))]  # "Washington, D.C."
    if longer or any(fold(t) == canonical for t in written):
        return max(longer, key=lambda t: (len(t), t), default=name)
    return max(written, key=lambda t: (len(t), t), default=name)


def _as_written(name: str, local_name: str | None) -> str:
    """ "Roberto Velasco" in an article that never writes "Álvarez", though the person's entity,
    merged across articles, is "Roberto Velasco Álvarez" (the relation the merge itself uses);
    "Brian Cogan" where another article wrote "Brian M. Cogan". A name a reviewer gave stays."""
    if not local_name:
        return name
    short, full = name_words(local_name), name_words(name)
    return local_name if len(short) <= len(full) and full[: len(short)] == short else name


def _dates(db: sqlite_utils.Database, article_id: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The dates the article states, and those whose year the fetch time guessed."""
    stated: list[dict[str, str]] = []
    guessed: list[dict[str, str]] = []
    rows = db.execute("SELECT text, value, guessed FROM dates WHERE article_id = ? ORDER BY start", [article_id])
    for text, value, was_guessed in rows:
        (guessed if was_guessed else stated).append({"text": text, "value": value})
    return stated, guessed


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
