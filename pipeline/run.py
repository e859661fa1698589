"""The orchestrator: the pipeline, page by page, for `ingest`, `reprocess` and `eval`.

    fetch ──Page──▶ clean ──Article──▶ extract ──Extraction──▶ merge + store ──▶ SQLite

`process` is the one wiring of the stages. Each page is kept raw, cleaned, skipped when the
same text was already extracted by the same model and rules, and otherwise extracted (spaCy
in batches) and stored in one transaction, where its event reports are merged into events.
One bad page never stops the run: it is rejected with a one-line reason naming its URL, and
the store records what became of every URL. However the run ends, `runs` says so.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from . import EXTRACTOR_VERSION
from .clean import clean
from .config import Config
from .errors import CleanError, ExtractError
from .extract.model import installed_model
from .fetch import Fetcher
from .models import Article, Extraction, Page
from .runtime import Overran, Progress, RunReport, once_a_day, recorded_run, run_lock, time_limit
from .store import Store, open_store

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
        recorded_run(store, _model(config, db_path), EXTRACTOR_VERSION) as report,
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
        recorded_run(store, _model(config, db_path), EXTRACTOR_VERSION) as report,
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
    extract=None,
) -> None:
    """clean → extract → store every page; `extract` (articles → results) defaults to extract_all.

    `fetched`: the pages come from fetch, so they are kept raw and what became of each URL is recorded."""
    if extract is None:
        from .extract import extract_all

        extract = partial(extract_all, nlp=config.nlp, base_dir=config.base_dir)
    bar = Progress(enabled=progress, sources=report.sources)
    try:
        report.fetched = fetched
        articles = _articles_to_extract(pages, store, config, report, bar, force)
        for result in report.timed(extract(articles), "nlp", minus=("fetch", "clean", "store")):
            if isinstance(result, ExtractError):
                _reject(store, report, str(result), result.url or "", logging.ERROR, result.source or "")
                continue
            report.model = result.model
            report.seconds["rules"] += (result.extract_ms or 0) / 1000
            report.seconds["nlp"] -= (result.extract_ms or 0) / 1000
            with report.timing("store"):
                _save(store, result, report)
            bar.update(report.counts)
    finally:
        bar.close()


def _articles_to_extract(
    pages: Iterable[Page], store: Store, config: Config, report: RunReport, bar: Progress, force: bool
) -> Iterator[Article]:
    """Articles whose text is new or was extracted by another model or rules version."""
    pending: set[str] = set()  # texts already on their way to the store in this run
    for page in report.timed(pages, "fetch"):
        report.counts["pages"] += 1
        bar.update(report.counts)
        article = _clean(page, store, config, report)
        with report.timing("store"):
            if report.fetched and config.storage.keep_raw:
                store.save_raw(page, refused=article is None)
            held_by = None if article is None else _held_by(article, store, report, force, pending)
        if article is not None and held_by is None:
            pending.add(article.content_hash)
            yield article
        elif held_by is not None:
            _outcome(store, report, page.url, "stored" if held_by == page.url else "duplicate", source=page.source)


def _held_by(article: Article, store: Store, report: RunReport, force: bool, pending: set[str]) -> str | None:
    """The URL that holds this text already (this one when unchanged), or None when it needs extracting."""
    if not force and (
        current := store.current_copy(article.url, article.content_hash, report.model, EXTRACTOR_VERSION)
    ):
        report.counts["unchanged"] += 1
        return current
    first = (
        "an article of this run"
        if article.content_hash in pending
        else store.duplicate_of(article.url, article.content_hash)
    )
    if first:
        report.counts["duplicates"] += 1
        log.info("%s: same text as %s; not stored twice", article.url, first)
    return first


def _clean(page: Page, store: Store, config: Config, report: RunReport) -> Article | None:
    """The page's article, or None after saying why there is none."""
    try:
        with report.timing("clean"), time_limit(config.nlp.timeout):
            return clean(page)
    except CleanError as e:
        _reject(store, report, str(e), page.url, source=page.source)
    except Overran as e:
        _reject(store, report, f"{page.url}: cleaning {e}", page.url, logging.ERROR, page.source)
    except Exception as e:  # a cleaner bug on a strange page must not stop the run
        _reject(
            store, report, f"{page.url}: cleaning failed: {type(e).__name__}: {e}", page.url, logging.ERROR, page.source
        )
    return None


def _save(store: Store, extraction: Extraction, report: RunReport) -> None:
    url = extraction.article.url
    existed = store.has_article(url)
    try:
        article_id = store.save(extraction, report.run_id)
    except sqlite3.IntegrityError as e:
        _reject(store, report, f"{url}: not stored: {e}", url, source=extraction.article.source)
        return
    report.counts["updated" if existed else "new"] += 1
    _outcome(store, report, url, "stored", article_id=article_id, source=extraction.article.source)


def _reject(
    store: Store, report: RunReport, reason: str, url: str, level: int = logging.WARNING, source: str = ""
) -> None:
    report.counts["rejected"] += 1
    report.errors.append(reason)
    log.log(level, "%s", reason)
    _outcome(store, report, url, "failed", error=reason, source=source)


def _outcome(store: Store, report: RunReport, url: str, status: str, **details: Any) -> None:
    """Tell fetch's memory (through the store) what became of a fetched URL, so it is not fetched again."""
    if report.fetched:
        store.urls.mark(url, status, **details)


def _model(config: Config, db_path: Path) -> str:
    """The spaCy pipeline this run will use, said loudly (once a day, not on every cron run) when it
    is a fallback."""
    models = [config.nlp.model, *config.nlp.fallbacks]
    model = installed_model(models)
    if model is None:
        raise ExtractError(f"no Spanish spaCy model installed (tried {', '.join(models)}); run `make install`")
    if not model.startswith(config.nlp.model + "-"):
        level = logging.WARNING if once_a_day("fallback-model", db_path) else logging.INFO
        log.log(level, "%s is not installed; extracting with the fallback %s (lower quality)", config.nlp.model, model)
    return model
