"""Reviewers' decisions: recorded once, applied at once, and honoured by every later run.

A reviewer decides in Datasette (writable canned queries, `pipeline/review/`): each decision is
one row of `decisions` (who, when, what). Two things apply it:

* the database, at once: the triggers below update `entities`, `mentions` and `events` as the
  row is inserted, so the reviewer sees the effect on the next page;
* the load stage, ever after: `Store.save` asks `resolve_entity` where a name now goes and
  `entity_status` what a re-created entity is, and `events.attach` never touches an event's
  review columns. Nothing a reviewer decided is overwritten or duplicated by an ingest or a
  reprocess.

Decisions about entities are kept by kind and name (as well as id), so they survive an entity
being dropped and re-created; decisions about events by id (reviewed events are never dropped).
A person's entity stands for all the names it was merged from (`people.py`): a decision about it
is made under its name, and the names it holds (`entity_aliases`) follow a merge at once.

    entity_confirm  the entity is right                  entities.review_status = confirmed
    entity_wrong    not an entity, or the wrong kind     entities.review_status = wrong (hidden from export)
    entity_rename   its canonical name is `target`       renamed in place, or merged into the entity of that name
    entity_merge    it is the entity `target_id`         mentions moved; review_status = merged, merged_into
    entity_split    its `names` are another person       a new person takes those names and their mentions
    event_confirm   the event is right                   events.review_status = confirmed
    event_wrong     not an event                         events.review_status = wrong (hidden from export)

A merged entity is only a pointer to the entity it became, so no decision is taken about it any
more, and nothing is merged (or renamed) into it (`MERGE_CHECKS`): merging A into B and then B
into A would leave both merged, and both people would vanish from the review and the export. The
database refuses such a decision, so a reviewer in Datasette reads why.
"""

from __future__ import annotations

import json

import sqlite_utils

__all__ = [
    "ACTIONS",
    "ALIAS_TRIGGERS",
    "MERGE_CHECKS",
    "SPLITS",
    "TRIGGERS",
    "entity_status",
    "record",
    "resolve_entity",
]

ACTIONS = (
    "entity_confirm",
    "entity_wrong",
    "entity_rename",
    "entity_merge",
    "entity_split",
    "event_confirm",
    "event_wrong",
)
MAX_HOPS = 20  # rename/merge chains are short; this only stops a cycle

