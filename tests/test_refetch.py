"""`ingest --refetch` stays polite: stored articles are asked for conditionally, and a 304 costs nothing."""

from __future__ import annotations

import pytest

from pipeline.config import load_config
from pipeline.run import ingest
from pipeline.store import open_store
from tests.webserver import Reply, Site, conditional, page, rfc822, rss

pytestmark = pytest.mark.slow

TEXT = ("La canciller se reunió en la Ciudad de México con el embajador Roberto Velasco para revisar "
        "la agenda bilateral en materia de seguridad y migración. ") * 6


@pytest.fixture
def config(tmp_path):
    """A feed of one article whose page answers 304 to its ETag, ingested once."""
    site = Site()
    with site:
        site.route("/feed", Reply(body=rss([(site.url("/nota/1"), "Reunión", rfc822(), "")]),
                                  headers={"Content-Type": "application/rss+xml"}))
        site.route("/nota/1", conditional(page("Reunión con el embajador", TEXT), '"n1"', "text/html; charset=utf-8"))
        (tmp_path / "config.toml").write_text(
            '[storage]\ndb = "news.db"\n[fetch]\ndelay = 0.0\nretries = 0\n'
            f'[[sources]]\nname = "web"\nkind = "feed"\nurl = "{site.url("/feed")}"\n', encoding="utf-8")
        config = load_config(tmp_path / "config.toml")
        ingest(config)
        yield config, site


def article(config) -> tuple:
    with open_store(config.path(config.storage.db)) as store:
        return store.db.execute("SELECT id, extracted_at, run_id FROM articles").fetchall()


def test_a_304_on_refetch_leaves_the_stored_article_and_extracts_nothing(config):
    config, site = config
    before = article(config)
    report = ingest(config, refetch=True)
    assert site.requests("/nota/1")[-1].headers["if-none-match"] == '"n1"'
    assert (report.counts["pages"], report.source_errors) == (0, {})
    assert len(before) == 1 and article(config) == before


def test_a_copy_found_in_a_later_run_is_remembered_and_not_fetched_again(config):
    """The same text under a second URL, first seen after the original was stored."""
    config, site = config
    copy = site.url("/copia/1")
    site.route("/copia/1", Reply(body=page("Reunión con el embajador", TEXT)))
    site.route("/feed", Reply(body=rss([(site.url("/nota/1"), "Reunión", rfc822(), ""), (copy, "Copia", rfc822(), "")]),
                              headers={"Content-Type": "application/rss+xml"}))
    ingest(config)
    ingest(config)
    with open_store(config.path(config.storage.db)) as store:
        status = store.db.execute("SELECT status FROM urls WHERE url = ?", [copy]).fetchone()
        articles = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert len(site.requests("/copia/1")) == 1
    assert (status, articles) == (("duplicate",), 1)
