"""`pipeline eval DIR`: a tiny devset of two made-up articles through the whole pipeline."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import evaluate, wrap_html

ARTICLES = [
    {"id": "n1", "published": "2025-10-02", "title": "Reunión en Monterrey",
     "text": "El embajador Carlos Mendoza se reunió en Monterrey con la Secretaría de Marina (Semar).\n\n"
             "Mendoza dijo que la Operación Frontera Norte seguirá durante todo el invierno y que las patrullas "
             "se duplicarán en los próximos meses. Crédito: X @SRE_mx"},
    {"id": "n2", "published": None, "title": None,
     "text": "La Guardia Nacional desplegó 300 elementos en Tijuana, Baja California, el pasado 3 de septiembre "
             "de 2025, informó el secretario Luis Prado. Los elementos vigilarán las garitas y los cruces "
             "fronterizos durante las próximas semanas, según el reporte oficial."},
]
GOLD = [
    {"id": "n1", "people": [{"name": "Carlos Mendoza", "forms": ["Carlos Mendoza", "Mendoza"]}],
     "places": [{"name": "Monterrey", "forms": ["Monterrey"]}],
     "organizations": [{"name": "Secretaría de Marina", "forms": ["Secretaría de Marina", "Semar"]}],
     "operations": [{"name": "Operación Frontera Norte", "forms": ["Operación Frontera Norte"]}],
     "dates": [], "optional": ["X"]},
    {"id": "n2", "people": [{"name": "Luis Prado", "forms": ["Luis Prado"]}, {"name": "Ana Ruiz", "forms": []}],
     "places": [{"name": "Tijuana", "forms": []}, {"name": "Baja California", "forms": []}],
     "organizations": [{"name": "Guardia Nacional", "forms": []}], "operations": [],
     "dates": [{"value": "2025-09-03", "forms": ["3 de septiembre de 2025"]}]},
]


@pytest.fixture(scope="module")
def result(extractor, tmp_path_factory):
    folder = tmp_path_factory.mktemp("devset")
    for name, rows in (("articles.jsonl", ARTICLES), ("gold.jsonl", GOLD)):
        (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return evaluate(folder, verbose=True, extractor=extractor)


def test_every_article_goes_through_and_is_scored(result):
    scores, _ = result
    assert scores["found"] == 2 and scores["published"] == {"ok": 1, "of": 1}
    assert (scores["people"]["gold"], scores["people"]["hit"], scores["people"]["fp"]) == (3, 2, 0)
    assert scores["organizations"]["f1"] == 1.0 and scores["operations"]["f1"] == 1.0


def test_the_report_lists_misses_and_ends_with_a_short_table(result):
    _, report = result
    lines = report.splitlines()
    assert "FN\tpeople\tn2\tAna Ruiz" in lines
    assert lines[-8].startswith("category") and len(lines[-8:]) <= 12
    assert [line.split()[0] for line in lines[-7:-2]] == ["people", "places", "organizations", "operations", "dates"]


def test_articles_are_wrapped_as_pages_with_their_date():
    html = wrap_html({"title": "A & B", "published": "2025-10-02", "text": "Uno.\n\nDos <tres>."})
    assert "<h1>A &amp; B</h1>" in html and '<time datetime="2025-10-02">' in html
    assert "<p>Dos &lt;tres&gt;.</p>" in html
