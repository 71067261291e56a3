"""Named write locks that serialise writers of one chain (the audit log, an office's
decisions) on every engine, held until the caller's transaction ends.

On PostgreSQL several clients write at once (read committed): two transactions appending to
a hash chain would both read the same last link and write two different successors. A
transaction that holds `hold_write_lock(session, name)` waits for every other transaction
holding the same name to end first (`server.take_advisory_lock`, pg_advisory_xact_lock), so
it reads the last link another client just committed. On SQLite nothing needs doing: every
writing session begins IMMEDIATE (`engine.sqlite_begin`), which already admits one writer
at a time to the whole file.

The lock is re-entrant within a transaction (taking it twice is harmless). Callers that
write rows before the chain's append take the lock before those writes too, so the lock is
always taken before any row lock of the transaction and two writers never wait for each
other in opposite orders.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from .server import take_advisory_lock

__all__ = ["hold_write_lock"]


def hold_write_lock(session: Session, name: str) -> None:
    """Wait for, then hold until `session`'s transaction ends, the write lock `name`
    (PostgreSQL: an advisory transaction lock; SQLite: nothing, writers are serialised)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        return
    take_advisory_lock(connection, name)
