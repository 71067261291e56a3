"""What went wrong with the reviewer folder's disk or database, from the OS errno or the
SQLite result code, as the error a user can act on.

Every reviewer path (opening, setting up, importing, deleting) words a storage failure
through `storage_error`, so a full disk says "disk_full", a read-only disk or file says
"review_read_only", a damaged database says "review_database_damaged" and a lock says
"database_locked", wherever it happens: never a traceback, never "cannot read the bundle".
The OS errors are worded by `disk_faults`, which needs no database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from swdesk.domain.errors import UserFixableError

from .disk_faults import disk_error, where_params

__all__ = ["storage_error"]

_DAMAGED_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_LOCKED_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
# the storage layer's codes, said for the reviewer folder (which has no read-only mode and
# its own way back: the backups in review/backups)
_REVIEW_CODES = {
    "not_writable": "review_read_only",
    "database_read_only": "review_read_only",
    "database_corrupt": "review_database_damaged",
    "database_unreadable": "review_io_error",
}


def _sqlite_code(exc: BaseException) -> int | None:
    """The primary result code of a sqlite3 error (also when wrapped by SQLAlchemy)."""
    error = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF
    text = str(error).lower()  # drivers without result codes: SQLite's fixed messages
    for needle, primary in (
        ("disk is full", sqlite3.SQLITE_FULL),
        ("readonly database", sqlite3.SQLITE_READONLY),
        ("malformed", sqlite3.SQLITE_CORRUPT),
        ("not a database", sqlite3.SQLITE_NOTADB),
        ("locked", sqlite3.SQLITE_LOCKED),
        ("disk i/o error", sqlite3.SQLITE_IOERR),
        ("unable to open", sqlite3.SQLITE_CANTOPEN),
    ):
        if needle in text:
            return primary
    return None


def storage_error(
    exc: BaseException, path: Path | str, *, folder: Path | str | None = None
) -> UserFixableError | None:
    """The user's error for a storage failure `exc` while using `path` (a file or folder of
    the reviewer folder `folder`), or None when `exc` is not one (the caller re-raises)."""
    where = where_params(path, folder)
    shown = where["path"]
    if isinstance(exc, UserFixableError):  # worded by the storage layer for any database
        code = _REVIEW_CODES.get(exc.code)
        if code is None:
            return exc
        return UserFixableError(code, **{**where, **exc.params, "folder": where["folder"]})
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        return disk_error(exc, path, folder=folder)
    sqlite_code = _sqlite_code(exc)
    if sqlite_code is None:
        return None
    if sqlite_code == sqlite3.SQLITE_FULL:
        return UserFixableError("disk_full", **where)
    if sqlite_code in (
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_AUTH,
    ):
        return UserFixableError("review_read_only", **where)
    if sqlite_code in _DAMAGED_CODES:
        return UserFixableError("review_database_damaged", **where)
    if sqlite_code in _LOCKED_CODES:
        return UserFixableError("database_locked", path=shown)
    if sqlite_code == sqlite3.SQLITE_IOERR:
        return UserFixableError("review_io_error", **where)
    return None
