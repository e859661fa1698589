"""The README's crontab line, run as cron runs it: a bare environment, no terminal."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
import subprocess

import pytest

from .data.workdir import ROOT

pytestmark = pytest.mark.slow

STAMP = ROOT / ".venv" / ".installed"


def readme_cron_command() -> str:
    """The command of the crontab line in README.md, with its clone path."""
    line = re.search(r"^\*/30 \* \* \* \* (.+)$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)
    assert line, "README.md has no crontab line"
    return line.group(1)


@pytest.fixture
def clone(tmp_path):
    """A copy of the project that reuses .venv, configured with the embedded corpus only."""
    if not STAMP.exists():
        pytest.skip("run `make install` first: the copy reuses .venv")
    clone = tmp_path / "news pipeline"  # a space in the path, as real paths sometimes have
    for folder in ("pipeline", "corpus"):
        shutil.copytree(ROOT / folder, clone / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, clone / name)
    stamp_time = STAMP.stat().st_mtime
    os.utime(clone / "pyproject.toml", (stamp_time - 60, stamp_time - 60))  # so make does not reinstall
    (clone / ".venv").symlink_to(ROOT / ".venv")
    (clone / "config.toml").write_text('[[sources]]\nname = "corpus"\nkind = "files"\npath = "corpus"\n')
    (clone / "data").mkdir()  # made by the first `make ingest` the README starts with
    return clone


def test_readme_crontab_line_ingests(clone, tmp_path):
    command = readme_cron_command().replace("/srv/news-pipeline", shlex.quote(str(clone)))
    cron = ["env", "-i", "PATH=/usr/bin:/bin", f"HOME={tmp_path}", "sh", "-c", command]
    for _ in range(2):
        done = subprocess.run(cron, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0 and done.stdout == done.stderr == ""  # all of it went to the log
    db = sqlite3.connect(clone / "data" / "news.db")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert db.execute("SELECT status, articles_new FROM runs ORDER BY id").fetchall() == [("done", 2), ("done", 0)]
    log = (clone / "data" / "cron.log").read_text().splitlines()
    summaries = [line for line in log if re.match(r"\d+ pages: ", line)]
    attention = {line for line in log if line.startswith("  ")}  # the summary's lines about sources
    problems = set(log) - set(summaries) - attention
    assert len(summaries) == 2 and all(re.match(r"\d{4}-\d\d-\d\dT[\d:]{8}[+-]\d{4} \[\d+\] (WARNING|ERROR): ", line)
                                       for line in problems)
