"""The orchestrator: fetch → clean → extract → load, for `ingest` and `reprocess`.

Pages stream from the fetcher; each is kept raw, cleaned, skipped when its text
was already extracted by the same model and rules, and otherwise extracted in
batches and stored in one transaction per article.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import EXTRACTOR_VERSION
from .clean import clean
from .config import Config
from .errors import CleanError, ExtractError, PipelineError
from .extract.model import installed_model
from .fetch import Fetcher
from .lock import run_lock
from .models import Article, Page
from .progress import Progress
from .store import Store, open_store

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    """What a run did, for the summary line and the `runs` table."""

    run_id: int | None = None
    model: str = ""
    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    source_errors: dict[str, str] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        """False when there was work to do and none of it could be done."""
        return bool(self.counts["pages"]) or not self.source_errors

    def summary(self) -> str:
        c = self.counts
        line = (
            f"{c['pages']} pages: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['duplicates']} duplicates, {c['rejected']} rejected; "
            f"model {self.model}; {time.monotonic() - self.started:.1f}s"
        )
        if self.source_errors:
            failing = "; ".join(f"{name}: {why}" for name, why in sorted(self.source_errors.items()))
            line += f"; {len(self.source_errors)} sources failed: {failing}"
        return line


def ingest(config: Config, db_path: Path | None = None, refetch: bool = False,
           only: list[str] | None = None, progress: bool = False) -> RunReport:
    """Fetch every enabled source (or those named in `only`) into the database."""
    db_path = db_path or config.path(config.storage.db)
    sources = [s for s in config.sources if s.enabled and (not only or s.name in only)]
    with run_lock(db_path):
        store = open_store(db_path)
        try:
            report = _start(store, config)
            fetcher = Fetcher(store.db, report.run_id, config.base_dir, refetch=refetch)
            pages = fetcher.pages(sources)
            _process(pages, store, config, report, progress, mark=getattr(fetcher, "mark", None), force=refetch)
            report.source_errors.update(fetcher.source_errors)
            report.errors.extend(str(f) for f in fetcher.failures)
            report.counts["sources"] = len(sources)
            _finish(store, report)
        finally:
            store.close()
    return report


def reprocess(config: Config, db_path: Path | None = None, since: str | None = None,
              source: str | None = None, progress: bool = False) -> RunReport:
    """Clean and extract stored raw pages again, with no network (after a model or rule change)."""
    db_path = db_path or config.path(config.storage.db)
    with run_lock(db_path):
        store = open_store(db_path)
        try:
            report = _start(store, config)
            _process(iter(store.raw_pages(since, source)), store, config, report, progress, force=True, keep_raw=False)
            _finish(store, report)
        finally:
            store.close()
    return report


def _start(store: Store, config: Config) -> RunReport:
    store.db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    models = [config.nlp.model, *config.nlp.fallbacks]
    model = installed_model(models)
    if model is None:
        raise ExtractError(f"no Spanish spaCy model installed (tried {', '.join(models)}); run `make install`")
    if not model.startswith(config.nlp.model + "-"):
        log.warning("%s is not installed; extracting with the fallback %s (lower quality)", config.nlp.model, model)
    report = RunReport(model=model)
    report.run_id = store.start_run(model, EXTRACTOR_VERSION)
    return report


def _finish(store: Store, report: RunReport) -> None:
    status = "done" if report.ok else "failed"
    counts = {
        "sources": report.counts["sources"], "pages": report.counts["pages"],
        "articles_new": report.counts["new"], "articles_updated": report.counts["updated"],
        "articles_unchanged": report.counts["unchanged"],
        "failures": report.counts["rejected"] + len(report.source_errors),
    }
    errors = [*(f"{k}: {v}" for k, v in report.source_errors.items()), *report.errors]
    assert report.run_id is not None
    store.finish_run(report.run_id, status, counts, errors, report.summary())


def _process(pages: Iterator[Page], store: Store, config: Config, report: RunReport,
             progress: bool, mark=None, force: bool = False, keep_raw: bool = True) -> None:
    """Clean, extract and store pages; one bad page never stops the run."""
    bar = Progress(enabled=progress)
    to_extract = _articles_to_extract(pages, store, config, report, bar, mark, force, keep_raw)
    extracted = _extract(to_extract, config, report)
    for extraction in extracted:
        existed = store.db.execute("SELECT 1 FROM articles WHERE url = ?", [extraction.article.url]).fetchone()
        article_id = store.save(extraction, report.run_id)
        report.counts["updated" if existed else "new"] += 1
        if mark:
            mark(extraction.article.url, "stored", article_id)
        bar.update(report.counts)
    bar.close()


def _articles_to_extract(pages: Iterable[Page], store: Store, config: Config, report: RunReport,
                         bar: Progress, mark, force: bool, keep_raw: bool) -> Iterator[Article]:
    """Articles whose text is new or was extracted by another model or rules version."""
    for page in pages:
        report.counts["pages"] += 1
        if keep_raw and config.storage.keep_raw:
            store.save_raw(page)
        try:
            article = clean(page)
        except CleanError as e:
            _reject(report, str(e), page.url, mark)
            continue
        if not force and store.is_current(article.url, article.content_hash, report.model, EXTRACTOR_VERSION):
            report.counts["unchanged"] += 1
        elif (first := store.duplicate_of(article.url, article.content_hash)) is not None:
            report.counts["duplicates"] += 1
            log.info("%s: same text as %s; not stored twice", article.url, first)
            if mark:
                mark(page.url, "duplicate")
        else:
            yield article
        bar.update(report.counts)


def _extract(articles: Iterator[Article], config: Config, report: RunReport):
    """Load the model only when there is something to extract."""
    first = next(articles, None)
    if first is None:
        return
    from .extract import Extractor

    extractor = Extractor(
        [config.nlp.model, *config.nlp.fallbacks],
        aliases=config.path(config.nlp.aliases) if config.nlp.aliases else None,
        batch_size=config.nlp.batch_size, n_process=config.nlp.n_process, max_chars=config.nlp.max_chars,
    )
    report.model = extractor.model

    def chained() -> Iterator[Article]:
        yield first
        yield from articles

    yield from extractor.extract(chained())


def _reject(report: RunReport, reason: str, url: str, mark) -> None:
    report.counts["rejected"] += 1
    report.errors.append(reason)
    log.warning("%s", reason)
    if mark:
        mark(url, "failed")


__all__ = ["ingest", "reprocess", "RunReport", "PipelineError"]
