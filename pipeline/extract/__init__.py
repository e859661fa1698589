"""The extract stage: people, places, organizations, operations, dates and events.

    for result in extract_all(articles, config.nlp, config.base_dir):
        ...  # an Extraction, or an ExtractError naming the article that failed

spaCy runs once per batch (`nlp.pipe`, in one process or several); the rules that clean, type
and canonicalize its output, find dates and operation names and detect events live in the
submodules, their word lists in `pipeline/data/`. Nothing heavy (spaCy, dateparser) is imported
until an article needs extracting: `Extractor` and `extract_all` are loaded on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .extractor import Extractor, extract_all

__all__ = ["Extractor", "extract_all"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module(".extractor", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
