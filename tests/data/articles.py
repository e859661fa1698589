"""Many distinct articles made from the embedded corpus, for runs long enough to kill mid-way.

Each keeps the corpus's sentences (so it has entities, dates and events) but shuffles
its paragraphs and adds a numbered one, so every text, and its content hash, differs.
"""

from __future__ import annotations

import random
from pathlib import Path

from pipeline.fetch.files import split_front_matter

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def corpus_texts() -> list[tuple[dict[str, str], str]]:
    """(front matter, body) of each corpus article."""
    return [split_front_matter(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


def varied_text(i: int, bases: list[tuple[dict[str, str], str]]) -> tuple[str, str]:
    """Article number `i`: (published date, body)."""
    meta, body = bases[i % len(bases)]
    paragraphs = body.strip().split("\n\n")
    random.Random(i).shuffle(paragraphs)
    paragraphs.insert(1, f"Esta es la nota número {i} de la serie, con {i * 7 + 3} lectores registrados.")
    return meta["published"], "\n\n".join(paragraphs)


def write_articles(folder: Path, count: int) -> Path:
    """`count` distinct .txt articles with front matter in `folder`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = corpus_texts()
    for i in range(count):
        published, body = varied_text(i, bases)
        front = f"---\npublished: {published}\ntitle: Nota {i}\nurl: https://noticias.example.mx/nota/{i:04d}\n---\n"
        (folder / f"nota-{i:04d}.txt").write_text(front + body + "\n", encoding="utf-8")
    return folder
