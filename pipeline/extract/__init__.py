"""The extract stage: people, places, organizations, operations, dates and events.

spaCy runs once per batch (`nlp.pipe`); the rules that clean, type and
canonicalize its output, find dates and operation names and detect events live
in the submodules, their word lists in `pipeline/data/`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import EXTRACTOR_VERSION
from ..models import Article, Extraction
from .dates import find_dates
from .events import find_events
from .lexicon import Lexicon
from .mentions import find_mentions
from .model import load_model

log = logging.getLogger(__name__)

__all__ = ["Extractor"]


class Extractor:
    """Loads the model and word lists once; turns articles into extractions."""

    def __init__(self, models: list[str], aliases: Path | None = None,
                 batch_size: int = 16, n_process: int = 1, max_chars: int = 100_000):
        self.nlp, self.model = load_model(models)
        self.lexicon = Lexicon.load(aliases)
        self.lexicon.add_common_words(self.nlp)
        self.batch_size = batch_size
        self.n_process = n_process
        self.max_chars = max_chars
        self.version = EXTRACTOR_VERSION

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extract from articles in batches, yielding in input order."""
        pairs = ((a.text[: self.max_chars], a) for a in articles)
        docs = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process)
        for doc, article in docs:
            yield self.extract_doc(doc, article)

    def extract_doc(self, doc, article: Article) -> Extraction:
        """The rules on top of one parsed article."""
        mentions = find_mentions(doc, self.lexicon)  # people, places, organizations, operations
        dates = find_dates(doc.text, article.published)
        events = find_events(doc, mentions, dates, article.published, self.lexicon)
        return Extraction(article=article, mentions=mentions, dates=dates, events=events,
                          model=self.model, extractor_version=self.version)