# Part of migration 1 (pipeline/store/schema.py). Once released, change it with a new migration.
TRIGGERS = """
CREATE TRIGGER decisions_check BEFORE INSERT ON decisions
BEGIN
    SELECT RAISE(ABORT, 'no such entity')
        WHERE substr(NEW.action, 1, 7) = 'entity_'
          AND NOT EXISTS (SELECT 1 FROM entities WHERE id = CAST(NEW.entity_id AS INTEGER));
    SELECT RAISE(ABORT, 'no such event')
        WHERE substr(NEW.action, 1, 6) = 'event_'
          AND NOT EXISTS (SELECT 1 FROM events WHERE id = CAST(NEW.event_id AS INTEGER));
    SELECT RAISE(ABORT, 'a rename needs the new name')
        WHERE NEW.action = 'entity_rename' AND trim(COALESCE(NEW.target, '')) = '';
    SELECT RAISE(ABORT, 'merge into another existing entity of the same kind')
        WHERE NEW.action = 'entity_merge' AND NOT EXISTS (
            SELECT 1 FROM entities t JOIN entities s ON s.id = CAST(NEW.entity_id AS INTEGER)
            WHERE t.id = CAST(NEW.target_id AS INTEGER) AND t.kind = s.kind AND t.id != s.id);
END;

CREATE TRIGGER decisions_apply AFTER INSERT ON decisions
BEGIN
    -- What was decided about, by name as well as id; a rename onto a taken name is a merge.
    UPDATE decisions SET
        entity_id = CAST(NEW.entity_id AS INTEGER),
        event_id = CAST(NEW.event_id AS INTEGER),
        kind = (SELECT kind FROM entities WHERE id = CAST(NEW.entity_id AS INTEGER)),
        name = (SELECT name FROM entities WHERE id = CAST(NEW.entity_id AS INTEGER)),
        target_id = CASE NEW.action
            WHEN 'entity_merge' THEN CAST(NEW.target_id AS INTEGER)
            WHEN 'entity_rename' THEN (
                SELECT t.id FROM entities t JOIN entities s ON s.id = CAST(NEW.entity_id AS INTEGER)
                WHERE t.kind = s.kind AND t.name = trim(NEW.target) AND t.id != s.id)
        END,
        target = CASE NEW.action
            WHEN 'entity_merge' THEN (SELECT name FROM entities WHERE id = CAST(NEW.target_id AS INTEGER))
            ELSE trim(NEW.target)
        END,
        event_label = (SELECT label FROM events WHERE id = CAST(NEW.event_id AS INTEGER))
    WHERE id = NEW.id;

    -- Merges (and renames onto an existing name): mentions move, the entity stays as a pointer.
    UPDATE mentions SET entity_id = (SELECT target_id FROM decisions WHERE id = NEW.id)
    WHERE entity_id = CAST(NEW.entity_id AS INTEGER)
      AND (SELECT target_id FROM decisions WHERE id = NEW.id) IS NOT NULL;
    UPDATE entities SET merged_into = (SELECT target_id FROM decisions WHERE id = NEW.id)
    WHERE merged_into = CAST(NEW.entity_id AS INTEGER)
      AND (SELECT target_id FROM decisions WHERE id = NEW.id) IS NOT NULL;
    UPDATE entities SET review_status = 'merged', reviewed_by = NEW.actor, reviewed_at = NEW.decided_at,
        merged_into = (SELECT target_id FROM decisions WHERE id = NEW.id)
    WHERE id = CAST(NEW.entity_id AS INTEGER)
      AND (SELECT target_id FROM decisions WHERE id = NEW.id) IS NOT NULL;

    -- A rename onto a free name: renamed in place, and so confirmed.
    UPDATE entities SET name = trim(NEW.target), review_status = 'confirmed',
        reviewed_by = NEW.actor, reviewed_at = NEW.decided_at
    WHERE id = CAST(NEW.entity_id AS INTEGER) AND NEW.action = 'entity_rename'
      AND (SELECT target_id FROM decisions WHERE id = NEW.id) IS NULL;

    UPDATE entities SET review_status = CASE NEW.action WHEN 'entity_confirm' THEN 'confirmed' ELSE 'wrong' END,
        reviewed_by = NEW.actor, reviewed_at = NEW.decided_at
    WHERE id = CAST(NEW.entity_id AS INTEGER) AND NEW.action IN ('entity_confirm', 'entity_wrong');

    UPDATE events SET review_status = CASE NEW.action WHEN 'event_confirm' THEN 'confirmed' ELSE 'wrong' END,
        reviewed_by = NEW.actor, reviewed_at = NEW.decided_at
    WHERE id = CAST(NEW.event_id AS INTEGER) AND NEW.action IN ('event_confirm', 'event_wrong');
END;
"""

# Part of migration 4: a merge (or a rename onto a taken name) takes the entity's aliases along
# with its mentions, once decisions_apply has worked out the target.
ALIAS_TRIGGERS = """
CREATE TRIGGER decisions_move_aliases AFTER UPDATE OF target_id ON decisions
WHEN NEW.target_id IS NOT NULL AND NEW.action IN ('entity_merge', 'entity_rename')
BEGIN
    UPDATE entity_aliases SET entity_id = NEW.target_id WHERE entity_id = NEW.entity_id;
END;
"""

# Part of migration 5: nothing is decided about a merged entity, nor merged into one. Databases
# in which a merge cycle was already decided get the entity it ended in back (merged into itself).
MERGE_CHECKS = """
CREATE TRIGGER decisions_check_merged BEFORE INSERT ON decisions
WHEN substr(NEW.action, 1, 7) = 'entity_'
BEGIN
    SELECT RAISE(ABORT, 'refused: this entity was merged into another (see its merged_into); decide about that one')
        WHERE (SELECT review_status FROM entities WHERE id = CAST(NEW.entity_id AS INTEGER)) = 'merged';
    SELECT RAISE(ABORT, 'refused: the entity to merge into was itself merged into another (see its merged_into); merging into it would hide both')
        WHERE NEW.action = 'entity_merge'
          AND (SELECT review_status FROM entities WHERE id = CAST(NEW.target_id AS INTEGER)) = 'merged';
    SELECT RAISE(ABORT, 'refused: an entity of that name was merged into another (see its merged_into); merge into that one instead')
        WHERE NEW.action = 'entity_rename' AND EXISTS (
            SELECT 1 FROM entities t JOIN entities s ON s.id = CAST(NEW.entity_id AS INTEGER)
            WHERE t.kind = s.kind AND t.name = trim(NEW.target) AND t.id != s.id AND t.review_status = 'merged');
END;

UPDATE entities SET review_status = NULL, merged_into = NULL, reviewed_by = NULL, reviewed_at = NULL
WHERE review_status = 'merged' AND merged_into = id;
"""


