"""One ingest at a time per database: overlapping cron runs step aside.

The lock is a POSIX record lock (`fcntl.lockf`) on `<real path of the database>.lock`:

* the kernel releases it when its process dies, however it dies (SIGKILL included);
* it belongs to the process, not to the open file: a child forked while it is held (spaCy's
  worker processes) does not hold it, so a child that outlives a killed run cannot keep every
  later run out, as it would with `flock` (a forked child shares the flock);
* its descriptor is close-on-exec, so programs the run starts do not even see it;
* the database's real path names it, so the same database reached through a symlink is one lock.

The holder writes its PID and start time into the file and empties it when it lets go. A later
run that finds a record there took over from a run that died holding the lock, and says so.
Within one process a second `run_lock` on the same database is refused as well: POSIX locks
would let it through, and closing its descriptor would drop the first one's lock.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import LockedError

log = logging.getLogger(__name__)

_held: set[Path] = set()  # lock files this process holds
_held_guard = threading.Lock()


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a lock, as its lock file records it."""

    pid: int
    started: datetime

    def held_for(self) -> str:
        """How long ago the holder took the lock, for people ("2 h 05 min")."""
        return duration((datetime.now(UTC) - self.started).total_seconds())


def lock_file(db_path: Path) -> Path:
    """The lock file of a database: beside its real path, whatever symlinks lead there."""
    real = Path(os.path.realpath(db_path))
    return real.with_name(real.name + ".lock")


@contextmanager
def run_lock(db_path: Path) -> Iterator[None]:
    """Hold the database's run lock; LockedError (naming the holder) if another run has it."""
    path = lock_file(db_path)
    with _once_in_this_process(path, db_path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        os.set_inheritable(fd, False)
        try:
            _acquire(fd, db_path, path)
            _take_over(fd, path)
            try:
                yield
            finally:
                _let_go(fd)
        finally:
            os.close(fd)  # releases the lock


@contextmanager
def _once_in_this_process(path: Path, db_path: Path) -> Iterator[None]:
    with _held_guard:
        if path in _held:
            raise LockedError(
                f"another ingest is running on {db_path} in this process (PID {os.getpid()}); nothing to do",
                pid=os.getpid(),
            )
        _held.add(path)
    try:
        yield
    finally:
        with _held_guard:
            _held.discard(path)


def _acquire(fd: int, db_path: Path, path: Path) -> None:
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # EAGAIN or EACCES: another process holds it
        holder = read_holder(fd)
        who = f"PID {holder.pid}, holding the lock for {holder.held_for()}" if holder else "PID unknown"
        raise LockedError(
            f"another ingest is running on {db_path} ({who}; lock {path}); nothing to do",
            pid=holder.pid if holder else None,
        ) from None


def _take_over(fd: int, path: Path) -> None:
    """Record this process as the holder, saying so if a killed run had left its record."""
    stale = read_holder(fd)
    if stale and stale.pid != os.getpid():
        fate = "died" if not _alive(stale.pid) else "ended"
        log.warning(
            "taking over the run lock %s: the run with PID %d %s without releasing it (it took the lock %s ago)",
            path,
            stale.pid,
            fate,
            stale.held_for(),
        )
    record = json.dumps({"pid": os.getpid(), "started": datetime.now(UTC).isoformat()})
    os.ftruncate(fd, 0)
    os.pwrite(fd, record.encode(), 0)


def read_holder(fd: int) -> Holder | None:
    """The holder a lock file records; None if it is empty or unreadable."""
    try:
        record = json.loads(os.pread(fd, 4096, 0) or b"null")
        return Holder(int(record["pid"]), datetime.fromisoformat(record["started"]))
    except (ValueError, TypeError, KeyError):  # empty, an older plain PID, or garbage
        return None


def _let_go(fd: int) -> None:
    """Empty the record before the lock goes, unless this is a forked child leaving the block."""
    holder = read_holder(fd)
    if holder and holder.pid == os.getpid():
        os.ftruncate(fd, 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def duration(seconds: float) -> str:
    """Seconds for people: "42 s", "12 min", "3 h 05 min", "2 d 4 h"."""
    s = max(0, int(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    if s < 86400:
        return f"{s // 3600} h {s % 3600 // 60:02d} min"
    return f"{s // 86400} d {s % 86400 // 3600} h"
