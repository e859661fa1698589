"""Event ids hold: re-extraction keeps every event and every article–event link, and a reviewer's
mark stays on its event, through `reprocess` (in any order) and `ingest --refetch`.

A site on 127.0.0.1 serves the corpus and ../shared/devset as pages (wrapped as `eval` wraps
them) behind one listing page; several of its articles report the same events.
"""

from __future__ import annotations

import json
import random
import re
import shutil

import pytest
from datasette.app import Datasette

from pipeline.config import load_config
from pipeline.evaluate import wrap_html
from pipeline.review import metadata
from pipeline.run import export, ingest, process, reprocess
from pipeline.runtime import RunReport
from pipeline.store import open_store

from .conftest import CORPUS, DEVSET
from .test_review import post_as
from .webserver import Site, html_reply

pytestmark = pytest.mark.slow


def articles() -> dict[str, dict]:
    """The corpus and the devset articles, by a name for their page."""
    out = {}
    for path in sorted(CORPUS.glob("*.txt")):
        front, text = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", path.read_text(encoding="utf-8"), re.S).groups()
        published = re.search(r"published: (\S+)", front).group(1)
        out[path.stem] = {"title": path.stem.replace("-", " "), "published": published, "text": text}
    for line in (DEVSET / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        out[a["id"]] = a
    return out


@pytest.fixture(scope="module")
def site():
    if not (DEVSET / "articles.jsonl").exists():
        pytest.skip("../shared/devset is not here")
    with Site() as s:
        pages = articles()
        for name, article in pages.items():
            s.route(f"/nota/{name}", html_reply((article.get("html") or wrap_html(article)).encode()))
        index = "".join(f'<a href="/nota/{name}">{name}</a><br>' for name in pages)
        s.route("/", html_reply(f"<html><body>{index}</body></html>".encode()))
        yield s


@pytest.fixture(scope="module")
def ingested(site, tmp_path_factory):
    """The site ingested once into a project folder that each test copies."""
    work = tmp_path_factory.mktemp("identity")
    (work / "config.toml").write_text(
        '[storage]\ndb = "news.db"\n[fetch]\ndelay = 0.0\nretries = 0\n'
        f'[[sources]]\nname = "site"\nkind = "listing"\nurl = "{site.url("/")}"\nlink_pattern = "/nota/"\n',
        encoding="utf-8",
    )
    report = ingest(load_config(work / "config.toml"))
    assert report.counts["new"] >= 20, report.summary()
    return work


@pytest.fixture
def config(ingested, tmp_path):
    for path in ingested.iterdir():
        shutil.copy(path, tmp_path / path.name)
    return load_config(tmp_path / "config.toml")


def snapshot(config) -> dict[str, set]:
    """Every event (id, review status), link (url, event) and report (url, offset, event)."""
    with open_store(config.path(config.storage.db)) as store:
        reports = set(store.db.execute(
            "SELECT a.url, ea.start, ea.event_id FROM event_articles ea JOIN articles a ON a.id = ea.article_id"))
        events = set(store.db.execute("SELECT id, review_status FROM events"))
    return {"events": events, "links": {(url, event) for url, _, event in reports}, "reports": reports}


def reprocess_in(config, order) -> None:
    """`reprocess`, with the stored pages in another order than it reads them in."""
    with open_store(config.path(config.storage.db)) as store:
        pages = order(list(store.raw_pages()))
        process(pages, store, config, RunReport(), force=True)


def most_reported(config) -> int:
    with open_store(config.path(config.storage.db)) as store:
        return store.db.execute("SELECT id FROM events ORDER BY num_articles DESC, id LIMIT 1").fetchone()[0]


def test_reprocess_twice_keeps_every_event_id_and_link(config):
    before = snapshot(config)
    assert len(before["links"]) > len({url for url, _ in before["links"]})  # articles report several events
    assert len(before["links"]) > len(before["events"])  # and events are reported by several articles
    for _ in range(2):
        assert reprocess(config).counts["updated"] >= 20
        assert snapshot(config) == before


@pytest.mark.parametrize("order", [lambda pages: pages[::-1], lambda pages: random.Random(7).sample(pages, len(pages))],
                         ids=["reversed", "shuffled"])
def test_reprocess_in_another_order_keeps_every_event_id_and_link(config, order):
    before = snapshot(config)
    reprocess_in(config, order)
    reprocess(config)
    assert snapshot(config) == before


@pytest.mark.parametrize("form, status, exported", [("mark_event_wrong", "wrong", False),
                                                    ("confirm_event", "confirmed", True)])
def test_a_reviewers_mark_holds_through_reprocess_and_refetch(config, form, status, exported):
    event = most_reported(config)
    ds = Datasette([str(config.path(config.storage.db))], metadata=metadata("news"))
    assert post_as(ds, "ana", f"/news/{form}", {"event_id": str(event), "note": ""}).status_code == 302
    before = snapshot(config)
    assert (event, status) in before["events"]
    reprocess(config)
    reprocess_in(config, lambda pages: pages[::-1])
    assert ingest(config, refetch=True).counts["updated"] >= 20
    assert snapshot(config) == before
    in_export = {e["id"] for row in export(config) for e in row["events"]}
    assert (event in in_export) is exported and len(in_export) == len(before["events"]) - (not exported)
