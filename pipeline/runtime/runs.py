"""A run's row in the `runs` table, ended as done, failed or interrupted, whatever ends the run."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from .report import STAGES, RunReport
from .signals import Interrupted

log = logging.getLogger(__name__)


@contextmanager
def recorded_run(store: Any, model: str, extractor_version: str) -> Iterator[RunReport]:
    """A run row for the work in the block, ended as done, failed or interrupted, whatever ends it."""
    store.close_abandoned_runs()  # we hold the lock: a run still 'running' was killed
    report = RunReport(model=model, extractor_version=extractor_version)
    report.run_id = store.start_run(model, extractor_version)
    try:
        yield report
    except (Interrupted, KeyboardInterrupt) as e:
        report.interrupted = str(e) if isinstance(e, Interrupted) else "interrupted"
        _finish(store, report, "interrupted", rollback=True)
        raise
    except Exception as e:
        report.errors.append(f"{type(e).__name__}: {e}")
        _finish(store, report, "failed", rollback=True)
        raise
    _finish(store, report, "done" if report.ok else "failed")


def _finish(store: Any, report: RunReport, status: str, rollback: bool = False) -> None:
    """Record how the run ended; after a failure, roll back first (the database may be what failed)."""
    assert report.run_id is not None
    errors = [*(f"{k}: {v}" for k, v in report.source_errors.items()), *report.errors]
    ignored: tuple[type[Exception], ...] = (sqlite3.Error,) if rollback else ()
    with suppress(*ignored):
        if rollback:
            store.rollback()
        store.finish_run(report.run_id, status, report.stored_counts(), errors, report.summary())
        if not rollback:  # the run ended as planned: each source's state is whole
            store.urls.record_sources(report.run_id, report.source_states())
    log.info("seconds per stage: %s", ", ".join(f"{s} {report.seconds[s]:.2f}" for s in STAGES))
