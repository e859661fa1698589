"""Under cron: documented exit codes, one run at a time, quiet output, a rotated log file."""

from __future__ import annotations

import logging
import os
import pty
import re
import socket
import sqlite3
import subprocess
import sys

import pytest

from pipeline.config import LogConfig
from pipeline.errors import EXIT_CODES
from pipeline.runtime.logs import setup_logging

from .data.workdir import ROOT, command, run, write_config

pytestmark = pytest.mark.slow

STAMPED_PROBLEM = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} \[\d+\] (WARNING|ERROR): "  # off a terminal
SHORT = "---\npublished: 2025-12-11\n---\nDemasiado corto para ser una nota.\n"  # rejected by clean, no NLP


@pytest.fixture
def work(tmp_path):
    """A project whose one source has a single page too short to be an article: runs in a second."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "short.txt").write_text(SHORT, encoding="utf-8")
    write_config(tmp_path, {"short": tmp_path / "pages"})
    return tmp_path


def last_run(work):
    return sqlite3.connect(work / "news.db").execute(
        "SELECT status, pid, host FROM runs ORDER BY id DESC LIMIT 1").fetchone()


@pytest.mark.parametrize(
    ("setup", "code", "last_line"),
    [
        (lambda w: None, 0, "1 pages: 0 new"),  # a rejected page is not a failed run
        (lambda w: write_config(w, {"short": w / "pages", "gone": w / "missing"}), 0, "  files 'gone' failed: "),
        (lambda w: write_config(w, {"gone": w / "missing"}), 1, "  files 'gone' failed: "),
        (lambda w: write_config(w, {"short": w / "pages"}, "[nlp]\nbatch = 3\n"), 2, "unknown key 'nlp.batch'"),
        (lambda w: (w / "news.db").write_bytes(b"not a database " * 100), 3, "error: "),
    ],
    ids=["done", "some-sources-failed", "nothing-done", "config-error", "database-error"],
)
def test_exit_codes(work, setup, code, last_line):
    setup(work)
    done = run(work, "ingest")
    assert done.returncode == code and code in EXIT_CODES
    assert last_line in (done.stdout or done.stderr).rstrip().splitlines()[-1]


def test_off_a_terminal_a_run_prints_its_summary_and_records_itself(work):
    done = run(work, "ingest")
    assert done.stdout.count("\n") == 1 and done.stdout.startswith("1 pages: 0 new")
    assert all(re.match(STAMPED_PROBLEM, line) for line in done.stderr.splitlines())
    status, pid, host = last_run(work)
    assert status == "done" and pid > 0 and host == socket.gethostname()


def test_second_run_steps_aside_while_the_first_holds_the_lock(work):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from pipeline.runtime.lock import run_lock\n"
                               "with run_lock(Path(sys.argv[1])):\n print('locked', flush=True); time.sleep(60)",
         str(work / "news.db")], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        done = run(work, "ingest")
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 0 and "another ingest is running" in done.stderr
    assert not (work / "news.db").exists()  # it did not even open the database
    assert run(work, "ingest").returncode == 0 and last_run(work)[0] == "done"  # the lock died with its holder


def on_a_terminal(work, *args: str) -> bytes:
    """What `ingest ARGS` draws on standard error when it is a terminal (a pseudo-terminal here)."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(command(work, "ingest", *args), cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    proc.communicate(timeout=300)
    shown = b""
    while chunk := _read(controller):
        shown += chunk
    os.close(controller)
    return shown


def test_progress_shows_on_a_terminal_with_log_lines_above_it(work):
    shown = on_a_terminal(work)
    assert "pages 1 · new 0".encode() in shown and b"\r\nshort " in shown  # the counts, and the source's bar
    pieces = re.split(rb"[\r\n]", shown)
    logged = [p for p in pieces if b"INFO" in p]
    assert logged and not any(b"pages " in p or "━".encode() in p for p in logged)  # never glued to a bar


def test_off_a_terminal_nothing_is_drawn(work):
    done = run(work, "ingest")
    assert "\x1b" not in done.stderr and "━" not in done.stderr and "·" not in done.stderr


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the other end is closed
        return b""


def test_log_file_rotates(tmp_path):
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging(LogConfig(file=str(tmp_path / "logs" / "ingest.log"), max_bytes=300, backups=2))
        for i in range(40):
            logging.getLogger("pipeline.test").info("line %d of the log", i)
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:], root.level = saved
    assert sorted(p.name for p in (tmp_path / "logs").iterdir()) == ["ingest.log", "ingest.log.1", "ingest.log.2"]
    assert "line 39 of the log" in (tmp_path / "logs" / "ingest.log").read_text()
