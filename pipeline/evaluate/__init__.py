"""`pipeline eval DIR`: run the whole pipeline on a devset and score it.

Each article of `DIR/articles.jsonl` goes through what a fetched page goes
through: wrapped as an HTML page (or its own `html`, when the devset has it),
cleaned, extracted, saved in a throw-away store and exported; the export is
then scored against `DIR/gold.jsonl` (see `scoring`).
"""

from __future__ import annotations

import html
import json
import logging
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from ..config import Config
from ..errors import ConfigError
from ..models import Page
from ..runtime import RunReport
from .scoring import CATEGORIES, score

log = logging.getLogger(__name__)

DEVSET_HOST = "https://devset.invalid/nota/"


def evaluate(devset_dir: Path, verbose: bool = False, extractor=None) -> tuple[dict, str]:
    """Score the pipeline on a devset folder; return the scores and a printable report."""
    articles = _read_jsonl(Path(devset_dir) / "articles.jsonl")
    golds = _read_jsonl(Path(devset_dir) / "gold.jsonl")
    if extractor is None:
        extractor = _default_extractor()
    started = time.perf_counter()
    rows, failures = run_pipeline(articles, extractor)
    seconds = time.perf_counter() - started
    predictions = {_article_id(r["url"]): r for r in rows}
    scores = score(golds, predictions, {a["id"]: a for a in articles})
    misses = scores.pop("_misses")
    scores["model"] = extractor.model
    scores["seconds"] = round(seconds, 2)
    return scores, report(scores, misses if verbose else [], failures)


def run_pipeline(articles: list[dict], extractor) -> tuple[list[dict], list[str]]:
    """The articles as fetched pages through the pipeline's one wiring (`run.process`), on a
    throw-away database; return the export rows and the pages that failed."""
    from ..run import process
    from ..store import open_store

    report = RunReport(model=extractor.model)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "eval.db") as store:
        process((as_page(a) for a in articles), store, Config(), report, extract=extractor.extract)
        rows = list(store.export())
    return rows, report.errors


def as_page(article: dict) -> Page:
    """A devset article as the page a fetcher would have brought back."""
    body = article.get("html") or wrap_html(article)
    return Page(
        url=DEVSET_HOST + article["id"],
        source="devset",
        html=body,
        fetched_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
    )


def wrap_html(article: dict) -> str:
    """Title in <title>/<h1>, date in <time> and article:published_time, paragraphs as <p>."""
    title = html.escape(article.get("title") or "")
    published = article.get("published")
    head = [f"<title>{title}</title>"] if title else []
    body = [f"<h1>{title}</h1>"] if title else []
    if published:
        head.append(f'<meta property="article:published_time" content="{published}T12:00:00">')
        body.append(f'<time datetime="{published}">{published}</time>')
    paragraphs = [p.strip() for p in article["text"].split("\n\n") if p.strip()]
    body += [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    return (
        '<!doctype html><html lang="es"><head><meta charset="utf-8">'
        + "".join(head)
        + "</head><body><article>"
        + "\n".join(body)
        + "</article></body></html>"
    )


def report(scores: dict, misses: list[tuple], failures: list[str]) -> str:
    """Misses first (with -v), then a compact table of the scores."""
    lines = ["\t".join(str(x) for x in m) for m in misses]
    lines += [f"failed: {f}" for f in failures]
    lines.append(f"{scores['found']}/{scores['articles']} articles · model {scores['model']} · {scores['seconds']} s")
    lines.append(f"{'category':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'hit':>6}{'fp':>6}")
    for c in CATEGORIES:
        s = scores[c]
        lines.append(f"{c:<14}{s['p']:>7.3f}{s['r']:>7.3f}{s['f1']:>7.3f}{s['gold']:>7}{s['hit']:>6}{s['fp']:>6}")
    pub, text = scores["published"], scores["text"]
    lines.append(f"{'published':<14}{pub['ok']}/{pub['of']} correct · text words P {text['p']:.3f} R {text['r']:.3f}")
    ev = scores["events"]
    lines.append(
        f"{'events':<14}recall {ev['recall']} of {ev['gold']} · merged {ev['merged']} "
        f"of {ev['merge_pairs']} pairs · over-merged ids {ev['overmerged_ids']}"
    )
    return "\n".join(lines)


def _default_extractor():
    from ..extract import Extractor

    return Extractor.from_config(Config().nlp)


def _article_id(url: str) -> str:
    return url.rsplit("/nota/", 1)[-1]


def _read_jsonl(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except (OSError, json.JSONDecodeError) as e:
        raise ConfigError(f"cannot read devset file: {e}", path=str(path)) from e
