"""Which stored event a report still is when its article is extracted again: ids that hold.

`reprocess`, `ingest --refetch` and a new extractor version save an article again. Its reports
must go back to the events they were in, whatever order the articles come in, or a reviewer's
mark and every bookmark would point at an event that vanished. So each report of the new
extraction first tries the events its article reported before (`earlier_event`):

  1. the same report (`report_key`: nothing that identifies an event changed) goes back to its
     event, whatever the rules now say: the event may have changed since it joined, from other
     reports (a date another article added), and that must not move it;
  2. a changed report of the same sentence goes back to the event of that sentence unless
     something now tells them apart (`told_apart`: another date, count, ordinal…);
  3. a changed report goes to an earlier event of its article that `same_event` ties it to.

Only then does the store search the candidate events or create one. An earlier event no report
comes back to, and no article reports any more, leads to the event that took its sentences
(`successors`), so an old id still finds what it became.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..models import EventMention
from .events import Profile, closest, told_apart

__all__ = ["Earlier", "earlier_event", "report_key", "row_key", "successors"]


@dataclass(frozen=True)
class Earlier:
    """One report of an article as it was stored before it was saved again."""

    event_id: int
    key: tuple  # report_key of the stored report
    evidence: str  # its sentence


def _key(type_: str, fields: dict[str, Any], participants: Iterable[tuple], operations: Iterable[str]) -> tuple:
    """What identifies a report of an event; its label, trigger and offsets do not."""
    names = ("date", "place", "subject", "ordinal", "count", "qualifier", "status")
    return (type_, *(fields[n] for n in names), tuple(sorted(participants)), tuple(sorted(operations)))


def report_key(ev: EventMention) -> tuple:
    """The identity of a new report (participants as reviewers named them)."""
    people = ((p.name, p.kind, p.role or "") for p in ev.participants)
    return _key(ev.type, ev.__dict__, people, ev.operations)


def row_key(type_: str, row: dict[str, Any]) -> tuple:
    """The identity of a stored report: an `event_articles` row of an event of `type_`."""
    people = ((p["name"], p["kind"], p.get("role") or "") for p in json.loads(row["participants"] or "[]"))
    return _key(type_, {**row, "status": row["status"] or "past"}, people, json.loads(row["operations"] or "[]"))


def earlier_event(
    report: Profile, key: tuple, evidence: set[str], earlier: list[Earlier], events: dict[int, tuple[Profile, int]]
) -> int | None:
    """The earlier event of the article this report still is (see the module's docstring), or None.

    `evidence`: the report's sentences; `events`: the earlier events as they stand now (profile,
    number of articles), by id. Of equals, the lowest id."""
    same = sorted({e.event_id for e in earlier if e.key == key and e.event_id in events})
    if same:
        return same[0]
    sentences = Counter(e.event_id for e in earlier if e.evidence in evidence and e.event_id in events)
    for event_id, _ in sorted(sentences.items(), key=lambda item: (-item[1], item[0])):
        profile = events[event_id][0]
        if profile.type == report.type and not told_apart(profile, report):
            return event_id
    return closest(report, ((i, p, n) for i, (p, n) in sorted(events.items())))


def successors(earlier: list[Earlier], placed: list[tuple[tuple, set[str], int]]) -> dict[int, int]:
    """For each earlier event, the event that took most of its reports in the new extraction: a
    report of the same key, else of the same sentence. `placed`: (key, sentences, event) of each
    new report. Of equals, the lowest id; an event whose reports all vanished has none."""
    votes: dict[int, Counter[int]] = {}
    for e in earlier:
        to = [event for key, _, event in placed if key == e.key] or [
            event for _, sentences, event in placed if e.evidence in sentences
        ]
        if to:
            votes.setdefault(e.event_id, Counter())[min(to)] += 1
    return {old: min(c, key=lambda new: (-c[new], new)) for old, c in votes.items()}
