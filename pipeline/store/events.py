"""Event reports from articles stored as events: the same real-world event is one row.

Whether a report is another report of a stored event, and an event's fields from its reports,
are decided in `pipeline/merge/events.py`. Here: the candidate query (events the rules could
tie to a report, through indexes), the `events` and `event_articles` rows, and `refresh`, which
recomputes an event from its reports. Review columns are the reviewer's and are never written here
(but for `merge_events`, which carries a review over to the event merged into).

Ids hold: an article saved again sends its reports back to the events they were in first
(`merge/identity.py` decides which), and an event that goes leaves its id to the event it became
(`redirects.py`); no id is given twice.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from datetime import date as Day

import sqlite_utils

from ..merge.events import (
    PLANNED_DAYS,
    TIED_SLIP,
    WINDOW_DAYS,
    Profile,
    announced,
    article_reports,
    closest,
    merged,
    name_terms,
    subject_terms,
    written_on,
)
from ..merge.identity import Earlier, earlier_event, report_key, row_key, successors
from ..merge.labels import make_label
from ..models import EventMention, Extraction, Participant
from . import decisions
from .redirects import current_event, next_event_id, redirect
from .rows import insert_row, update_row

__all__ = [
    "article_events",
    "attach",
    "create_event",
    "current_event",
    "earlier_reports",
    "find_event",
    "merge_events",
    "refresh",
]


# ── finding a report's event ────────────────────────────────────────────────────────────────
def find_event(db: sqlite_utils.Database, ev: EventMention, published: str | None = None) -> int | None:
    """The stored event this report describes, if there is one: the best tied of the type."""
    report = Profile.of_report(ev, published)
    return closest(
        report, ((int(row["id"]), _profile_of_row(row), row["num_articles"]) for row in _candidates(db, report))
    )


def _candidates(db: sqlite_utils.Database, report: Profile) -> list[dict]:
    """Events of the type that `merge.events.same_event` could tie to the report, and a few more, never fewer.

    Those of the same series ("la segunda reunión del GIS") whenever they happened; otherwise those
    whose days overlap the report's and that share something that ties (a name, the count, what was
    announced, the day). Each part is an indexed range over a few weeks, so the cost depends on how
    much happens in a few weeks, not on how much is stored.
    """
    parts: list[tuple[str, list]] = []
    if report.named:
        parts.append(("ordinal = ? AND subject IS NOT NULL", [report.ordinal]))
    span = report.span()
    tie, tie_params = _tie_clause(report)
    if span is not None and tie:
        parts += [(f"{when} AND ({tie})", when_params + tie_params) for when, when_params in _overlapping(span)]
    if tie:  # no days known, of the report or of an event (undated, unpublished): a tie whenever
        undated = "" if span is None else "date IS NULL AND first_reported IS NULL AND "
        parts.append((f"{undated}({tie})", tie_params))
    if report.count:  # an event or a report with no days at all is tied by its count alone
        parts.append(("count = ?" + ("" if span is None else " AND date_basis IS NULL"), [report.count]))
    if not parts:
        return []
    sql = " UNION ".join(f"SELECT * FROM events WHERE type = ? AND {where}" for where, _ in parts) + " ORDER BY id"
    return list(db.query(sql, [p for _, params in parts for p in (report.type, *params)]))


def _overlapping(span: tuple[Day, Day]) -> list[tuple[str, list]]:
    """Conditions, each an index range, for events whose days may overlap `span` (see `Profile.span`)."""
    lo, hi = span
    slip = timedelta(days=TIED_SLIP)  # a stated day spans that much either side (Profile.span)
    dated = [
        (
            f"date_basis = 'text' AND date BETWEEN ? AND ? AND length(date) = {n}",
            [
                (lo - slip).isoformat()[:n] if n == 10 else lo.isoformat()[:n],
                (hi + slip).isoformat()[:n] if n == 10 else hi.isoformat()[:n],
            ],
        )
        for n in (10, 7, 4)
    ]
    # an undated event may have happened from WINDOW_DAYS before its first report to its last
    # report, or PLANNED_DAYS after it when planned
    first_before = (hi + timedelta(days=WINDOW_DAYS + 1)).isoformat()
    undated = "COALESCE(date_basis, '') != 'text' AND first_reported < ? AND "
    return [
        *dated,
        (undated + "last_reported >= ?", [first_before, lo.isoformat()]),
        (
            undated + "status = 'planned' AND last_reported >= ? AND last_reported < ?",
            [first_before, (lo - timedelta(days=PLANNED_DAYS)).isoformat(), lo.isoformat()],
        ),
    ]


def _tie_clause(report: Profile) -> tuple[str, list]:
    """What an event must share with the report to be tied to it (see `merge.events.tied`)."""
    clauses: list[str] = []
    params: list[str | int] = []
    for name in sorted(report.destinations):
        clauses.append("instr(participants, ?) > 0")
        params.append(json.dumps({"name": name}, ensure_ascii=False)[:-1])  # '{"name": "Ana Pérez"'
    for term in sorted(name_terms(report.names)):  # a word of a name: "Sheinbaum" finds "Claudia Sheinbaum"
        clauses.append("instr(participants, ?) > 0")
        params.append(term)
    if report.count:
        clauses.append("count = ?")
        params.append(report.count)
    for thing in sorted(announced(report)):
        clauses.append("(subject = ? OR instr(operations, ?) > 0)")
        params += [thing, json.dumps(thing, ensure_ascii=False)]
    for term in sorted(subject_terms(report.subject)):  # a word of its body: "Grupo de Implementación en …"
        clauses.append("instr(lower(subject), ?) > 0")
        params.append(term)
    if report.date and len(report.date) == 10 and (report.place or report.subject or report.status == "planned"):
        clauses.append("date = ?")  # the same day, with a place or body on both sides, or announced ahead
        params.append(report.date)
    elif report.date and len(report.date) == 10:
        clauses.append("(date = ? AND status = 'planned')")  # held on the day it was announced for
        params.append(report.date)
    return " OR ".join(clauses), params


def _profile_of_row(e: dict) -> Profile:
    """A stored event as the rules compare it (a date from publication is no stated date)."""
    participants = json.loads(e["participants"] or "[]")
    return Profile(
        e["type"],
        e["date"] if e["date_basis"] == "text" else None,
        e["first_reported"],
        e["last_reported"],
        e["place"],
        e["subject"],
        e["ordinal"],
        e["count"],
        e["qualifier"],
        e["status"] or "past",
        {p["name"] for p in participants if p["kind"] != "place"},
        {p["name"] for p in participants if p.get("role") == "destino"},
        set(json.loads(e["operations"] or "[]")),
    )


# ── loading ─────────────────────────────────────────────────────────────────────────────────
def earlier_reports(db: sqlite_utils.Database, article_id: int) -> list[Earlier]:
    """The article's reports as stored now, before it is saved again: which event each was in."""
    rows = db.execute(
        "SELECT ea.*, e.type AS event_type FROM event_articles ea JOIN events e ON e.id = ea.event_id "
        "WHERE ea.article_id = ? ORDER BY ea.event_id, ea.start",
        [article_id],
    )
    names = [d[0] for d in rows.description]
    reports = [dict(zip(names, r, strict=True)) for r in rows.fetchall()]
    return [Earlier(r["event_id"], row_key(r["event_type"], r), r["evidence"] or "") for r in reports]


