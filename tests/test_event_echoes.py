"""Earlier events an article recalls join the events the articles reporting them directly created
(extraction and the store, end to end: real spaCy, a real SQLite file)."""

from __future__ import annotations

import itertools

import pytest

from pipeline.models import Article

_ids = itertools.count()

DIRECT = ("2025-02-28", "El gobierno federal entregó este jueves a Estados Unidos a 29 reos acusados de narcotráfico, "
                        "que estaban presos en distintos penales del país.")
RECALL = ("2026-01-21", "El gobierno federal envió este martes a Estados Unidos a 37 reos. Es el tercer envío de este "
                        "tipo: en febrero del año pasado se enviaron 29 reos; en agosto, 26 más.")


def save(extractor, store, published: str | None, text: str) -> int:
    n = next(_ids)
    article = Article(url=f"https://diario{n}.mx/nota/{n}", source=f"diario{n}", title=None, text=text,
                      published=published, published_by="metadata", fetched_at="2026-12-07T10:00:00+00:00",
                      content_hash=f"h{n}")
    return store.save(extractor.extract_doc(extractor.nlp(text), article))


def transfers(store) -> dict[int, dict]:
    """Transfer events by count, with the articles reporting each."""
    rows = store.db.query(
        "SELECT e.id, e.count, e.date, group_concat(ea.article_id) AS articles FROM events e "
        "JOIN event_articles ea ON ea.event_id = e.id WHERE e.type = 'transfer' GROUP BY e.id")
    return {r["count"]: {**r, "articles": {int(a) for a in r["articles"].split(",")}} for r in rows}


@pytest.mark.parametrize("order", [(DIRECT, RECALL), (RECALL, DIRECT)])
def test_a_recalled_transfer_joins_the_event_its_direct_report_created(extractor, store, order):
    ids = [save(extractor, store, *article) for article in order]
    direct, recall = (ids[0], ids[1]) if order[0] is DIRECT else (ids[1], ids[0])
    found = transfers(store)
    assert set(found) == {29, 26, 37}  # each its own event: the recalled ones never the recalling article's
    assert found[29]["articles"] == {direct, recall}
    assert found[29]["date"] == "2025-02-27"  # the day the direct report gives, not the recall's month
    assert (found[26]["date"], found[37]["date"]) == ("2025-08", "2026-01-20")
    assert found[26]["articles"] == found[37]["articles"] == {recall}


def test_a_transfer_a_month_later_is_not_the_recalled_one(extractor, store):
    """Same destination, no count to tell them apart: the dates do."""
    save(extractor, store, *DIRECT)
    later = save(extractor, store, "2025-03-29", "El gobierno federal entregó este viernes a Estados Unidos a más de "
                                                 "20 reos acusados de narcotráfico.")
    rows = list(store.db.query("SELECT e.id, e.date FROM events e JOIN event_articles ea ON ea.event_id = e.id "
                               "WHERE e.type = 'transfer' AND ea.article_id = ?", [later]))
    assert [r["date"] for r in rows] == ["2025-03-28"]
    assert len(transfers(store)) == 2


FIRST = ("2025-03-04", "La primera reunión del Comité Binacional de Aduanas se celebró el 3 de marzo de 2025 en "
                       "Mexicali, con delegaciones de ambos países.")
SECOND = ("2025-06-11", "El Comité Binacional de Aduanas celebró el 10 de junio en Tijuana su segunda reunión, en la "
                        "que se revisaron los avances desde su último encuentro en Mexicali.")


def meetings(store) -> list[tuple]:
    return [tuple(r) for r in store.db.execute(
        "SELECT e.ordinal, e.date, e.place, count(ea.article_id) FROM events e JOIN event_articles ea "
        "ON ea.event_id = e.id WHERE e.type = 'meeting' GROUP BY e.id ORDER BY e.ordinal").fetchall()]


@pytest.mark.parametrize("order", [(FIRST, SECOND), (SECOND, FIRST)])
def test_the_last_meeting_a_numbered_one_recalls_is_the_one_before_it(extractor, store, order):
    for article in order:
        save(extractor, store, *article)
    assert meetings(store) == [(1, "2025-03-03", "Mexicali", 2), (2, "2025-06-10", "Tijuana", 1)]


def test_the_last_meeting_an_unnumbered_one_recalls_is_no_event(extractor, store):
    save(extractor, store, "2025-06-11", "El Comité Binacional de Aduanas se reunió el 10 de junio en Tijuana, y "
                                         "revisó los avances desde su último encuentro en Mexicali.")
    assert meetings(store) == [(None, "2025-06-10", "Tijuana", 1)]


CALL = ("2025-04-03", "La presidenta Laura Méndez sostuvo este jueves una llamada telefónica con el primer ministro "
                      "Paul Dubois, en la que abordaron el comercio y la migración.")
CALLED_AGAIN = ("2025-04-24", "El primer ministro Paul Dubois sostuvo este jueves una nueva llamada con la presidenta "
                              "Laura Méndez, para dar seguimiento a la conversación que ambos mantuvieron el pasado "
                              "3 de abril.")


def calls(store) -> list[tuple]:
    return [tuple(r) for r in store.db.execute(
        "SELECT e.date, group_concat(ea.article_id) FROM events e JOIN event_articles ea ON ea.event_id = e.id "
        "WHERE e.type = 'call' GROUP BY e.id ORDER BY e.date").fetchall()]


@pytest.mark.parametrize("order", [(CALL, CALLED_AGAIN), (CALLED_AGAIN, CALL)])
def test_the_call_a_relative_clause_recalls_joins_the_one_reported_on_its_day(extractor, store, order):
    ids = {article: save(extractor, store, *article) for article in order}
    first, again = ids[CALL], ids[CALLED_AGAIN]
    assert [(d, {int(a) for a in ids_.split(",")}) for d, ids_ in calls(store)] == [
        ("2025-04-03", {first, again}), ("2025-04-24", {again})]


def test_the_call_a_relative_clause_names_on_the_news_day_is_the_reported_one(extractor, store):
    save(extractor, store, "2025-04-03", "La presidenta Laura Méndez habló con el primer ministro Paul Dubois; "
                                         "en la llamada que ambos sostuvieron este jueves abordaron el comercio.")
    assert [d for d, _ in calls(store)] == ["2025-04-03"]


def test_a_relative_clause_alone_dates_the_event_the_article_reports(extractor, store):
    save(extractor, store, "2025-04-09", "La llamada que sostuvieron el pasado lunes la presidenta Laura Méndez y el "
                                         "primer ministro Paul Dubois duró cuarenta minutos.")
    assert [d for d, _ in calls(store)] == ["2025-04-07"]
