"""The fetch stage's memory in the store (store/urls.py): the `urls` and `fetches` tables."""

from __future__ import annotations

import pytest

from pipeline.models import FetchRecord
from pipeline.store.urls import CHUNK, MAX_FAILS

A, B, C = "https://a.mx/1", "https://a.mx/2", "https://a.mx/3"


def row(store, url: str) -> dict:
    return next(store.db.query("SELECT * FROM urls WHERE url = ?", [url]))


def rec(url: str = A, status: str = "ok", kind: str = "article", **fields) -> FetchRecord:
    return FetchRecord(url=url, source="src", kind=kind, status=status, **fields)


def set_status(store, url: str, status: str, fails: int = 0) -> None:
    store.db.execute("UPDATE urls SET status = ?, fails = ? WHERE url = ?", [status, fails, url])


# ---------------------------------------------------------------------------- listed links
def test_remember_adds_new_urls_as_seen_and_only_touches_known_ones(store):
    store.urls.remember("src", [A])
    set_status(store, A, "stored")
    store.db.execute("UPDATE urls SET first_seen = '2000-01-01', last_seen = '2000-01-01' WHERE url = ?", [A])
    store.urls.remember("other", [A, B])
    a, b = row(store, A), row(store, B)
    assert (a["source"], a["status"], a["first_seen"]) == ("src", "stored", "2000-01-01")
    assert a["last_seen"] > "2000-01-01"
    assert (b["source"], b["kind"], b["status"], b["fails"]) == ("other", "article", "seen", 0)


def test_pending_is_a_sources_unfinished_articles_newest_first_within_the_limit(store):
    store.urls.remember("src", [A, B, C, "https://a.mx/4", "https://a.mx/5"])
    store.urls.remember("other", ["https://b.mx/1"])
    for n, url in enumerate([A, B, C, "https://a.mx/4", "https://a.mx/5"]):
        store.db.execute("UPDATE urls SET first_seen = ? WHERE url = ?", [f"2024-01-0{n + 1}", url])
    set_status(store, B, "stored")
    set_status(store, C, "failed", fails=MAX_FAILS)  # given up
    set_status(store, "https://a.mx/4", "failed", fails=MAX_FAILS - 1)
    set_status(store, "https://a.mx/5", "fetched")
    assert store.urls.pending("src", 10) == ["https://a.mx/5", "https://a.mx/4", A]
    assert store.urls.pending("src", 2) == ["https://a.mx/5", "https://a.mx/4"]


@pytest.mark.parametrize("status, fails, done", [
    ("stored", 0, True), ("duplicate", 0, True), ("skipped", 0, True), ("failed", MAX_FAILS, True),
    ("seen", 0, False), ("fetched", 0, False), ("failed", MAX_FAILS - 1, False),
])
def test_done_urls_are_stored_duplicate_skipped_or_given_up(store, status, fails, done):
    store.urls.remember("src", [A])
    set_status(store, A, status, fails)
    assert store.urls.done([A, B]) == ({A} if done else set())


def test_done_answers_for_more_urls_than_one_query_holds(store):
    urls = [f"https://a.mx/{i}" for i in range(2 * CHUNK + 7)]
    store.urls.remember("src", urls)
    store.db.execute("UPDATE urls SET status = 'stored'")
    assert store.urls.done(urls) == set(urls)
    assert store.urls.article_validators(urls) == {}  # stored, but no validators


