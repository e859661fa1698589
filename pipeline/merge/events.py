"""Which reports are one event: the same real-world event, however many articles report it.

A report is another report of an event when nothing tells them apart and something ties them
together.

Told apart by (any one keeps them separate):
  a different ordinal ("segunda" vs "tercera reunión"), count (37 vs 26), body or series,
  qualifier (a preparatory meeting is not the meeting), dates that cannot be the same time (a day
  inside a reported month can; outlets firmly tied by a count, a destination or two names may
  disagree by a day or two), places known to be different (McAllen and Washington; Washington
  lies in Estados Unidos, and a place the gazetteer does not know may be a venue anywhere), and
  for a report that states no date, an event outside the days before it was published (an undated
  page, before the latest day it states); with no day at all, only what ties firmly, and for kinds
  the same people repeat (a call, a meeting: `recurs` in events.toml) two names are not firm.

Tied together by (any one suffices):
  the same body and ordinal ("la segunda reunión del Grupo …"), the same body on the same day, with
  a shared participant or with a stated day or month on both sides, the same count, a shared named
  operation, two shared participants, one shared participant on the same day, the same or a
  nested place on the same day, a day announced ahead for it and the day it was reported held
  ("se realizará una nueva reunión el 23 de enero"; "se reunieron el 23 de enero"), or for
  transfers the same destination.

An event's own fields come from its reports (`merged`): the most precise stated date, the most
named place, every participant; a planned event reported as held is past. Extraction's
within-article clustering uses the same agreements of dates, places and bodies
(`compatible_dates`, `subjects_compatible`, `disagree`). The store
(`pipeline/store/events.py`) finds the candidates and writes the rows; every decision is made here.
"""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Day
from datetime import timedelta
from typing import Any

from ..models import DateMention, EventMention, Participant
from .labels import event_types, make_label
from .places import most_specific, places_agree, places_compatible
from .text import STOPWORDS, fold, key_words

WINDOW_DAYS = 30  # a report that states no date refers to something at most this long before it
PLANNED_DAYS = 90  # … or, for a planned event, at most this long after it
DAY_SLIP = 3  # days two reports of the same numbered event may disagree by
TIED_SLIP = 2  # … and two reports firmly tied by a count, a destination or two names
SIDES = " – "  # between a match's sides in its subject ("Chile – Perú")

__all__ = [
    "DAY_SLIP",
    "PLANNED_DAYS",
    "TIED_SLIP",
    "WINDOW_DAYS",
    "Profile",
    "announced",
    "article_reports",
    "closest",
    "compatible_dates",
    "date_span",
    "disagree",
    "firmly_tied",
    "merged",
    "name_terms",
    "same_event",
    "shared_names",
    "subject_terms",
    "subjects_compatible",
    "tied",
    "told_apart",
    "written_on",
]


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
    def of_report(cls, ev: EventMention, published: str | None) -> Profile:
        """One report's view: what its article says, published on `published`."""
        return cls(
            ev.type,
            ev.date,
            published,
            published,
            ev.place,
            ev.subject,
            ev.ordinal,
            ev.count,
            ev.qualifier,
            ev.status,
            {p.name for p in ev.participants if p.kind != "place"},
            {p.name for p in ev.participants if p.role == "destino"},
            set(ev.operations),
        )

    @property
    def named(self) -> bool:
        """Its body and ordinal say which one it is, whenever it is reported."""
        return bool(self.subject and self.ordinal)

    def span(self) -> tuple[Day, Day] | None:
        """The days it may have happened on (a stated day give or take the days reports of one
        event may disagree by)."""
        if self.date:
            first, last = date_span(self.date)
            slip = timedelta(days=TIED_SLIP if len(self.date) == 10 else 0)
            return first - slip, last + slip
        if not self.first:
            return None
        first, last = Day.fromisoformat(self.first[:10]), Day.fromisoformat((self.last or self.first)[:10])
        ahead = PLANNED_DAYS if self.status == "planned" else 0
        return first - timedelta(days=WINDOW_DAYS), last + timedelta(days=ahead)


def date_span(value: str) -> tuple[Day, Day]:
    """The first and last day of a stated date: a day, a month ("2025-12") or a year."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = Day(*parts)
        return d, d
    if len(parts) == 2:
        return Day(parts[0], parts[1], 1), Day(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return Day(parts[0], 1, 1), Day(parts[0], 12, 31)


def written_on(published: str | None, dates: Iterable[DateMention]) -> str | None:
    """When a page was written, as its reports' days are told from: its publication date, or for
    an undated page the latest day it states with its year ("El 15 de enero de 2026, …"), on or
    after which it was written. None when it states none (a year the fetch time guessed says nothing)."""
    if published:
        return published
    return max((d.value for d in dates if d.granularity == "day" and not d.guessed), default=None)


# ── what agrees ─────────────────────────────────────────────────────────────────────────────
def compatible_dates(a: str | None, b: str | None) -> bool:
    """Stated dates agree when one lies inside the other: 2025-12-11 lies in 2025-12."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def subjects_compatible(a: str, b: str) -> bool:
    """ "Grupo de Implementación de Seguridad" and "… de Seguridad México-EE.UU." name one body."""
    wa, wb = set(key_words(a)), set(key_words(b))
    return wa <= wb or wb <= wa or _share_a_side(a, b)


