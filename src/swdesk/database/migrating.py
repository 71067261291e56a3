"""The migration policy both stores follow, and the helpers that carry it out.

A database file is first inspected through a read-only connection (`inspect_database`): a
database written by a newer swdesk, a corrupt file or a foreign one is refused before
anything is written (`refuse_unknown`). When an upgrade is due, the file is first copied
with SQLite's online backup API (`backup_database`), then upgraded in one transaction
(`upgrade_to_head`). What SQLite reports while looking is told apart
(`engine.database_error`): a full disk, a file that cannot be read or written, and a damaged
file are different errors. Each store keeps its own scripts and head revision
(`swdesk.storage.migrate`, `swdesk.reviewstore.migrate`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from swdesk.core.datafiles import replace_durably
from swdesk.domain.errors import UserFixableError

from .engine import connect_read_only, database_error, is_locked_error, open_engine
from .errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, DatabaseUnreadable
from .server import ServerState

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
VERSION_TABLE = "alembic_version"


@dataclass(frozen=True, slots=True)
class MigrationResult:
    path: Path | str  # the database file, or a server database's host:port/name
    from_revision: str | None  # None: a new (or empty) database
    to_revision: str
    backup: Path | None = None  # the copy taken before upgrading, if there was anything to copy

    @property
    def upgraded(self) -> bool:
        return self.from_revision != self.to_revision


@dataclass(frozen=True, slots=True)
class DatabaseState:
    """What a read-only look at a database file found."""

    revisions: tuple[str, ...]  # rows of alembic_version; () for a new file
    has_tables: bool  # any table besides alembic_version
    has_rows: bool = False  # a row in the table `inspect_database` was asked about
    exists: bool = True  # False: no file, or a file of zero bytes


def inspect_database(db_path: Path, *, rows_table: str | None = None) -> DatabaseState:
    """Read the revision and integrity of `db_path` without writing to it; `rows_table`:
    a table whose having rows is reported as `has_rows` (e.g. the practitioners')."""
    try:
        if not db_path.exists() or db_path.stat().st_size == 0:
            return DatabaseState(revisions=(), has_tables=False, exists=False)
        with db_path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseUnreadable(db_path) from exc
    if header != SQLITE_HEADER:
        raise DatabaseCorrupt(db_path, reason="not_sqlite")
    try:
        with closing(connect_read_only(db_path)) as connection:
            if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise DatabaseCorrupt(db_path, reason="quick_check")
            tables = {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                )
            }
            revisions: tuple[str, ...] = ()
            if VERSION_TABLE in tables:
                rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
                revisions = tuple(sorted(str(row[0]) for row in rows))
            has_rows = (
                rows_table is not None
                and rows_table in tables
                and connection.execute(f"SELECT EXISTS (SELECT 1 FROM {rows_table})").fetchone()[0]
                == 1
            )
    except sqlite3.DatabaseError as exc:
        if is_locked_error(exc):
            raise DatabaseLocked(db_path) from exc
        mapped = database_error(exc, db_path)
        if mapped is not None and not isinstance(mapped, DatabaseCorrupt):
            raise mapped from exc
        raise DatabaseCorrupt(db_path, reason="unreadable") from exc
    return DatabaseState(
        revisions=revisions, has_tables=bool(tables - {VERSION_TABLE}), has_rows=has_rows
    )


def refuse_unknown(
    db_path: Path | str, state: DatabaseState | ServerState, knows: Callable[[str], bool]
) -> None:
    """Refuse, before anything is written, a database this swdesk must not upgrade: one at
    a revision its scripts do not know (`DatabaseTooNew`: written by a newer swdesk) or one
    with tables but no revision (`DatabaseCorrupt` "not_swdesk": someone else's file)."""
    for revision in state.revisions:
        if not knows(revision):
            raise DatabaseTooNew(db_path, revision)
    if not state.revisions and state.has_tables:
        raise DatabaseCorrupt(db_path, reason="not_swdesk")


def backup_database(db_path: Path, backups_dir: Path, label: str) -> Path:
    """Copy a live database into `backups_dir` as swdesk-before-<label>-<stamp>.sqlite.

    Uses SQLite's online backup API (consistent even with a WAL), writes a `.partial` file
    first and renames it, so a backup that exists is complete.
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"swdesk-before-{label}-{stamp}.sqlite"
    counter = 1
    while target.exists():
        target = backups_dir / f"swdesk-before-{label}-{stamp}-{counter}.sqlite"
        counter += 1
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            closing(connect_read_only(db_path)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        replace_durably(partial, target)
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        if is_locked_error(exc):
            raise DatabaseLocked(db_path) from exc
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            raise UserFixableError("disk_full", path=str(backups_dir)) from exc
        raise
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def alembic_config(location: Path, connection: Connection | None = None) -> Config:
    """An Alembic config built in code (no alembic.ini) for the scripts at `location`;
    `connection` is handed to the scripts' env.py."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(location).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(db_path: Path, location: Path, *, compact: bool) -> None:
    """Upgrade to head in one transaction, foreign keys off meanwhile and checked after;
    `compact`: then drop the free pages that tables rebuilt by batch moves leave."""
    from alembic import command
    from sqlalchemy.exc import OperationalError

    db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = open_engine(db_path, foreign_keys=False)
    try:
        with engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(location, connection), "head")
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"migration left foreign key violations: {problems[:5]}")
        if compact:
            _vacuum(engine, db_path)
    except OperationalError as exc:
        if is_locked_error(exc.orig):
            raise DatabaseLocked(db_path) from exc
        mapped = database_error(exc.orig, db_path)
        if mapped is not None:
            raise mapped from exc
        raise
    finally:
        engine.dispose()


def _vacuum(engine: Engine, db_path: Path) -> None:
    """Drop the free pages. The upgrade is already committed, so a disk without room for
    the copy VACUUM writes only means the file stays larger: that is logged and the upgraded
    database used as it is. Any other failure SQLite reports is the user's error for the
    file (`database_error`)."""
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        try:
            driver.execute("VACUUM")
        except sqlite3.DatabaseError as exc:
            mapped = database_error(exc, db_path)
            if mapped is not None and mapped.code == "disk_full":
                log.warning(
                    "no room to compact the database after the upgrade; it keeps its free pages"
                )
                return
            if is_locked_error(exc):
                raise DatabaseLocked(db_path) from exc
            if mapped is not None:
                raise mapped from exc
            raise
