"""Storing event reports: the same real-world event is one row; different events never merge (the store)."""

from __future__ import annotations

import itertools

import pytest

from pipeline.models import Article, EventMention, Extraction, Participant
from pipeline.store import decisions
from pipeline.store import events as event_store

_ids = itertools.count()
GROUP = "Comité Binacional de Aduanas"
ANA, LUIS = Participant("Ana Pérez", "person"), Participant("Luis Gómez", "person")


def report(type_="meeting", published="2025-03-10", source="a.mx", url=None, **fields) -> Extraction:
    """An article reporting one event."""
    n = next(_ids)
    ev = EventMention(type=type_, trigger="reunión", evidence="…", start=0, end=1, **fields)
    ev.label = f"{type_} {fields}"
    article = Article(url=url or f"https://{source}/nota/{n}", source=source, title=None, text=f"texto {n}",
                      published=published, published_by="metadata", fetched_at="", content_hash=f"h{n}")
    return Extraction(article=article, events=[ev], model="m", extractor_version="1")


def events(store) -> list[dict]:
    return [dict(r) for r in store.db.query("SELECT * FROM events ORDER BY id")]


def save_all(store, *extractions) -> list[dict]:
    for x in extractions:
        store.save(x)
    return events(store)


def test_same_body_and_ordinal_is_one_event_whatever_the_dates_say(store):
    rows = save_all(store,
                    report(subject=GROUP, ordinal=2, date="2025-03-03", granularity="day", published="2025-03-04"),
                    report(subject=GROUP, ordinal=2, date="2025-03", granularity="month", published="2025-06-01",
                           place="México"),
                    report(subject=GROUP, ordinal=2, published="2025-09-01", source="b.mx"))
    assert len(rows) == 1
    assert (rows[0]["date"], rows[0]["num_articles"], rows[0]["num_sources"]) == ("2025-03-03", 3, 2)


@pytest.mark.parametrize("day, merged", [("2025-03-04", True), ("2025-03-20", False)])
def test_a_numbered_event_survives_a_report_that_slips_a_day(store, day, merged):
    rows = save_all(store, report(subject=GROUP, ordinal=1, date="2025-03-03", granularity="day", published="2025-03-05"),
                    report(subject=GROUP, ordinal=1, date=day, granularity="day", published="2025-03-21"))
    assert (len(rows) == 1) is merged


def test_second_and_third_meetings_never_merge(store):
    rows = save_all(store, report(subject=GROUP, ordinal=2, participants=[ANA, LUIS]),
                    report(subject=GROUP, ordinal=3, participants=[ANA, LUIS]))
    assert len(rows) == 2


@pytest.mark.parametrize("second, merged", [
    ({"date": "2025-03"}, True),  # a day inside a reported month
    ({"date": "2025-03-10"}, False),  # a week later: another event (a day or two is a report's slip)
    ({"place": "Texas"}, True),  # McAllen lies in Texas
    ({"place": "Washington"}, False),
    ({"count": 26}, False),
    ({"qualifier": "preparatoria"}, False),  # a meeting to prepare another one
])
def test_what_tells_reports_apart(store, second, merged):
    base = {"date": "2025-03-03", "place": "McAllen", "count": 37, "participants": [ANA, LUIS]}
    rows = save_all(store, report(**base), report(**{**base, **second}))
    assert (len(rows) == 1) is merged


def test_undated_report_joins_a_recent_event_with_the_same_people(store):
    rows = save_all(store, report(date="2025-03-03", participants=[ANA, LUIS], published="2025-03-04"),
                    report(participants=[ANA, LUIS], published="2025-03-10"))
    assert len(rows) == 1 and rows[0]["date_basis"] == "text"


def test_undated_report_does_not_reach_back_months(store):
    rows = save_all(store, report(date="2024-11-03", participants=[ANA, LUIS], published="2024-11-04"),
                    report(participants=[ANA, LUIS], published="2025-03-10"))
    assert len(rows) == 2


