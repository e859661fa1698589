"""Two writers at once: a reviewer correcting in a real Datasette while an ingest writes.

Neither may fail with "database is locked": the ingest takes the write lock as its transactions
begin (BEGIN IMMEDIATE, where SQLite's busy handler makes it wait), and Datasette's write
connection waits as long as the store's (pipeline/review/waits.py).
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from bench.site import NewsSite
from pipeline.store import open_store

from .data.workdir import ROOT, start, wait_for_rows

pytestmark = pytest.mark.slow

ARTICLES = 100
# A reviewer posts about once a second; here twenty times as often, so that an ingest of 100 articles
# (ten seconds or so) meets a few hundred corrections: the old deferred transactions failed within 50.
PAUSE = 0.05
CONFIG = """[storage]
db = "news.db"
[fetch]
delay = 0.0
concurrency = 8
respect_robots = false
sitemap_days = 3650
[[sources]]
name = "sitio"
kind = "sitemap"
url = "{url}"
"""


class Reviewer:
    """`python -m pipeline serve --root` on a free port, and a reviewer signed in as root."""

    def __init__(self, work: Path):
        self.log = work / "serve.log"
        port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "serve", "--config", str(work / "config.toml"), "--root",
             "--port", str(port)], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=self.log.open("w"),
            stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120)
        self.client.get(self._sign_in_link())  # sets the ds_actor cookie
        self.results: list[dict] = []

    def _sign_in_link(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            if m := re.search(r"http://\S+/-/auth-token\?token=\w+", self.log.read_text()):
                try:
                    self.client.get("/-/versions.json")
                    return m.group(0)
                except httpx.TransportError:
                    pass
            time.sleep(0.1)
        raise AssertionError(f"serve never answered: {self.log.read_text()[-2000:]}")

    def confirm(self, entity_id: int, note: str) -> dict:
        """Submit the 'Confirm an entity' form as a browser would (CSRF token included)."""
        form = self.client.get("/news/confirm_entity")
        token = re.search(r'name="csrftoken" value="([^"]+)"', form.text).group(1)
        response = self.client.post("/news/confirm_entity", data={
            "entity_id": str(entity_id), "note": note, "csrftoken": token, "_json": "1"})
        self.results.append(response.json())
        return self.results[-1]

    def stop(self) -> None:
        self.client.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=60)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def newest_place_or_body(db: Path) -> int | None:
    """An entity an ingest never drops (people may be regrouped; places and organizations stay)."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute("SELECT max(id) FROM entities WHERE kind != 'person'").fetchone()[0]
    finally:
        conn.close()


def review_while(reviewer: Reviewer, db: Path, ingest: subprocess.Popen) -> None:
    """Post corrections, one after another, while the ingest runs."""
    while ingest.poll() is None:
        if (entity := newest_place_or_body(db)) is not None:
            reviewer.confirm(entity, f"race {len(reviewer.results) + 1}")
        time.sleep(PAUSE)


def finish(proc: subprocess.Popen, timeout: float = 600) -> tuple[str, str]:
    """The process's output once it ends; killed (with its spaCy workers) if it does not."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        subprocess.run(["pkill", "-KILL", "-P", str(proc.pid)], check=False)
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"the ingest never ended: {err[-2000:]}") from None


def test_a_reviewer_correcting_during_an_ingest_and_the_ingest_both_succeed(tmp_path):
    db = tmp_path / "news.db"
    with NewsSite(ARTICLES) as site:
        (tmp_path / "config.toml").write_text(CONFIG.format(url=site.sitemap_url(0, ARTICLES)))
        open_store(db).close()
        reviewer = Reviewer(tmp_path)
        try:
            ingest = start(tmp_path, "ingest")
            wait_for_rows(db, "entities", 1, ingest, timeout=300)
            posting = threading.Thread(target=review_while, args=(reviewer, db, ingest))
            posting.start()
            _, err = finish(ingest)
            posting.join()
        finally:
            reviewer.stop()
    conn = sqlite3.connect(db)
    notes = [r[0] for r in conn.execute("SELECT note FROM decisions WHERE actor = 'root' ORDER BY id")]
    run = conn.execute("SELECT status, articles_new FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    print(f"corrections posted during the ingest: {len(reviewer.results)}, stored: {len(notes)}")
    assert ingest.returncode == 0, err[-3000:]
    assert len(reviewer.results) >= 10 and all(r["ok"] for r in reviewer.results), reviewer.results
    assert notes == [f"race {n}" for n in range(1, len(reviewer.results) + 1)]
    assert run == ("done", ARTICLES)


def test_a_correction_waits_for_a_write_lock_held_longer_than_sqlite3s_default(tmp_path):
    (tmp_path / "config.toml").write_text('[storage]\ndb = "news.db"\n')
    with open_store(tmp_path / "news.db") as store:
        store.db["entities"].insert({"kind": "place", "name": "Monterrey"})
    reviewer = Reviewer(tmp_path)
    ingest = sqlite3.connect(tmp_path / "news.db", isolation_level=None)
    try:
        ingest.execute("BEGIN IMMEDIATE")  # as an ingest's transaction holds it
        posting = threading.Thread(target=reviewer.confirm, args=(1, "waited"))
        posting.start()
        posting.join(6)  # past the five seconds Python's sqlite3 waits by default
        ingest.execute("COMMIT")
        posting.join()
    finally:
        reviewer.stop()
    assert [(r["ok"], r["message"]) for r in reviewer.results] == [(True, "Entity confirmed.")]
    assert ingest.execute("SELECT note FROM decisions").fetchall() == [("waited",)]
