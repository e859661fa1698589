"""Event ids that hold: an id, once given, always leads to its event or to what it became.

An event goes when no article reports it any more (`events.refresh`), or when it is merged into
another (its reports moved there: by a new extraction, or `events.merge_events`). Either way its
id stays in `event_redirects` with the event it became (`new_id`, NULL when none), and

* `current_event(id)` follows it: a bookmark, an open tab or a decision about event 12 finds the
  event 12 became;
* no new event is ever given a used id (`next_event_id`): SQLite would otherwise reuse the
  highest id once its event is deleted, and an old link would show another event.

Chains are kept one hop long: when B is merged into C, the ids that led to B lead to C.
"""

from __future__ import annotations

import sqlite_utils

__all__ = ["MAX_HOPS", "current_event", "next_event_id", "redirect"]

MAX_HOPS = 20  # chains are one hop; this only bounds a hand-edited table


def redirect(db: sqlite_utils.Database, old_id: int, new_id: int | None, at: str) -> None:
    """Record that event `old_id` is gone, merged into `new_id` (None: into nothing)."""
    db.execute("UPDATE event_redirects SET new_id = ? WHERE new_id = ?", [new_id, old_id])
    db.execute("INSERT OR REPLACE INTO event_redirects (old_id, new_id, at) VALUES (?, ?, ?)", [old_id, new_id, at])


def current_event(db: sqlite_utils.Database, event_id: int) -> int | None:
    """The event `event_id` is now: itself, the event it was merged into, or None when it is gone
    (no article reports it any more) or never was."""
    for _ in range(MAX_HOPS):
        if db.execute("SELECT 1 FROM events WHERE id = ?", [event_id]).fetchone():
            return event_id
        row = db.execute("SELECT new_id FROM event_redirects WHERE old_id = ?", [event_id]).fetchone()
        if row is None or row[0] is None:
            return None
        event_id = int(row[0])
    return None


def next_event_id(db: sqlite_utils.Database) -> int:
    """An id no event has ever had (two lookups at the end of primary-key indexes)."""
    row = db.execute(
        "SELECT max(COALESCE((SELECT max(id) FROM events), 0), COALESCE((SELECT max(old_id) FROM event_redirects), 0))"
    ).fetchone()
    return int(row[0]) + 1