# Part of migration 7: a person the machine merged wrongly is split by naming the names that are
# someone else (`names`, a JSON list; `kept`: the names left, as they were). The table is made
# anew to admit the action, with the triggers above; then the split's own check and effect. The
# new person is named by the longest of its names; the machine's grouping keeps the two sides
# apart on every later save (`merge.people.Split`).
_SPLIT_NEW = "(SELECT value FROM json_each(NEW.names) ORDER BY length(value) DESC, value DESC LIMIT 1)"
SPLITS = (
    """
CREATE TABLE decisions_new (
    id INTEGER PRIMARY KEY,
    decided_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    actor TEXT NOT NULL CHECK (actor != ''),
    action TEXT NOT NULL CHECK (action IN ('entity_confirm', 'entity_wrong', 'entity_rename', 'entity_merge',
                                           'entity_split', 'event_confirm', 'event_wrong')),
    entity_id INTEGER,
    kind TEXT,
    name TEXT,
    target TEXT,                                  -- entity_split: the new person's name
    target_id INTEGER,
    event_id INTEGER,
    event_label TEXT,
    note TEXT,
    names TEXT,                                   -- entity_split: JSON list of the names split off
    kept TEXT                                     -- entity_split: JSON list of the names the entity kept
);
INSERT INTO decisions_new (id, decided_at, actor, action, entity_id, kind, name, target, target_id, event_id,
                           event_label, note)
    SELECT id, decided_at, actor, action, entity_id, kind, name, target, target_id, event_id, event_label, note
    FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_new RENAME TO decisions;
CREATE INDEX idx_decisions_entity ON decisions(kind, name);
CREATE INDEX idx_decisions_event ON decisions(event_id);
CREATE INDEX idx_decisions_action ON decisions(action);
"""
    + TRIGGERS
    + ALIAS_TRIGGERS
    + MERGE_CHECKS
    + f"""
CREATE TRIGGER decisions_check_split BEFORE INSERT ON decisions
WHEN NEW.action = 'entity_split'
BEGIN
    SELECT RAISE(ABORT, 'refused: only a person can be split')
        WHERE (SELECT kind FROM entities WHERE id = CAST(NEW.entity_id AS INTEGER)) != 'person';
    SELECT RAISE(ABORT, 'refused: choose at least one of the names to split off')
        WHERE NOT json_valid(COALESCE(NEW.names, '')) OR json_type(NEW.names) != 'array'
           OR json_array_length(NEW.names) = 0;
    SELECT RAISE(ABORT, 'refused: every name to split off must be one of the names of this person')
        WHERE EXISTS (SELECT 1 FROM json_each(NEW.names) j WHERE NOT EXISTS (
            SELECT 1 FROM entity_aliases a WHERE a.kind = 'person' AND a.name = j.value
              AND a.entity_id = CAST(NEW.entity_id AS INTEGER)));
    SELECT RAISE(ABORT, 'refused: the person keeps its own name; choose the other names (or rename it first)')
        WHERE (SELECT name FROM entities WHERE id = CAST(NEW.entity_id AS INTEGER))
              IN (SELECT value FROM json_each(NEW.names));
    SELECT RAISE(ABORT, 'refused: at least one name must stay with the person')
        WHERE NOT EXISTS (SELECT 1 FROM entity_aliases a WHERE a.kind = 'person'
            AND a.entity_id = CAST(NEW.entity_id AS INTEGER) AND a.name NOT IN (SELECT value FROM json_each(NEW.names)));
    SELECT RAISE(ABORT, 'refused: a reviewer merged or renamed one of these names; undo that with a rename or merge')
        WHERE EXISTS (SELECT 1 FROM decisions d WHERE d.kind = 'person' AND d.action IN ('entity_rename', 'entity_merge')
            AND d.name IN (SELECT value FROM json_each(NEW.names)));
    SELECT RAISE(ABORT, 'refused: an entity already has the name the split-off person would take; merge into it instead')
        WHERE EXISTS (SELECT 1 FROM entities WHERE kind = 'person' AND name = {_SPLIT_NEW});
END;

-- Fired by decisions_apply's own update (it always sets `name`), so nothing it writes is overwritten;
-- target_id stays NULL, or decisions_apply would take the split for a merge.
CREATE TRIGGER decisions_apply_split AFTER UPDATE OF name ON decisions
WHEN NEW.action = 'entity_split' AND NEW.target IS NULL
BEGIN
    INSERT INTO entities (kind, name) VALUES ('person', {_SPLIT_NEW});
    UPDATE decisions SET
        target = {_SPLIT_NEW},
        kept = (SELECT json_group_array(name) FROM (
            SELECT name FROM entity_aliases WHERE kind = 'person' AND entity_id = NEW.entity_id
              AND name NOT IN (SELECT value FROM json_each(NEW.names)) ORDER BY name))
    WHERE id = NEW.id;
    UPDATE entity_aliases SET entity_id = (SELECT id FROM entities WHERE kind = 'person' AND name = {_SPLIT_NEW})
    WHERE kind = 'person' AND entity_id = NEW.entity_id AND name IN (SELECT value FROM json_each(NEW.names));
    UPDATE mentions SET entity_id = (SELECT id FROM entities WHERE kind = 'person' AND name = {_SPLIT_NEW})
    WHERE entity_id = NEW.entity_id AND local_name IN (SELECT value FROM json_each(NEW.names));
END;
"""
)


