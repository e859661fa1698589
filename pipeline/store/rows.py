"""One row written as `sqlite_utils`' `Table.insert` and `Table.update` write it, without the
queries they make first to learn the table (`PRAGMA table_info`, a `SELECT` of the row): the
tables exist (the migrations made them), and the store writes a few such rows an article.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlite_utils
from sqlite_utils.db import NotFoundError, jsonify_if_needed

__all__ = ["insert_row", "update_row", "upsert_row"]


def insert_row(db: sqlite_utils.Database, table: str, row: Mapping[str, object], replace: bool = False) -> int:
    """Insert (or replace) one row; its rowid."""
    columns = ", ".join(f'"{c}"' for c in row)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    cursor = db.execute(
        f'{verb} INTO "{table}" ({columns}) VALUES ({", ".join("?" * len(row))})',
        [jsonify_if_needed(v) for v in row.values()],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def upsert_row(db: sqlite_utils.Database, table: str, row: Mapping[str, object], pk: str) -> None:
    """Insert one row, or set its columns where a row of that key is there (`Table.upsert`)."""
    columns = ", ".join(f'"{c}"' for c in row)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in row if c != pk)
    db.execute(
        f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" * len(row))}) '
        f'ON CONFLICT("{pk}") DO UPDATE SET {updates}',
        [jsonify_if_needed(v) for v in row.values()],
    )


def update_row(db: sqlite_utils.Database, table: str, row_id: int, values: Mapping[str, object]) -> None:
    """Set columns of the row with this `id`; NotFoundError when there is none."""
    if not values:
        return
    sets = ", ".join(f'"{c}" = ?' for c in values)
    params = [*(jsonify_if_needed(v) for v in values.values()), row_id]
    if db.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', params).rowcount != 1:
        raise NotFoundError(f"no row {row_id} in {table}")
