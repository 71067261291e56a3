"""SQLite engine and sessions: PRAGMAs on every connection, one transaction per session.

Every connection runs in WAL mode with foreign keys on and synchronous=FULL. The sqlite3
driver's own transaction handling is replaced by an explicit BEGIN (the SQLAlchemy recipe),
so a session's reads and writes form one real transaction, DDL included. A full disk (or a
full database) inside a session becomes UserFixableError "disk_full"; statement parameters
(ID numbers, names) are never put into error messages, so a logged traceback holds none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from swdesk.domain.errors import UserFixableError

from .sealing import Keyring

BUSY_TIMEOUT_MS = 5000


def open_engine(db_path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on `db_path` whose every connection gets swdesk's PRAGMAs.

    `foreign_keys=False` is for migrations only (SQLite batch moves recreate tables, and
    dropping a parent table with foreign keys on would cascade into its children).
    """
    engine = create_engine(URL.create("sqlite", database=str(db_path)), hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see below
        with closing(dbapi_connection.cursor()) as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA secure_delete = ON")  # no cleartext left in free pages
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def connect_read_only(db_path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection that cannot write the file (not even its journal mode).

    With a WAL database, SQLite may still create empty -wal/-shm side files.
    """
    uri = db_path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def quick_check(db_path: Path) -> bool:
    """True when SQLite's `PRAGMA quick_check` finds nothing wrong with the file.

    A file that is not a database at all counts as failing; a lock raises
    `sqlite3.OperationalError` (the caller decides what a lock means).
    """
    try:
        with closing(connect_read_only(db_path)) as connection:
            rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_locked_error(exc):
            raise
        return False
    return rows == [("ok",)]


def is_locked_error(exc: BaseException | None) -> bool:
    """Whether a sqlite3 error means "busy or locked by someone else"."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def is_disk_full_error(exc: BaseException | None) -> bool:
    """Whether a sqlite3 error means "database or disk is full" (SQLITE_FULL)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) == sqlite3.SQLITE_FULL
    return "database or disk is full" in str(exc)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (callers get domain objects anyway)."""
    return sessionmaker(engine, expire_on_commit=False)


class Database:
    """The engine and session factory of one database file, and the keyring of the
    protected profiles unlocked in this process (repositories find it in `session.info`)."""

    def __init__(self, engine: Engine, keyring: Keyring | None = None) -> None:
        self.engine = engine
        self.keyring = keyring if keyring is not None else Keyring()
        self._sessions = session_factory(engine)

    @classmethod
    def open(cls, db_path: Path) -> Database:
        """Open an already prepared (migrated) database; see `migrate.prepare_database`."""
        return cls(open_engine(db_path))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back whole if it raises.

        A full disk, while writing or committing, raises UserFixableError "disk_full"
        (param path: the database file) after the rollback.
        """
        try:
            with self._sessions.begin() as session:
                session.info["keyring"] = self.keyring
                yield session
        except DBAPIError as exc:
            if is_disk_full_error(exc.orig):
                raise UserFixableError("disk_full", path=str(self.engine.url.database)) from exc
            raise

    def compact(self) -> None:
        """Rewrite the file without free pages and empty the WAL, so that values just
        replaced (e.g. an ID number now sealed) are gone from the disk's copy."""
        with self.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("VACUUM")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        """Close pooled connections (the last one checkpoints the WAL)."""
        self.engine.dispose()

    close = dispose

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.dispose()
