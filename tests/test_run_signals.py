"""A 300-article run in two worker processes, stopped as a machine stops it: SIGTERM, SIGINT or
SIGKILL at a random moment. No hang, no process left behind, the lock free, the run marked, and
the next run ingests everything."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .data.articles import write_articles
from .data.workdir import count, run, start, write_config

pytestmark = pytest.mark.slow

N = 300
NLP = "[nlp]\nn_process = 2\nbatch_size = 8\n"
SEED = random.randrange(1_000_000)


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    return write_articles(tmp_path_factory.mktemp("articles"), N)


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def running(pids: set[int], within: float = 10) -> set[int]:
    """Those of `pids` still running after `within` seconds (the kernel kills orphaned workers
    when their parent dies, but not in the same instant)."""
    deadline = time.monotonic() + within
    while True:
        alive = set()
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except FileNotFoundError:
                continue
            if state != "Z":
                alive.add(pid)
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def wait_for(proc: subprocess.Popen, db: Path, articles: int, workers: int, timeout: float = 120) -> set[int]:
    """Wait until the run has stored `articles` and started its workers; return the workers' PIDs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        pids = descendants(proc.pid)
        if count(db, "articles") >= articles and len(pids) >= workers:
            return pids
        time.sleep(0.02)
    raise AssertionError(f"the run never stored {articles} articles with {workers} workers (exit {proc.poll()})")


def statuses(db: Path) -> list[str]:
    return [r[0] for r in sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id")]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_a_two_process_run_stops_at_any_moment_and_the_next_run_completes_it(sig, articles, tmp_path):
    rnd = random.Random(SEED + sig)
    when = rnd.randrange(0, N // 2)  # 0: while the workers load the model
    db = tmp_path / "news.db"
    write_config(tmp_path, {"many": articles}, NLP)
    proc = start(tmp_path, "ingest")
    workers = wait_for(proc, db, when, workers=2)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)  # no hang: the workers are stopped, not waited for
    assert running(workers) == set(), f"seed {SEED}: workers outlived the run"
    assert count(db, "articles") < N
    if sig != signal.SIGKILL:
        assert proc.returncode == 128 + sig
        assert f"interrupted by {sig.name}" in stderr
        assert statuses(db) == ["interrupted"]
    again = run(tmp_path, "ingest", timeout=600)
    assert again.returncode == 0, again.stderr
    assert "another ingest is running" not in again.stderr
    assert count(db, "articles") == N
    assert statuses(db) == ["interrupted", "done"]
