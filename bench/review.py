"""Review desk benchmark: how long each review page takes on a database of ARTICLES articles and
MENTIONS mentions (target: every page under TARGET_MS).

    python -m bench.review [--quick]

The database is made through the store's public interface (`Store.save` of synthetic
extractions: ten mentions an article among thousands of people, places of the gazetteer,
organizations and operations; one event report an article, so reports of one meeting merge),
then every page is asked of the review Datasette in this process (`pipeline.review.app`,
as `serve` runs it, without HTTP), signed in; each figure is the median of RUNS requests.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline.models import Article, EventMention, Extraction, Mention, Participant
from pipeline.review import app
from pipeline.store import open_store

ARTICLES, QUICK_ARTICLES = 5000, 300
PER_ARTICLE = 10  # mentions: 50,000 in all
TARGET_MS = 300.0
RUNS = 5
COLUMNS = "".join(f"&_col={c}" for c in ("title", "source", "published", "people", "places"))  # as the entity page links
GIVEN = ["Ana", "Luis", "María", "José", "Juan", "Carmen", "Roberto", "Claudia", "Marcelo", "Rosa", "Omar", "Lucía"]
SURNAMES = ["Pérez", "Gómez", "Velasco", "Sheinbaum", "Ebrard", "García", "López", "Hernández", "Martínez", "Ruiz",
            "Díaz", "Moreno", "Álvarez", "Romero", "Torres", "Ramírez", "Flores", "Vargas", "Castillo", "Ortiz"]
PLACES = ["México", "Estados Unidos", "Monterrey", "Guadalajara", "Jalisco", "Tijuana", "Culiacán", "Sinaloa",
          "Ciudad de México", "Washington", "McAllen", "Texas", "Chihuahua", "Sonora", "Madrid", "España", "Oaxaca"]
ORGS = [f"Secretaría de {w}" for w in ("Relaciones Exteriores", "Marina", "Defensa", "Hacienda", "Salud")] + [
    f"Grupo {i}" for i in range(60)]
OPERATIONS = [f"Operativo {w}" for w in ("Enjambre", "Cortafuegos", "Frontera", "Balam", "Relámpago")]


def database(path: Path, articles: int) -> None:
    """`articles` synthetic articles saved one by one, as ingest saves them."""
    rng = random.Random(7)
    people = [f"{g} {s} {t}" for g in GIVEN for s in SURNAMES for t in SURNAMES if s != t]  # 4,560 people
    people += [f"{g} {s}" for g in GIVEN for s in SURNAMES[:3]]  # and some named short: merged with the above
    start = date(2024, 1, 1)
    with open_store(path) as store:
        for i in range(articles):
            day = start + timedelta(days=i * 700 // articles)
            store.save(_article(rng, i, day.isoformat(), people))


def _article(rng: random.Random, i: int, day: str, people: list[str]) -> Extraction:
    names = ([("person", n) for n in rng.sample(people, 4)] + [("place", n) for n in rng.sample(PLACES, 3)]
             + [("organization", n) for n in rng.sample(ORGS, 2)] + [("operation", rng.choice(OPERATIONS))])
    sentences = [f"{name} aparece en la nota {i} del día {day}." for _, name in names]
    text, mentions, at = "", [], 0
    for (kind, name), sentence in zip(names, sentences, strict=True):
        mentions.append(Mention(kind, name, name, at, at + len(name), sentence))
        text += sentence + "\n"
        at = len(text)
    who = [Participant(n, "person") for k, n in names[:2]]
    event = EventMention(rng.choice(["meeting", "call", "visit", "announcement"]), "se reunió", sentences[0], 0,
                         len(sentences[0]), date=day, granularity="day", place=names[4][1], participants=who)
    event.label = f"Reunión · {who[0].name} – {who[1].name} · {names[4][1]} · {day}"
    article = Article(url=f"https://bench.example/nota/{i}", source=f"source-{i % 7}", title=None, text=text,
                      published=day, published_by="metadata", fetched_at=f"{day}T10:00:00+00:00", content_hash=f"h{i}")
    return Extraction(article=article, mentions=mentions, dates=[], events=[event], model="bench", extractor_version="1")


def pages(db: Path) -> dict[str, str]:
    """Every review page, on the busiest rows."""
    with open_store(db) as store:
        def one(sql: str) -> Any:
            return store.db.execute(sql).fetchone()[0]
        person = one("SELECT entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.kind = 'person' "
                     "GROUP BY entity_id ORDER BY COUNT(*) DESC LIMIT 1")
        place = one("SELECT entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.kind = 'place' "
                    "GROUP BY entity_id ORDER BY COUNT(*) DESC LIMIT 1")
        event = one("SELECT id FROM events ORDER BY num_articles DESC LIMIT 1")
        name = one(f"SELECT name FROM entities WHERE id = {person}")
        article = one("SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM articles)")
    q = name.replace(" ", "+")
    return {
        "article": f"/news/articles/{article}",
        "entity_person": f"/news/entities/{person}",
        "entity_place": f"/news/entities/{place}",
        "event": f"/news/events/{event}",
        "articles_table": "/news/articles",
        "articles_by_person": f"/news/articles?_facet_array=people&people__arraycontains={q}",
        "articles_facet_people": f"/news/articles?_facet_array=people{COLUMNS}",
        "articles_facet_places_all_columns": "/news/articles?_facet_array=places",
        "articles_search": "/news/articles?_search=Velasco",
        "entities_search": "/news/entities?_search=velasco",
        "events_table": "/news/events",
        "timeline": "/news/timeline?type=&date_from=&date_to=&entity=",
        "timeline_entity": "/news/timeline?type=&date_from=&date_to=&entity=velasco",
        "find_entity": "/news/find_entity?name=velasco&kind=",
        "entity_profile": f"/news/entity_profile?entity={q}",
        "articles_mentioning": f"/news/articles_mentioning?entity={q}",
        "top_entities": "/news/top_entities?kind=",
        "review_queue": "/news/review_queue?what=",
        "events_per_week": "/news/events_per_week?type=",
        "events_per_week_svg": "/-/review/news/events-per-week.svg",
        "entity_weeks_svg": f"/-/review/news/entities/{person}/weeks.svg",
        "places_map": "/news/places_map?name=",
        "rename_form": f"/news/rename_entity?entity_id={person}&new_name={q}",
        "decisions_log": "/news/decisions_log",
    }


def timings(db: Path) -> dict[str, float]:
    """Median milliseconds of each page."""
    ds = app(db)
    cookies = {"ds_actor": ds.sign({"a": {"id": "bench"}}, "actor")}

    async def measure() -> dict[str, float]:
        out = {}
        for name, path in pages(db).items():
            times = []
            for _ in range(RUNS + 1):  # the first warms caches
                started = time.perf_counter()
                response = await ds.client.get(path, cookies=cookies)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, f"{path}: {response.status_code}"
            out[name] = round(statistics.median(times[1:]), 1)
        return out

    return asyncio.run(measure())


def run(quick: bool = False, keep: Path | None = None) -> dict[str, float | int | bool]:
    """Build the database (or reuse the one at `keep`, building it there first if missing) and time the pages."""
    articles = QUICK_ARTICLES if quick else ARTICLES
    with tempfile.TemporaryDirectory() as tmp:
        db = keep or Path(tmp) / "news.db"
        started = time.perf_counter()
        if not db.exists():
            database(db, articles)
        built = time.perf_counter() - started
        with open_store(db) as store:
            counts = {t: store.db[t].count for t in ("articles", "mentions", "entities", "events")}
        figures: dict[str, float | int | bool] = {**counts, "build_s": round(built, 1)}
        figures.update({f"{name}_ms": ms for name, ms in timings(db).items()})
    slowest = max(v for k, v in figures.items() if k.endswith("_ms"))
    figures["slowest_ms"] = slowest
    figures["ok"] = slowest < TARGET_MS
    return figures


if __name__ == "__main__":
    kept = next((Path(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--keep=")), None)
    print(json.dumps(run(quick="--quick" in sys.argv, keep=kept), indent=1, ensure_ascii=False))
