"""A reviewer's browser on the served Datasette: the timeline and an entity profile render their rows.

Headless Chromium driven by its command line (--dump-dom, --screenshot): no extra Python
dependency. Screenshots land in test-artifacts/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .test_review import extraction

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if CHROMIUM is None:
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium chromium-driver)",
                allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(store):
    """`pipeline.review.serve` on a small review database, on 127.0.0.1; yields its base URL."""
    store.save(extraction())
    port = free_port()
    code = f"from pathlib import Path; from pipeline.review import serve; serve(Path({str(store.path)!r}), port={port})"
    server = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)  # its own process group: Datasette runs as a child
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def _wait_until_up(base: str, server: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"datasette exited: {server.stderr.read().decode()[-500:]}")
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"datasette did not answer on {base}")


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{time.monotonic_ns()}"
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=60)
    return done.stdout


def test_timeline_renders_the_event(served, tmp_path):
    dom = chromium(tmp_path, "--dump-dom", f"{served}/news/timeline?type=meeting&date_from=&date_to=&entity=")
    assert "Events timeline" in dom and "Reunión · Ana Pérez – Luis Gómez · Monterrey · 2025-03-03" in dom


def test_entity_profile_renders_articles_events_and_companions(served, tmp_path):
    dom = chromium(tmp_path, "--dump-dom", f"{served}/news/entity_profile?entity=Ana+P%C3%A9rez")
    assert all(text in dom for text in ("Reunión en Monterrey", "Reunión · Ana Pérez", "Luis Gómez", "named with"))


def test_screenshot_of_the_timeline(served, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review-timeline.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,900",
             f"{served}/news/timeline?type=&date_from=&date_to=&entity=")
    assert shot.exists() and shot.stat().st_size > 10_000
