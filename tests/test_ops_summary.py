"""What the operator reads after a cron run: one short line, then one line per source that needs
attention saying what to do; `stats` gives each source's health. Checked on the printed lines and
on the database."""

from __future__ import annotations

import re
import socket
import sqlite3

import pytest

from .data.workdir import run
from .test_ops import on_a_terminal
from .webserver import LOREM, Reply, Site, conditional, iso, page, rfc822, rss, urlset

pytestmark = pytest.mark.slow

OLD = 12  # sitemap entries a month old, with sitemap_days = 7


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def site(tmp_path):
    """A sitemap of two fresh articles, one gone and OLD old ones; a feed of three with max_pages = 1;
    and a feed nobody answers."""
    with Site() as site:
        fresh = [(site.url(f"/nota/{i}"), iso()) for i in (1, 2)] + [(site.url("/nota/rota"), iso())]
        old = [(site.url(f"/vieja/{i}"), iso(30)) for i in range(OLD)]
        site.route("/sitemap.xml", conditional(urlset(fresh + old), '"s1"', "application/xml"))
        for path in ("/nota/1", "/nota/2", "/f/1", "/f/2", "/f/3"):
            site.route(path, Reply(body=page(path, f"Nota {path}. " + LOREM * 3)))
        items = [(site.url(f"/f/{i}"), f"Nota {i}", rfc822(), "") for i in (1, 2, 3)]
        site.route("/feed", Reply(body=rss(items), headers={"Content-Type": "application/rss+xml"}))
        (tmp_path / "config.toml").write_text(
            '[storage]\ndb = "news.db"\n[fetch]\ndelay = 0.0\nretries = 0\nrespect_robots = false\n'
            f'[[sources]]\nname = "b"\nkind = "sitemap"\nurl = "{site.url("/sitemap.xml")}"\nsitemap_days = 7\n'
            f'[[sources]]\nname = "f"\nkind = "feed"\nurl = "{site.url("/feed")}"\nmax_pages = 1\n'
            f'[[sources]]\nname = "caido"\nkind = "feed"\nurl = "http://127.0.0.1:{closed_port()}/rss"\n')
        yield site


def test_the_summary_names_each_source_that_needs_attention_and_what_to_do(tmp_path, site):
    done = run(tmp_path, "ingest", timeout=300)
    assert done.returncode == 0, done.stderr
    headline, *attention = done.stdout.rstrip("\n").split("\n")
    assert headline.startswith("3 pages: 3 new, ") and "; 3 sources: 1 failed; " in headline
    assert [line.split(":")[0] for line in attention] == [
        "  sitemap 'b'", "  sitemap 'b'", "  feed 'f'", "  feed 'caido' failed"]
    assert attention[0] == f"  sitemap 'b': {OLD} entries older than sitemap_days=7 skipped; raise it to backfill"
    assert attention[1].startswith(f"  sitemap 'b': 1 article failed; first: {site.url('/nota/rota')}: HTTP 404")
    assert attention[2].startswith("  feed 'f': 2 links over max_pages=1 left for the next run; raise max_pages")
    assert "cannot connect (Connection refused); tried again next run" in attention[3]
    assert all(line.count("http://") <= 1 for line in done.stdout.splitlines())
    assert site.hits("/vieja/0") == 0


def test_what_was_told_once_is_not_told_again_and_unchanged_says_so(tmp_path, site):
    run(tmp_path, "ingest", timeout=300)
    done = run(tmp_path, "ingest", timeout=300)
    headline, *attention = done.stdout.rstrip("\n").split("\n")
    assert "; 3 sources: 1 unchanged (304), 1 failed; " in headline
    assert not any("older than" in line for line in attention)  # the old entries were told of already
    db = sqlite3.connect(tmp_path / "news.db")
    assert db.execute("SELECT count(*) FROM urls WHERE status = 'old'").fetchone() == (OLD,)
    assert db.execute("SELECT source, state FROM source_runs WHERE run_id = 2 ORDER BY source").fetchall() == [
        ("b", "unchanged"), ("caido", "failed"), ("f", "read")]


def test_stats_shows_each_sources_health(tmp_path, site):
    run(tmp_path, "ingest", timeout=300)
    run(tmp_path, "ingest", timeout=300)
    lines = run(tmp_path, "stats").stdout.splitlines()
    health = {line.split(":")[0]: line for line in lines if line.startswith("source ")}
    assert health["source caido"].startswith("source caido: last success never; 2 failures in a row; last error ")
    assert "cannot connect" in health["source caido"]
    last_b = sqlite3.connect(tmp_path / "news.db").execute("SELECT finished_at FROM runs WHERE id = 2").fetchone()[0]
    assert health["source b"] == f"source b: last success {last_b}"


def test_on_a_terminal_each_source_has_its_bar_out_of_the_articles_it_expects(tmp_path, site):
    shown = on_a_terminal(tmp_path).decode(errors="replace")
    bars = [re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", piece) for piece in re.split(r"[\r\n]", shown)]
    assert any(re.match(r"b +━+ 3/3", bar) for bar in bars)  # two articles and the one gone
    assert any(re.match(r"f +━+ 1/1", bar) for bar in bars) and any(bar.startswith("caido (failed)") for bar in bars)
