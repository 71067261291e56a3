"""Many rows inserted in one statement, their new ids handed back in the rows' order
(`inserted_ids`), and the Core table of a mapped row class (`table_of`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.orm import Session

from .orm import ReviewBase

__all__ = ["inserted_ids", "table_of"]


def table_of(row: type[ReviewBase]) -> Table:
    """The Core table of a mapped row class."""
    return row.metadata.tables[str(row.__tablename__)]


def inserted_ids(
    connection: Connection | Session,
    row: type[ReviewBase],
    rows: Sequence[Mapping[str, Any]],
    key: str,
) -> list[int]:
    """Insert `rows` into the table of `row` (one executemany statement) and return their
    ids in the rows' order. Each id comes back with the row's `key` column, distinct among `rows`,
    which says whose it is: asking SQLAlchemy for the rows in parameter order instead
    (`sort_by_parameter_order`) makes it insert one row per statement on SQLite."""
    keys = [str(row[key]) for row in rows]
    if len(set(keys)) < len(keys):
        raise ValueError(f"rows share a {key}: their ids could not be told apart")
    table = table_of(row)
    statement = insert(table).returning(table.c.id, table.c[key])
    id_of = {str(value): int(new_id) for new_id, value in connection.execute(statement, rows)}
    return [id_of[value] for value in keys]
