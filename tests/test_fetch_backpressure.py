"""A consumer slower than the network makes fetching wait: pages do not pile up in memory.

The server counts the article pages it served; the consumer takes one page and
stops. Whatever was served and not consumed is held in memory somewhere (the
consumer's current batch, the queue between the threads, the article workers),
and that must stay under a bound that does not grow with the number of links.
"""

from __future__ import annotations

import time
from pathlib import Path

from pipeline.config import FetchConfig, SourceConfig
from pipeline.fetch import Fetcher
from pipeline.fetch.crawl import article_workers
from pipeline.fetch.worker import BATCH, QUEUE_SIZE
from tests.webserver import Reply, Site, html_reply, page, rfc822, rss

ARTICLES = 400
FAST = FetchConfig(delay=0.0, concurrency=4, timeout=5.0, retries=0, max_pages=ARTICLES)


def served_articles(site: Site) -> int:
    return sum(1 for r in site.log if r.path.startswith("/a/"))


def once_still(count, polls: int = 10, every: float = 0.05, give_up: float = 30.0) -> int:
    """`count()` once it has not changed for `polls` polls in a row: the crawl is waiting."""
    last, still, deadline = -1, 0, time.monotonic() + give_up
    while still < polls and time.monotonic() < deadline:
        now = count()
        still = still + 1 if now == last else 0
        last = now
        time.sleep(every)
    return last


def test_pages_fetched_but_not_consumed_stay_bounded_when_the_consumer_stops(store):
    with Site() as site:
        links = [(site.url(f"/a/{i}"), f"Nota {i}", rfc822(), "") for i in range(ARTICLES)]
        site.route("/feed", Reply(body=rss(links), headers={"Content-Type": "application/rss+xml"}))
        for i in range(ARTICLES):
            site.route(f"/a/{i}", html_reply(page(f"Nota {i}")))
        fetcher = Fetcher(store, None, Path("."), backoff=0.01)
        pages = fetcher.pages([SourceConfig(name="src", kind="feed", url=site.url("/feed"), fetch=FAST)])
        next(pages)  # one page consumed, then the consumer stops consuming
        held = once_still(lambda: served_articles(site)) - 1
        pages.close()
    assert held <= BATCH + QUEUE_SIZE + article_workers(FAST) < ARTICLES
