"""Undated pages fetched long after they were written: a day-month's year is the fetch time's
guess, marked as such; the store gives the report the date of the stored event it is tied to on
that day-month in a year it could be, and never joins it to an untied one. An undated page is
read as written on the latest day it states; a report with no day at all joins a call or a
meeting by no names (real spaCy, a real SQLite file)."""

from __future__ import annotations

import itertools

import pytest

from pipeline.extract.dates import find_dates
from pipeline.models import Article, EventMention, Extraction, Participant

_ids = itertools.count()
GROUP = "Comité Binacional de Aduanas"
ANA, LUIS = Participant("Ana Pérez", "person"), Participant("Luis Gómez", "person")


def report(date: str, published: str | None, guessed: bool = False, **fields) -> Extraction:
    n = next(_ids)
    ev = EventMention(type="meeting", trigger="reunión", evidence=f"… {n}", start=0, end=1, date=date,
                      granularity="day", guessed=guessed, **fields)
    article = Article(url=f"https://g{n}.mx/nota/{n}", source=f"g{n}.mx", title=None, text=f"texto {n}",
                      published=published, published_by=None, fetched_at="2027-06-01T00:00:00+00:00",
                      content_hash=f"g{n}")
    return Extraction(article=article, events=[ev], model="m", extractor_version="1")


def stored(store) -> list[tuple[int, str]]:
    return [(r["id"], r["date"]) for r in store.db.query("SELECT id, date FROM events ORDER BY id")]


@pytest.mark.parametrize("text, guessed", [
    ("La reunión se celebró el 23 de enero en Washington.", True),
    ("La reunión se celebró el lunes 25 de agosto en Washington.", False),  # only one year puts it on a Monday
    ("La reunión se celebró el 23 de enero de 2026 en Washington.", False),  # the year is written
])
def test_a_year_the_page_does_not_give_is_marked_guessed(text, guessed):
    found = [d for d in find_dates(text, None, "2026-12-08T00:00:00+00:00") if d.granularity == "day"]
    assert [d.guessed for d in found] == [guessed]


def test_a_guessed_year_takes_the_year_of_the_stored_event_it_is_tied_to(store):
    store.save(report("2026-01-23", "2026-01-23", subject=GROUP, participants=[ANA]))
    store.save(report("2027-01-23", None, guessed=True, subject=GROUP, participants=[ANA]))
    assert [d for _, d in stored(store)] == ["2026-01-23"]
    assert [r["date"] for r in store.db.query("SELECT date FROM event_articles")] == ["2026-01-23"] * 2


def test_a_guessed_year_joins_no_untied_event_and_keeps_its_guess(store):
    store.save(report("2026-01-23", "2026-01-23", subject=GROUP, participants=[ANA]))
    store.save(report("2027-01-23", None, guessed=True, participants=[LUIS]))
    assert [d for _, d in stored(store)] == ["2026-01-23", "2027-01-23"]


def test_a_guessed_year_settled_once_holds_when_the_article_is_saved_again(store):
    store.save(report("2026-01-23", "2026-01-23", subject=GROUP, participants=[ANA]))
    x = report("2027-01-23", None, guessed=True, subject=GROUP, participants=[ANA])
    store.save(x)
    before = stored(store)
    store.save(x)
    assert stored(store) == before


def test_two_ministers_talking_again_is_not_the_same_call_when_one_report_gives_no_day(store):
    call = {"participants": [ANA, LUIS]}
    x = report("2026-01-11", None, **call)
    x.events[0].type = "call"
    store.save(x)
    y = report("2026-01-15", None, **call)
    y.events[0].type, y.events[0].date = "call", None  # "conversaron hoy por teléfono", on an undated page
    store.save(y)
    assert len(stored(store)) == 2


def test_an_arrest_reported_without_a_day_still_joins_by_two_names(store):
    people = {"participants": [ANA, LUIS]}
    x = report("2026-01-22", None, **people)
    x.events[0].type = "other"
    store.save(x)
    y = report("2026-01-22", None, **people)
    y.events[0].type, y.events[0].date = "other", None
    store.save(y)
    assert len(stored(store)) == 1


def test_an_undated_page_dates_its_lead_event_by_the_latest_day_it_states(extractor):
    text = ("El canciller Mario Ruiz sostuvo una llamada telefónica con el ministro Paul Dubois para abordar la "
            "seguridad.\n\nEl 15 de enero de 2026, a través de un comunicado conjunto, ambos coincidieron en que "
            "subsisten desafíos.")
    article = Article(url="https://u.mx/1", source="u.mx", title=None, text=text, published=None,
                      published_by=None, fetched_at="2026-12-08T00:00:00+00:00", content_hash="w1")
    calls = [e for e in extractor.extract_doc(extractor.nlp(text), article).events if e.type == "call"]
    assert calls and calls[0].date == "2026-01-15"


def test_the_export_keeps_guessed_years_apart_from_stated_dates(store):
    """A year the page does not give is the fetch time's guess: kept for the desk, never exported
    as a date the article states."""
    text = "El 4 de marzo entraron en vigor los aranceles; la tregua vence en septiembre de 2025."
    x = report("2026-03-04", None, guessed=True, participants=[ANA])
    x.article.text, x.dates = text, find_dates(text, None, "2026-12-08T00:00:00+00:00")
    store.save(x)
    row = next(r for r in store.export() if r["url"] == x.article.url)
    assert [d["value"] for d in row["dates"]] == ["2025-09"]
    assert [d["value"] for d in row["guessed_dates"]] == ["2026-03-04"]
    flagged = store.db.execute("SELECT value, guessed FROM dates ORDER BY start").fetchall()
    assert flagged == [("2026-03-04", 1), ("2025-09", 0)]
