"""The one spaCy batching loop: articles in, extractions (or the reason one failed) out.

`ingest`, `reprocess` and `eval` all extract through `extract_all` (or an `Extractor` they keep),
so batching, the choice of processes and the time limit per article are decided here once.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import EXTRACTOR_VERSION
from ..config import NlpConfig
from ..errors import ExtractError
from ..models import Article, Extraction
from ..runtime import Overran, time_limit
from .dates import find_dates
from .events import find_events
from .lexicon import Lexicon
from .mentions import find_mentions
from .model import load_model
from .table import table

log = logging.getLogger(__name__)

__all__ = ["Extractor", "extract_all", "extract_in_worker", "load_in_worker"]


class Extractor:
    """Loads the model and word lists once; turns articles into extractions."""

    def __init__(
        self,
        models: list[str],
        aliases: Path | None = None,
        batch_size: int = 16,
        n_process: int = 1,
        max_chars: int = 100_000,
        timeout: float = 0.0,
    ):
        self.nlp, self.model = load_model(models)
        self.lexicon = Lexicon.load(aliases)
        self.lexicon.add_common_words(self.nlp)
        self.batch_size = batch_size
        self.n_process = n_process
        self.max_chars = max_chars
        self.timeout = timeout
        self.version = EXTRACTOR_VERSION

    @classmethod
    def from_config(cls, nlp: NlpConfig, base_dir: Path = Path("."), n_process: int = 1) -> Extractor:
        aliases = base_dir / nlp.aliases if nlp.aliases else None
        return cls(
            [nlp.model, *nlp.fallbacks],
            aliases=aliases,
            batch_size=nlp.batch_size,
            n_process=n_process,
            max_chars=nlp.max_chars,
            timeout=nlp.timeout,
        )

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction | ExtractError]:
        """Each article's extraction, in input order, or an ExtractError naming the article whose
        rules failed or overran the time limit (the others go on)."""
        pairs = ((a.text[: self.max_chars], a) for a in articles)
        docs = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process)
        for doc, article in docs:
            yield self._rules(doc, article)

    def _rules(self, doc, article: Article) -> Extraction | ExtractError:
        started = time.perf_counter()
        try:
            with time_limit(self.timeout):
                extraction = self.extract_doc(doc, article)
        except Exception as e:  # Overran, or a rule that breaks on this text
            why = str(e) if isinstance(e, Overran) else f"failed: {type(e).__name__}: {e}"
            return ExtractError(f"extraction {why}", url=article.url, source=article.source)
        extraction.extract_ms = round((time.perf_counter() - started) * 1000)
        return extraction

    def extract_doc(self, doc, article: Article) -> Extraction:
        """The rules on top of one parsed article."""
        mentions = find_mentions(doc, self.lexicon)  # people, places, organizations, operations
        dates = find_dates(table(doc).text, article.published, article.fetched_at)
        events = find_events(doc, mentions, dates, article.published, self.lexicon)
        return Extraction(
            article=article,
            mentions=mentions,
            dates=dates,
            events=events,
            model=self.model,
            extractor_version=self.version,
        )


def extract_all(
    articles: Iterable[Article], nlp: NlpConfig, base_dir: Path = Path(".")
) -> Iterator[Extraction | ExtractError]:
    """Extract in this process with the model `nlp` names, loaded only when there is an article."""
    articles = iter(articles)
    first = next(articles, None)
    if first is None:
        return
    yield from Extractor.from_config(nlp, base_dir).extract(itertools.chain([first], articles))


_worker: Extractor | None = None  # in a worker process (runtime.workers): its own extractor


def load_in_worker(nlp: NlpConfig, base_dir: Path) -> None:
    """Load the model once in a worker process, before its first batch."""
    global _worker
    _worker = Extractor.from_config(nlp, base_dir)


def extract_in_worker(articles: list[Article]) -> list[Extraction | ExtractError]:
    """A batch of articles extracted by the worker's extractor (spaCy batches them)."""
    assert _worker is not None, "load_in_worker runs first"
    return list(_worker.extract(articles))
