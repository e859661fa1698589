"""Event reports from articles merged into events: the same real-world event is one row.

A report joins an event when nothing tells them apart and something ties them together.

Told apart by (any one keeps them separate):
  a different ordinal ("segunda" vs "tercera reunión"), count (37 vs 26), body or series,
  qualifier (a preparatory meeting is not the meeting), dates that cannot be the same time (a day
  inside a reported month can), places that cannot be the same (McAllen lies in Texas), and for a
  report that states no date, an event outside the days before it was published.

Tied together by (any one suffices):
  the same body and ordinal ("la segunda reunión del Grupo …"), the same count, a shared named
  operation, two shared participants, one shared participant on the same day, the same place on
  the same day, or for transfers the same destination.

An event's own fields are recomputed from its reports (`refresh`): the most precise stated date,
the most named place, every participant; a planned event reported as held becomes past. Review
columns are the reviewer's and are never written here.
"""

from __future__ import annotations

import calendar
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Day
from datetime import timedelta

import sqlite_utils

from ..extract.event_rules import make_label, place_depth, places_compatible, subjects_compatible
from ..models import EventMention, Extraction, Participant
from . import decisions

WINDOW_DAYS = 30  # a report that states no date refers to something at most this long before it
PLANNED_DAYS = 90  # … or, for a planned event, at most this long after it
DAY_SLIP = 3  # days two reports of the same numbered event may disagree by

__all__ = ["attach", "find_event", "same_event", "refresh", "article_events", "Profile", "compatible_dates"]


@dataclass
class Profile:
    """What identifies an event, whether one report's view of it or an event's merged view."""

    type: str
    date: str | None = None  # stated in the text
    first: str | None = None  # publication dates of the reports
    last: str | None = None
    place: str | None = None
    subject: str | None = None
    ordinal: int | None = None
    count: int | None = None
    qualifier: str | None = None
    status: str = "past"
    names: set[str] = field(default_factory=set)  # people and organizations taking part
    destinations: set[str] = field(default_factory=set)
    operations: set[str] = field(default_factory=set)

    @classmethod
    def of_report(cls, ev: EventMention, published: str | None) -> "Profile":
        return cls(ev.type, ev.date, published, published, ev.place, ev.subject, ev.ordinal, ev.count,
                   ev.qualifier, ev.status, {p.name for p in ev.participants if p.kind != "place"},
                   {p.name for p in ev.participants if p.role == "destino"}, set(ev.operations))

    @property
    def named(self) -> bool:
        """Its body and ordinal say which one it is, whenever it is reported."""
        return bool(self.subject and self.ordinal)

    def span(self) -> tuple[Day, Day] | None:
        """The days it may have happened on."""
        if self.date:
            return _span(self.date)
        if not self.first:
            return None
        first, last = Day.fromisoformat(self.first[:10]), Day.fromisoformat((self.last or self.first)[:10])
        ahead = PLANNED_DAYS if self.status == "planned" else 0
        return first - timedelta(days=WINDOW_DAYS), last + timedelta(days=ahead)


