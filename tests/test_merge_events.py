"""Which reports are one event, on reports alone (pipeline/merge/): no database."""

from __future__ import annotations

import json

import pytest

from pipeline.merge.events import Profile, closest, compatible_dates, merged, same_event, subjects_compatible
from pipeline.merge.labels import make_label
from pipeline.merge.places import most_specific, places_compatible
from pipeline.models import EventMention

GROUP = "Comité Binacional de Aduanas"
PAIR = {"Ana Pérez", "Luis Gómez"}


def profile(published: str | None = "2025-03-10", type_: str = "meeting", **fields) -> Profile:
    """One report's view of an event, published on `published`."""
    return Profile(type_, first=published, last=published, **fields)


def test_label_from_parts():
    ev = EventMention("meeting", "reunión", "", 0, 0, date="2025-12-11", place="Ciudad de México",
                      subject="Grupo de Implementación de Seguridad", ordinal=2)
    assert make_label(ev) == "2.ª reunión · Grupo de Implementación de Seguridad · Ciudad de México · 2025-12-11"


@pytest.mark.parametrize("a, b, ok", [
    ("McAllen", "Texas", True),
    ("Ciudad de México", "México", True),
    ("Washington", "Washington, D.C.", True),
    ("McAllen", "Washington", False),
    (None, "Washington", True),
])
def test_places_compatible(a, b, ok):
    assert places_compatible(a, b) is ok


@pytest.mark.parametrize("places, shown", [
    (["Texas", "McAllen"], "McAllen"),  # the inner of a place and one inside it
    (["Washington", "McAllen", "Texas"], "McAllen"),  # the one most reports agree with
    ([], None),
])
def test_an_event_is_shown_at_its_most_specific_place(places, shown):
    assert most_specific(places) == shown


@pytest.mark.parametrize("a, b, ok", [
    ("2025-12-11", "2025-12", True),  # a day inside a month
    ("2025-12-11", "2025-12-12", False),
    ("2025", "2024-01", False),
    (None, "2025-12-12", True),
])
def test_compatible_dates(a, b, ok):
    assert compatible_dates(a, b) is ok


@pytest.mark.parametrize("a, b, ok", [
    ("Grupo de Implementación de Seguridad", "Grupo de Implementación de Seguridad México-EE.UU.", True),
    ("Grupo de Implementacion de Seguridad", "Grupo de Implementación de Seguridad", True),  # accents
    ("Grupo de Implementación de Seguridad", GROUP, False),
])
def test_subjects_compatible(a, b, ok):
    assert subjects_compatible(a, b) is ok


@pytest.mark.parametrize("second, same", [
    ({"date": "2025-03"}, True),  # a day inside a reported month
    ({"date": "2025-03-04"}, False),  # another day
    ({"place": "Texas"}, True),  # McAllen lies in Texas
    ({"place": "Washington"}, False),
    ({"count": 26}, False),
    ({"qualifier": "preparatoria"}, False),  # a meeting to prepare another one
    ({"type_": "call"}, False),
])
def test_what_tells_reports_apart(second, same):
    base = {"date": "2025-03-03", "place": "McAllen", "count": 37, "names": PAIR}
    assert same_event(profile(**base), profile(**{**base, **second})) is same


@pytest.mark.parametrize("day, same", [("2025-03-04", True), ("2025-03-20", False)])
def test_a_numbered_event_survives_a_report_that_slips_a_day(day, same):
    first = profile(subject=GROUP, ordinal=1, date="2025-03-03", published="2025-03-05")
    assert same_event(first, profile(subject=GROUP, ordinal=1, date=day, published="2025-03-21")) is same


@pytest.mark.parametrize("event, report, same", [
    # an undated report joins a recent event with the same people, not one months before
    (profile(date="2025-03-03", names=PAIR, published="2025-03-04"), profile(names=PAIR), True),
    (profile(date="2024-11-03", names=PAIR, published="2024-11-04"), profile(names=PAIR), False),
    # one shared name is not enough
    (profile(names=PAIR, published="2025-03-04"), profile(names={"Ana Pérez", "Eva Luna"}), False),
    # the same body and ordinal is one event whatever the dates say
    (profile(subject=GROUP, ordinal=2, date="2025-03-03"), profile(subject=GROUP, ordinal=2, published="2025-09-01"),
     True),
    (profile(subject=GROUP, ordinal=2, names=PAIR), profile(subject=GROUP, ordinal=3, names=PAIR), False),
])
def test_what_ties_reports_together(event, report, same):
    assert same_event(event, report) is same


def test_the_closest_event_is_the_same_series_before_more_shared_names():
    report = profile(subject=GROUP, ordinal=2, names=PAIR)
    events = [(1, profile(names=PAIR), 5), (2, profile(subject=GROUP, ordinal=2), 1), (3, profile(ordinal=3), 9)]
    assert closest(report, events) == 2
    assert closest(report, events[2:]) is None


def test_an_events_fields_come_from_all_its_reports():
    def row(n: int, **fields) -> dict:
        base = {"date": None, "granularity": None, "place": None, "subject": GROUP, "ordinal": 2, "count": None,
                "qualifier": None, "status": "past", "participants": "[]", "operations": "[]",
                "published": f"2025-03-0{n}", "article_id": n, "source": "a.mx"}
        return {**base, **fields}
    reports = [row(4, date="2025-03", granularity="month", place="Texas", status="planned"),
               row(5, date="2025-03-03", granularity="day", place="McAllen",
                   participants=json.dumps([{"name": "Ana Pérez", "kind": "person", "role": None}]))]
    event = merged("meeting", reports)
    assert (event["date"], event["granularity"], event["place"], event["status"]) == \
        ("2025-03-03", "day", "McAllen", "past")
    assert (event["first_reported"], event["last_reported"], event["num_articles"], event["num_sources"]) == \
        ("2025-03-04", "2025-03-05", 2, 1)
    assert event["label"] == f"2.ª reunión · {GROUP} · McAllen · 2025-03-03"
