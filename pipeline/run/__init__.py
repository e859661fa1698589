"""The orchestrator: the pipeline, page by page, for `ingest`, `reprocess` and `eval`.

    fetch ──Page──▶ clean ──Article──▶ extract ──Extraction──▶ merge + store ──▶ SQLite

`process` is the one wiring of the stages. Each page is kept raw, cleaned, skipped when the
same text was already extracted by the same model and rules, and otherwise extracted (spaCy
in batches) and stored in one transaction, where its event reports are merged into events.
One bad page never stops the run: it is rejected with a one-line reason naming its URL, and
the store records what became of every URL. However the run ends, `runs` says so.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from .. import EXTRACTOR_VERSION
from ..config import Config
from ..errors import CleanError, ExtractError
from ..fetch import Fetcher
from ..models import Article, Extraction, Page
from ..runtime import Progress, RunReport, recorded_run, run_lock
from ..runtime.workers import PARALLEL_FROM, processes
from ..store import Store, open_store
from .outcomes import held_by, outcome, reject, run_model
from .stages import Extract, open_stages

log = logging.getLogger(__name__)

__all__ = ["RunReport", "export", "ingest", "process", "reprocess"]


def ingest(
    config: Config,
    db_path: Path | None = None,
    refetch: bool = False,
    only: list[str] | None = None,
    progress: bool = False,
) -> RunReport:
    """Fetch every enabled source (or those named in `only`) into the database."""
    db_path = db_path or config.path(config.storage.db)
    sources = [s for s in config.sources if s.enabled and (not only or s.name in only)]
    with (
        run_lock(db_path),
        open_store(db_path) as store,
        recorded_run(store, run_model(config, db_path), EXTRACTOR_VERSION) as report,
    ):
        fetcher = Fetcher(store, report.run_id, config.base_dir, refetch=refetch)
        report.sources = fetcher.outcomes  # filled in as the sources are fetched
        report.counts["sources"] = len(sources)
        try:
            process(fetcher.pages(sources), store, config, report, progress, force=refetch, fetched=True)
        finally:
            report.source_errors.update(fetcher.source_errors)
            report.errors.extend(str(f) for f in fetcher.failures)
    return report


def reprocess(
    config: Config,
    db_path: Path | None = None,
    since: str | None = None,
    source: str | None = None,
    progress: bool = False,
) -> RunReport:
    """Clean and extract stored raw pages again, with no network (after a model or rule change)."""
    db_path = db_path or config.path(config.storage.db)
    with (
        run_lock(db_path),
        open_store(db_path) as store,
        recorded_run(store, run_model(config, db_path), EXTRACTOR_VERSION) as report,
    ):
        process(store.raw_pages(since, source), store, config, report, progress, force=True)
    return report


def export(config: Config, db_path: Path | None = None) -> Iterator[dict[str, Any]]:
    """Every stored article in the export contract (README), oldest first."""
    with open_store(db_path or config.path(config.storage.db)) as store:
        yield from store.export()


def process(
    pages: Iterable[Page],
    store: Store,
    config: Config,
    report: RunReport,
    progress: bool = False,
    force: bool = False,
    fetched: bool = False,
    extract: Extract | None = None,
) -> None:
    """clean → extract → store every page, the first two spread over the cores on a large run.

    `fetched`: the pages come from fetch, so they are kept raw and what became of each URL is recorded.
    `extract` (articles → results): an extractor the caller keeps, in this process (eval, tests)."""
    report.fetched = fetched
    pages = iter(pages)
    ahead = list(itertools.islice(pages, PARALLEL_FROM))
    workers = 1 if extract else processes(config.nlp.n_process, len(ahead))
    with (
        closing(Progress(enabled=progress, sources=report.sources)) as bar,
        open_stages(workers, config, extract) as stages,
    ):
        cleaned = stages.clean(report.timed(itertools.chain(ahead, pages), "fetch"))
        articles = _articles_to_extract(cleaned, store, config, report, bar, force)
        for result in report.timed(stages.extract(articles), "nlp", minus=("fetch", "clean", "store")):
            if isinstance(result, ExtractError):
                reject(store, report, str(result), result.url or "", result.source or "", serious=True)
                continue
            report.model = result.model
            with report.timing("store"):
                _save(store, result, report)
            bar.update(report.counts)


def _articles_to_extract(
    cleaned: Iterable[tuple[Page, Article | CleanError]],
    store: Store,
    config: Config,
    report: RunReport,
    bar: Progress,
    force: bool,
) -> Iterator[Article]:
    """Articles whose text is new or was extracted by another model or rules version."""
    pending: set[str] = set()  # texts already on their way to the store in this run
    for page, article in report.timed(cleaned, "clean", minus=("fetch",)):
        report.counts["pages"] += 1
        bar.update(report.counts)
        if isinstance(article, CleanError):
            reject(store, report, str(article), page.url, page.source, serious=article.serious)
        with report.timing("store"):
            if report.fetched and config.storage.keep_raw:
                store.save_raw(page, refused=isinstance(article, CleanError))
            holder = None if isinstance(article, CleanError) else held_by(article, store, report, force, pending)
        if isinstance(article, Article) and holder is None:
            pending.add(article.content_hash)
            yield article
        elif holder is not None:
            outcome(store, report, page.url, "stored" if holder == page.url else "duplicate", source=page.source)


def _save(store: Store, extraction: Extraction, report: RunReport) -> None:
    url = extraction.article.url
    existed = store.has_article(url)
    try:
        article_id = store.save(extraction, report.run_id)
    except sqlite3.IntegrityError as e:
        reject(store, report, f"{url}: not stored: {e}", url, source=extraction.article.source)
        return
    report.counts["updated" if existed else "new"] += 1
    outcome(store, report, url, "stored", article_id=article_id, source=extraction.article.source)