def resolve_entity(db: sqlite_utils.Database, kind: str, name: str) -> tuple[str, str]:
    """Where mentions named `name` go now: follows renames and merges, latest decision first.

    A cycle (A merged into B, then B into A: decided before MERGE_CHECKS refused it) ends where
    its latest decision went, as the entities' rows do.
    """
    names: list[str] = [name]  # in the order followed
    hops: list[tuple[int, str]] = []  # (decision id, target) of each hop
    while len(hops) < MAX_HOPS:
        row = db.execute(
            "SELECT id, target FROM decisions WHERE kind = ? AND name = ? "
            "AND action IN ('entity_rename', 'entity_merge') AND target IS NOT NULL ORDER BY id DESC LIMIT 1",
            [kind, name],
        ).fetchone()
        if row is None:
            break
        hops.append((row[0], row[1]))
        name = row[1]
        if name in names:
            return kind, max(hops[names.index(name) :])[1]
        names.append(name)
    return kind, name


def entity_status(db: sqlite_utils.Database, kind: str, name: str) -> str | None:
    """The review status a (re-)created entity of this kind and name starts with."""
    row = db.execute(
        "SELECT action FROM decisions WHERE kind = ? AND name = ? "
        "AND action IN ('entity_confirm', 'entity_wrong') ORDER BY id DESC LIMIT 1",
        [kind, name],
    ).fetchone()
    return {"entity_confirm": "confirmed", "entity_wrong": "wrong"}.get(row[0]) if row else None


def record(
    db: sqlite_utils.Database,
    actor: str,
    action: str,
    *,
    entity_id: int | None = None,
    target: str | None = None,
    target_id: int | None = None,
    event_id: int | None = None,
    names: list[str] | None = None,
    note: str | None = None,
) -> int:
    """Record (and so apply) a decision from Python, as the Datasette canned queries do."""
    if action not in ACTIONS:
        raise ValueError(f"unknown decision {action!r}; one of {', '.join(ACTIONS)}")
    listed = json.dumps(names, ensure_ascii=False) if names is not None else None
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO decisions (actor, action, entity_id, target, target_id, event_id, names, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [actor, action, entity_id, target, target_id, event_id, listed, note],
        )
    return int(cursor.lastrowid or 0)