def attach(db: sqlite_utils.Database, article_id: int, x: Extraction, earlier: list[Earlier] | None = None) -> set[int]:
    """Link each event report of an article to its event, creating events as needed; return them.

    `earlier`: the article's reports before its old rows were cleared (`earlier_reports`). Its
    reports go back to those events first (`merge.identity`), unchanged ones before changed ones;
    then its earlier events no report came back to and no article reports any more go, each
    leaving its id to the event that took its sentences (`redirects`)."""
    earlier = earlier or []
    groups = [[_resolved(db, m) for m in group] for group in article_reports(x.events)]
    written = written_on(x.article.published, x.dates)  # an undated page's reports are told by the days it states
    groups = [_year_settled(db, group, written) for group in groups]
    old_keys = {e.key for e in earlier}
    groups.sort(key=lambda group: report_key(group[0]) not in old_keys)  # stable: unchanged ones first
    placed: list[tuple[tuple, set[str], int]] = []
    for group in groups:
        event_id = _event_of(db, group, x.article.published, written, earlier)
        for mention in group:
            insert_row(db, "event_articles", _report_row(event_id, article_id, mention), replace=True)
        refresh(db, {event_id})
        placed.append((report_key(group[0]), {m.evidence for m in group}, event_id))
    touched = {event_id for _, _, event_id in placed}
    _retire(db, {e.event_id for e in earlier} - touched, successors(earlier, placed))
    return touched


