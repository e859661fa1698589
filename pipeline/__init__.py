"""A news-monitoring pipeline for Spanish-language news.

    fetch (httpx) → clean (trafilatura) → extract (spaCy, dateparser) → merge → store (sqlite-utils),
    reviewed in Datasette.

The library API, for use from Python (the CLI is a thin layer over it):

    import pipeline
    config = pipeline.load_config("config.toml")
    report = pipeline.ingest(config)          # fetch, clean, extract and store every enabled source
    print(report.summary())
    for article in pipeline.export(config):  # the export contract, one dict per article
        print(article["title"], article["people"])

Names are loaded on first use, so `import pipeline` costs nothing until work needs it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Bumped whenever extraction rules change, so `reprocess` knows what is stale.
EXTRACTOR_VERSION = "7"

if TYPE_CHECKING:
    from .config import Config, load_config
    from .errors import CleanError, ConfigError, ExtractError, FetchError, LockedError, PipelineError, StoreError
    from .run import RunReport, export, ingest, reprocess

_WHERE = {
    "ingest": "run",
    "reprocess": "run",
    "export": "run",
    "RunReport": "run",
    "Config": "config",
    "load_config": "config",
    **dict.fromkeys(
        ("PipelineError", "ConfigError", "FetchError", "CleanError", "ExtractError", "StoreError", "LockedError"),
        "errors",
    ),
}

__all__ = [
    "EXTRACTOR_VERSION",
    "CleanError",
    "Config",
    "ConfigError",
    "ExtractError",
    "FetchError",
    "LockedError",
    "PipelineError",
    "RunReport",
    "StoreError",
    "__version__",
    "export",
    "ingest",
    "load_config",
    "reprocess",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