def test_one_shared_name_is_not_enough(store):
    rows = save_all(store, report(participants=[ANA, LUIS], published="2025-03-04"),
                    report(participants=[ANA, Participant("Eva Luna", "person")], published="2025-03-05"))
    assert len(rows) == 2


def test_transfers_with_the_same_count_merge(store):
    rows = save_all(store, report("transfer", count=37, date="2026-01-20", published="2026-01-21"),
                    report("transfer", count=37, published="2026-01-22", source="b.mx"))
    assert len(rows) == 1 and rows[0]["num_sources"] == 2


def test_planned_event_later_reported_as_held_is_one_past_event(store):
    rows = save_all(store, report(subject=GROUP, ordinal=4, status="planned", published="2025-05-01"),
                    report(subject=GROUP, ordinal=4, status="past", date="2025-05-08", published="2025-05-09"))
    assert len(rows) == 1 and (rows[0]["status"], rows[0]["date"]) == ("past", "2025-05-08")


def test_undated_event_is_dated_by_its_first_report(store):
    row = save_all(store, report(subject=GROUP, ordinal=5, published="2025-05-02"),
                   report(subject=GROUP, ordinal=5, published="2025-05-01"))[0]
    assert (row["date"], row["date_basis"], row["label"].endswith("~2025-05-01")) == ("2025-05-01", "published", True)


def test_resaving_an_article_keeps_the_event_and_its_id(store):
    x = report(subject=GROUP, ordinal=2, date="2025-03-03")
    first = save_all(store, x)
    assert save_all(store, x) == first


def test_event_no_article_reports_any_more_is_dropped(store):
    x = report(subject=GROUP, ordinal=2)
    store.save(x)
    x.events = []
    assert save_all(store, x) == []


def test_reviewed_event_keeps_its_decision_when_more_articles_report_it(store):
    store.save(report(subject=GROUP, ordinal=2, date="2025-03-03"))
    decisions.record(store.db, "ana", "event_confirm", event_id=1)
    rows = save_all(store, report(subject=GROUP, ordinal=2, published="2025-03-12", source="b.mx"))
    assert len(rows) == 1 and (rows[0]["review_status"], rows[0]["num_articles"]) == ("confirmed", 2)


def test_wrong_event_stays_wrong_and_is_not_recreated(store):
    x = report(subject=GROUP, ordinal=2, date="2025-03-03")
    store.save(x)
    decisions.record(store.db, "ana", "event_wrong", event_id=1)
    x.events = []
    store.save(x)  # its only article no longer reports it: kept, flagged
    rows = save_all(store, report(subject=GROUP, ordinal=2, date="2025-03-03", source="b.mx"))
    assert [(r["id"], r["review_status"]) for r in rows] == [(1, "wrong")]


# ── ids that hold when articles are saved again ──────────────────────────────────────────────
def links(store) -> list[tuple]:
    return store.db.execute("SELECT article_id, event_id FROM event_articles ORDER BY 1, 2").fetchall()


def test_an_event_only_its_article_reports_keeps_its_id_when_saved_again(store):
    """One name and no day: nothing ties the report even to itself, yet it is still that event."""
    x = report(participants=[ANA], published="2025-03-10")
    first = save_all(store, x)
    assert save_all(store, x) == first


WEEK = [
    report(participants=[ANA], published="2025-03-10"),
    report(participants=[ANA, LUIS], date="2025-03-03", granularity="day", published="2025-03-04"),
    report(participants=[ANA, LUIS], published="2025-03-06", source="b.mx"),
    report(subject=GROUP, ordinal=2, date="2025-03", granularity="month", published="2025-03-31"),
    report(subject=GROUP, ordinal=2, date="2025-03-05", granularity="day", published="2025-03-06", source="b.mx"),
    report("transfer", count=37, published="2025-03-08"),
]


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 4, 1, 5, 3]])
def test_articles_saved_again_in_any_order_keep_every_id_and_link(store, order):
    before = save_all(store, *WEEK)
    linked = links(store)
    assert len(before) == 4  # two events of two articles each among them
    assert save_all(store, *[WEEK[i] for i in order]) == before and links(store) == linked


