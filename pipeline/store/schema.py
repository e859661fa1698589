"""The database schema, as numbered migrations applied in order.

`PRAGMA user_version` holds the number of the last migration applied, so a
database made by an older version is brought up to date in place on open.
Migrations are append-only once released: never edit one that shipped.
"""

from __future__ import annotations

from .decisions import ALIAS_TRIGGERS, MERGE_CHECKS, SPLITS
from .decisions import TRIGGERS as DECISION_TRIGGERS
from .facets import MIGRATION as REVIEW_FACETS

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
        review_status TEXT,                           -- NULL (not reviewed) | confirmed | wrong | merged
        merged_into INTEGER REFERENCES entities(id),  -- review_status = merged: the entity it became
        reviewed_by TEXT,
        reviewed_at TEXT,
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
        type TEXT NOT NULL,                           -- meeting | transfer | announcement | operation | seizure | call | visit | agreement | other
        date TEXT,                                    -- YYYY-MM-DD, YYYY-MM or YYYY
        granularity TEXT,                             -- day | month | year
        date_basis TEXT,                              -- text: a report states it | published: no report does; the first report's date
        place TEXT,
        subject TEXT,                                 -- the body or series it belongs to, or what was announced
        ordinal INTEGER,                              -- "segunda reunión" → 2
        count INTEGER,                                -- "37 capos" → 37
        qualifier TEXT,                               -- preparatoria: held to prepare another event
        status TEXT,                                  -- past | planned
        label TEXT,
        participants TEXT,                            -- JSON list of {name, kind, role}, over every report
        operations TEXT,                              -- JSON list of operation names
        first_reported TEXT,                          -- publication date of the first article reporting it
        last_reported TEXT,
        num_articles INTEGER NOT NULL DEFAULT 0,
        num_sources INTEGER NOT NULL DEFAULT 0,
        review_status TEXT,                           -- NULL (not reviewed) | confirmed | wrong
        reviewed_by TEXT,
        reviewed_at TEXT
    );
    CREATE INDEX idx_events_type_date ON events(type, date);
    CREATE INDEX idx_events_type_reported ON events(type, last_reported);
    CREATE TABLE event_articles (
        event_id INTEGER NOT NULL REFERENCES events(id),
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        trigger TEXT,
        evidence TEXT,                                -- the sentence reporting it
        start INTEGER,                                -- offsets of the sentence in articles.text
        "end" INTEGER,
        date TEXT,                                    -- as this article states it (NULL: it does not)
        granularity TEXT,
        place TEXT,
        subject TEXT,
        ordinal INTEGER,
        count INTEGER,
        qualifier TEXT,
        status TEXT,
        participants TEXT,                            -- JSON list of {name, kind, role}
        operations TEXT,                              -- JSON list of names
        label TEXT,                                   -- this article's view of the event
        PRIMARY KEY (event_id, article_id, start)
    );
    CREATE INDEX idx_event_articles_event ON event_articles(event_id);
    CREATE INDEX idx_event_articles_article ON event_articles(article_id);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        decided_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        actor TEXT NOT NULL CHECK (actor != ''),      -- who decided (Datasette's actor id)
        action TEXT NOT NULL CHECK (action IN ('entity_confirm', 'entity_wrong', 'entity_rename',
                                               'entity_merge', 'event_confirm', 'event_wrong')),
        entity_id INTEGER,                            -- the entity decided about, as it was then
        kind TEXT,                                    -- its kind and name: how later runs recognize it
        name TEXT,
        target TEXT,                                  -- entity_rename: the new name; entity_merge: the name merged into
        target_id INTEGER,                            -- entity_merge: the entity merged into
        event_id INTEGER,
        event_label TEXT,                             -- the event's label when decided
        note TEXT
    );
    CREATE INDEX idx_decisions_entity ON decisions(kind, name);
    CREATE INDEX idx_decisions_event ON decisions(event_id);
    CREATE TABLE urls (
        url TEXT PRIMARY KEY,                         -- normalized
        source TEXT NOT NULL,                         -- the source that first listed it
        kind TEXT NOT NULL DEFAULT 'article',         -- article | feed | sitemap | listing | robots
        status TEXT,                                  -- articles: seen | fetched | stored | duplicate | failed | skipped; others: ok | not-modified | failed
        http_status INTEGER,
        etag TEXT,
        last_modified TEXT,
        error TEXT,                                   -- last failure or skip reason, one line
        fails INTEGER NOT NULL DEFAULT 0,             -- failed runs in a row; at 3 (at once if permanent, e.g. 404) given up until --refetch
        canonical TEXT,                               -- the URL this one turned out to be (rel=canonical or redirect), if different
        body TEXT,                                    -- kind = robots: the robots.txt text, trusted for 24 h
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL
    );
    CREATE INDEX idx_urls_source ON urls(source, status);
    CREATE INDEX idx_urls_canonical ON urls(canonical);
    CREATE TABLE fetches (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        url TEXT NOT NULL,
        final_url TEXT,                               -- after redirects
        source TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'article',         -- article | feed | sitemap | listing | robots
        status TEXT NOT NULL,                         -- ok | not-modified | failed | skipped
        http_status INTEGER,
        error TEXT,
        attempts INTEGER,                             -- HTTP requests sent, retries and redirect hops included
        bytes INTEGER,                                -- body size after decompression
        elapsed REAL,                                 -- seconds, waits for the host's turn included
        fetched_at TEXT NOT NULL
    );
    CREATE INDEX idx_fetches_source ON fetches(source, fetched_at);
    CREATE INDEX idx_fetches_run ON fetches(run_id);
    CREATE TABLE raw_pages (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        content_type TEXT,
        teaser TEXT,                                  -- JSON of the feed/sitemap teaser
        meta TEXT,                                    -- JSON (front matter of .txt files)
        body BLOB NOT NULL                            -- zlib-compressed UTF-8
    );
    """
    + DECISION_TRIGGERS,
    # 2: operations: which process ran a run, how long each article's extraction took,
    #    and indexes for `reprocess --since/--source`.
    """
    ALTER TABLE runs ADD COLUMN pid INTEGER;          -- process id of the run
    ALTER TABLE runs ADD COLUMN host TEXT;            -- machine it ran on
    ALTER TABLE articles ADD COLUMN extract_ms INTEGER;  -- milliseconds of the extraction rules (spaCy excluded)
    CREATE INDEX IF NOT EXISTS idx_raw_pages_fetched ON raw_pages(fetched_at);
    CREATE INDEX IF NOT EXISTS idx_raw_pages_source ON raw_pages(source, fetched_at);
    """,
    # 3: finding the event a report belongs to costs the same however many events are stored.
    """
    CREATE INDEX IF NOT EXISTS idx_events_type_ordinal ON events(type, ordinal);
    CREATE INDEX IF NOT EXISTS idx_events_type_count ON events(type, count);
    CREATE INDEX IF NOT EXISTS idx_events_type_status_reported ON events(type, status, last_reported);
    """,
    # 4: people across articles (pipeline/store/people.py): each mention keeps the name its article
    #    gave, and every person name is an alias of one entity, found by its key (first name and
    #    first surname). Keys are computed and people grouped in Python right after (store.migrate).
    """
    ALTER TABLE mentions ADD COLUMN local_name TEXT;  -- the canonical name its article gave (before people merge)
    UPDATE mentions SET local_name = (SELECT name FROM entities WHERE id = mentions.entity_id);
    CREATE INDEX idx_mentions_local_name ON mentions(local_name, entity_id);
    CREATE TABLE entity_aliases (
        kind TEXT NOT NULL,
        name TEXT NOT NULL,                           -- a name articles give the entity (its own name included)
        entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
        name_key TEXT,                                -- people: first name + first surname, folded; NULL: never merged
        PRIMARY KEY (kind, name)
    );
    CREATE INDEX idx_entity_aliases_key ON entity_aliases(kind, name_key);
    CREATE INDEX idx_entity_aliases_entity ON entity_aliases(entity_id);
    INSERT INTO entity_aliases (kind, name, entity_id)
        SELECT DISTINCT e.kind, m.local_name, m.entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id
        WHERE e.kind = 'person';
    """
    + ALIAS_TRIGGERS,
    # 5: reviewers' merges never make a cycle (pipeline/store/decisions.py); one already made is undone.
    MERGE_CHECKS,
    # 6: event ids hold (pipeline/store/redirects.py): an event that is gone leaves its id here, with
    #    the event it became, so an old id still leads somewhere and no new event ever takes it.
    """
    CREATE TABLE IF NOT EXISTS event_redirects (
        old_id INTEGER PRIMARY KEY,                   -- an id no event has any more
        new_id INTEGER,                               -- the event it became (merged into it); NULL: no article reports it any more
        at TEXT NOT NULL                              -- when it went
    );
    CREATE INDEX IF NOT EXISTS idx_event_redirects_new ON event_redirects(new_id);
    """,
    # 7: the review desk (pipeline/store/facets.py, decisions.SPLITS): each article's people,
    #    places, organizations and operations as JSON lists; a title for articles that came
    #    without one; entities found by any of their names, accents and case ignored; where
    #    places are; and splitting a person the machine merged wrongly.
    REVIEW_FACETS + SPLITS,
    # 8: each source's state in each run, for per-source health (`stats`, store/urls.py).
    """
    CREATE TABLE IF NOT EXISTS source_runs (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        state TEXT NOT NULL,                          -- read | unchanged (304) | failed
        pages INTEGER NOT NULL DEFAULT 0,             -- pages the source gave in the run
        error TEXT,                                   -- failed: why, one line starting with the URL
        PRIMARY KEY (source, run_id)
    );
    """,
    # 9: an entity's mentions in article order, so "its latest articles" (store/geo.py) reads a
    #    few index entries instead of sorting all of them: flat cost as the database grows.
    """
    CREATE INDEX IF NOT EXISTS idx_mentions_entity_article ON mentions(entity_id, article_id);
    DROP INDEX IF EXISTS idx_mentions_entity;
    """,
    # 10: a date whose year the page does not give and the fetch time guessed ("el 4 de marzo"
    #     on an undated page): kept for the desk, flagged, and not exported as a stated date.
    """
    ALTER TABLE dates ADD COLUMN guessed INTEGER NOT NULL DEFAULT 0;
    """,
]

FTS_COLUMNS = ["title", "text"]
