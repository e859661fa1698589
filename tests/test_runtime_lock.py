"""The run lock: a forked child cannot keep it, symlinks do not split it, a refusal names the holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from pipeline.errors import LockedError
from pipeline.runtime.lock import duration, lock_file, run_lock

from .data.workdir import ROOT, run, write_config

SHORT = "---\npublished: 2025-12-11\n---\nDemasiado corto para ser una nota.\n"  # rejected by clean, no NLP

HOLD = """import os, sys, time
from pathlib import Path
from pipeline.runtime.lock import run_lock
with run_lock(Path(sys.argv[1])):
    child = os.fork() if sys.argv[2] == "fork" else 0
    if sys.argv[2] == "fork" and child == 0:
        time.sleep(300)  # a spaCy worker, say, that outlives its run
        os._exit(0)
    print("locked", child, flush=True)
    time.sleep(300)
"""


def hold(db, fork: bool = False) -> tuple[subprocess.Popen, int]:
    """A process holding the lock of `db` (with a forked child); it and the child's PID."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), "fork" if fork else "-"],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    word, child = holder.stdout.readline().split()
    assert word == "locked"
    return holder, int(child)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def work(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "short.txt").write_text(SHORT, encoding="utf-8")
    write_config(tmp_path, {"short": tmp_path / "pages"})
    return tmp_path


@pytest.mark.slow
def test_a_child_of_a_killed_run_does_not_keep_the_lock(work):
    holder, child = hold(work / "news.db", fork=True)
    try:
        holder.kill()  # SIGKILL: no finally block runs
        holder.wait()
        assert alive(child)
        done = run(work, "ingest")
    finally:
        os.kill(child, signal.SIGKILL)
    assert done.returncode == 0 and "nothing to do" not in done.stderr
    assert f"the run with PID {holder.pid} died without releasing it" in done.stderr
    assert done.stdout.startswith("1 pages")


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_symlinked_database_is_the_same_lock(tmp_path, link):
    (tmp_path / "real").mkdir()
    db = tmp_path / "real" / "news.db"
    if link == "file":
        (tmp_path / "other.db").symlink_to(db)
        other = tmp_path / "other.db"
    else:
        (tmp_path / "data").symlink_to(tmp_path / "real")
        other = tmp_path / "data" / "news.db"
    assert lock_file(other) == lock_file(db) == tmp_path / "real" / "news.db.lock"
    holder, _ = hold(other)
    try:
        with pytest.raises(LockedError) as refused, run_lock(db):
            pass
    finally:
        holder.kill()
        holder.wait()
    assert refused.value.pid == holder.pid
    assert f"(PID {holder.pid}, holding the lock for " in str(refused.value)


def test_a_lock_let_go_is_taken_again_without_a_warning(tmp_path, caplog):
    for _ in range(2):
        with run_lock(tmp_path / "news.db"):
            pass
    assert lock_file(tmp_path / "news.db").read_text() == "" and not caplog.records


def test_a_second_lock_in_the_same_process_is_refused(tmp_path):
    with run_lock(tmp_path / "news.db"), pytest.raises(LockedError, match=f"PID {os.getpid()}"):
        with run_lock(tmp_path / "news.db"):
            pass
    with run_lock(tmp_path / "news.db"):  # and the first one's lock was not dropped on the way
        assert "locked" not in subprocess.run([sys.executable, "-c", HOLD, str(tmp_path / "news.db"), "-"],
                                              cwd=ROOT, capture_output=True, text=True, timeout=60).stdout


def test_programs_a_run_starts_do_not_inherit_the_lock(tmp_path):
    with run_lock(tmp_path / "news.db"):
        fds = subprocess.run(["ls", "-l", "/proc/self/fd"], close_fds=False, capture_output=True, text=True).stdout
    assert "news.db.lock" not in fds


@pytest.mark.parametrize(("seconds", "expected"), [
    (0, "0 s"), (42.7, "42 s"), (60, "1 min"), (3599, "59 min"), (3600 + 5 * 60, "1 h 05 min"),
    (2 * 86400 + 4 * 3600, "2 d 4 h"), (-3, "0 s")])
def test_durations_read_as_people_say_them(seconds, expected):
    assert duration(seconds) == expected
