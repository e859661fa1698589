"""The orchestrator: fetch → clean → extract → load, for `ingest` and `reprocess`.

Pages stream from the fetcher; each is kept raw, cleaned, skipped when its text
was already extracted by the same model and rules, and otherwise parsed by spaCy
in batches, run through the rules and stored in one transaction per article.
One bad page never stops the run: it is rejected with a one-line error naming
its URL, and a page that takes longer than `[nlp] timeout` is abandoned. However
the run ends (done, failed, interrupted by a signal), `runs` says so.
"""

from __future__ import annotations

import itertools
import logging
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from . import EXTRACTOR_VERSION
from .clean import clean
from .config import Config
from .runtime import Interrupted, Overran, Progress, run_lock, time_limit
from .errors import CleanError, ExtractError, PipelineError
from .extract.model import installed_model
from .fetch import Fetcher
from .models import Article, Extraction, Page
from .store import Store, open_store

log = logging.getLogger(__name__)

STAGES = ("fetch", "clean", "nlp", "rules", "store")
PARALLEL_FROM = 64  # articles waiting before a second spaCy process pays for its start (n_process = 0)


@dataclass
class RunReport:
    """What a run did, for the summary line and the `runs` table."""

    run_id: int | None = None
    model: str = ""
    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    source_errors: dict[str, str] = field(default_factory=dict)
    seconds: Counter = field(default_factory=Counter)  # wall time per stage (see STAGES)
    interrupted: str = ""  # "interrupted by SIGTERM" when a signal stopped the run
    fetched: bool = False  # pages come from the fetcher: what becomes of each goes to `urls` (see _outcome)
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
        return f"{self.interrupted}; {line}" if self.interrupted else line

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started


def ingest(config: Config, db_path: Path | None = None, refetch: bool = False,
           only: list[str] | None = None, progress: bool = False) -> RunReport:
    """Fetch every enabled source (or those named in `only`) into the database."""
    db_path = db_path or config.path(config.storage.db)
    sources = [s for s in config.sources if s.enabled and (not only or s.name in only)]
    with run_lock(db_path), open_store(db_path) as store:
        report = _start(store, config)
        with _recorded(store, report):
            fetcher = Fetcher(store, report.run_id, config.base_dir, refetch=refetch)
            report.counts["sources"] = len(sources)
            report.fetched = True
            try:
                _process(fetcher.pages(sources), store, config, report, progress, force=refetch)
            finally:
                report.source_errors.update(fetcher.source_errors)
                report.errors.extend(str(f) for f in fetcher.failures)
    return report


def reprocess(config: Config, db_path: Path | None = None, since: str | None = None,
              source: str | None = None, progress: bool = False) -> RunReport:
    """Clean and extract stored raw pages again, with no network (after a model or rule change)."""
    db_path = db_path or config.path(config.storage.db)
    with run_lock(db_path), open_store(db_path) as store:
        report = _start(store, config)
        with _recorded(store, report):
            _process(store.raw_pages(since, source), store, config, report, progress, force=True, keep_raw=False)
    return report


def _start(store: Store, config: Config) -> RunReport:
    # We hold the lock, so a run still marked 'running' was killed (SIGKILL, power loss).
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


@contextmanager
def _recorded(store: Store, report: RunReport) -> Iterator[None]:
    """Record how the run ended in `runs`, whatever ended it."""
    try:
        yield
    except (Interrupted, KeyboardInterrupt) as e:
        report.interrupted = str(e) if isinstance(e, Interrupted) else "interrupted"
        _finish_after_failure(store, report, "interrupted")
        raise
    except Exception as e:
        report.errors.append(f"{type(e).__name__}: {e}")
        _finish_after_failure(store, report, "failed")
        raise
    _finish(store, report, "done" if report.ok else "failed")


def _finish_after_failure(store: Store, report: RunReport, status: str) -> None:
    """Roll back whatever was half written, then record the run; the database may be what failed."""
    with suppress(sqlite3.Error):
        store.db.conn.rollback()
        _finish(store, report, status)


def _finish(store: Store, report: RunReport, status: str) -> None:
    counts = {
        "sources": report.counts["sources"], "pages": report.counts["pages"],
        "articles_new": report.counts["new"], "articles_updated": report.counts["updated"],
        "articles_unchanged": report.counts["unchanged"],
        "failures": report.counts["rejected"] + len(report.source_errors),
    }
    errors = [*(f"{k}: {v}" for k, v in report.source_errors.items()), *report.errors]
    assert report.run_id is not None
    store.finish_run(report.run_id, status, counts, errors, report.summary())
    log.info("seconds per stage: %s", ", ".join(f"{s} {report.seconds[s]:.2f}" for s in STAGES))


def _process(pages: Iterable[Page], store: Store, config: Config, report: RunReport,
             progress: bool, force: bool = False, keep_raw: bool = True) -> None:
    """Clean, extract and store pages; one bad page never stops the run."""
    bar = Progress(enabled=progress)
    try:
        to_extract = _articles_to_extract(pages, store, config, report, bar, force, keep_raw)
        for extraction, ms in _extract(to_extract, store, config, report):
            with report.timing("store"):
                _save(store, extraction, ms, report)
            bar.update(report.counts)
    finally:
        bar.close()


def _save(store: Store, extraction: Extraction, ms: int, report: RunReport) -> None:
    url = extraction.article.url
    existed = store.db.execute("SELECT 1 FROM articles WHERE url = ?", [url]).fetchone()
    try:
        article_id = store.save(extraction, report.run_id, extract_ms=ms)
    except sqlite3.IntegrityError as e:
        _reject(store, report, f"{url}: not stored: {e}", extraction.article)
        return
    report.counts["updated" if existed else "new"] += 1
    _outcome(store, report, extraction.article, "stored", article_id)


