"""The whole pipeline on the embedded corpus, as `make ingest` runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlite_utils

from .conftest import CORPUS, ROOT

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
            "operations", "dates", "events"}
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
