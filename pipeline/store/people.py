"""People across articles, stored: one entity per person, however many of their surnames an article gives.

Which names are one person is decided in `pipeline/merge/people.py` (keys, blocks, the longest
name of a group); here the names meet the database:

* every person name an article gives is a row of `entity_aliases`, with its key. Names of one
  key form a block; whenever an article adds or drops a name of a block, the block is grouped
  again, so the result does not depend on the order articles came in and follows `reprocess`;
* a person's entity is named by its longest form; the others are its aliases;
* reviewers' decisions come first: a name a reviewer renamed, merged or marked wrong (by the
  name the entity had) goes where they said, and names a reviewer split off a person stay apart. When that name is the one a whole group is named
  by, the group follows; any other name is taken out of the grouping, so a name marked wrong
  ("Benito Juárez", the borough) never lends its mentions to a person named in full.

Only blocks an article touches are read, through the indexed key: the cost does not grow with
the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from ..merge.people import Split, display_name, name_key, plan
from . import decisions
from .rows import insert_row

PERSON = "person"

__all__ = ["PERSON", "People", "backfill"]


class People:
    """The person names of a database and the entity each belongs to, kept as articles come and go."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        # Migration 4 groups the people stored before it, when decisions cannot hold splits yet.
        self.splits_kept = any(c[1] == "kept" for c in db.execute("PRAGMA table_info(decisions)"))

    def place(self, names: set[str], dropped: set[str]) -> tuple[dict[str, int], set[int]]:
        """Entities for an article's person `names`, its former names `dropped` forgotten if no
        article gives them now. Returns the entity of each name, and the entities that lost
        mentions on the way (to be removed if nothing else names them)."""
        keys = self._forget(dropped) | self._register(names)
        moved: set[int] = set()
        for key in sorted(keys):
            moved |= self._regroup(key)
        for name in sorted(names):
            if name_key(name) is None:
                moved |= self._place_alone(name)
        rows = self._aliases("name IN (SELECT value FROM json_each(?))", [_json(names)])
        return {name: entity_id for name, entity_id, _ in rows}, moved

    def _register(self, names: set[str]) -> set[str]:
        """Add names not seen before (a known name's key is refreshed, should the given names
        in people.toml have changed); return their keys."""
        self.db.conn.executemany(
            "INSERT INTO entity_aliases (kind, name, name_key) VALUES (?, ?, ?) "
            "ON CONFLICT (kind, name) DO UPDATE SET name_key = excluded.name_key",
            [(PERSON, n, name_key(n)) for n in names],
        )
        return {k for k in map(name_key, names) if k}

    def _forget(self, names: set[str]) -> set[str]:
        """Drop the names no mention gives any more; return the keys of their blocks."""
        gone = [
            n
            for n in names
            if self.db.execute(
                "SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.local_name = ? AND e.kind = ? "
                "LIMIT 1",
                [n, PERSON],
            ).fetchone()
            is None
        ]
        self.db.conn.executemany("DELETE FROM entity_aliases WHERE kind = ? AND name = ?", [(PERSON, n) for n in gone])
        return {k for k in map(name_key, gone) if k}

    def _aliases(self, where: str, params: list) -> list[tuple[str, Any, str | None]]:
        """(name, entity id or None while ungrouped, key) of the aliases `where` selects."""
        return self.db.execute(
            f"SELECT name, entity_id, name_key FROM entity_aliases WHERE kind = '{PERSON}' AND {where}", params
        ).fetchall()

    def _regroup(self, key: str) -> set[int]:
        """Group the names of one block again and point names and mentions at their entities.
        A group whose names all point at an entity already named right costs no further query."""
        current = {name: entity_id for name, entity_id, _ in self._aliases("name_key = ?", [key])}
        decided = self._decided(list(current))
        named = self._names(set(current.values()) - {None})
        claimed: set[int] = set()
        moved: set[int] = set()
        for group in plan(current, set(decided), self._splits(list(current))):
            display = display_name(group)
            target = decisions.resolve_entity(self.db, PERSON, display)[1] if decided.get(display) else display
            ids = {current[n] for n in group}
            entity_id = ids.pop() if len(ids) == 1 else None
            if entity_id is None or named.get(entity_id) != target or entity_id in claimed:
                entity_id = self._entity(target, group, current, claimed)
                moved |= self._point(group, entity_id, current)
            claimed.add(entity_id)
        return moved

    def _names(self, ids: set[int]) -> dict[int, str]:
        """The names of these entities."""
        return dict(
            self.db.execute(
                "SELECT id, name FROM entities WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(ids))]
            ).fetchall()
        )

    def _place_alone(self, name: str) -> set[int]:
        """A name without a key (never merged): its entity by name, as reviewers decided."""
        target = decisions.resolve_entity(self.db, PERSON, name)[1]
        current = {n: e for n, e, _ in self._aliases("name = ?", [name])}
        return self._point([name], self._entity(target, [name], current, set()), current)

    def _decided(self, names: list[str]) -> dict[str, bool]:
        """The names a reviewer decided about, each with whether it was sent elsewhere (renamed or
        merged; else it was marked wrong, and not confirmed again since)."""
        out: dict[str, bool] = {}
        for name, action in self.db.execute(
            "SELECT name, action FROM decisions WHERE kind = ? AND name IN (SELECT value FROM json_each(?)) "
            "AND action IN ('entity_rename', 'entity_merge', 'entity_wrong', 'entity_confirm') "
            "AND (target IS NOT NULL OR action IN ('entity_wrong', 'entity_confirm')) ORDER BY id",
            [PERSON, _json(names)],
        ):
            if action in ("entity_rename", "entity_merge"):
                out[name] = True
            elif not out.get(name):
                out[name] = False
                if action == "entity_confirm":
                    del out[name]
        return out

    def _splits(self, names: list[str]) -> list[Split]:
        """Reviewers' splits of a person named by some of these names, oldest first."""
        if not self.splits_kept:
            return []
        rows = self.db.execute(
            "SELECT names, kept FROM decisions WHERE action = 'entity_split' AND kind = ? AND EXISTS "
            "(SELECT 1 FROM json_each(decisions.names) j WHERE j.value IN (SELECT value FROM json_each(?))) ORDER BY id",
            [PERSON, _json(names)],
        ).fetchall()
        return [Split(frozenset(json.loads(apart)), frozenset(json.loads(kept or "[]"))) for apart, kept in rows]

    def _entity(self, name: str, group: list[str], current: dict[str, int | None], claimed: set[int]) -> int:
        """The entity for a group named `name`: the entity of that name; for a reviewer's target
        outside the group, the entity that name is an alias of; else one of the group's own
        entities renamed (keeping its id); else a new one."""
        row = self.db.execute("SELECT id FROM entities WHERE kind = ? AND name = ?", [PERSON, name]).fetchone()
        if row is None and name not in group:
            row = self.db.execute(
                "SELECT entity_id FROM entity_aliases WHERE kind = ? AND name = ? AND entity_id IS NOT NULL",
                [PERSON, name],
            ).fetchone()
        if row:
            return int(row[0])
        status = decisions.entity_status(self.db, PERSON, name)
        own = {e for n in group if (e := current.get(n))}
        for entity_id in sorted(own - claimed):
            if self._adoptable(entity_id, group):
                self.db.execute(
                    "UPDATE entities SET name = ?, review_status = COALESCE(?, review_status) WHERE id = ?",
                    [name, status, entity_id],
                )
                return entity_id
        return insert_row(self.db, "entities", {"kind": PERSON, "name": name, "review_status": status})

    def _adoptable(self, entity_id: int, group: list[str]) -> bool:
        """An entity the machine may rename: unreviewed or confirmed (the person is real; the
        confirmation stays), and named by one of the group's names or by a name no article gives
        any more (the group's former longest form)."""
        row = self.db.execute("SELECT name, review_status FROM entities WHERE id = ?", [entity_id]).fetchone()
        if row is None or row[1] not in (None, "confirmed"):
            return False
        return (
            row[0] in group
            or self.db.execute("SELECT 1 FROM entity_aliases WHERE kind = ? AND name = ?", [PERSON, row[0]]).fetchone()
            is None
        )

    def _point(self, group: list[str], entity_id: int, current: dict[str, int | None]) -> set[int]:
        """Point the group's names, and the mentions giving them, at `entity_id`; return the
        entities they left."""
        left = set()
        for name in group:
            old = current.get(name)
            if old == entity_id:
                continue
            self.db.execute(
                "UPDATE entity_aliases SET entity_id = ? WHERE kind = ? AND name = ?", [entity_id, PERSON, name]
            )
            if old is not None:
                self.db.execute(
                    "UPDATE mentions SET entity_id = ? WHERE local_name = ? AND entity_id = ?", [entity_id, name, old]
                )
                left.add(old)
        return left


def backfill(db: sqlite_utils.Database) -> set[int]:
    """Give every person name its key and group every block (once, when the table is made);
    return the entities that lost their mentions."""
    rows = db.execute("SELECT name FROM entity_aliases WHERE kind = ?", [PERSON]).fetchall()
    db.conn.executemany(
        "UPDATE entity_aliases SET name_key = ? WHERE kind = ? AND name = ?",
        [(name_key(name), PERSON, name) for (name,) in rows],
    )
    people = People(db)
    keys = [
        r[0]
        for r in db.execute(
            "SELECT name_key FROM entity_aliases WHERE kind = ? AND name_key IS NOT NULL "
            "GROUP BY name_key HAVING count(*) > 1",
            [PERSON],
        )
    ]
    moved: set[int] = set()
    for key in keys:
        moved |= people._regroup(key)
    return moved


def _json(values: Iterable[str]) -> str:
    """A JSON list, for `IN (SELECT value FROM json_each(?))`: one parameter for any number of names."""
    return json.dumps(sorted(values), ensure_ascii=False)
