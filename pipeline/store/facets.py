"""What the review desk reads beside each row, kept current by the store.

* `articles.people`, `places`, `organizations`, `operations`: JSON lists of the canonical names
  an article mentions (in order of first mention; entities marked wrong left out), so Datasette
  can facet articles by person or place (`_facet_array=people`). The store writes them when it
  saves an article (`refresh`); triggers keep them current when mentions move to another entity
  (a merge, a split, people grouped anew) and when an entity is renamed or marked.
* `articles.title`, when the page gave none: the article's first sentence, cut to a headline.
* `entity_search`: every entity's names and aliases in one full-text row (accents and case
  ignored), so a reviewer finds "Roberto Velasco" by typing "velasco" and "México" by "Mexico".
  Triggers keep it current with `entities` and `entity_aliases`.
* `entities.latitude`, `longitude`, `country`: where a place is (`geo.locate_places`), cleared
  when a place is renamed, found again on the next save that names it.
"""

from __future__ import annotations

import re

import sqlite_utils

from . import geo

__all__ = ["FACETS", "MIGRATION", "first_sentence", "refresh", "register_functions"]

FACETS = {"people": "person", "places": "place", "organizations": "organization", "operations": "operation"}
HEADLINE = 110  # characters of a title made from the first sentence
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[¿¡\"“«A-ZÁÉÍÓÚÑ0-9])")


def _facets_of(article: str) -> str:
    """The SET clause giving an article (SQL expression `article`) its four lists of names."""
    return ", ".join(
        f"""{column} = (SELECT json_group_array(name) FROM (
            SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
            WHERE m.article_id = {article} AND e.kind = '{kind}' AND e.review_status IS NOT 'wrong'
            GROUP BY e.id ORDER BY min(m.start)))"""
        for column, kind in FACETS.items()
    )


def _names_of(entity: str) -> str:
    """Refill an entity's row of entity_search (SQL expression `entity` for its id)."""
    return f"""
    DELETE FROM entity_search WHERE rowid = {entity};
    INSERT INTO entity_search (rowid, names)
        SELECT {entity}, (SELECT group_concat(n, ' · ') FROM (
            SELECT name AS n FROM entities WHERE id = {entity}
            UNION SELECT name FROM entity_aliases WHERE entity_id = {entity}))
        WHERE EXISTS (SELECT 1 FROM entities WHERE id = {entity});"""


# Migration 7 (pipeline/store/schema.py), with decisions.SPLITS.
MIGRATION = (
    "".join(f"ALTER TABLE articles ADD COLUMN {column} TEXT NOT NULL DEFAULT '[]';\n" for column in FACETS)
    + f"""
ALTER TABLE entities ADD COLUMN latitude REAL;    -- places: where it is (pipeline/merge/gazetteer.py); NULL: unknown
ALTER TABLE entities ADD COLUMN longitude REAL;
ALTER TABLE entities ADD COLUMN country TEXT;     -- places: ISO 3166 code of the country it lies in
UPDATE articles SET {_facets_of("articles.id")};
UPDATE articles SET title = first_sentence(text) WHERE COALESCE(trim(title), '') = '';
CREATE VIRTUAL TABLE entity_search USING fts5(names, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO entity_search (rowid, names)
    SELECT e.id, (SELECT group_concat(n, ' · ') FROM (
        SELECT e.name AS n UNION SELECT name FROM entity_aliases WHERE entity_id = e.id))
    FROM entities e;

CREATE TRIGGER mentions_facets AFTER UPDATE OF entity_id ON mentions
BEGIN
    UPDATE articles SET {_facets_of("NEW.article_id")} WHERE id = NEW.article_id;
END;
CREATE TRIGGER entities_facets AFTER UPDATE OF name, review_status ON entities
BEGIN
    UPDATE articles SET {_facets_of("articles.id")}
    WHERE id IN (SELECT article_id FROM mentions WHERE entity_id = NEW.id);
END;
CREATE TRIGGER entities_search_insert AFTER INSERT ON entities
BEGIN {_names_of("NEW.id")}
END;
CREATE TRIGGER entities_search_rename AFTER UPDATE OF name ON entities
BEGIN {_names_of("NEW.id")}
    UPDATE entities SET latitude = NULL, longitude = NULL, country = NULL WHERE id = NEW.id AND kind = 'place';
END;
CREATE TRIGGER entities_search_delete AFTER DELETE ON entities
BEGIN
    DELETE FROM entity_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER aliases_search_insert AFTER INSERT ON entity_aliases WHEN NEW.entity_id IS NOT NULL
BEGIN {_names_of("NEW.entity_id")}
END;
CREATE TRIGGER aliases_search_update AFTER UPDATE OF name, entity_id ON entity_aliases
BEGIN {_names_of("OLD.entity_id")} {_names_of("NEW.entity_id")}
END;
CREATE TRIGGER aliases_search_delete AFTER DELETE ON entity_aliases
BEGIN {_names_of("OLD.entity_id")}
END;
"""
)


def register_functions(db: sqlite_utils.Database) -> None:
    """SQL functions the migrations and `refresh` use, on this connection."""
    db.register_function(first_sentence, deterministic=True, replace=True)


def first_sentence(text: str | None) -> str | None:
    """A headline for an article that came without one: its first sentence (or line), cut at a
    word to HEADLINE characters."""
    line = next((line.strip() for line in (text or "").splitlines() if line.strip()), "")
    sentence = SENTENCE_END.split(line, maxsplit=1)[0].rstrip(" .")
    if len(sentence) <= HEADLINE:
        return sentence or None
    return sentence[:HEADLINE].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def refresh(db: sqlite_utils.Database, article_id: int) -> None:
    """After an article's mentions are stored: its lists of names, its title if it had none,
    and where its places are."""
    db.execute(f"UPDATE articles SET {_facets_of('articles.id')} WHERE id = ?", [article_id])
    db.execute(
        "UPDATE articles SET title = first_sentence(text) WHERE id = ? AND COALESCE(trim(title), '') = ''",
        [article_id],
    )
    geo.locate_places(db, article_id)
