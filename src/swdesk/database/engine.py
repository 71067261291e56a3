"""SQLite engine and sessions of both stores (and the session handling a server database
shares with them, see `server`): PRAGMAs on every connection, one transaction per session.

Every connection runs in WAL mode with foreign keys on and synchronous=FULL. The sqlite3
driver's own transaction handling is replaced by an explicit BEGIN IMMEDIATE (the SQLAlchemy
recipe), so a session's reads and writes form one real transaction, DDL included, and it
takes the write lock at its start: a deferred transaction that read first could not take the
lock later once another connection had written in between ("database is locked" at once,
whatever the busy timeout), while BEGIN IMMEDIATE waits up to the busy timeout for the other
writer instead. `Database.read_session` begins a deferred transaction for work that only
reads (it never waits for a writer; WAL readers see the last commit). A failure SQLite
reports inside a session becomes the error the user can act on (`database_error`): a full
disk (or a full database) "disk_full", a file that cannot be written `DatabaseReadOnly`, a
damaged file `DatabaseCorrupt`; an I/O error is told apart by probing the folder (SQLite
says "disk I/O error" when a full disk stops it creating the `-shm` index). Statement
parameters (ID numbers, names) are never put into error messages, so a logged traceback
holds none.

What is SQLite's own (the PRAGMAs, how a transaction begins, its error codes) is kept in
small named functions, so another engine for a store means replacing those.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from swdesk.core.datafiles import ensure_writable_dir
from swdesk.domain.errors import UserFixableError

from .errors import DatabaseCorrupt, DatabaseLocked, DatabaseReadOnly, DatabaseUnreadable
from .server import server_error, server_location

BUSY_TIMEOUT_MS = 10_000  # how long a transaction waits for another connection's write
READ_ONLY_OPTION = "swdesk_read_only"  # execution option: begin a deferred transaction
LOW_SPACE_BYTES = 1 << 20  # below this, an I/O error of SQLite is taken for a full disk


def open_engine(db_path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on `db_path` whose every connection gets swdesk's PRAGMAs.

    `foreign_keys=False` is for migrations only (SQLite batch moves recreate tables, and
    dropping a parent table with foreign keys on would cascade into its children).
    """
    engine = create_engine(URL.create("sqlite", database=str(db_path)), hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        sqlite_pragmas(dbapi_connection, foreign_keys=foreign_keys)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        sqlite_begin(connection)

    return engine


def sqlite_pragmas(dbapi_connection: sqlite3.Connection, *, foreign_keys: bool) -> None:
    """swdesk's settings for a new SQLite connection: WAL, synchronous=FULL, secure delete,
    a busy timeout, foreign keys as asked; the driver's own transactions off (see
    `sqlite_begin`)."""
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
    with closing(dbapi_connection.cursor()) as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA secure_delete = ON")  # no cleartext left in free pages
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")


def sqlite_begin(connection: Connection) -> None:
    """Begin a transaction: IMMEDIATE (takes the write lock) unless the connection is a
    read session's (`READ_ONLY_OPTION`), which begins deferred."""
    deferred = connection.get_execution_options().get(READ_ONLY_OPTION, False)
    connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


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
    code: int | None = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) == sqlite3.SQLITE_FULL
    return "database or disk is full" in str(exc)


def _primary_code(exc: BaseException | None) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def database_error(exc: BaseException | None, db_path: Path) -> UserFixableError | None:
    """What a sqlite3 error met on `db_path` means for the user, or None when it is not
    something the user can act on (a bug). Tells apart a lock, a full disk, a file or folder
    that cannot be written, a file that cannot be read, and a damaged file."""
    if exc is None or not isinstance(exc, sqlite3.Error):
        return None
    code = _primary_code(exc)
    if is_locked_error(exc):
        return DatabaseLocked(db_path)
    if is_disk_full_error(exc):
        return UserFixableError("disk_full", path=str(db_path))
    if code == sqlite3.SQLITE_READONLY or "readonly database" in str(exc):
        return DatabaseReadOnly(db_path)
    if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) or (
        code is None and ("disk I/O error" in str(exc) or "unable to open" in str(exc))
    ):
        return _diagnose_io(db_path)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or (
        code is None and ("malformed" in str(exc) or "not a database" in str(exc))
    ):
        return DatabaseCorrupt(db_path, reason="unreadable")
    return None


