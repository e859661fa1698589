"""Logs under cron: every line time-stamped; a standing warning once a day, not every half hour."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from pipeline.runtime.logs import once_a_day, stamps_file

from .data.workdir import ROOT, run, write_config

NOON = datetime(2026, 1, 21, 12, 0, tzinfo=UTC)
STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} \[\d+\] "  # 2026-01-21T10:30:01-0600 [4242]


@pytest.mark.slow
def test_every_line_off_a_terminal_starts_with_the_time(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "ruido.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)  # refused: a warning
    write_config(tmp_path, {"ruido": tmp_path / "pages", "gone": tmp_path / "missing"}, '[log]\nfile = "ingest.log"\n')
    done = run(tmp_path, "ingest")
    assert done.returncode == 1 and done.stderr
    assert all(re.match(STAMP + "(WARNING|ERROR): ", line) for line in done.stderr.splitlines()), done.stderr
    assert all(re.match(STAMP + r"\w+ [\w.]+: ", line)
               for line in (tmp_path / "ingest.log").read_text().splitlines())


@pytest.mark.parametrize(("after", "again"), [
    (timedelta(0), False), (timedelta(hours=23, minutes=59), False), (timedelta(hours=24), True),
    (timedelta(days=3), True), (timedelta(hours=-1), True)])  # the clock was set back: say it again
def test_a_message_is_said_once_a_day(tmp_path, after, again):
    assert once_a_day("fallback-model", tmp_path / "news.db", now=NOON)
    assert once_a_day("fallback-model", tmp_path / "news.db", now=NOON + after) is again


def test_each_message_has_its_own_day(tmp_path):
    assert once_a_day("fallback-model", tmp_path / "news.db", now=NOON)
    assert once_a_day("another", tmp_path / "news.db", now=NOON)
    assert not once_a_day("fallback-model", tmp_path / "news.db", now=NOON + timedelta(hours=1))


def test_runs_share_the_day_through_a_file_beside_the_database(tmp_path):
    said = [subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                            "from pipeline.runtime import once_a_day; print(once_a_day('fallback-model', Path(sys.argv[1])))",
                            str(tmp_path / "news.db")], cwd=ROOT, capture_output=True, text=True).stdout.strip()
            for _ in range(2)]
    assert said == ["True", "False"] and stamps_file(tmp_path / "news.db") == tmp_path / "news.db.stamps.json"


@pytest.mark.parametrize("damage", ["garbled", "unwritable"])
def test_when_the_stamps_cannot_be_kept_the_message_is_said(tmp_path, damage):
    db = tmp_path / "news.db"
    if damage == "garbled":
        stamps_file(db).write_text("{not json")
    else:
        (tmp_path / "file").write_text("")
        db = tmp_path / "file" / "news.db"  # its folder is a file: nothing can be written there
    assert once_a_day("fallback-model", db, now=NOON)
    assert once_a_day("fallback-model", db, now=NOON + timedelta(hours=1)) is (damage == "unwritable")  # garbled: mended
