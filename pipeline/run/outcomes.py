"""The orchestrator's bookkeeping: which texts are already stored, what is said and recorded when
a page is rejected or stored, and which model a run uses."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import ExtractError
from ..extract.model import installed_model
from ..models import Article
from ..runtime import RunReport, once_a_day
from ..store import Store

log = logging.getLogger(__name__)


def held_by(article: Article, store: Store, report: RunReport, force: bool, pending: set[str]) -> str | None:
    """The URL that holds this text already (this one when unchanged), or None when it needs extracting."""
    current = (
        None if force else store.current_copy(article.url, article.content_hash, report.model, report.extractor_version)
    )
    if current:
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


def reject(store: Store, report: RunReport, reason: str, url: str, source: str = "", serious: bool = False) -> None:
    """A page or article that yields nothing: counted, logged (an ERROR when `serious`: a stage broke
    or overran its time limit) and recorded against its URL."""
    report.counts["rejected"] += 1
    report.errors.append(reason)
    log.log(logging.ERROR if serious else logging.WARNING, "%s", reason)
    outcome(store, report, url, "failed", error=reason, source=source)


def outcome(store: Store, report: RunReport, url: str, status: str, **details: Any) -> None:
    """Tell fetch's memory (through the store) what became of a fetched URL, so it is not fetched again."""
    if report.fetched:
        store.urls.mark(url, status, **details)


def run_model(config: Config, db_path: Path) -> str:
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