@pytest.mark.parametrize("change, same", [
    ({"place": "Monterrey"}, True),  # a new extractor version finds where: nothing ties it, nothing tells apart
    ({"participants": [ANA, LUIS]}, True),
    ({"date": "2025-01-20", "granularity": "day"}, False),  # weeks before its article: another event
])
def test_a_changed_report_of_the_same_sentence_keeps_its_event_unless_told_apart(store, change, same):
    x = report(participants=[ANA], published="2025-03-10")
    store.save(x)
    x.events[0].__dict__.update(change)
    assert [r["id"] for r in save_all(store, x)] == ([1] if same else [2])
    assert store.current_event(1) == (1 if same else 2)  # the old id leads to what its sentence became


def test_a_report_that_joins_another_event_leaves_a_redirect(store):
    a = report(participants=[ANA], date="2025-03-02", granularity="day")
    save_all(store, a, report(participants=[ANA, LUIS], date="2025-03-03", granularity="day"))
    a.events[0].date, a.events[0].participants = "2025-03-03", [ANA, LUIS]  # re-extracted: the other event
    assert [(r["id"], r["num_articles"]) for r in save_all(store, a)] == [(2, 2)]
    assert store.current_event(1) == 2 and store.current_event(2) == 2


def test_an_event_no_article_reports_leaves_its_id_to_no_other_event(store):
    a, b = report(subject=GROUP, ordinal=1), report(subject=GROUP, ordinal=2)
    save_all(store, a, b)
    b.events = []
    store.save(b)  # event 2, the last one, is gone
    assert store.current_event(2) is None
    assert [r["id"] for r in save_all(store, report(subject=GROUP, ordinal=3))] == [1, 3]  # 2 is never given again


def test_merging_events_leaves_a_redirect_that_follows_later_merges(store):
    save_all(store, *(report(subject=GROUP, ordinal=n) for n in (1, 2, 3)))
    with store.db.atomic():
        event_store.merge_events(store.db, 1, 2)
        event_store.merge_events(store.db, 2, 3)
    assert [(r["id"], r["num_articles"]) for r in events(store)] == [(3, 3)]
    assert [store.current_event(i) for i in (1, 2, 3, 4)] == [3, 3, 3, None]
    assert store.db.execute("SELECT old_id, new_id FROM event_redirects").fetchall() == [(1, 3), (2, 3)]


def test_a_merged_event_brings_its_review_to_an_unreviewed_one(store):
    save_all(store, report(subject=GROUP, ordinal=1), report(subject=GROUP, ordinal=2))
    decisions.record(store.db, "ana", "event_wrong", event_id=1)
    with store.db.atomic():
        event_store.merge_events(store.db, 1, 2)
    assert [(r["id"], r["review_status"]) for r in events(store)] == [(2, "wrong")]


def test_a_wrong_event_stays_wrong_when_its_report_is_extracted_again_changed(store):
    x = report(participants=[ANA], published="2025-03-10")
    store.save(x)
    decisions.record(store.db, "ana", "event_wrong", event_id=1)
    x.events[0].place = "Monterrey"
    assert [(r["id"], r["review_status"], r["place"]) for r in save_all(store, x)] == [(1, "wrong", "Monterrey")]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_meeting_announced_for_a_day_joins_the_meeting_held_that_day(store, order):
    ahead = report(date="2026-01-23", granularity="day", status="planned", participants=[ANA], published="2026-01-12")
    held = report(date="2026-01-23", granularity="day", subject=GROUP, ordinal=3, place="Monterrey",
                  participants=[LUIS], published="2026-01-24", source="b.mx")
    other_day = report(date="2026-01-24", granularity="day", subject=GROUP, ordinal=4, place="Monterrey",
                       published="2026-01-25", source="c.mx")
    pair = (ahead, held)
    rows = save_all(store, pair[order[0]], pair[order[1]], other_day)
    assert sorted((r["date"], r["num_articles"], r["status"]) for r in rows) == [
        ("2026-01-23", 2, "past"), ("2026-01-24", 1, "past")]