def _event_of(
    db: sqlite_utils.Database,
    group: list[EventMention],
    published: str | None,
    written: str | None,
    earlier: list[Earlier],
) -> int:
    """The event of one report (its mentions in the article): an earlier one of the article, a
    stored one the rules tie it to (told by when the page was `written`), or a new one (reported
    on its `published` day)."""
    ev = group[0]
    found = None
    if earlier:
        rows = db.query(
            f"SELECT * FROM events WHERE id IN ({', '.join('?' * len(earlier))})", [e.event_id for e in earlier]
        )
        events = {int(r["id"]): (_profile_of_row(r), int(r["num_articles"])) for r in rows}
        report = Profile.of_report(ev, written)
        found = earlier_event(report, report_key(ev), {m.evidence for m in group}, earlier, events)
    return found or find_event(db, ev, written) or create_event(db, ev, published)


def _year_settled(db: sqlite_utils.Database, group: list[EventMention], published: str | None) -> list[EventMention]:
    """A report whose year the fetch time guessed ("el 23 de enero" on an undated page fetched a
    year later) is of the stored event it is tied to on that day-month in a year it could be
    (the nearest first), and takes that event's date. With none, it keeps the guess: the page
    was written before it was fetched. (Left undated, it would be open to any event tied by two
    names, whenever it happened: "Rubio y De la Fuente" meet and talk many times a year.)"""
    ev = group[0]
    if not ev.guessed:
        return group
    for value in _years_around(ev.date or ""):
        if find_event(db, replace(ev, date=value, guessed=False), published) is not None:
            return [_dated(m, value, m.granularity) for m in group]
    return group


def _years_around(value: str) -> list[str]:
    """The day-month of `value` (YYYY-MM-DD) in the years a guess may have missed, nearest first."""
    if len(value) != 10:
        return []
    year = int(value[:4])
    out = []
    for y in sorted(range(year - YEARS_GUESSED, year + YEARS_GUESSED + 1), key=lambda y: (abs(y - year), y)):
        try:
            out.append(Day(y, int(value[5:7]), int(value[8:10])).isoformat())
        except ValueError:  # 29 February
            continue
    return out


def _dated(ev: EventMention, value: str | None, granularity: str | None) -> EventMention:
    """The report with its date settled (and its label with it)."""
    out = replace(ev, date=value, granularity=granularity, guessed=False)
    out.label = make_label(out)
    return out


def _retire(db: sqlite_utils.Database, event_ids: set[int], successor: dict[int, int]) -> None:
    """Refresh the article's earlier events no report came back to; those no article reports any
    more are gone, and their ids lead to the event that took their reports."""
    for event_id in refresh(db, event_ids):
        redirect(db, event_id, successor.get(event_id), _now())


def _resolved(db: sqlite_utils.Database, ev: EventMention) -> EventMention:
    """The report with participants named as reviewers decided (renamed or merged entities)."""
    people = [Participant(decisions.resolve_entity(db, p.kind, p.name)[1], p.kind, p.role) for p in ev.participants]
    return EventMention(**{**ev.__dict__, "participants": people})


YEARS_GUESSED = 2  # a guessed year may be off by this many, either way (an archive page fetched years later)
ARGUMENTS = ("place", "subject", "ordinal", "count", "qualifier", "status", "label")  # a report's, as its event's


def _arguments(ev: EventMention) -> dict[str, object]:
    """The columns a report and the event it creates share, as the report gives them."""
    return {column: getattr(ev, column) for column in ARGUMENTS}


