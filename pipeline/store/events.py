"""Event reports from articles merged into events: the same real-world event is one row.

Two reports are the same event when they agree on type, their dates are
compatible (a day inside a reported month counts), their places do not
conflict, and they share what names the event: its subject and ordinal
("segunda reunión del Grupo de Implementación de Seguridad") or participants.
"""

from __future__ import annotations

import json

import sqlite_utils

from ..models import EventMention, Extraction


def attach(db: sqlite_utils.Database, article_id: int, x: Extraction) -> set[int]:
    """Link each event report of an article to its event, creating events as needed."""
    touched = set()
    for ev in x.events:
        event_id = find_event(db, ev) or create_event(db, ev)
        db["event_articles"].insert(
            {"event_id": event_id, "article_id": article_id, "trigger": ev.trigger,
             "evidence": ev.evidence, "start": ev.start, "end": ev.end, "date": ev.date,
             "place": ev.place, "status": ev.status,
             "participants": json.dumps([p.__dict__ for p in ev.participants], ensure_ascii=False),
             "operations": json.dumps(ev.operations, ensure_ascii=False)},
            replace=True,
        )
        touched.add(event_id)
    return touched


def find_event(db: sqlite_utils.Database, ev: EventMention) -> int | None:
    """The stored event this report describes, if there is one."""
    rows = db.execute(
        "SELECT id, date, place, subject, ordinal FROM events WHERE type = ?", [ev.type]
    ).fetchall()
    for event_id, date, place, subject, ordinal in rows:
        if same_event(ev, date, place, subject, ordinal):
            return int(event_id)
    return None


def same_event(ev: EventMention, date: str | None, place: str | None,
               subject: str | None, ordinal: int | None) -> bool:
    if not compatible_dates(ev.date, date) or not _agree(ev.place, place):
        return False
    if ev.ordinal and ordinal and ev.ordinal != ordinal:
        return False
    if ev.subject and subject:
        return ev.subject == subject and (bool(ev.ordinal and ordinal) or ev.date == date)
    return bool(ev.date and date and ev.date == date and len(date) == 10 and ev.place and place)


def compatible_dates(a: str | None, b: str | None) -> bool:
    """Dates agree when one is a prefix of the other: 2025-12-11 lies in 2025-12."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a == b


def create_event(db: sqlite_utils.Database, ev: EventMention) -> int:
    row = {"type": ev.type, "date": ev.date, "granularity": ev.granularity, "place": ev.place,
           "subject": ev.subject, "ordinal": ev.ordinal, "count": ev.count, "status": ev.status,
           "label": ev.label}
    return int(db["events"].insert(row).last_pk)


def refresh(db: sqlite_utils.Database, event_ids: set[int]) -> None:
    """Recount articles and sources of events, sharpen their dates, drop unreported ones."""
    for event_id in event_ids:
        stats = db.execute(
            "SELECT COUNT(DISTINCT ea.article_id), COUNT(DISTINCT a.source) "
            "FROM event_articles ea JOIN articles a ON a.id = ea.article_id WHERE ea.event_id = ?",
            [event_id],
        ).fetchone()
        if not stats[0]:
            db.execute("DELETE FROM events WHERE id = ?", [event_id])
            continue
        date = _most_precise(db, event_id)
        status = "past" if db.execute(
            "SELECT 1 FROM event_articles WHERE event_id = ? AND status = 'past'", [event_id]
        ).fetchone() else "planned"
        db["events"].update(event_id, {"num_articles": stats[0], "num_sources": stats[1],
                                       "date": date, "status": status})


def _most_precise(db: sqlite_utils.Database, event_id: int) -> str | None:
    dates = [r[0] for r in db.execute(
        "SELECT date FROM event_articles WHERE event_id = ? AND date IS NOT NULL", [event_id])]
    return max(dates, key=len) if dates else None
