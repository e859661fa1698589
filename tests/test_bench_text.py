"""trafilatura's evaluation set in miniature: passages that must be in the text and must not."""

from __future__ import annotations

import json

from pipeline.evaluate.bench_text import count, evaluate_text

ARTICLE = " ".join(["La Guardia Nacional desplegó elementos en los puentes internacionales de la frontera."] * 6)
PAGE = f"""<html><head><title>Refuerzan la frontera</title></head><body>
<nav><a href="/">Inicio</a> <a href="/mas">Lo más leído del día</a></nav>
<article><h1>Refuerzan la frontera</h1><p>{ARTICLE}</p><p>El operativo seguirá hasta enero, dijo el vocero.</p></article>
<aside class="sidebar"><h3>Lo más leído</h3><ul><li>Otra nota sobre el clima del fin de semana</li></ul></aside>
</body></html>"""


def test_counting_follows_the_passages():
    item = {"with": ["dijo el  vocero", "no está"], "without": ["Lo más leído"]}
    assert count(item, "El operativo seguirá, dijo el vocero.")[:3] == (1, 0, 1)
    assert count(item, None)[:3] == (0, 0, 2)


def test_a_page_is_scored_for_us_and_for_trafilatura(tmp_path):
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "nota.html").write_text(PAGE, "utf-8")
    data = {"https://example.test/nota": {"file": "nota.html", "with": ["dijo el vocero"],
                                          "without": ["Otra nota sobre el clima"]},
            "https://example.test/falta": {"file": "falta.html", "with": ["x"], "without": ["y"]}}
    (tmp_path / "evaldata.json").write_text(json.dumps(data), "utf-8")
    scores, report = evaluate_text(tmp_path)
    assert scores["pages"] == 1 and scores["missing"] == 1
    assert scores["runners"]["pipeline (clean stage)"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "no_text": 0}
    assert "trafilatura default" in report
