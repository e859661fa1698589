"""The operator's view, piece by piece: what each source outcome says, the summary's first line,
advice by kind of failure, entries too old counted once, and per-source health."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.fetch.discover import sitemap_entries
from pipeline.fetch.errors import BlockPage, HTTPStatus, TooLarge, Unreachable
from pipeline.fetch.outcome import SourceOutcome, advice_for
from pipeline.runtime import RunReport
from tests.webserver import iso, sitemap_index, urlset

SINCE = datetime(2026, 1, 14, tzinfo=UTC)


def outcome(**fields) -> SourceOutcome:
    return SourceOutcome("b", "sitemap", sitemap_days=7, max_pages=100, **fields)


@pytest.mark.parametrize(("fields", "lines"), [
    ({"pages": 5, "documents": 1}, []),
    ({"old": 12}, ["sitemap 'b': 12 entries older than sitemap_days=7 skipped; raise it to backfill"]),
    ({"old": 1, "old_sitemaps": 2}, ["sitemap 'b': 1 entry and 2 sitemaps older than sitemap_days=7 skipped; "
                                     "raise it to backfill"]),
    ({"over_budget": 1}, ["sitemap 'b': 1 link over max_pages=100 left for the next run; "
                          "raise max_pages to take them in one run"]),
    ({"skipped": 2, "refused": 1, "first_problem": "https://b.mx/x.pdf: not HTML"},
     ["sitemap 'b': 2 articles skipped, 1 refused; first: https://b.mx/x.pdf: not HTML; "
      "skipped ones (robots.txt, not a web page) are not tried again"]),
    ({"error": "https://b.mx/sitemap.xml: HTTP 404 Not Found", "advice": "fix it"},
     ["sitemap 'b' failed: https://b.mx/sitemap.xml: HTTP 404 Not Found; fix it"]),
])
def test_a_source_says_what_needs_doing(fields, lines):
    assert outcome(**fields).attention() == lines


@pytest.mark.parametrize(("fields", "state"), [
    ({"unchanged": 1}, "unchanged"), ({"unchanged": 1, "documents": 1}, "read"), ({}, "read"),
    ({"unchanged": 1, "error": "x"}, "failed"),
])
def test_a_source_is_unchanged_only_when_every_document_answered_304(fields, state):
    assert outcome(**fields).state == state


@pytest.mark.parametrize(("error", "advice"), [
    (HTTPStatus("HTTP 404", url="u", status=404), "the address is gone"),
    (HTTPStatus("HTTP 403", url="u", status=403), "refuses automated clients"),
    (HTTPStatus("HTTP 418", url="u", status=418), "check `url` in config.toml"),
    (HTTPStatus("HTTP 503", url="u", status=503), "the site is failing"),
    (Unreachable("cannot connect", url="u"), "tried again next run"),
    (BlockPage("block page", url="u"), "bot check"),
    (TooLarge("too large", url="u"), "max_bytes"),
    (ValueError("a bug"), "see the log"),
])
def test_advice_follows_the_kind_of_failure(error, advice):
    assert advice in advice_for(error)


@pytest.mark.parametrize(("states", "part"), [
    ([], "0 rejected; model m;"),
    (["read"], "; 1 source; model"),
    (["unchanged", "unchanged"], "; 2 sources: all unchanged (304); model"),
    (["read", "unchanged", "failed"], "; 3 sources: 1 unchanged (304), 1 failed; model"),
])
def test_the_first_line_says_how_the_sources_went(states, part):
    report = RunReport(model="m")
    for i, state in enumerate(states):
        report.sources[str(i)] = SourceOutcome(str(i), "feed", unchanged=state == "unchanged",
                                              error="x" if state == "failed" else "")
    assert part in report.summary().split("\n")[0]


def test_a_failed_source_fetch_did_not_describe_still_gets_a_line():
    report = RunReport(model="m", source_errors={"gone": "/srv/missing: folder does not exist"})
    assert report.summary().split("\n")[1:] == ["  source 'gone' failed: /srv/missing: folder does not exist"]


def test_old_sitemap_entries_and_sitemaps_are_listed_apart():
    sitemap = sitemap_entries(urlset([("https://b.mx/1", iso()), ("https://b.mx/0", "2025-01-01")]), "https://b.mx/s",
                              SINCE, 10**6)
    assert ([link.url for link in sitemap.links], sitemap.old, sitemap.index) == (["https://b.mx/1"], ["https://b.mx/0"],
                                                                                  False)
    index = sitemap_entries(sitemap_index([("https://b.mx/s1", iso()), ("https://b.mx/s0", "2025-01-01")]),
                            "https://b.mx/i", SINCE, 10**6)
    assert (index.children, index.old, index.index) == (["https://b.mx/s1"], ["https://b.mx/s0"], True)


def test_old_entries_are_counted_the_first_time_only(store):
    assert store.urls.remember_old("b", "article", ["https://b.mx/0", "https://b.mx/1"]) == 2
    assert store.urls.remember_old("b", "article", ["https://b.mx/1", "https://b.mx/2"]) == 1
    assert store.urls.done(["https://b.mx/0"]) == set() and store.urls.pending("b", 10) == []


def test_health_counts_failures_since_the_last_success(store):
    runs = [store.start_run("m", "v") for _ in range(4)]
    for run_id, state in zip(runs, ["failed", "read", "failed", "failed"], strict=True):
        store.finish_run(run_id, "done", {}, [], "")
        store.urls.record_sources(run_id, [("a", state, 0, "https://a.mx/rss: HTTP 500" if state == "failed" else ""),
                                           ("b", "unchanged", 0, "")])
    finished = dict(store.db.execute("SELECT id, finished_at FROM runs").fetchall())
    assert store.urls.health() == [
        {"source": "a", "last_success": finished[runs[1]], "failures_in_a_row": 2,
         "last_error_at": finished[runs[3]], "last_error": "https://a.mx/rss: HTTP 500"},
        {"source": "b", "last_success": finished[runs[3]], "failures_in_a_row": 0, "last_error_at": None,
         "last_error": None}]
