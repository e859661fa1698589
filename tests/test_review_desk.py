"""The review desk over HTTP (Datasette in-process, as served): pages link to each other, forms
are pre-filled and explain themselves, splitting a person, charts, and reading kept private
when shared. Corrections made from a pre-filled link survive ingest, reprocess and --refetch."""

from __future__ import annotations

import json
import os
import re

import pytest

from pipeline.config import load_config
from pipeline.review import app, metadata
from pipeline.run import ingest, reprocess
from pipeline.store import open_store

from .conftest import CORPUS
from .data.workdir import write_config
from .test_review import extraction, get, post_as, rows


@pytest.fixture
def ds(store):
    store.save(extraction())
    store.save(extraction("https://b.mx/nota/2", names=("Ana Pérez García", "Luis Gómez"), source="b.mx"))
    return app(store.path)


def signed_in(ds) -> dict:
    return {"ds_actor": ds.sign({"a": {"id": "ana"}}, "actor")}


def links(html: str) -> set[str]:
    return set(re.findall(r'href="(/news/[^"?]+)', html))


@pytest.mark.parametrize("page, expected", [
    ("/news/articles/1", {"/news/entities/1", "/news/entities/2", "/news/entities/3", "/news/events/1"}),
    ("/news/events/1", {"/news/articles/1", "/news/articles/2", "/news/entities/1", "/news/entities/3"}),
    ("/news/entities/2", {"/news/articles/1", "/news/articles/2", "/news/events/1", "/news/entities/1"}),
])
def test_article_event_and_entity_pages_link_to_each_other(ds, page, expected):
    response = get(ds, page)
    assert response.status_code == 200 and expected <= links(response.text)


@pytest.mark.parametrize("query, column, table", [
    ("timeline?type=&date_from=&date_to=&entity=", "event_id", "events"),
    ("event_evidence?event_id=1", "article_id", "articles"),
    ("find_entity?name=perez&kind=", "entity_id", "entities"),
    ("review_queue?what=", "entity_id", "entities"),
])
def test_ids_in_canned_queries_are_links(ds, query, column, table):
    html = get(ds, f"/news/{query}").text
    assert re.search(rf'<td class="col-{column}"><a href="/news/{table}/\d+">\d+</a></td>', html)


@pytest.mark.parametrize("typed", ["perez", "PÉREZ", "ana p", "Ana Pérez García"])
def test_entity_filters_forgive_accents_case_and_short_names(ds, typed):
    assert [r["name"] for r in rows(ds, f"/news/find_entity?name={typed}&kind=")] == ["Ana Pérez García"]
    assert [r["event_id"] for r in rows(ds, f"/news/timeline?type=&date_from=&date_to=&entity={typed}")] == [1]
    assert len(rows(ds, f"/news/articles_mentioning?entity={typed}")) == 2


def test_articles_facet_by_person(ds):
    data = get(ds, "/news/articles.json?_facet_array=people&people__arraycontains=Ana+P%C3%A9rez+Garc%C3%ADa").json()
    assert len(data["rows"]) == 2 and {"Ana Pérez García", "Luis Gómez"} <= {
        f["value"] for f in data["facet_results"]["people"]["results"]}


def test_a_form_opened_from_a_link_is_pre_filled_and_shows_no_sql(ds):
    html = get(ds, "/news/rename_entity?entity_id=2&new_name=Luis+G%C3%B3mez", cookies=signed_in(ds)).text
    assert 'value="Luis Gómez"' in html and "Rename an entity" in html and "The name in full" in html
    assert "INSERT" not in html and "About <a href=\"/news/entities/2\">Luis Gómez</a>" in html


def test_after_a_correction_the_reviewer_lands_on_what_was_corrected(ds):
    response = post_as(ds, "ana", "/news/merge_entity?entity_id=2", {"entity_id": "2", "into_id": "1", "note": ""})
    assert response.headers["location"].startswith("/-/review/news/decided")
    assert get(ds, "/-/review/news/decided", cookies=signed_in(ds)).headers["location"] == "/news/entities/1"


def test_a_person_is_split_from_the_form(ds, store):
    assert "Ana Pérez" in get(ds, "/news/entities/1").text  # the machine took both for one person
    response = post_as(ds, "ana", "/news/split_entity?entity_id=1", {"entity_id": "1", "names": "Ana Pérez\n", "note": ""})
    assert response.status_code == 302
    people = [set(json.loads(r[0])) for r in store.db.execute("SELECT people FROM articles ORDER BY id")]
    assert people == [{"Ana Pérez", "Luis Gómez"}, {"Ana Pérez García", "Luis Gómez"}]


def test_events_per_week_is_an_svg_with_a_bar_per_type_and_week(ds):
    response = get(ds, "/-/review/news/events-per-week.svg")
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert re.findall(r"<title>(week of [^<]+)</title>", response.text) == ["week of 2025-03-03: 1 meeting"]


def test_reading_is_private_when_shared():
    assert metadata(private=True)["allow"] == {"id": "*"} and "allow" not in metadata()


def test_shared_metadata_refuses_anonymous_readers(store):
    from datasette.app import Datasette

    store.save(extraction())
    ds = Datasette([str(store.path)], metadata=metadata(store.path.stem, private=True))
    assert get(ds, "/news/articles").status_code == 403
    assert get(ds, "/news/articles", cookies=signed_in(ds)).status_code == 200


@pytest.mark.slow
def test_corrections_from_pre_filled_links_survive_ingest_reprocess_and_refetch(tmp_path, monkeypatch):
    config = load_config(write_config(tmp_path, {"corpus": CORPUS}))
    ingest(config)
    ds = app(tmp_path / "news.db")
    with open_store(tmp_path / "news.db") as store:
        velasco = store.db.execute("SELECT id FROM entities WHERE name = 'Roberto Velasco'").fetchone()[0]
        sweden = store.db.execute("SELECT id FROM entities WHERE name = 'Suecia'").fetchone()[0]
    form = f"/news/rename_entity?entity_id={velasco}&new_name=Roberto+Velasco"
    post_as(ds, "ana", form, {"entity_id": str(velasco), "new_name": "Roberto Velasco Álvarez", "note": ""})
    post_as(ds, "ana", f"/news/mark_entity_wrong?entity_id={sweden}", {"entity_id": str(sweden), "note": ""})
    ingest(config)
    monkeypatch.setattr("pipeline.extract.extractor.EXTRACTOR_VERSION", "test-2")  # extract everything again
    monkeypatch.setattr("pipeline.run.EXTRACTOR_VERSION", "test-2")
    reprocess(config)
    ingest(config, refetch=True)
    with open_store(tmp_path / "news.db") as store:
        people = [r[0] for r in store.db.execute("SELECT people FROM articles")]
        places = [r[0] for r in store.db.execute("SELECT places FROM articles")]
        assert store.db.execute("SELECT COUNT(*) FROM articles WHERE extractor_version = 'test-2'").fetchone()[0] == 2
    assert all("Roberto Velasco Álvarez" in p and '"Roberto Velasco"' not in p for p in people)
    assert not any("Suecia" in p for p in places)


def test_serving_beyond_this_machine_without_accounts_is_refused(tmp_path, monkeypatch):
    from pipeline.errors import PipelineError
    from pipeline.review import serve

    for name in [n for n in os.environ if n.startswith("PASSWORD_HASH_")]:
        monkeypatch.delenv(name)
    with pytest.raises(PipelineError, match="only signed-in reviewers may read"):
        serve(tmp_path / "news.db", host="0.0.0.0")
