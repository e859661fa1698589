"""Worker processes: results in order, stopped with the run, and dead with their parent."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import CancelledError
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.runtime.workers import Workers, processes

ROOT = Path(__file__).resolve().parent.parent


def squares(batch: list[int]) -> list[int]:
    return [n * n for n in batch]


def sleep_forever(batch: list[int]) -> list[int]:
    time.sleep(3600)
    return batch


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def wait_dead(pids: list[int], seconds: float = 15) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


def test_results_come_in_input_order_with_their_items():
    with Workers(2) as workers:
        pairs = list(workers.map(squares, range(101), batch=7))
    assert pairs == [(n, n * n) for n in range(101)]


def busy(workers: Workers) -> list[int]:
    """Set the workers sleeping (a thread waits for them) and return their PIDs."""
    def wait() -> None:
        with contextlib.suppress(PipelineError, CancelledError, RuntimeError):  # stopped mid-submission, or after
            list(workers.map(sleep_forever, range(8), batch=1))

    threading.Thread(target=wait, daemon=True).start()
    deadline = time.monotonic() + 30
    while len(workers._pool._processes) < 2 and time.monotonic() < deadline:  # the pool has no public PID list
        time.sleep(0.02)
    return list(workers._pool._processes)


def test_leaving_the_block_on_an_error_stops_busy_workers():
    with pytest.raises(RuntimeError), Workers(2) as workers:
        pids = busy(workers)
        assert len(pids) == 2 and all(alive(p) for p in pids)
        raise RuntimeError("the run failed")
    assert wait_dead(pids) == []


SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from tests.test_runtime_workers import busy
from pipeline.runtime.workers import Workers
print(" ".join(map(str, busy(Workers(2)))), flush=True)
time.sleep(3600)
"""


def test_workers_die_when_their_parent_is_killed(tmp_path):
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT.format(root=str(ROOT))], stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(alive(p) for p in pids)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        assert wait_dead(pids) == []
    finally:
        parent.kill()


@pytest.mark.parametrize(("configured", "waiting", "cores", "expected"), [
    (0, 10, 2, 1), (0, 64, 2, 2), (0, 64, 1, 1), (0, 500, 8, 8), (1, 500, 2, 1), (3, 2, 2, 3)])
def test_processes_follow_the_configuration_and_the_run_size(monkeypatch, configured, waiting, cores, expected):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))
    assert processes(configured, waiting) == expected


def die(batch: list[int]) -> list[int]:
    os.kill(os.getpid(), signal.SIGKILL)
    return batch


def test_a_worker_killed_from_outside_stops_the_run_with_a_clear_error():
    with pytest.raises(PipelineError, match="a worker process died"), Workers(2) as workers:
        list(workers.map(die, range(4), batch=1))
