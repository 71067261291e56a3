"""Errors a database file, or a row looked up in it, can cause (both stores raise them).

Those a user can act on subclass `UserFixableError` (the UI words them from `code` and
`params`); `RecordNotFound` is a programming or stale-view error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from swdesk.domain.errors import UserFixableError


class DatabaseProblem(UserFixableError):
    """The data folder's database cannot be used as it is; the start-up offers choices
    (restore a backup, open read-only where possible, quit). Param `path`: the file, or a
    server database's host:port/name."""

    def __init__(self, code: str, path: Path | str, **params: Any) -> None:
        super().__init__(code, path=str(path), **params)


class DatabaseCorrupt(DatabaseProblem):
    """The database file is not SQLite, fails its integrity check, or is not swdesk's."""

    def __init__(self, path: Path | str, **params: Any) -> None:
        super().__init__("database_corrupt", path, **params)


class DatabaseMissing(DatabaseProblem):
    """No usable database (`reason`: "missing", "empty" or "no_tables") although the data
    folder holds saved files (evidence, photos or backups): never treated as a new folder."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__("database_missing", path, reason=reason)


class DatabaseReadOnly(DatabaseProblem):
    """The database file (or its folder) cannot be written; it can be opened read-only."""

    def __init__(self, path: Path) -> None:
        super().__init__("database_read_only", path)


class DatabaseUnreadable(DatabaseProblem):
    """The database file cannot be read at all (no permission, an I/O error)."""

    def __init__(self, path: Path) -> None:
        super().__init__("database_unreadable", path)


class DatabaseTooNew(UserFixableError):
    """The database was written by a newer swdesk (its schema revision is unknown here)."""

    def __init__(self, path: Path | str, revision: str) -> None:
        super().__init__("database_too_new", path=str(path), revision=revision)


class DatabaseLocked(UserFixableError):
    """Another program holds the database locked."""

    def __init__(self, path: Path) -> None:
        super().__init__("database_locked", path=str(path))


class RecordNotFound(LookupError):
    """No row with that id (a bug or a stale view, not something the user can fix)."""

    def __init__(self, table: str, row_id: int) -> None:
        super().__init__(f"{table} #{row_id} not found")
        self.table = table
        self.row_id = row_id
