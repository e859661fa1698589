"""Which reports are one event, on reports alone (pipeline/merge/): no database."""

from __future__ import annotations

import json

import pytest

from pipeline.merge.events import (
    Profile,
    closest,
    compatible_dates,
    merged,
    same_event,
    shared_names,
    subjects_compatible,
)
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
    ({"date": "2025-03-10"}, False),  # a week later: another event (a day or two is a report's slip)
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


# ── the same event in other words ─────────────────────────────────────────────────────────────
@pytest.mark.parametrize("second, same", [
    ({"date": "2026-01-21"}, True),  # a report a day off, tied by the count
    ({"date": "2026-01-22"}, True),  # … or two
    ({"date": "2026-01-26"}, False),  # most of a week: another transfer
    ({"date": "2026-02-20", "count": None}, False),  # two transfers a month apart, same destination
])
def test_outlets_may_disagree_on_the_day_of_a_firmly_tied_event(second, same):
    base = {"date": "2026-01-20", "count": 37, "destinations": {"Estados Unidos"}}
    report = {**base, **second}
    assert same_event(profile(type_="transfer", **base), profile(type_="transfer", **report)) is same


def test_a_day_off_without_a_firm_tie_is_another_event():
    a = profile(date="2026-01-20", names={"Ana Pérez"}, place="Tijuana")
    assert not same_event(a, profile(date="2026-01-21", names={"Ana Pérez"}, place="Tijuana"))


def test_people_are_one_however_many_of_their_names_a_report_gives():
    full = profile(type_="call", date="2026-01-12", names={"Claudia Sheinbaum Pardo", "Donald Trump"})
    short = profile(type_="call", date="2026-01-12", names={"Sheinbaum", "Trump"})
    other = profile(type_="call", date="2026-01-12", names={"Mark Carney", "Trump"})
    assert shared_names(full.names, short.names) == 2 and shared_names(full.names, other.names) == 1
    assert same_event(full, short)


@pytest.mark.parametrize("a, b, ok", [
    ("Washington", "Estados Unidos", True),  # a place and the country it lies in
    ("Departamento de Estado", "Washington", True),  # a venue the gazetteer does not know
    ("McAllen", "Washington", False),  # both known, neither in the other
])
def test_places_tell_reports_apart_only_when_known_to_differ(a, b, ok):
    assert places_compatible(a, b) is ok


def test_same_day_and_place_ties_only_a_place_that_agrees():
    a, b = profile(date="2025-03-03", place="Palacio Nacional"), profile(date="2025-03-03", place="Monterrey")
    assert not same_event(a, b)  # compatible (one is unknown), but nothing says it is one place


def test_an_unpublished_undated_report_joins_only_by_a_firm_tie():
    event = profile(type_="other", date="2026-01-22", names=PAIR, published="2026-01-23")
    assert same_event(event, profile(type_="other", published=None, names=PAIR))
    assert not same_event(event, profile(type_="other", published=None, names={"Ana Pérez"}))


def test_two_names_are_no_firm_tie_for_a_kind_the_same_people_repeat():
    event = profile(date="2026-01-11", names=PAIR, published="2026-01-12")  # a meeting; calls and visits alike
    assert not same_event(event, profile(published=None, names=PAIR))


@pytest.mark.parametrize("other", [
    profile(type_="call", date="2025-03-05", names=PAIR),  # a call and a meeting the same week
    profile(subject=GROUP, ordinal=3, date="2025-03-05", names=PAIR),  # the second and the third meeting
])
def test_different_events_close_in_time_never_merge(other):
    assert not same_event(profile(subject=GROUP, ordinal=2, date="2025-03-04", names=PAIR), other)


@pytest.mark.parametrize("date, same", [("2026-01", True), ("2026-02", False)])
def test_a_body_s_meeting_in_the_month_is_its_numbered_meeting_that_month(date, same):
    numbered = profile(subject="Grupo de Implementación de Seguridad", ordinal=3, date="2026-01-23")
    planned = profile(subject="Grupo de Implementación en Seguridad", date=date, status="planned")
    assert same_event(numbered, planned) is same


def test_a_year_stated_says_less_than_the_day_first_reported():
    def row(n: int, date: str | None, granularity: str | None) -> dict:
        return {"date": date, "granularity": granularity, "place": None, "subject": None, "ordinal": None,
                "count": 25, "qualifier": None, "status": "past", "participants": "[]", "operations": "[]",
                "published": "2025-12-18" if n == 1 else None, "article_id": n, "source": f"s{n}.mx"}
    event = merged("announcement", [row(1, None, None), row(2, "2025", "year")])
    assert (event["date"], event["date_basis"]) == ("2025-12-18", "published")


# ── a day announced ahead, and the day it was held ────────────────────────────────────────────
@pytest.mark.parametrize("announced_, held, same", [
    ({}, {}, True),  # announced for the 23rd, reported held on the 23rd: one meeting
    ({}, {"date": "2026-01-24"}, False),  # held the day after: nothing firm ties them
    ({"place": "Tijuana"}, {}, False),  # announced for a place known to differ from where it was held
    ({}, {"type_": "call"}, False),  # a call the same day is another event
    ({}, {"status": "planned"}, False),  # two announced for the same day: nothing says they are one
])
def test_a_meeting_announced_for_a_day_is_the_meeting_held_that_day(announced_, held, same):
    ahead = profile(date="2026-01-23", status="planned", names={"Ana Pérez"}, published="2026-01-12", **announced_)
    report = {"date": "2026-01-23", "place": "Monterrey", "subject": GROUP, "ordinal": 3, "published": "2026-01-24",
              "names": {"Luis Gómez"}, **held}
    assert same_event(ahead, profile(**report)) is same


def test_two_meetings_held_the_same_day_with_nothing_in_common_stay_apart():
    a = profile(date="2026-01-23", subject=GROUP, ordinal=3, published="2026-01-24")
    assert not same_event(a, profile(date="2026-01-23", names={"Ana Pérez"}, published="2026-01-24"))