def _report_row(event_id: int, article_id: int, ev: EventMention) -> dict:
    """The `event_articles` row of one report: the event, the article and what the report says."""
    return {
        "event_id": event_id,
        "article_id": article_id,
        "trigger": ev.trigger,
        "evidence": ev.evidence,
        "start": ev.start,
        "end": ev.end,
        "date": ev.date,
        "granularity": ev.granularity,
        **_arguments(ev),
        "participants": json.dumps([p.__dict__ for p in ev.participants], ensure_ascii=False),
        "operations": json.dumps(ev.operations, ensure_ascii=False),
    }


def create_event(db: sqlite_utils.Database, ev: EventMention, published: str | None = None) -> int:
    """A new event from its first report (`refresh` then recomputes it from all its reports)."""
    row: dict[str, object] = {
        "type": ev.type,
        "date": ev.date or published,
        "granularity": ev.granularity or ("day" if published else None),
        "date_basis": "text" if ev.date else "published" if published else None,
        **_arguments(ev),
        "first_reported": published,
        "last_reported": published,
    }
    event_id = next_event_id(db)  # never an id an event that is gone had
    insert_row(db, "events", {"id": event_id, **row})
    return event_id


def refresh(db: sqlite_utils.Database, event_ids: set[int]) -> set[int]:
    """Recompute events from their reports; drop those no article reports any more (unless
    reviewed: those stay, with no articles). Return the dropped ones (the caller redirects them)."""
    dropped = set()
    for event_id in sorted(event_ids):
        rows = db.execute(
            "SELECT ea.*, a.published, a.source FROM event_articles ea JOIN articles a ON a.id = ea.article_id "
            "WHERE ea.event_id = ?",
            [event_id],
        )
        reports = [dict(zip([d[0] for d in rows.description], r, strict=False)) for r in rows.fetchall()]
        if reports:
            type_ = db.execute("SELECT type FROM events WHERE id = ?", [event_id]).fetchone()[0]
            update_row(db, "events", event_id, merged(type_, reports))
        elif db.execute("SELECT review_status FROM events WHERE id = ?", [event_id]).fetchone() in (None, (None,)):
            db.execute("DELETE FROM events WHERE id = ?", [event_id])
            dropped.add(event_id)
        else:
            update_row(db, "events", event_id, {"num_articles": 0, "num_sources": 0})
    return dropped


def merge_events(db: sqlite_utils.Database, old_id: int, new_id: int) -> None:
    """Make event `old_id` part of `new_id` (a reviewer's or a rule's merge): its reports move, it
    goes, and its id leads to `new_id`. A review of it carries over to an unreviewed `new_id`."""
    if old_id == new_id:
        return
    db.execute("UPDATE OR REPLACE event_articles SET event_id = ? WHERE event_id = ?", [new_id, old_id])
    db.execute(
        "UPDATE events SET (review_status, reviewed_by, reviewed_at) = "
        "(SELECT review_status, reviewed_by, reviewed_at FROM events WHERE id = ?) "
        "WHERE id = ? AND review_status IS NULL",
        [old_id, new_id],
    )
    refresh(db, {new_id})
    db.execute("DELETE FROM events WHERE id = ?", [old_id])
    redirect(db, old_id, new_id, _now())


def _now() -> str:
    """The current time, ISO 8601 UTC to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def article_events(db: sqlite_utils.Database, article_id: int, visible_only: bool = True) -> list[dict]:
    """An article's events as the export lists them: chronologically, earliest first."""
    hidden = "AND COALESCE(e.review_status, '') != 'wrong'" if visible_only else ""
    rows = db.execute(
        "SELECT DISTINCT e.id, e.type, e.date, e.place, e.label, e.status FROM event_articles ea "
        f"JOIN events e ON e.id = ea.event_id WHERE ea.article_id = ? {hidden} ORDER BY e.date, e.id",
        [article_id],
    ).fetchall()
    return [{"id": i, "type": t, "date": d, "place": p, "label": lbl, "status": st} for i, t, d, p, lbl, st in rows]
