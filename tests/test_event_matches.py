"""Matches: a match is told by its sides and its day, so reports by several outlets, worded each
its own way, are one event, and a team's other match that week is another (real spaCy, a real
SQLite file)."""

from __future__ import annotations

import itertools

import pytest

from pipeline.models import Article, EventMention

_ids = itertools.count()


def article(text: str, published: str) -> Article:
    n = next(_ids)
    return Article(url=f"https://deportes{n}.cl/nota/{n}", source=f"deportes{n}", title=None, text=text,
                   published=published, published_by="metadata", fetched_at="2026-12-07T10:00:00+00:00",
                   content_hash=f"m{n}")


def matches(extractor, text: str, published: str = "2025-11-16") -> list[EventMention]:
    a = article(text, published)
    return [e for e in extractor.extract_doc(extractor.nlp(text), a).events if e.type == "other"]


@pytest.mark.parametrize("text, sides", [
    ("La selección de Chile venció este domingo 2-1 a la de Perú en un partido amistoso.", "Chile – Perú"),
    ("Chile derrotó el domingo 2-1 a domicilio a Perú en el estadio de Lima.", "Chile – Perú"),
    ("El conjunto chileno se impuso este domingo por 2-1 ante Perú en Lima.", "Perú"),
    # the first opponent only: the tournament's hosts are not the match's side
    ("Chile, con un equipo alterno, sumó este domingo su tercer triunfo al vencer 2-1 a Perú en el torneo "
     "que Argentina organiza junto a Uruguay.", "Perú"),
])
def test_a_match_is_of_its_sides(extractor, text, sides):
    found = matches(extractor, text)
    assert found and found[0].subject == sides
    assert found[0].ordinal is None  # "su tercer triunfo" numbers the team's wins, not the match


def test_a_match_the_same_week_keeps_its_own_sides_and_day(extractor):
    found = matches(extractor, "Chile venció el domingo 2-1 a Perú en Lima. Fue su segundo triunfo de la semana, "
                               "luego del 3-0 del jueves ante Bolivia.")
    assert {(e.subject, e.date) for e in found} == {("Chile – Perú", "2025-11-16"), ("Bolivia", "2025-11-13")}


def test_a_win_by_the_same_score_is_a_match(extractor):
    found = matches(extractor, "El equipo chileno venía de vencer por el mismo marcador a Bolivia el jueves en La Paz.")
    assert [(e.subject, e.date) for e in found] == [("Bolivia", "2025-11-13")]


REPORTS = [
    ("2025-11-16", "La selección de Chile venció este domingo 2-1 a la de Perú en un partido amistoso jugado en Lima."),
    ("2025-11-16", "Perú cayó este domingo 1-2 ante Chile en el Estadio Nacional, con dos goles de Diego Valdés."),
    ("2025-11-17", "El conjunto chileno se impuso este domingo por 2-1 ante Perú, en su segundo triunfo de la semana."),
]
OTHER = ("2025-11-14", "Chile goleó el jueves 3-0 a Bolivia en La Paz, en su primer amistoso de la fecha.")


def test_reports_of_one_match_are_one_event_and_the_week_s_other_match_another(extractor, store):
    saved = [store.save(extractor.extract_doc(extractor.nlp(t), article(t, p))) for p, t in [*REPORTS, OTHER]]
    rows = store.db.query(
        "SELECT e.id, e.date, group_concat(ea.article_id) AS articles FROM events e "
        "JOIN event_articles ea ON ea.event_id = e.id WHERE e.type = 'other' GROUP BY e.id")
    by_date = {r["date"]: {int(a) for a in r["articles"].split(",")} for r in rows}
    assert by_date == {"2025-11-16": set(saved[:3]), "2025-11-13": {saved[3]}}


def test_a_match_to_be_played_is_of_its_opponent_and_its_day(extractor):
    found = matches(extractor, "Este amistoso fue el último ensayo de Bolivia antes de enfrentar a Surinam, el "
                               "próximo 26 de marzo en Monterrey.", published="2026-01-26")
    assert [(e.subject, e.date, e.status) for e in found] == [("Bolivia – Surinam", "2026-03-26", "planned")]


def test_to_face_is_no_match_outside_sport(extractor):
    found = matches(extractor, "La Guardia Nacional se prepara para enfrentar el 3 de marzo a las bandas de "
                               "huachicoleros en Puebla.")
    assert [e.trigger for e in found if "enfrentar" in e.trigger] == []


RESULTS = ("La liga arrancó su torneo con una jornada intensa.\n\nViernes 9 de enero\n\n"
           "Rayos FC 1–2 FC Toros. Toros supo aprovechar sus momentos clave.\n\n"
           "Halcones 0–0 Lobos. Un partido sin goles.\n\n"
           "Sábado 10 de enero\n\n"
           "Pumas de Arena 2–0 Gallos. Firme actuación del local.")


def test_each_score_of_a_results_list_is_its_own_match_dated_by_its_heading(extractor):
    found = matches(extractor, RESULTS, published="2026-01-13")
    assert sorted({(e.subject, e.date) for e in found}) == [
        ("FC Toros – Rayos FC", "2026-01-09"), ("Gallos – Pumas de Arena", "2026-01-10"), ("Halcones – Lobos", "2026-01-09")]


def test_matches_of_one_matchday_are_never_one_event(extractor, store):
    saved = store.save(extractor.extract_doc(extractor.nlp(RESULTS), article(RESULTS, "2026-01-13")))
    rows = store.db.query("SELECT DISTINCT e.id, e.subject FROM event_articles ea JOIN events e ON e.id = ea.event_id "
                          "WHERE ea.article_id = ? AND e.subject LIKE '% – %'", [saved])
    assert len({r["id"] for r in rows}) == 3


def test_a_match_reported_with_one_side_named_otherwise_is_still_one_match(extractor, store):
    a = "Pumas de Arena 2–0 Gallos. El partido se jugó el sábado 10 de enero."
    b = "Sábado 10 de enero\n\nArena FC 2–0 Gallos. Firme actuación del local."
    for text in (a, b):
        store.save(extractor.extract_doc(extractor.nlp(text), article(text, "2026-01-12")))
    rows = list(store.db.query("SELECT id, date FROM events WHERE type = 'other'"))
    assert [r["date"] for r in rows] == ["2026-01-10"]
