"""Snapshots of a live database with SQLite's online backup API, checked before use, and the
small file helpers they share with the archive writer."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing, suppress
from pathlib import Path

from swdesk.core.datafiles import TEMP_PREFIX, TEMP_SUFFIX, replace_durably
from swdesk.database.engine import connect_read_only

from .format import (
    DATABASE_MEMBER,
    corrupt,
    sqlite_write_error,
    write_error,
)

# -- small file helpers --------------------------------------------------------------------


def fsync_path(path: Path) -> None:
    """Flush a closed file's bytes to the device (opened for writing: Windows needs it)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def drop_cached_pages(path: Path) -> None:
    """Ask the OS to forget its cached copy of `path` (Linux), so reading it back reads
    what reached the device. Best effort: elsewhere the check reads the cache."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def new_temp_path(folder: Path, *, file: str) -> Path:
    """Create an empty temporary file in `folder` (`.swdesk-*.tmp`) and return its path."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise write_error(exc, file=file, folder=folder) from exc
    os.close(fd)
    return Path(name)


def integrity_ok(db_path: Path) -> bool:
    """True when `PRAGMA integrity_check` finds nothing wrong (a non-database fails)."""
    try:
        with closing(connect_read_only(db_path)) as connection:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def schema_revision(db_path: Path) -> str:
    """The Alembic revision stored in a database file ("" when it has none)."""
    with closing(connect_read_only(db_path)) as connection:
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.OperationalError:
            return ""
    return ",".join(sorted(str(row[0]) for row in rows))


# -- database snapshots --------------------------------------------------------------------


def snapshot_database(source: Path, target: Path) -> None:
    """Copy the database `source` (in use or not) to `target` with SQLite's online backup API.

    The copy is one self-contained file (journal mode DELETE), written under a temporary name
    in `target`'s folder, fsynced, checked with `PRAGMA integrity_check` and renamed. Raises
    `UserFixableError` "disk_full" / "not_writable" (nothing left behind), "backup_corrupt"
    when the copy fails its check (the source is damaged), or `DatabaseLocked`.
    """
    folder = target.parent
    temp = new_temp_path(folder, file=target.name)
    try:
        _online_copy(source, temp, file=target.name)
        if not integrity_ok(temp):
            raise corrupt(target.name, member=DATABASE_MEMBER)
        replace_durably(temp, target)
    except OSError as exc:
        raise write_error(exc, file=target.name, folder=folder) from exc
    finally:
        temp.unlink(missing_ok=True)


def _online_copy(source: Path, dest: Path, *, file: str) -> None:
    """Online backup of `source` into the (new, empty) file `dest`, then fsync."""
    try:
        with (
            closing(connect_read_only(source)) as reader,
            closing(sqlite3.connect(dest)) as copy,
        ):
            reader.backup(copy)  # pages=-1: one step, one read transaction on the source
            copy.execute("PRAGMA journal_mode = DELETE")
        fsync_path(dest)
    except sqlite3.Error as exc:
        raise sqlite_write_error(exc, file=file, folder=dest.parent, source=source) from exc


def referenced_files(db_path: Path) -> tuple[set[str], set[str]]:
    """(evidence-store names, photo-store names) the database at `db_path` refers to.

    Read through a read-only connection, so `db_path` may be a snapshot at head revision.
    """
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from ..orm import PractitionerRow
    from ..references import names_in_use

    engine = create_engine("sqlite://", creator=lambda: connect_read_only(db_path))
    try:
        with Session(engine) as session:
            evidence = names_in_use(session)
            photos = set(session.scalars(select(PractitionerRow.photo_file).distinct()))
    finally:
        engine.dispose()
    return {n for n in evidence if n}, {n for n in photos if n}
