"""htmldate's evaluation set, in miniature: pages we write, scored for us and for htmldate."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import ConfigError
from pipeline.evaluate.bench_dates import evaluate_dates, read_set

BODY = "<p>" + "La Guardia Nacional desplegó elementos en los puentes internacionales. " * 8 + "</p>"


def page(head: str, body: str = BODY) -> str:
    return f"<html><head><title>Nota</title>{head}</head><body><h1>Nota</h1>{body}</body></html>"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "test_set").mkdir()
    (tmp_path / "cache" / "a.html").write_text(
        page('<meta property="article:published_time" content="2021-03-04T10:00:00+01:00">'), "utf-8")
    (tmp_path / "test_set" / "b.html").write_text(page(""), "utf-8")
    listing = {
        "https://example.test/a": {"file": "a.html", "date": "2021-03-04"},
        "https://example.test/b": {"file": "b.html", "date": None},
        "https://example.test/c": {"file": "c.html", "date": "2020-01-01"},
    }
    (tmp_path / "eval_default.json").write_text(json.dumps(listing), "utf-8")
    (tmp_path / "eval_mediacloud_2020.json").write_text('{"https://example.test/d": {"file": "b.html", "date": NaN}}')
    return tmp_path


def test_pages_are_found_in_any_of_the_folders_and_a_missing_one_is_named(folder):
    pages, missing = read_set(folder)
    assert sorted(p.url for p in pages) == ["https://example.test/a", "https://example.test/b", "https://example.test/d"]
    assert missing == ["c.html"]
    assert {p.url: p.date for p in pages}["https://example.test/d"] is None  # NaN in the list: no date


def test_each_runner_is_scored_on_every_page(folder):
    scores, report = evaluate_dates(folder, verbose=True)
    ours = scores["runners"]["pipeline (clean stage)"]
    assert ours == {"right": 3, "pages": 3, "share": 1.0}
    assert set(scores["runners"]) == {"pipeline (clean stage)", "htmldate extensive", "htmldate extensive + URL"}
    assert "missing file: c.html" in report and "3 pages (1 missing)" in report


def test_a_folder_without_the_lists_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="eval_default.json"):
        read_set(tmp_path)