def _share_a_side(a: str, b: str) -> bool:
    """ "Chivas – Pachuca" and "Guadalajara – Pachuca": a match's sides, one named alike on both
    (a team plays one match at a time; the day tells its matches apart)."""
    if SIDES not in a or SIDES not in b:
        return False
    sides_b = [set(key_words(x)) for x in b.split(SIDES)]
    return any(set(key_words(x)) and set(key_words(x)) == y for x in a.split(SIDES) for y in sides_b)


def disagree(x: object, y: object) -> bool:
    """Both known and different: a second and a third meeting, 37 and 26 transferred."""
    return x is not None and y is not None and x != y


# ── one event or two ────────────────────────────────────────────────────────────────────────
def same_event(event: Profile, report: Profile) -> bool:
    """True when `report` is another report of `event`."""
    return event.type == report.type and not told_apart(event, report) and tied(event, report)


def told_apart(a: Profile, b: Profile) -> bool:
    """Something says they are different events (see the module's docstring)."""
    if disagree(a.ordinal, b.ordinal) or disagree(a.count, b.count) or a.qualifier != b.qualifier:
        return True
    if a.subject and b.subject and not subjects_compatible(a.subject, b.subject) and not announced(a) & announced(b):
        return True
    if (not compatible_dates(a.date, b.date) and not _day_slip(a, b)) or not _when_agrees(a, b):
        return True
    return not places_compatible(a.place, b.place) and not (a.named and b.named)


def _day_slip(a: Profile, b: Profile) -> bool:
    """ "La primera reunión del GIS" on the 26th in one report and on the 27th in another; 37
    transferred on the 20th and on the 21st: one event, whose day one report got wrong. The series
    number says which event it is, or a count, a destination or two names tie them firmly."""
    if not (a.date and b.date and len(a.date) == len(b.date) == 10):
        return False
    gap = abs((date_span(a.date)[0] - date_span(b.date)[0]).days)
    if a.named and b.named:
        return gap <= DAY_SLIP
    return gap <= TIED_SLIP and firmly_tied(a, b)


def firmly_tied(a: Profile, b: Profile, names_suffice: bool = True) -> bool:
    """What says two reports are one event whatever day each gives: the same count, a shared
    destination of a transfer, two shared names (unless `names_suffice` is false) or a shared
    named operation."""
    return any(
        (
            bool(a.count and a.count == b.count),
            a.type == "transfer" and bool(a.destinations & b.destinations),
            names_suffice and shared_names(a.names, b.names) >= 2,
            bool(announced(a) & announced(b)) and a.type in ("announcement", "operation"),
        )
    )


def _when_agrees(a: Profile, b: Profile) -> bool:
    """The days each may have happened on overlap."""
    if a.named and b.named:
        return True  # "the second meeting of X" is one event whenever it is reported
    sa, sb = a.span(), b.span()
    if sa is None or sb is None:  # undated and unpublished: only what ties firmly, whenever it was
        return firmly_tied(a, b, names_suffice=not event_types().get(a.type, {}).get("recurs", False))
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def tied(a: Profile, b: Profile) -> bool:
    """Something says they are one event (see the module's docstring)."""
    same_day = bool(a.date and b.date and len(a.date) == 10 and a.date == b.date)
    shared = shared_names(a.names, b.names)
    return any(
        (
            a.named and b.named,
            bool(a.subject and b.subject) and (same_day or shared >= 1 or _dated(a, b)),
            bool(a.count and b.count),
            bool(announced(a) & announced(b)) and a.type in ("announcement", "operation"),
            shared >= 2,
            shared >= 1 and same_day,
            same_day and places_agree(a.place, b.place),
            same_day and (a.status == "planned") != (b.status == "planned"),
            a.type == "transfer" and bool(a.destinations & b.destinations),
        )
    )


def _dated(a: Profile, b: Profile) -> bool:
    """Both state a day or a month ("la reunión del Grupo X en enero", "… el 23 de enero")."""
    return bool(a.date and b.date and len(a.date) >= 7 and len(b.date) >= 7)


def subject_terms(subject: str | None) -> set[str]:
    """Words one of which a subject `subjects_compatible` accepts contains, lower case (the store
    looks events up by them)."""
    return {w.lower() for w in re.findall(r"[^\W\d_]{4,}", subject or "") if fold(w) not in STOPWORDS}


