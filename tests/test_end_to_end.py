"""The whole pipeline on the embedded corpus, as `make ingest` runs it."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib

import pytest
import sqlite_utils

from .conftest import CORPUS, ROOT
from .webserver import Reply, Site, html_reply, page, rfc822, rss

pytestmark = pytest.mark.slow

TABLES = ["articles", "entities", "mentions", "dates", "events", "event_articles", "raw_pages"]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A config with only the corpus source, ingested once."""
    work = tmp_path_factory.mktemp("e2e")
    (work / "config.toml").write_text(
        f'[storage]\ndb = "news.db"\n\n[[sources]]\nname = "corpus"\nkind = "files"\npath = "{CORPUS}"\n'
    )
    first = pipeline(work, "ingest", "-v")
    assert first.returncode == 0, first.stderr
    return work


def pipeline(work, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args, "--config", str(work / "config.toml")],
                          cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def exported(workdir):
    done = pipeline(workdir, "export")
    return [json.loads(line) for line in done.stdout.splitlines()]


def union(rows, key):
    return {name for row in rows for name in row[key]}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("people", {"Roberto Velasco", "Ronald Johnson", "Juan Ramón de la Fuente", "Esteban Moctezuma",
                    "Claudia Sheinbaum", "Donald Trump"}),
        ("places", {"México", "Estados Unidos", "McAllen", "Texas", "Washington", "Suecia"}),
        ("operations", {"Sin dejar rastro", "Misión Cortafuegos"}),
    ],
)
def test_seed_entities_found(exported, key, expected):
    assert expected <= union(exported, key)


def test_seed_dates_resolved(exported):
    values = {d["value"] for row in exported for d in row["dates"]}
    assert {"2025-12-11", "2025-12-02", "2025-09"} <= values


@pytest.mark.parametrize("noise", ["Crédito", "Promover", "Además", "Según", "X"])
def test_no_classic_noise(exported, noise):
    assert noise not in union(exported, "people") | union(exported, "places")


def test_export_shape(exported):
    keys = {"url", "title", "published", "source", "text", "people", "places", "organizations",
            "operations", "dates", "guessed_dates", "events"}
    assert len(exported) == 2 and all(set(row) == keys for row in exported)
    assert all(row["published"] for row in exported)


def test_model_recorded_in_database(workdir):
    db = sqlite_utils.Database(workdir / "news.db")
    models = {r[0] for r in db.execute("SELECT model FROM articles UNION SELECT model FROM runs")}
    assert len(models) == 1 and models.pop().startswith("es_core_news_")


def test_second_run_duplicates_nothing_and_skips_nlp(workdir):
    db = sqlite_utils.Database(workdir / "news.db")
    before = {t: db[t].count for t in TABLES}
    again = pipeline(workdir, "ingest", "-v")
    assert again.returncode == 0
    assert {t: db[t].count for t in TABLES} == before
    assert "spaCy model:" not in again.stderr  # the model was not even loaded
    last = db.execute("SELECT articles_new, articles_unchanged FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    assert last == (0, 2)


# ── a binary page in a run ────────────────────────────────────────────────────

REUNION = ("La Secretaría de Relaciones Exteriores informó que el subsecretario encabezó la primera reunión del "
           "grupo bilateral de seguridad con la embajada de Estados Unidos, en la que se revisaron los avances "
           "contra el tráfico de armas y se acordó un calendario de trabajo para los próximos meses. ") * 2
TRASLADO = ("La Fiscalía General de la República informó del traslado de veintiséis personas a Estados Unidos, "
            "en cumplimiento de las solicitudes presentadas por el Departamento de Justicia, y precisó que la "
            "operación se realizó con apoyo de la Secretaría de Marina y de la Guardia Nacional. ") * 2
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 4000 /Filter /FlateDecode >>\nstream\n" + bytes(range(256)) * 16
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(256)) * 40


def serve_as_html(body: bytes) -> Reply:
    return Reply(body=body, headers={"Content-Type": "text/html"})


def stored(work) -> dict[str, dict]:
    return {row["url"]: row for row in sqlite_utils.Database(work / "news.db")["articles"].rows}


def test_a_binary_page_is_a_failure_with_its_reason_and_the_run_goes_on(tmp_path):
    with Site() as site:
        (tmp_path / "config.toml").write_text(
            '[storage]\ndb = "news.db"\n\n[fetch]\ndelay = 0.0\nretries = 0\ntimeout = 5.0\n\n'
            f'[[sources]]\nname = "sitio"\nkind = "feed"\nurl = "{site.url("/feed")}"\n')
        nota_1, nota_2, informe, nulos = (site.url(p) for p in ("/nota-1", "/nota-2", "/informe", "/nulos"))
        site.route("/feed", Reply(body=rss([(nota_1, "Primera reunión", rfc822(), "")])))
        site.route("/nota-1", html_reply(page("Primera reunión del grupo bilateral de seguridad", REUNION)))
        assert pipeline(tmp_path, "ingest").returncode == 0
        before = stored(tmp_path)
        # the next run: a PDF and a UTF-16 page served as HTML, and the stored article's page now an image
        site.route("/feed", Reply(body=rss([(u, "Nota", rfc822(), "") for u in (nota_1, nota_2, informe, nulos)])))
        site.route("/nota-2", html_reply(page("Trasladan a veintiséis personas a Estados Unidos", TRASLADO)))
        site.route("/informe", serve_as_html(PDF))
        site.route("/nulos", serve_as_html(page("Una nota en UTF-16", REUNION).decode().encode("utf-16-le")))
        site.route("/nota-1", serve_as_html(JPEG))
        assert pipeline(tmp_path, "ingest", "--refetch").returncode == 0
    db = sqlite_utils.Database(tmp_path / "news.db")
    errors = json.loads(db.execute("SELECT errors FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert f"{informe}: not text (a PDF document)" in errors
    assert f"{nota_1}: not text (a JPEG image)" in errors
    assert f"{nulos}: not text (50% control or undecodable characters)" in errors
    failed = dict(db.execute("SELECT url, error FROM urls WHERE status = 'failed'").fetchall())
    assert set(failed) == {nota_1, informe, nulos}
    assert failed[informe] == f"{informe}: not text (a PDF document)"  # why, beside the URL, for the reviewer
    after = stored(tmp_path)
    assert set(after) == {nota_1, nota_2} and after[nota_1] == before[nota_1]
    assert "Trasladan a veintiséis personas" in after[nota_2]["title"] and "\x00" not in after[nota_2]["text"]
    raw = zlib.decompress(db.execute("SELECT body FROM raw_pages WHERE url = ?", [nota_1]).fetchone()[0]).decode()
    assert "Primera reunión del grupo bilateral" in raw  # kept for `reprocess`, not replaced by the image
