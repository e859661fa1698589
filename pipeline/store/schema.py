"""The database schema, as numbered migrations applied in order.

`PRAGMA user_version` holds the number of the last migration applied, so a
database made by an older version is brought up to date in place on open.
Migrations are append-only once released: never edit one that shipped.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the foundation
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running',      -- running | done | failed | interrupted
        model TEXT,
        extractor_version TEXT,
        sources INTEGER DEFAULT 0,
        pages INTEGER DEFAULT 0,
        articles_new INTEGER DEFAULT 0,
        articles_updated INTEGER DEFAULT 0,
        articles_unchanged INTEGER DEFAULT 0,
        failures INTEGER DEFAULT 0,
        errors TEXT,                                  -- JSON list of one-line errors
        summary TEXT
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT,
        published TEXT,
        published_by TEXT,
        fetched_at TEXT NOT NULL,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        model TEXT,
        extractor_version TEXT,
        extracted_at TEXT,
        run_id INTEGER REFERENCES runs(id)
    );
    CREATE INDEX idx_articles_source ON articles(source);
    CREATE INDEX idx_articles_published ON articles(published);
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,                           -- person | place | organization | operation
        name TEXT NOT NULL,
        UNIQUE (kind, name)
    );
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence TEXT
    );
    CREATE INDEX idx_mentions_article ON mentions(article_id);
    CREATE INDEX idx_mentions_entity ON mentions(entity_id);
    CREATE TABLE dates (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        value TEXT NOT NULL,
        granularity TEXT NOT NULL,                    -- day | month | year
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX idx_dates_article ON dates(article_id);
    CREATE INDEX idx_dates_value ON dates(value);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        date TEXT,
        granularity TEXT,
        place TEXT,
        subject TEXT,
        ordinal INTEGER,
        count INTEGER,
        status TEXT,                                  -- past | planned
        label TEXT,
        num_articles INTEGER NOT NULL DEFAULT 0,
        num_sources INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX idx_events_type_date ON events(type, date);
    CREATE TABLE event_articles (
        event_id INTEGER NOT NULL REFERENCES events(id),
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        trigger TEXT,
        evidence TEXT,
        start INTEGER,
        "end" INTEGER,
        date TEXT,
        place TEXT,
        status TEXT,
        participants TEXT,                            -- JSON list of {name, kind, role}
        operations TEXT,                              -- JSON list of names
        PRIMARY KEY (event_id, article_id, start)
    );
    CREATE INDEX idx_event_articles_article ON event_articles(article_id);
    CREATE TABLE urls (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'article',         -- article | feed | sitemap | listing
        status TEXT,                                  -- stored | failed | duplicate | not-modified | skipped
        http_status INTEGER,
        etag TEXT,
        last_modified TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL
    );
    CREATE INDEX idx_urls_source ON urls(source);
    CREATE TABLE fetches (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        url TEXT NOT NULL,
        source TEXT NOT NULL,
        status TEXT NOT NULL,                         -- ok | not-modified | failed | skipped
        http_status INTEGER,
        error TEXT,
        attempts INTEGER,
        bytes INTEGER,
        elapsed REAL,
        fetched_at TEXT NOT NULL
    );
    CREATE INDEX idx_fetches_source ON fetches(source, fetched_at);
    CREATE TABLE raw_pages (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        content_type TEXT,
        teaser TEXT,                                  -- JSON of the feed/sitemap teaser
        meta TEXT,                                    -- JSON (front matter of .txt files)
        body BLOB NOT NULL                            -- zlib-compressed UTF-8
    );
    """,
]

FTS_COLUMNS = ["title", "text"]
