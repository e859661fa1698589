"""Logging: quiet and time-stamped under cron, a rotated file when configured; warnings once a day.

Off a terminal (cron appends stderr to data/cron.log) every line starts with the time, ISO 8601
with the UTC offset, and the process id, so the lines of two runs are told apart. On a terminal
a person watches the run as it goes: no time stamps there, and the lines go through rich's
handler on the progress bars' console, so they print above the bars.

`once_a_day(key, db_path)` is for a warning that holds until someone acts (a fallback model):
under cron every half hour it would fill the log; said once a day, it is still seen.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from logging.handlers import RotatingFileHandler
from pathlib import Path

from rich.logging import RichHandler

from ..config import LogConfig
from .progress import terminal

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"  # 2026-01-21T10:30:01-0600
FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"  # the log file
STAMPED = "%(asctime)s [%(process)d] %(levelname)s: %(message)s"  # stderr off a terminal
TERMINAL = "%(message)s"  # stderr on a terminal, after rich's level column
NOISY = ("httpx", "httpcore", "trafilatura", "htmldate", "charset_normalizer", "urllib3")
STAMPS_SUFFIX = ".stamps.json"  # beside the database: when each once-a-day message was last given
ONCE_EVERY = timedelta(days=1)

log = logging.getLogger(__name__)


def setup_logging(config: LogConfig, verbose: bool = False) -> None:
    """INFO on a terminal (DEBUG with -v), only warnings and errors otherwise; plus the log file."""
    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(logging.DEBUG)
    on_terminal = sys.stderr.isatty()
    console: logging.Handler
    if on_terminal:
        console = RichHandler(console=terminal(), show_time=False, show_path=False, markup=False)
        console.setFormatter(logging.Formatter(TERMINAL))
    else:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter(STAMPED, TIME_FORMAT))
    console.setLevel(logging.DEBUG if verbose else logging.INFO if on_terminal else logging.WARNING)
    root.addHandler(console)
    if config.file:
        Path(config.file).parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            config.file, maxBytes=config.max_bytes, backupCount=config.backups, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(FORMAT, TIME_FORMAT))
        handler.setLevel(getattr(logging, config.level.upper(), logging.INFO))
        root.addHandler(handler)
    for noisy in NOISY:
        logging.getLogger(noisy).setLevel(logging.WARNING)


def once_a_day(key: str, db_path: Path, now: datetime | None = None) -> bool:
    """True if the message `key` was not given in the last 24 hours (and note that it is given now).

    The times are kept beside the database (`<db>.stamps.json`), so every run on it shares them.
    When they cannot be kept, the answer is True: a warning said too often beats one never said.
    """
    path = stamps_file(db_path)
    now = now or datetime.now(UTC)
    stamps = _read_stamps(path)
    last = _moment(stamps.get(key))
    if last is not None and last <= now < last + ONCE_EVERY:
        return False
    stamps[key] = now.isoformat()
    try:
        _write_stamps(path, stamps)
    except OSError as e:
        log.debug("cannot record when %r was said in %s: %s", key, path, e)
    return True


def stamps_file(db_path: Path) -> Path:
    """Where once_a_day keeps its times for a database (its real path, as the run lock)."""
    real = Path(os.path.realpath(db_path))
    return real.with_name(real.name + STAMPS_SUFFIX)


def _read_stamps(path: Path) -> dict[str, str]:
    try:
        stamps = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, unreadable or garbled: start again
        return {}
    return stamps if isinstance(stamps, dict) else {}


def _write_stamps(path: Path, stamps: dict[str, str]) -> None:
    """Replace the file at once, so a run killed while writing leaves the old one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(stamps, f, indent=1, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _moment(value: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