def _articles_to_extract(pages: Iterable[Page], store: Store, config: Config, report: RunReport,
                         bar: Progress, force: bool, keep_raw: bool) -> Iterator[Article]:
    """Articles whose text is new or was extracted by another model or rules version."""
    pending: set[str] = set()  # texts already on their way to the store in this run
    for page in _timed(pages, report, "fetch"):
        report.counts["pages"] += 1
        bar.update(report.counts)
        article = _clean(page, store, config, report)
        if keep_raw and config.storage.keep_raw:
            with report.timing("store"):
                store.save_raw(page, refused=article is None)
        if article is None:
            continue
        with report.timing("store"):
            current = None if force else store.current_copy(article.url, article.content_hash, report.model,
                                                               EXTRACTOR_VERSION)
            first = None if current else _first_copy(store, article, pending)
        if current:
            report.counts["unchanged"] += 1
            # remembered, so that the URL is not fetched again
            _outcome(store, report, page, "stored" if current == article.url else "duplicate")
        elif first is not None:
            report.counts["duplicates"] += 1
            log.info("%s: same text as %s; not stored twice", article.url, first)
            _outcome(store, report, page, "duplicate")
        else:
            pending.add(article.content_hash)
            yield article


def _first_copy(store: Store, article: Article, pending: set[str]) -> str | None:
    """The URL that already holds (or is about to hold) this article's text, if another."""
    if article.content_hash in pending:
        return "an article of this run"
    return store.duplicate_of(article.url, article.content_hash)


def _clean(page: Page, store: Store, config: Config, report: RunReport) -> Article | None:
    """The page's article, or None after saying why there is none."""
    try:
        with report.timing("clean"), time_limit(config.nlp.timeout):
            return clean(page)
    except CleanError as e:
        _reject(store, report, str(e), page)
    except Overran as e:
        _reject(store, report, f"{page.url}: cleaning {e}", page, logging.ERROR)
    except Exception as e:  # a cleaner bug on a strange page must not stop the run
        _reject(store, report, f"{page.url}: cleaning failed: {type(e).__name__}: {e}", page, logging.ERROR)
    return None


def _extract(articles: Iterator[Article], store: Store, config: Config,
             report: RunReport) -> Iterator[tuple[Extraction, int]]:
    """spaCy in batches, then the rules on each article within the time limit; with their milliseconds.

    The model is loaded only when there is something to extract.
    """
    ahead = list(itertools.islice(articles, 1 if config.nlp.n_process else PARALLEL_FROM))
    if not ahead:
        return
    from .extract import Extractor

    extractor = Extractor(
        [config.nlp.model, *config.nlp.fallbacks],
        aliases=config.path(config.nlp.aliases) if config.nlp.aliases else None,
        batch_size=config.nlp.batch_size, n_process=_processes(config.nlp.n_process, len(ahead)),
        max_chars=config.nlp.max_chars,
    )
    report.model = extractor.model
    log.info("spaCy in %d process%s", extractor.n_process, "es" if extractor.n_process > 1 else "")
    texts = ((a.text[: extractor.max_chars], a) for a in itertools.chain(ahead, articles))
    docs = extractor.nlp.pipe(texts, as_tuples=True, batch_size=extractor.batch_size, n_process=extractor.n_process)
    for doc, article in _timed(docs, report, "nlp", minus=("fetch", "clean", "store")):
        started = time.perf_counter()
        try:
            with report.timing("rules"), time_limit(config.nlp.timeout):
                extraction = extractor.extract_doc(doc, article)
        except Exception as e:  # Overran, or a rule that breaks on this text
            why = str(e) if isinstance(e, Overran) else f"failed: {type(e).__name__}: {e}"
            _reject(store, report, str(ExtractError(f"extraction {why}", url=article.url)), article, logging.ERROR)
            continue
        yield extraction, round((time.perf_counter() - started) * 1000)


def _processes(configured: int, waiting: int) -> int:
    """spaCy processes: as configured, or (0) two where there are two cores and the run is large
    enough to pay for starting the second one."""
    if configured:
        return configured
    return max(1, min(2, os.cpu_count() or 1)) if waiting >= PARALLEL_FROM else 1


def _timed(items: Iterable, report: RunReport, stage: str, minus: tuple[str, ...] = ()) -> Iterator:
    """Yield from `items`, adding the time spent waiting for each to `stage`.

    Time that other stages record meanwhile (the input spaCy pulls) is not counted twice.
    """
    iterator = iter(items)
    while True:
        before = sum(report.seconds[s] for s in minus)
        started = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            return
        finally:
            elapsed = time.perf_counter() - started
            report.seconds[stage] += elapsed - (sum(report.seconds[s] for s in minus) - before)
        yield item


def _reject(store: Store, report: RunReport, reason: str, item: Page | Article,
            level: int = logging.WARNING) -> None:
    report.counts["rejected"] += 1
    report.errors.append(reason)
    log.log(level, "%s", reason)
    _outcome(store, report, item, "failed", error=reason)


def _outcome(store: Store, report: RunReport, item: Page | Article, status: str, article_id: int | None = None,
             error: str | None = None) -> None:
    """Record in `urls` what became of a fetched page, so that later runs know whether to fetch it again.

    Only for fetched pages: `reprocess` reads pages already kept, and leaves `urls` as it is.
    """
    if report.fetched:
        store.urls.mark(item.url, status, article_id, source=item.source, error=error)


__all__ = ["ingest", "reprocess", "RunReport", "PipelineError", "STAGES"]