def _span(value: str) -> tuple[Day, Day]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = Day(*parts)
        return d, d
    if len(parts) == 2:
        return Day(parts[0], parts[1], 1), Day(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return Day(parts[0], 1, 1), Day(parts[0], 12, 31)


def compatible_dates(a: str | None, b: str | None) -> bool:
    """Stated dates agree when one lies inside the other: 2025-12-11 lies in 2025-12."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


# ── merging ─────────────────────────────────────────────────────────────────────────────────
def same_event(event: Profile, report: Profile) -> bool:
    """True when `report` is another report of `event`."""
    return event.type == report.type and not _told_apart(event, report) and _tied(event, report)


def _told_apart(a: Profile, b: Profile) -> bool:
    def differ(x, y) -> bool:
        return x is not None and y is not None and x != y
    if differ(a.ordinal, b.ordinal) or differ(a.count, b.count) or a.qualifier != b.qualifier:
        return True
    if a.subject and b.subject and not subjects_compatible(a.subject, b.subject) and not _announced(a) & _announced(b):
        return True
    if (not compatible_dates(a.date, b.date) and not _day_slip(a, b)) or not _when_agrees(a, b):
        return True
    return not places_compatible(a.place, b.place) and not (a.named and b.named)


def _day_slip(a: Profile, b: Profile) -> bool:
    """"La primera reunión del GIS" on the 26th in one report and on the 27th in another: one event,
    whose day one report got wrong; the series number says which event it is."""
    if not (a.named and b.named and a.date and b.date):
        return False
    return abs((_span(a.date)[0] - _span(b.date)[0]).days) <= DAY_SLIP


def _when_agrees(a: Profile, b: Profile) -> bool:
    if a.named and b.named:
        return True  # "the second meeting of X" is one event whenever it is reported
    sa, sb = a.span(), b.span()
    if sa is None or sb is None:
        return bool(a.count and b.count)  # undated and unpublished: only a stated count ties it
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def _tied(a: Profile, b: Profile) -> bool:
    same_day = bool(a.date and b.date and len(a.date) == 10 and a.date == b.date)
    shared = len(a.names & b.names)
    return any((
        a.named and b.named,
        bool(a.subject and b.subject) and (same_day or shared >= 1),
        bool(a.count and b.count),
        bool(_announced(a) & _announced(b)) and a.type in ("announcement", "operation"),
        shared >= 2,
        shared >= 1 and same_day,
        same_day and bool(a.place and b.place),
        a.type == "transfer" and bool(a.destinations & b.destinations),
    ))


def _announced(p: Profile) -> set[str]:
    """What an announcement names: "lanzaron la Misión Firewall (Misión Cortafuegos)" names both."""
    return p.operations | ({p.subject} if p.subject else set())


def find_event(db: sqlite_utils.Database, ev: EventMention, published: str | None = None) -> int | None:
    """The stored event this report describes, if there is one: the best tied of the type."""
    report = Profile.of_report(ev, published)
    best = None
    for row in _candidates(db, report):
        event = _profile_of_row(row)
        if same_event(event, report):
            strength = (event.named and report.named, len(event.names & report.names), row["num_articles"])
            if best is None or strength > best[0]:
                best = (strength, int(row["id"]))
    return best[1] if best else None


def _candidates(db: sqlite_utils.Database, report: Profile) -> list[dict]:
    """Events of the type that `same_event` could tie to the report, and a few more, never fewer.

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
    if report.count:  # an event or a report with no days at all is tied by its count alone
        parts.append(("count = ?" + ("" if span is None else " AND date_basis IS NULL"), [report.count]))
    if not parts:
        return []
    sql = " UNION ".join(f"SELECT * FROM events WHERE type = ? AND {where}" for where, _ in parts)
    return list(db.query(sql, [p for _, params in parts for p in (report.type, *params)]))


def _overlapping(span: tuple[Day, Day]) -> list[tuple[str, list]]:
    """Conditions, each an index range, for events whose days may overlap `span` (see Profile.span)."""
    lo, hi = span
    dated = [(f"date_basis = 'text' AND date BETWEEN ? AND ? AND length(date) = {n}",
              [lo.isoformat()[:n], hi.isoformat()[:n]]) for n in (10, 7, 4)]
    # an undated event may have happened from WINDOW_DAYS before its first report to its last
    # report, or PLANNED_DAYS after it when planned
    first_before = (hi + timedelta(days=WINDOW_DAYS + 1)).isoformat()
    undated = "COALESCE(date_basis, '') != 'text' AND first_reported < ? AND "
    return dated + [
        (undated + "last_reported >= ?", [first_before, lo.isoformat()]),
        (undated + "status = 'planned' AND last_reported >= ? AND last_reported < ?",
         [first_before, (lo - timedelta(days=PLANNED_DAYS)).isoformat(), lo.isoformat()]),
    ]


def _tie_clause(report: Profile) -> tuple[str, list]:
    """What an event must share with the report to be tied to it (see `_tied`)."""
    clauses, params = [], []
    for name in sorted(report.names | report.destinations):
        clauses.append("instr(participants, ?) > 0")
        params.append(json.dumps({"name": name}, ensure_ascii=False)[:-1])  # '{"name": "Ana Pérez"'
    if report.count:
        clauses.append("count = ?")
        params.append(report.count)
    for thing in sorted(_announced(report)):
        clauses.append("(subject = ? OR instr(operations, ?) > 0)")
        params += [thing, json.dumps(thing, ensure_ascii=False)]
    if report.date and len(report.date) == 10 and (report.place or report.subject):
        clauses.append("date = ?")  # the same day, with a place or body on both sides
        params.append(report.date)
    return " OR ".join(clauses), params


def _profile_of_row(e: dict) -> Profile:
    participants = json.loads(e["participants"] or "[]")
    return Profile(e["type"], e["date"] if e["date_basis"] == "text" else None, e["first_reported"],
                   e["last_reported"], e["place"], e["subject"], e["ordinal"], e["count"], e["qualifier"],
                   e["status"] or "past", {p["name"] for p in participants if p["kind"] != "place"},
                   {p["name"] for p in participants if p.get("role") == "destino"},
                   set(json.loads(e["operations"] or "[]")))


# ── loading ─────────────────────────────────────────────────────────────────────────────────
def attach(db: sqlite_utils.Database, article_id: int, x: Extraction) -> set[int]:
    """Link each event report of an article to its event, creating events as needed."""
    touched: set[int] = set()
    published = x.article.published
    for group in _reports(x.events):
        ev = _resolved(db, group[0])
        event_id = find_event(db, ev, published) or create_event(db, ev, published)
        for mention in group:
            db.table("event_articles").insert(_report_row(event_id, article_id, _resolved(db, mention)), replace=True)
        refresh(db, {event_id})
        touched.add(event_id)
    return touched


def _reports(events: list[EventMention]) -> list[list[EventMention]]:
    """An article's mentions grouped by event: extraction gives every sentence of one event the same arguments."""
    groups: dict[tuple, list[EventMention]] = {}
    for ev in events:
        key = (ev.type, ev.label, ev.date, ev.place, ev.subject, ev.ordinal, ev.count, ev.qualifier, ev.status,
               tuple((p.name, p.kind, p.role) for p in ev.participants), tuple(ev.operations))
        groups.setdefault(key, []).append(ev)
    return list(groups.values())


def _resolved(db: sqlite_utils.Database, ev: EventMention) -> EventMention:
    """The report with participants named as reviewers decided (renamed or merged entities)."""
    people = [Participant(decisions.resolve_entity(db, p.kind, p.name)[1], p.kind, p.role)
              for p in ev.participants]
    return EventMention(**{**ev.__dict__, "participants": people})


def _report_row(event_id: int, article_id: int, ev: EventMention) -> dict:
    return {"event_id": event_id, "article_id": article_id, "trigger": ev.trigger, "evidence": ev.evidence,
            "start": ev.start, "end": ev.end, "date": ev.date, "granularity": ev.granularity,
            "place": ev.place, "subject": ev.subject, "ordinal": ev.ordinal, "count": ev.count,
            "qualifier": ev.qualifier, "status": ev.status, "label": ev.label,
            "participants": json.dumps([p.__dict__ for p in ev.participants], ensure_ascii=False),
            "operations": json.dumps(ev.operations, ensure_ascii=False)}


def create_event(db: sqlite_utils.Database, ev: EventMention, published: str | None = None) -> int:
    row = {"type": ev.type, "date": ev.date or published,
           "granularity": ev.granularity or ("day" if published else None),
           "date_basis": "text" if ev.date else "published" if published else None,
           "place": ev.place, "subject": ev.subject, "ordinal": ev.ordinal, "count": ev.count,
           "qualifier": ev.qualifier, "status": ev.status, "label": ev.label,
           "first_reported": published, "last_reported": published}
    return int(db.table("events").insert(row).last_pk or 0)


def refresh(db: sqlite_utils.Database, event_ids: set[int]) -> None:
    """Recompute events from their reports; drop those no article reports any more (unless reviewed)."""
    for event_id in event_ids:
        rows = db.execute(
            "SELECT ea.*, a.published, a.source FROM event_articles ea JOIN articles a ON a.id = ea.article_id "
            "WHERE ea.event_id = ?", [event_id],
        )
        reports = [dict(zip([d[0] for d in rows.description], r)) for r in rows.fetchall()]
        if reports:
            type_ = db.execute("SELECT type FROM events WHERE id = ?", [event_id]).fetchone()[0]
            db.table("events").update(event_id, _merged(type_, reports))
        elif db.execute("SELECT review_status FROM events WHERE id = ?", [event_id]).fetchone() in (None, (None,)):
            db.execute("DELETE FROM events WHERE id = ?", [event_id])
        else:
            db.table("events").update(event_id, {"num_articles": 0, "num_sources": 0})


def _merged(type_: str, reports: list[dict]) -> dict:
    """An event's fields from all its reports."""
    stated = [r for r in reports if r["date"]]
    published = sorted(r["published"] for r in reports if r["published"])
    votes = Counter(r["date"] for r in stated)
    best = max(stated, key=lambda r: (len(r["date"]), votes[r["date"]])) if stated else None
    row = {
        "date": best["date"] if best else (published[0] if published else None),
        "granularity": best["granularity"] if best else ("day" if published else None),
        "date_basis": "text" if best else ("published" if published else None),
        "place": _most_specific([r["place"] for r in reports if r["place"]]),
        "subject": _most_common([r["subject"] for r in reports]),
        "ordinal": _most_common([r["ordinal"] for r in reports]),
        "count": _most_common([r["count"] for r in reports]),
        "qualifier": _most_common([r["qualifier"] for r in reports]),
        "status": "past" if any(r["status"] == "past" for r in reports) else "planned",
        "participants": json.dumps(_participants(reports), ensure_ascii=False),
        "operations": json.dumps(sorted({o for r in reports for o in json.loads(r["operations"] or "[]")}),
                                 ensure_ascii=False),
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
        "num_articles": len({r["article_id"] for r in reports}),
        "num_sources": len({r["source"] for r in reports}),
    }
    row["label"] = _label(type_, row)
    return row


def _most_common(values: list) -> object:
    present = [v for v in values if v is not None]
    return Counter(present).most_common(1)[0][0] if present else None


def _most_specific(places: list[str]) -> str | None:
    """The place most reports agree with; between a place and one inside it, the inner one."""
    if not places:
        return None
    counts = Counter(places)
    return max(counts, key=lambda p: (sum(n for q, n in counts.items() if places_compatible(p, q)),
                                      place_depth(p), counts[p]))


def _participants(reports: list[dict]) -> list[dict]:
    out: dict[str, dict] = {}
    for r in reports:
        for p in json.loads(r["participants"] or "[]"):
            known = out.setdefault(p["name"], p)
            known["role"] = known.get("role") or p.get("role")
    return list(out.values())


def _label(type_: str, row: dict) -> str:
    ev = EventMention(type=type_, trigger="", evidence="", start=0, end=0,
                      date=row["date"], place=row["place"], subject=row["subject"], ordinal=row["ordinal"],
                      count=row["count"], qualifier=row["qualifier"],
                      participants=[Participant(p["name"], p["kind"], p.get("role"))
                                    for p in json.loads(row["participants"])],
                      operations=json.loads(row["operations"]))
    when = row["date"] if row["date_basis"] != "published" else f"~{row['date']}"
    return make_label(ev, when)


def article_events(db: sqlite_utils.Database, article_id: int, visible_only: bool = True) -> list[dict]:
    """An article's events as the export lists them: chronologically, earliest first."""
    hidden = "AND COALESCE(e.review_status, '') != 'wrong'" if visible_only else ""
    rows = db.execute(
        "SELECT DISTINCT e.id, e.type, e.date, e.place, e.label, e.status FROM event_articles ea "
        f"JOIN events e ON e.id = ea.event_id WHERE ea.article_id = ? {hidden} ORDER BY e.date, e.id",
        [article_id],
    ).fetchall()
    return [{"id": i, "type": t, "date": d, "place": p, "label": lbl, "status": st} for i, t, d, p, lbl, st in rows]
