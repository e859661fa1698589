"""A scratch project folder: a config.toml, and the pipeline run on it as a real subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def write_config(work: Path, sources: dict[str, str], extra: str = "") -> Path:
    """config.toml in `work` with a `files` source per name -> path, the database at work/news.db."""
    blocks = "".join(f'\n[[sources]]\nname = "{name}"\nkind = "files"\npath = "{path}"\n'
                     for name, path in sources.items())
    path = work / "config.toml"
    path.write_text(f'[storage]\ndb = "news.db"\n{extra}\n{blocks}', encoding="utf-8")
    return path


def command(work: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args, "--config", str(work / "config.toml")]


def run(work: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS --config work/config.toml`, off a terminal, as cron runs it."""
    return subprocess.run(command(work, *args), cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def start(work: Path, *args: str) -> subprocess.Popen:
    """The same, in the background."""
    return subprocess.Popen(command(work, *args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def wait_for_rows(db: Path, table: str, at_least: int, proc: subprocess.Popen, timeout: float = 60) -> int:
    """Poll the database until `table` has `at_least` rows (while `proc` runs); return the count."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        n = count(db, table)
        if n >= at_least:
            return n
        time.sleep(0.01)
    raise AssertionError(f"{table} never reached {at_least} rows (exit code {proc.poll()})")


def count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        conn.close()