def _diagnose_io(db_path: Path) -> UserFixableError:
    """SQLite only says "disk I/O error" or "unable to open": look at the disk and files."""
    folder = db_path.parent
    try:
        if shutil.disk_usage(folder).free < LOW_SPACE_BYTES:
            return UserFixableError("disk_full", path=str(db_path))
    except OSError:
        pass
    if db_path.exists() and not os.access(db_path, os.R_OK):
        return DatabaseUnreadable(db_path)
    try:
        ensure_writable_dir(folder)
    except UserFixableError as failure:
        if failure.code == "disk_full":
            return UserFixableError("disk_full", path=str(db_path))
        return DatabaseReadOnly(db_path)
    if db_path.exists() and not os.access(db_path, os.W_OK):
        return DatabaseReadOnly(db_path)
    return DatabaseUnreadable(db_path)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (callers get domain objects anyway)."""
    return sessionmaker(engine, expire_on_commit=False)


class Database:
    """The engine and session factory of one database: a SQLite file, or (the reviewer's
    office) a PostgreSQL database on a server (`server.open_server_engine`; `location`
    names it in messages). A store that needs more in its sessions (the practitioner's
    keyring) subclasses it and fills `session_info`."""

    def __init__(
        self, engine: Engine, path: Path | None = None, *, location: str | None = None
    ) -> None:
        self.engine = engine
        self._path = path
        self._location = location
        self._sessions = session_factory(engine)
        self._read_sessions = session_factory(engine.execution_options(**{READ_ONLY_OPTION: True}))

    @classmethod
    def open(cls, db_path: Path) -> Self:
        """Open an already prepared (migrated) database (see `migrating`)."""
        return cls(open_engine(db_path))

    def session_info(self) -> dict[str, object]:
        """What every session of this database carries in `session.info` (nothing here)."""
        return {}

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back whole if it raises.
        It begins IMMEDIATE (takes the write lock, waiting up to the busy timeout for
        another writer), so reading first and writing later never fails on a lock.

        A full disk, while writing or committing, raises UserFixableError "disk_full"
        (param path: the database file) after the rollback; a read-only or damaged file
        `DatabaseReadOnly` / `DatabaseCorrupt` (see `database_error`).
        """
        with self._mapped_errors(self._sessions) as session:
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A transaction for work that only reads: deferred, so it neither takes nor waits
        for the write lock. Writing in it may fail on a lock: use `session` to write."""
        with self._mapped_errors(self._read_sessions) as session:
            yield session

    @contextmanager
    def _mapped_errors(self, sessions: sessionmaker[Session]) -> Iterator[Session]:
        try:
            with sessions.begin() as session:
                session.info.update(self.session_info())
                yield session
        except DBAPIError as exc:
            mapped = (
                database_error(exc.orig, self.path)
                if self.is_sqlite
                else server_error(exc.orig, self.location)
            )
            if mapped is not None and not isinstance(mapped, DatabaseLocked):
                raise mapped from exc
            raise

    @property
    def is_sqlite(self) -> bool:
        """Whether this is an embedded SQLite file (else a server database)."""
        return self.engine.dialect.name == "sqlite"

    @property
    def location(self) -> str:
        """What messages name: the file, or a server database's host:port/name."""
        if self._location is not None:
            return self._location
        return str(self.path) if self.is_sqlite else server_location(self.engine.url)

    @property
    def path(self) -> Path:
        """The database file (what errors name)."""
        return self._path or Path(self.engine.url.database or "")

    def compact(self) -> None:
        """Rewrite the file without free pages and empty the WAL, so that values just
        replaced (e.g. an ID number now sealed) are gone from the disk's copy. A server
        database reclaims space itself (autovacuum): nothing to do."""
        if not self.is_sqlite:
            return
        with self.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("VACUUM")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        """Close pooled connections (the last one checkpoints the WAL)."""
        self.engine.dispose()

    close = dispose

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.dispose()