def shared_names(a: set[str], b: set[str]) -> int:
    """How many of `a` name someone `b` names too, however many of their words each report gives:
    "Claudia Sheinbaum Pardo", "Claudia Sheinbaum" and "Sheinbaum" are one person; "Secretaría de
    Marina" and "Marina" one body."""
    words = [frozenset(key_words(n)) for n in b]
    return sum(1 for n in a if any(_same_name(frozenset(key_words(n)), w) for w in words))


def _same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and (a <= b or b <= a)


def name_terms(names: set[str]) -> set[str]:
    """Words one of which any name `shared_names` matches to one of `names` contains, as written
    (the store looks events up by them)."""
    return {w for n in names for w in re.findall(r"[^\W\d_]{3,}", n) if fold(w) not in STOPWORDS}


def announced(p: Profile) -> set[str]:
    """What an announcement names: "lanzaron la Misión Firewall (Misión Cortafuegos)" names both."""
    return p.operations | ({p.subject} if p.subject else set())


def closest(report: Profile, events: Iterable[tuple[int, Profile, int]]) -> int | None:
    """Of `events` (id, profile, number of articles), the one `report` is another report of:
    of those tied, the same series first, then the most shared names, then the most reported;
    of equals, the first."""
    best: tuple[tuple[bool, int, int], int] | None = None
    for event_id, event, articles in events:
        if same_event(event, report):
            strength = (event.named and report.named, shared_names(event.names, report.names), articles)
            if best is None or strength > best[0]:
                best = (strength, event_id)
    return best[1] if best else None


def article_reports(events: list[EventMention]) -> list[list[EventMention]]:
    """An article's mentions grouped by event: extraction gives every sentence of one event the same arguments."""
    groups: dict[tuple, list[EventMention]] = {}
    for ev in events:
        key = (
            ev.type,
            ev.label,
            ev.date,
            ev.place,
            ev.subject,
            ev.ordinal,
            ev.count,
            ev.qualifier,
            ev.status,
            tuple((p.name, p.kind, p.role) for p in ev.participants),
            tuple(ev.operations),
        )
        groups.setdefault(key, []).append(ev)
    return list(groups.values())


# ── an event's fields from its reports ──────────────────────────────────────────────────────
def merged(type_: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """An event's fields from all its reports (rows of `event_articles` with their article's
    `published` and `source`), as the `events` table stores them: the most precise date the
    reports state (of equal precision, the one most give), or the first publication when the
    reports state no more than its year."""
    stated = [r for r in reports if r["date"]]
    published = sorted(r["published"] for r in reports if r["published"])
    votes = Counter(r["date"] for r in stated)
    best = max(stated, key=lambda r: (len(r["date"]), votes[r["date"]])) if stated else None
    if best and len(best["date"]) == 4 and published and published[0].startswith(best["date"]):
        best = None  # "en 2025" says less than the day it was first reported in 2025
    row = {
        "date": best["date"] if best else (published[0] if published else None),
        "granularity": best["granularity"] if best else ("day" if published else None),
        "date_basis": "text" if best else ("published" if published else None),
        "place": most_specific([r["place"] for r in reports if r["place"]]),
        "subject": _most_common([r["subject"] for r in reports]),
        "ordinal": _most_common([r["ordinal"] for r in reports]),
        "count": _most_common([r["count"] for r in reports]),
        "qualifier": _most_common([r["qualifier"] for r in reports]),
        "status": "past" if any(r["status"] == "past" for r in reports) else "planned",
        "participants": json.dumps(_participants(reports), ensure_ascii=False),
        "operations": json.dumps(
            sorted({o for r in reports for o in json.loads(r["operations"] or "[]")}), ensure_ascii=False
        ),
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
        "num_articles": len({r["article_id"] for r in reports}),
        "num_sources": len({r["source"] for r in reports}),
    }
    row["label"] = _label(type_, row)
    return row


def _most_common(values: list) -> object:
    """The value most reports give (of equal counts, the first); None when none gives one."""
    present = [v for v in values if v is not None]
    return Counter(present).most_common(1)[0][0] if present else None


def _participants(reports: list[dict[str, Any]]) -> list[dict]:
    """Everyone any report names, once, with the first role a report gives them."""
    out: dict[str, dict] = {}
    for r in reports:
        for p in json.loads(r["participants"] or "[]"):
            known = out.setdefault(p["name"], p)
            known["role"] = known.get("role") or p.get("role")
    return list(out.values())


def _label(type_: str, row: dict[str, Any]) -> str:
    """The merged event's label; a date from publication, not the text, is marked "~"."""
    ev = EventMention(
        type=type_,
        trigger="",
        evidence="",
        start=0,
        end=0,
        date=row["date"],
        place=row["place"],
        subject=row["subject"],
        ordinal=row["ordinal"],
        count=row["count"],
        qualifier=row["qualifier"],
        participants=[Participant(p["name"], p["kind"], p.get("role")) for p in json.loads(row["participants"])],
        operations=json.loads(row["operations"]),
    )
    when = row["date"] if row["date_basis"] != "published" else f"~{row['date']}"
    return make_label(ev, when)
