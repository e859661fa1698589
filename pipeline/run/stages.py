"""Where the clean and extract stages run: in this process, or spread over worker processes.

On a large run (`runtime.workers.processes`) each worker loads the model once and takes batches of
pages to clean and of articles to extract, so spaCy, the rules and the cleaner use every core,
while the orchestrator's process only does what must be serial: deciding what is new and storing.
Results come back in input order, so what is stored does not depend on which worker was faster.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from ..clean import clean
from ..config import Config
from ..errors import CleanError, ExtractError
from ..models import Article, Extraction, Page
from ..runtime import Overran, time_limit
from ..runtime.workers import Workers

log = logging.getLogger(__name__)

Extract = Callable[[Iterable[Article]], Iterator[Extraction | ExtractError]]

__all__ = ["Extract", "Stages", "clean_pages", "open_stages"]


@dataclass
class Stages:
    """The clean and extract stages, wherever they run; results in the order of their input."""

    clean: Callable[[Iterable[Page]], Iterator[tuple[Page, Article | CleanError]]]
    extract: Extract


@contextmanager
def open_stages(workers: int, config: Config, extract: Extract | None) -> Iterator[Stages]:
    """clean and extract in this process, or in `workers` processes that each load the model once
    (this process then only stores: what must be serial)."""
    clean_task = partial(clean_pages, timeout=config.nlp.timeout)
    if workers == 1:
        if extract is None:
            extract = partial(_extract_here, config=config)
        yield Stages(lambda pages: ((page, clean_task([page])[0]) for page in pages), extract)
        return
    from ..extract.extractor import extract_in_worker, load_in_worker

    log.info("cleaning and extracting in %d processes", workers)
    with Workers(workers, setup=partial(load_in_worker, config.nlp, config.base_dir)) as pool:
        yield Stages(partial(pool.map, clean_task), lambda items: (x for _, x in pool.map(extract_in_worker, items)))


def _extract_here(articles: Iterable[Article], config: Config) -> Iterator[Extraction | ExtractError]:
    """Extraction in this process; spaCy and the rules are imported only once an article needs them
    (a cron run with nothing new never pays for them)."""
    articles = iter(articles)
    first = next(articles, None)
    if first is not None:
        from ..extract import extract_all

        yield from extract_all(itertools.chain([first], articles), config.nlp, config.base_dir)


def clean_pages(pages: list[Page], timeout: float) -> list[Article | CleanError]:
    """Each page's article, or the CleanError saying why there is none (a cleaner that overruns
    its time limit or breaks on a strange page is one page's problem too). Runs in the workers."""
    return [_clean(page, timeout) for page in pages]


def _clean(page: Page, timeout: float) -> Article | CleanError:
    try:
        with time_limit(timeout):
            return clean(page)
    except CleanError as e:
        return e
    except Overran as e:
        return CleanError(f"cleaning {e}", url=page.url, serious=True)
    except Exception as e:
        return CleanError(f"cleaning failed: {type(e).__name__}: {e}", url=page.url, serious=True)
