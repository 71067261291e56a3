"""Copy every row of one database into another of the same schema, whatever the engines.

Used to move an office between its SQLite file and a PostgreSQL server (either way) and by
the tests that check the schema revisions on both engines. Tables are read through
reflection, so the copy follows the schema the databases actually have (any revision, not
only the head), in dependency order (parents first; rows of a table in primary-key order,
so a row referring to an earlier row of its own table finds it). Values pass through
SQLAlchemy's types: SQLite's 0/1 become booleans, its date strings dates, and back. The
target must be empty; afterwards PostgreSQL's id sequences continue after the copied ids.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from contextlib import nullcontext
from dataclasses import dataclass

from sqlalchemy import Engine, MetaData, Table, func, select, text
from sqlalchemy.engine import Connection

__all__ = ["BATCH_ROWS", "TransferReport", "copy_rows", "read_table_counts", "read_tables"]

BATCH_ROWS = 500
SKIPPED_TABLES = frozenset({"alembic_version"})


@dataclass(frozen=True, slots=True)
class TransferReport:
    rows: dict[str, int]  # table → rows copied

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _reflect(connection: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(connection)
    return metadata


def _tables(metadata: MetaData) -> list[Table]:
    return [table for table in metadata.sorted_tables if table.name not in SKIPPED_TABLES]


def copy_rows(
    source: Engine | Connection,
    target: Connection,
    *,
    progress: Callable[[str, int], None] | None = None,
    skip: Collection[str] = (),
) -> TransferReport:
    """Copy every row of `source` into `target` (a connection inside the caller's
    transaction, whose tables exist and are empty); `progress(table, rows_so_far)` is
    called after each batch (it may raise to stop the copy). A source connection is read
    as it is (inside its own transaction, one snapshot of every table); an engine is read
    through a connection of its own. The tables named in `skip` are left out. Raises
    ValueError when a table of the source is missing in the target or the target already
    holds rows."""
    copied: dict[str, int] = {}
    target_tables = {table.name: table for table in _tables(_reflect(target))}
    opened = source.connect() if isinstance(source, Engine) else nullcontext(source)
    with opened as reading:
        for table in _tables(_reflect(reading)):
            if table.name in skip:
                continue
            into = target_tables.get(table.name)
            if into is None:
                raise ValueError(f"table {table.name} is missing in the target database")
            if target.execute(select(func.count()).select_from(into)).scalar_one():
                raise ValueError(f"table {table.name} of the target database is not empty")
            columns = [column.name for column in table.columns if column.name in into.columns]
            order = list(table.primary_key.columns) or list(table.columns)
            result = reading.execution_options(yield_per=BATCH_ROWS).execute(
                select(*(table.c[name] for name in columns)).order_by(*order)
            )
            count = 0
            try:
                for batch in result.partitions(BATCH_ROWS):
                    target.execute(
                        into.insert(), [dict(zip(columns, row, strict=True)) for row in batch]
                    )
                    count += len(batch)
                    if progress is not None:
                        progress(table.name, count)
            finally:
                result.close()  # a server-side cursor, when the copy stops half-way
            copied[table.name] = count
    if target.dialect.name == "postgresql":
        _continue_sequences(target, target_tables.values())
    return TransferReport(copied)


def _continue_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """Set each serial id's sequence after the largest copied id (explicit ids do not
    advance it)."""
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1:
            continue
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": keys[0].name},
        ).scalar_one_or_none()
        if sequence is None:
            continue
        connection.execute(
            text(
                f"SELECT setval(:sequence, COALESCE((SELECT MAX({keys[0].name}) FROM "
                f"{table.name}), 0) + 1, false)"
            ),
            {"sequence": sequence},
        )


def read_tables(connection: Connection) -> dict[str, list[dict[str, object]]]:
    """Every row of every table (but Alembic's), in primary-key order, as column → value:
    what `copy_rows` copies, for comparing two databases of the same schema."""
    tables: dict[str, list[dict[str, object]]] = {}
    for table in _tables(_reflect(connection)):
        order = list(table.primary_key.columns) or list(table.columns)
        rows = connection.execute(select(table).order_by(*order)).mappings()
        tables[table.name] = [dict(row) for row in rows]
    return tables


def read_table_counts(connection: Connection) -> dict[str, int]:
    """Rows per table (but Alembic's): how a copy is checked against its source."""
    return {
        table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for table in _tables(_reflect(connection))
    }