@pytest.mark.parametrize("status", ["stored", "duplicate", "fetched", "failed", "seen"])
def test_article_validators_only_of_stored_articles(store, status):
    store.urls.record(rec(etag='"e1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT"), None)
    store.urls.record(rec(B), None)  # no validators
    for url in (A, B):
        set_status(store, url, status)
    expected = {A: ('"e1"', "Mon, 01 Jan 2024 00:00:00 GMT")} if status in ("stored", "duplicate") else {}
    assert store.urls.article_validators([A, B, C]) == expected


# ---------------------------------------------------------------------------- requests
def test_record_writes_the_request_and_the_urls_state(store):
    run_id = store.start_run("m", "v")
    store.urls.record(rec(http_status=200, attempts=2, bytes=10, elapsed=0.5, final_url=B, etag='"e"'), run_id,
                      url_status="fetched", canonical=B)
    (fetch,) = store.db.query("SELECT * FROM fetches")
    assert (fetch["run_id"], fetch["url"], fetch["final_url"], fetch["status"], fetch["attempts"], fetch["bytes"],
            fetch["elapsed"]) == (run_id, A, B, "ok", 2, 10, 0.5)
    a = row(store, A)
    assert (a["status"], a["http_status"], a["etag"], a["canonical"], a["fails"]) == ("fetched", 200, '"e"', B, 0)


def test_a_canonical_url_equal_to_the_url_is_not_kept(store):
    store.urls.record(rec(), None, canonical=A)
    assert row(store, A)["canonical"] is None


def test_failures_count_runs_in_a_row_and_a_permanent_one_gives_up_at_once(store):
    store.urls.record(rec(status="failed", error="timed out"), None)
    store.urls.record(rec(status="failed", error="timed out"), None)
    assert (row(store, A)["fails"], row(store, A)["error"]) == (2, "timed out")
    store.urls.record(rec(), None)
    assert (row(store, A)["fails"], row(store, A)["error"]) == (0, None)
    store.urls.record(rec(B, status="failed", http_status=404, permanent=True), None)
    assert row(store, B)["fails"] == MAX_FAILS


def test_a_stored_article_answering_304_stays_stored_with_its_validators(store):
    store.urls.record(rec(etag='"e1"', last_modified="lm"), None)
    set_status(store, A, "stored")
    store.urls.record(rec(status="not-modified", http_status=304), None)
    a = row(store, A)
    assert (a["status"], a["etag"], a["last_modified"]) == ("stored", '"e1"', "lm")


def test_a_full_response_replaces_the_validators_even_by_none(store):
    store.urls.record(rec(etag='"e1"', last_modified="lm"), None)
    store.urls.record(rec(), None)
    assert (row(store, A)["etag"], row(store, A)["last_modified"]) == (None, None)


def test_a_robots_body_is_kept_until_a_new_one_comes(store):
    robots = "https://a.mx/robots.txt"
    store.urls.record(rec(robots, kind="robots", body="User-agent: *"), None)
    store.urls.record(rec(robots, kind="robots", status="not-modified"), None)
    assert row(store, robots)["body"] == "User-agent: *"


def test_alias_gives_a_canonical_url_its_own_row(store):
    store.urls.alias(A, "src", "fetched")
    assert (row(store, A)["source"], row(store, A)["status"]) == ("src", "fetched")
    store.urls.alias(A, "other", "stored")
    assert (row(store, A)["source"], row(store, A)["status"]) == ("src", "stored")


# ---------------------------------------------------------------------------- what became of a page
def test_mark_sets_the_url_and_every_url_that_led_to_it(store):
    store.urls.record(rec(B), None, url_status="fetched", canonical=A)  # B turned out to be A
    store.urls.alias(A, "src", "fetched")
    store.urls.record(rec(C), None, url_status="fetched")  # another page
    article_id = store.db["articles"].insert(
        {"url": A, "source": "src", "fetched_at": "2024-05-01", "text": "t", "content_hash": "h"}).last_pk
    store.urls.mark(A, "stored", article_id, source="src")
    assert [(row(store, u)["status"], row(store, u)["article_id"]) for u in (A, B, C)] == [
        ("stored", article_id), ("stored", article_id), ("fetched", None)]
    store.urls.mark(A, "duplicate", source="src")  # no article given: the one it had stays
    assert (row(store, A)["status"], row(store, A)["article_id"]) == ("duplicate", article_id)


def test_mark_records_failures_and_clears_the_reason_after(store):
    store.urls.remember("src", [A])
    store.urls.mark(A, "failed", source="src", error="cleaning failed")
    store.urls.mark(A, "failed", source="src", error="cleaning failed again")
    assert (row(store, A)["status"], row(store, A)["fails"], row(store, A)["error"]) == (
        "failed", 2, "cleaning failed again")
    store.urls.mark(A, "duplicate", source="src")
    assert (row(store, A)["status"], row(store, A)["fails"], row(store, A)["error"]) == ("duplicate", 0, None)


def test_mark_adds_a_row_for_a_url_fetch_never_listed(store):
    store.urls.mark("file:///notas/1.txt", "stored", source="archivo")
    r = row(store, "file:///notas/1.txt")
    assert (r["source"], r["kind"], r["status"]) == ("archivo", "article", "stored")


def test_mark_refuses_an_unknown_outcome(store):
    store.urls.remember("src", [A])
    with pytest.raises(ValueError):
        store.urls.mark(A, "great", source="src")
    assert row(store, A)["status"] == "seen"


# ---------------------------------------------------------------------------- memory and reports
def test_document_validators_and_robots_files_are_what_the_next_run_needs(store):
    store.urls.record(rec("https://a.mx/feed", kind="feed", etag='"f1"'), None)
    store.urls.record(rec("https://a.mx/sitemap.xml", kind="sitemap"), None)  # no validators
    store.urls.record(rec(etag='"a1"'), None)  # an article: not read before a run
    store.urls.record(rec("https://a.mx/robots.txt", kind="robots", body="", last_modified="lm",
                          fetched_at="2024-05-01T00:00:00+00:00"), None)
    assert store.urls.document_validators() == {"https://a.mx/feed": ('"f1"', None)}
    assert store.urls.robots_files() == [{"url": "https://a.mx/robots.txt", "text": "",
                                          "checked_at": "2024-05-01T00:00:00+00:00", "etag": None,
                                          "last_modified": "lm"}]


def test_source_health_counts_requests_per_source_of_one_run_or_all(store):
    first, second = store.start_run("m", "v"), store.start_run("m", "v")
    store.urls.record(rec(bytes=5), first)
    store.urls.record(rec(B, status="failed", fetched_at="2024-05-01T00:00:00+00:00"), first)
    store.urls.record(rec(C, status="not-modified", bytes=0), second)
    store.urls.record(FetchRecord(url="https://b.mx/1", source="b", kind="article", status="skipped"), second)
    assert store.urls.source_health(first) == [{
        "source": "src", "fetches": 2, "ok": 1, "not_modified": 0, "failed": 1, "skipped": 0, "bytes": 5,
        "last_failure": "2024-05-01T00:00:00+00:00"}]
    assert [(h["source"], h["fetches"], h["not_modified"], h["skipped"]) for h in store.urls.source_health()] == [
        ("b", 1, 0, 1), ("src", 3, 1, 0)]
