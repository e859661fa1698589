"""The per-page time limit stops runaway work in the main thread, and costs nothing otherwise."""

from __future__ import annotations

import time

import pytest

from pipeline.runtime.deadline import Overran, time_limit


def spin(seconds: float) -> int:
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def test_runaway_work_is_stopped():
    started = time.monotonic()
    with pytest.raises(Overran, match="took longer than 0.3s"), time_limit(0.3):
        spin(30)
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("seconds", [0, 5])
def test_work_within_the_limit_is_untouched(seconds):
    with time_limit(seconds):
        assert spin(0.2) > 0
    spin(0.3)  # no late poke lands after the block


def test_many_short_limits_cost_little():
    started = time.perf_counter()
    for _ in range(10_000):
        with time_limit(60):
            pass
    assert time.perf_counter() - started < 0.5
