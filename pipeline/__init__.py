"""A news-monitoring pipeline for Spanish-language news.

fetch (httpx) → clean (trafilatura) → extract (spaCy, dateparser) → load (sqlite-utils),
reviewed in Datasette.
"""

__version__ = "0.1.0"

# Bumped whenever extraction rules change, so `reprocess` knows what is stale.
EXTRACTOR_VERSION = "2"

__all__ = ["__version__", "EXTRACTOR_VERSION"]
