"""An analyst's day in a real headless Chromium on the served review desk.

`pipeline.review.serve` runs on a small database on 127.0.0.1 (with `--root`, whose sign-in link
the browser follows); Chromium is driven over the DevTools protocol (`tests/chromium.py`). The
walk: open an article, follow a person, correct them from the pre-filled link, land back on
them, see the correction on the article. Screenshots land in test-artifacts/ (git-ignored) for
a human to look at.
"""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.store import open_store

from .chromium import CHROMIUM, Browser
from .test_review import extraction

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

if CHROMIUM is None:
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`serve(root=True)` on a review database of two articles; yields (base URL, sign-in URL)."""
    path = tmp_path_factory.mktemp("review") / "news.db"
    with open_store(path) as store:
        store.save(extraction())
        later = extraction("https://b.mx/nota/2", names=("Luis Gómez",), source="b.mx")
        later.article.published, later.article.title = "2025-03-20", None
        store.save(later)
    port = free_port()
    code = f"from pathlib import Path; from pipeline.review import serve; serve(Path({str(path)!r}), port={port}, root=True)"
    server = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              start_new_session=True)  # its own process group: Datasette runs as a child
    try:
        yield f"http://127.0.0.1:{port}", _sign_in_link(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def _sign_in_link(server: subprocess.Popen, seconds: float = 30) -> str:
    """The link `--root` prints, once Datasette answers."""
    deadline, seen = time.monotonic() + seconds, b""
    while time.monotonic() < deadline and server.poll() is None:
        if select.select([server.stdout], [], [], 0.2)[0]:
            seen += os.read(server.stdout.fileno(), 4096)
            if found := re.search(rb"http://\S+/-/auth-token\?token=\w+", seen):
                return found.group().decode()
    raise RuntimeError(f"no sign-in link from serve: {seen.decode()[-500:]}")


@pytest.fixture(scope="module")
def browser(served, tmp_path_factory):
    b = Browser(tmp_path_factory.mktemp("chromium"))
    b.open(served[1])  # signed in as root, as a reviewer with the --root link
    yield b
    b.close()


def shot(b: Browser, name: str) -> None:
    assert b.screenshot(ARTIFACTS / f"review-{name}.png").stat().st_size > 10_000


def click_link(b: Browser, scope: str, text: str) -> None:
    """Click the link reading `text` inside `scope`, and wait for its page."""
    b._loaded(lambda: b.js(f"Array.from(document.querySelectorAll('{scope} a'))"
                           f".find(a => a.innerText.trim() === {text!r}).click()"))


def test_timeline_links_each_event_to_its_page(served, browser):
    base = served[0]
    browser.open(f"{base}/news/timeline?type=meeting&date_from=&date_to=&entity=gomez")
    assert "Events timeline" in browser.text("h1")
    assert browser.texts("td.col-label") == ["Reunión · Ana Pérez – Luis Gómez · Monterrey · 2025-03-03"]
    shot(browser, "timeline")
    browser.click("td.col-label a")
    assert browser.text("h1") == "Reunión · Ana Pérez – Luis Gómez · Monterrey · 2025-03-03"
    assert "se reunió con Luis Gómez" in browser.text(".reports") and browser.texts("aside li a")[:2] == [
        "Ana Pérez", "Luis Gómez"]
    shot(browser, "event")


def test_events_per_week_and_the_map_draw_offline(served, browser):
    base = served[0]
    browser.open(f"{base}/news/events_per_week?type=")
    assert browser.js("document.querySelector('img.review-chart').naturalWidth") == 960
    shot(browser, "events-per-week")
    browser.open(f"{base}/news/places_map?name=")
    assert wait_for(browser, "document.querySelectorAll('.leaflet-marker-icon').length") >= 1
    shot(browser, "map")


def wait_for(b: Browser, expression: str, seconds: float = 10):
    deadline = time.monotonic() + seconds
    while not (found := b.js(expression)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def test_an_analyst_corrects_a_person_from_the_article_and_sees_it(served, browser):
    base = served[0]
    browser.open(f"{base}/news/articles/1")
    assert browser.text("h1") == "Reunión en Monterrey" and "original article" in browser.text(".review-meta")
    assert browser.texts("ul.names-person > li > a") == ["Ana Pérez", "Luis Gómez"]
    assert browser.texts("ul.names-place > li > a") == ["Monterrey"] and "Reunión · Ana Pérez" in browser.text(".events")
    shot(browser, "1-article")

    click_link(browser, "ul.names-person", "Luis Gómez")  # follow a person
    assert browser.text("h1").startswith("Luis Gómez") and "Reunión en Monterrey" in browser.text(".articles")
    shot(browser, "2-person")

    browser.click(".review-actions a[href*=rename_entity]")  # the pre-filled correction form
    page = browser.js("document.documentElement.outerHTML")
    assert browser.text("h1") == "Rename an entity" and "INSERT" not in page
    assert browser.value("#field-new_name") == "Luis Gómez" and browser.value("#field-entity_id").isdigit()
    assert "The name in full" in browser.text("form.review-form") and "Luis Gómez" in browser.text(".review-subject")
    browser.fill("#field-new_name", "Luis Gómez Ruiz")
    shot(browser, "3-form")

    browser.click("form.review-form input[type=submit]")  # lands back on the person
    assert re.search(r"/news/entities/\d+$", browser.url) and browser.text("h1").startswith("Luis Gómez Ruiz")
    assert "Entity renamed." in browser.text("body") and "confirmed" in browser.text(".review-meta")
    shot(browser, "4-corrected")

    click_link(browser, ".articles", "Reunión en Monterrey")  # and back to the article
    assert browser.texts("ul.names-person > li > a") == ["Ana Pérez", "Luis Gómez Ruiz"]
    shot(browser, "5-article-again")


def test_a_person_is_split_from_a_pre_filled_form(served, browser):
    base = served[0]
    browser.open(f"{base}/news/find_entity?name=gomez&kind=person")
    assert browser.texts("td.col-name") == ["Luis Gómez Ruiz"]
    browser.click("td.col-name a")
    assert browser.js("document.querySelector('.review-actions a[href*=split_entity]')") is None  # one name only
