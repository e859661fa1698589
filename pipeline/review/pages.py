"""What the review pages of one article, one entity and one event show, read from the database.

Datasette renders the row page of `articles`, `entities` and `events` with our templates
(`templates/review_*.html`); these functions give those templates their rows: an article with
its names, dates and events; an entity with its other names, articles, events and company; an
event with its participants and the reports behind it. Every row carries the ids its links need.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

__all__ = ["article_page", "entity_page", "event_page", "marked_text"]

KINDS = ("person", "place", "organization", "operation")
FACET_OF = {"person": "people", "place": "places", "organization": "organizations", "operation": "operations"}
LIMIT = 50  # rows of a list on a page before "all of them" links elsewhere


async def _rows(db: Any, sql: str, params: list | dict | None = None) -> list[dict[str, Any]]:
    return [dict(r) for r in (await db.execute(sql, params or [])).rows]


async def article_page(db: Any, article_id: int) -> dict[str, Any]:
    """An article's names by kind (with mention counts), dates, events and marked-up text."""
    mentions = await _rows(
        db,
        'SELECT m.entity_id, m.start, m."end", e.kind, e.name, e.review_status FROM mentions m '
        "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start",
        [article_id],
    )
    names: dict[str, dict[int, dict[str, Any]]] = {kind: {} for kind in KINDS}
    for m in mentions:
        seen = names.setdefault(m["kind"], {}).setdefault(m["entity_id"], {**m, "count": 0})
        seen["count"] += 1
    text = (await db.execute("SELECT text FROM articles WHERE id = ?", [article_id])).first()
    return {
        "names": {kind: list(found.values()) for kind, found in names.items()},
        "dates": await _rows(
            db, "SELECT text, value, granularity, guessed FROM dates WHERE article_id = ? ORDER BY start", [article_id]
        ),
        "events": await _rows(
            db,
            "SELECT e.id AS event_id, e.type, e.date, e.label, e.review_status, ea.evidence FROM event_articles ea "
            "JOIN events e ON e.id = ea.event_id WHERE ea.article_id = ? ORDER BY ea.start",
            [article_id],
        ),
        "text": marked_text(text[0] if text else "", mentions),
    }


def marked_text(text: str, mentions: list[dict[str, Any]]) -> Markup:
    """The article's text as paragraphs, each mention a link to its entity (overlaps skipped)."""
    out, at = [], 0
    for m in sorted(mentions, key=lambda m: m["start"]):
        if m["start"] < at or m["end"] > len(text):
            continue
        out.append(escape(text[at : m["start"]]))
        link = f'<a class="mention kind-{m["kind"]}" href="../entities/{m["entity_id"]}" title="{escape(m["name"])}">'
        out.append(Markup(link) + escape(text[m["start"] : m["end"]]) + Markup("</a>"))
        at = m["end"]
    out.append(escape(text[at:]))
    paragraphs = Markup("").join(out).split("\n")
    return Markup("").join(Markup("<p>") + p + Markup("</p>\n") for p in paragraphs if p.strip())


async def entity_page(db: Any, entity_id: int) -> dict[str, Any]:
    """An entity's other names, its latest articles, its events and the entities named with it."""
    entity = (await _rows(db, "SELECT * FROM entities WHERE id = ?", [entity_id]) or [{}])[0]
    if not entity:
        return {}
    articles = await _rows(
        db,
        "SELECT a.id AS article_id, a.published, a.source, a.title, COUNT(*) AS mentions, MIN(m.sentence) AS sentence "
        "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
        "GROUP BY a.id ORDER BY a.published DESC, a.id DESC LIMIT ?",
        [entity_id, LIMIT],
    )
    total = (
        await db.execute("SELECT COUNT(DISTINCT article_id) FROM mentions WHERE entity_id = ?", [entity_id])
    ).first()
    return {
        "entity": entity,
        "aliases": await _rows(
            db,
            "SELECT al.name, (SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = al.entity_id "
            "AND m.local_name = al.name) AS articles FROM entity_aliases al WHERE al.entity_id = ? ORDER BY al.name",
            [entity_id],
        ),
        "articles": articles,
        "total_articles": total[0] if total else 0,
        "facet": FACET_OF.get(entity["kind"]),
        "events": await entity_events(db, entity_id),
        "companions": await _rows(
            db,
            "SELECT o.id AS entity_id, o.name, o.kind, COUNT(DISTINCT m2.article_id) AS articles "
            "FROM mentions m1 JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id != m1.entity_id "
            "JOIN entities o ON o.id = m2.entity_id WHERE m1.entity_id = ? AND o.review_status IS NOT 'wrong' "
            "GROUP BY o.id ORDER BY articles DESC, o.name LIMIT 20",
            [entity_id],
        ),
    }


async def entity_events(db: Any, entity_id: int) -> list[dict[str, Any]]:
    """The events an entity takes part in, by any of its names, newest first."""
    return await _rows(
        db,
        """WITH names AS (SELECT name FROM entities WHERE id = :id UNION SELECT name FROM entity_aliases WHERE entity_id = :id)
        SELECT e.id AS event_id, e.date, e.type, e.label, e.num_articles AS articles, e.review_status FROM events e
        WHERE e.review_status IS NOT 'wrong' AND e.num_articles > 0 AND (
            e.place IN names OR e.subject IN names
            OR EXISTS (SELECT 1 FROM json_each(e.participants) p WHERE json_extract(p.value, '$.name') IN names)
            OR EXISTS (SELECT 1 FROM json_each(e.operations) o WHERE o.value IN names))
        ORDER BY e.date DESC, e.id DESC LIMIT 100""",
        {"id": entity_id},
    )


async def event_page(db: Any, event_id: int) -> dict[str, Any]:
    """An event's participants and operations (linked to their entities) and every report of it."""
    event = (await _rows(db, "SELECT * FROM events WHERE id = ?", [event_id]) or [{}])[0]
    if not event:
        return {}
    parts = [{"role": p.get("role"), "name": p["name"], "kind": p.get("kind")} for p in _json(event["participants"])]
    parts += [{"role": "operation", "name": n, "kind": "operation"} for n in _json(event["operations"])]
    if event["place"]:
        parts.append({"role": "place", "name": event["place"], "kind": "place"})
    for part in parts:
        part["entity_id"] = await entity_named(db, part["name"], part["kind"])
    return {
        "event": event,
        "parts": parts,
        "reports": await _rows(
            db,
            "SELECT a.id AS article_id, a.published, a.source, a.title, ea.trigger, ea.evidence, ea.date AS stated_date "
            "FROM event_articles ea JOIN articles a ON a.id = ea.article_id WHERE ea.event_id = ? "
            "ORDER BY a.published, a.id, ea.start",
            [event_id],
        ),
    }


async def entity_named(db: Any, name: str, kind: str | None) -> int | None:
    """The entity a name stands for now: by its name, else as an alias, following merges."""
    row = (
        await db.execute(
            "SELECT COALESCE(e.merged_into, e.id) FROM entities e WHERE e.name = :name AND (:kind IS NULL OR e.kind = :kind) "
            "UNION ALL SELECT entity_id FROM entity_aliases WHERE name = :name AND entity_id IS NOT NULL LIMIT 1",
            {"name": name, "kind": kind},
        )
    ).first()
    return row[0] if row else None


def _json(value: str | None) -> list:
    try:
        found = json.loads(value or "[]")
    except ValueError:
        return []
    return found if isinstance(found, list) else []
