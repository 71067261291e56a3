"""A reviewer folder looked at and tidied without opening its database.

`review_folder_state` counts what a folder holds (a database, stored bundles, backups, a
stray WAL); `storage_errors` words a storage failure of the folder for the user;
`prepare_new_folder` refuses, before an office is set up, a folder with old data but no
usable database, or moves that data into `recovered/<day>/` when asked (never deleting it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from swdesk.core.datafiles import fsync_directory
from swdesk.database.errors import DatabaseCorrupt
from swdesk.domain.errors import UserFixableError
from swdesk.storage.instance_lock import acquire_instance_lock

from .context import BACKUPS_DIR, BUNDLES_DIR, DATABASE_NAME
from .faults import storage_error
from .retention import RECOVERED_DIR, move_aside

log = logging.getLogger(__name__)


def review_root(data_dir: Path) -> Path:
    """The reviewer folder inside a data directory."""
    return data_dir / "review"


_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class ReviewFolderState:
    """What a reviewer folder holds, looked at without opening anything."""

    root: Path
    database_present: bool  # review.sqlite exists and is not empty
    bundles: int  # files in bundles/ (stored bundles and copies)
    backups: int  # database backups in backups/
    side_files: int  # a WAL or journal of review.sqlite without the database

    @property
    def has_old_data(self) -> bool:
        return bool(self.bundles or self.backups or self.side_files)

    @property
    def data_without_database(self) -> bool:
        """Stored data but no database: never to be taken for a new folder."""
        return not self.database_present and self.has_old_data

    def params(self) -> dict[str, object]:
        return {"path": str(self.root), "bundles": self.bundles, "backups": self.backups}


def _count_files(folder: Path, suffix: str = "") -> int:
    try:
        return sum(
            1
            for entry in os.scandir(folder)
            if entry.name.endswith(suffix) and entry.is_file(follow_symlinks=False)
        )
    except (FileNotFoundError, NotADirectoryError):
        return 0


def review_folder_state(root: Path) -> ReviewFolderState:
    """Whether `root` has a database, and how many stored files lie beside it. Raises
    UserFixableError when the folder cannot be looked at (storage_error codes)."""
    db_path = root / DATABASE_NAME
    try:
        present = db_path.is_file() and db_path.stat().st_size > 0
        sides = sum(
            1
            for side in _SIDE_FILES
            if Path(f"{db_path}{side}").is_file() and Path(f"{db_path}{side}").stat().st_size > 0
        )
        return ReviewFolderState(
            root,
            present,
            _count_files(root / BUNDLES_DIR),
            _count_files(root / BACKUPS_DIR, ".sqlite"),
            0 if present else sides,
        )
    except OSError as exc:
        raise _storage(exc, root, root) from exc


def _storage(exc: BaseException, path: Path, root: Path) -> UserFixableError:
    """`exc` as the user's error (a storage failure, or the reason re-worded)."""
    classified = storage_error(exc, path, folder=root)
    if classified is not None:
        return classified
    return UserFixableError(
        "review_io_error", path=str(path), folder=str(root), reason=type(exc).__name__
    )


@contextlib.contextmanager
def storage_errors(root: Path) -> Iterator[None]:
    """Storage failures inside the block become the user's error for the reviewer folder
    (never a traceback): a damaged database "review_database_damaged", a folder or file
    that cannot be written "review_read_only", a full disk "disk_full"; other refusals keep
    their codes."""
    db_path = root / DATABASE_NAME
    try:
        yield
    except UserFixableError as exc:
        if exc.code == "file_unreadable" and exc.params.get("path") == str(db_path):
            raise UserFixableError(
                "review_database_damaged", path=str(db_path), folder=str(root), reason="unreadable"
            ) from exc
        classified = storage_error(exc, db_path, folder=root)
        if classified is None or classified is exc:
            raise
        raise classified from exc
    except (OSError, SQLAlchemyError, sqlite3.Error) as exc:
        classified = storage_error(exc, db_path, folder=root)
        if classified is None:
            raise
        raise classified from exc


def _set_aside(root: Path, day: date) -> Path | None:
    """Move the old bundles, backups and database files of `root` into
    `recovered/<day>/` (sub-folders `bundles`, `backups`), never deleting one. Returns
    that folder, or None when there was nothing to move."""
    target = root / RECOVERED_DIR / day.isoformat()
    moved = False
    for sub in (BUNDLES_DIR, BACKUPS_DIR):
        folder = root / sub
        try:
            entries = [
                entry for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)
            ]
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            move_aside(Path(entry.path), target / sub)
            moved = True
        if entries:
            fsync_directory(folder)
    db_path = root / DATABASE_NAME
    for path in (db_path, *(Path(f"{db_path}{side}") for side in _SIDE_FILES)):
        if path.is_file():
            move_aside(path, target)
            moved = True
    if moved:
        fsync_directory(root)
        log.warning("set the old reviewer files of %s aside in %s", root, target)
    return target if moved else None


def prepare_new_folder(root: Path, day: date, keep_old_files_aside: bool) -> Path | None:
    """Before setting an office up: refuse a folder with old data but no usable database
    (or move that data aside when asked); returns where it went, if anywhere."""
    from swdesk.database.migrating import inspect_database

    state = review_folder_state(root)
    damaged: UserFixableError | None = None
    if state.database_present:
        try:
            inspect_database(root / DATABASE_NAME)
            return None  # usable: the office row decides (review_already_initialised)
        except DatabaseCorrupt as exc:
            damaged = storage_error(exc, root / DATABASE_NAME, folder=root)
    elif not state.has_old_data:
        return None  # a new folder
    if not keep_old_files_aside:
        if damaged is not None:
            raise damaged
        raise UserFixableError("review_data_without_database", **state.params())
    lock = acquire_instance_lock(root)  # nobody else may be using these files
    try:
        return _set_aside(root, day)
    finally:
        lock.release()
