"""The SQL filter that finds an event's candidates never drops one that `same_event` would accept.

`find_event` only looks at what `_candidates` returns (indexed ranges, so that the cost does
not grow with the database); if the filter and the rules ever disagree, reports that belong
together would silently become separate events. Random reports, stored through the real
store, check the filter against the rules applied to every stored event.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.merge.events import Profile, same_event
from pipeline.models import Article, EventMention, Extraction, Participant
from pipeline.store import open_store
from pipeline.store.events import _candidates, _profile_of_row

_ids = itertools.count()
PEOPLE = [Participant("Ana Pérez", "person"), Participant("Luis Gómez", "person"),
          Participant("Guardia Nacional", "organization"), Participant("Tijuana", "place", "destino")]
DAYS = ["2025-02-27", "2025-03-03", "2025-03-31", "2025-04-02", "2025-06-30"]


@st.composite
def dates(draw) -> tuple[str | None, str | None]:
    day = draw(st.sampled_from(DAYS))
    granularity = draw(st.sampled_from([None, "day", "month", "year"]))
    return {None: (None, None), "day": (day, "day"), "month": (day[:7], "month"), "year": (day[:4], "year")}[granularity]


@st.composite
def reports(draw) -> tuple[EventMention, str | None]:
    date, granularity = draw(dates())
    ev = EventMention(
        type=draw(st.sampled_from(["meeting", "transfer", "announcement"])), trigger="t", evidence="…",
        start=0, end=1, date=date, granularity=granularity,
        place=draw(st.sampled_from([None, "Tijuana", "Baja California", "Sonora"])),
        subject=draw(st.sampled_from([None, "Comité Binacional", "Misión Cortafuegos"])),
        ordinal=draw(st.sampled_from([None, 2, 3])), count=draw(st.sampled_from([None, 26, 37])),
        qualifier=draw(st.sampled_from([None, None, "preparatoria"])),
        status=draw(st.sampled_from(["past", "planned"])),
        participants=draw(st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True)),
        operations=draw(st.lists(st.sampled_from(["Misión Cortafuegos", "Sin dejar rastro"]), max_size=1)))
    ev.label = "x"
    return ev, draw(st.sampled_from([None, *DAYS]))


def extraction(ev: EventMention, published: str | None) -> Extraction:
    n = next(_ids)
    article = Article(url=f"https://a.mx/nota/{n}", source="a.mx", title=None, text=f"texto {n}",
                      published=published, published_by="metadata", fetched_at="", content_hash=f"h{n}")
    return Extraction(article=article, events=[ev], model="m", extractor_version="1")


@st.composite
def stored_and_new(draw) -> tuple[list, tuple[EventMention, str | None]]:
    """Stored reports, and a new one that is mostly one of them (so that many are accepted)."""
    stored = draw(st.lists(reports(), min_size=1, max_size=10))
    (base, published), (other, other_published) = draw(st.sampled_from(stored)), draw(reports())
    keep = draw(st.lists(st.booleans(), min_size=len(FIELDS), max_size=len(FIELDS)))
    fields = {f: getattr(base if k else other, f) for group, k in zip(FIELDS, keep, strict=False) for f in group.split()}
    new = EventMention(**{**base.__dict__, **fields})
    return stored, (new, published if draw(st.booleans()) else other_published)


FIELDS = ["date granularity", "place", "subject", "ordinal", "count", "status", "participants", "operations"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored_and_new())
def test_candidates_hold_every_event_the_rules_accept(case):
    stored, new = case
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "news.db")
        for ev, published in stored:
            store.save(extraction(ev, published))
        report = Profile.of_report(*new)
        accepted = {row["id"] for row in store.db.query("SELECT * FROM events")
                    if same_event(_profile_of_row(row), report)}
        found = {row["id"] for row in _candidates(store.db, report)}
        store.close()
    assert accepted <= found, f"missed {accepted - found}"


def test_a_stated_day_just_outside_the_window_is_still_a_candidate_when_the_rules_allow_the_slip():
    """An announcement of an operation stated on 27 February, and an undated report of the same
    operation published on 31 March: one event (days slip by two), so the query must find it."""
    def report(date: str | None, operations: list[str]) -> EventMention:
        return EventMention(type="announcement", trigger="t", evidence="…", start=0, end=1, date=date,
                            granularity="day" if date else None, operations=operations, label="x")

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "news.db")
        store.save(extraction(report("2025-02-27", ["Misión Cortafuegos"]), None))
        new = Profile.of_report(report(None, ["Misión Cortafuegos"]), "2025-03-31")
        accepted = {row["id"] for row in store.db.query("SELECT * FROM events") if same_event(_profile_of_row(row), new)}
        found = {row["id"] for row in _candidates(store.db, new)}
        store.close()
    assert accepted and accepted <= found
