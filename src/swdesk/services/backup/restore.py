"""Restoring a one-file or automatic backup, and finishing a restore a crash interrupted
(the steps are in the package docstring)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from swdesk.core.datafiles import atomic_write_bytes, fsync_directory
from swdesk.core.progress import Progress
from swdesk.database.errors import DatabaseCorrupt, DatabaseTooNew
from swdesk.domain.errors import UserFixableError
from swdesk.paths import DataLayout
from swdesk.storage.backup_file import (
    DATABASE_MEMBER,
    EVIDENCE_PREFIX,
    PHOTOS_PREFIX,
    integrity_ok,
    read_backup_archive,
    referenced_files,
    schema_revision,
    snapshot_database,
    write_error,
)
from swdesk.storage.files import oserror_to_user_error
from swdesk.storage.instance_lock import InstanceLock, acquire_instance_lock
from swdesk.storage.migrate import HEAD_REVISION, prepare_database

from .automatic import stamp_of
from .names import (
    ASIDE_NAME,
    ASIDE_PREFIX,
    DATABASE_SIDE_FILES,
    FREE_SPACE_MARGIN,
    FRESH_START_PREFIX,
    RESTORE_MARKER,
    STAGING_PREFIX,
    STAMP_FORMAT,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RestoreInfo:
    """What a restore put in place and where the previous data went."""

    source: Path
    kept_aside: Path  # backups/before-restore-<stamp>/ holding the replaced data
    created_at: str  # when the backup was taken (ISO 8601, that computer's local time)
    schema_revision: str  # as in the backup; the restored database is now at head
    upgraded: bool  # the restored database was migrated to this swdesk's schema
    evidence_files: int
    photo_files: int
    missing_files: tuple[str, ...]  # referenced by the restored database, not present


# -- restore -------------------------------------------------------------------------------


@contextmanager
def _holding_lock(layout: DataLayout, lock: InstanceLock | None) -> Iterator[None]:
    if lock is not None:
        if not lock.held:
            raise ValueError("the instance lock passed in is not held")
        yield
        return
    own = acquire_instance_lock(layout.root)
    try:
        yield
    finally:
        own.release()


def _new_staging(layout: DataLayout, file: str) -> Path:
    stamp = datetime.now().strftime(STAMP_FORMAT)
    try:
        return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{stamp}-", dir=layout.root))
    except OSError as exc:
        raise write_error(exc, file=file, folder=layout.root) from exc


def _check_space(layout: DataLayout, needed: int, file: str) -> None:
    try:
        free = shutil.disk_usage(layout.root).free
    except OSError:
        return
    if needed + FREE_SPACE_MARGIN > free:
        raise UserFixableError("disk_full", file=file, path=str(layout.root))


def restore_backup_file(
    layout: DataLayout,
    src: Path,
    progress: Progress | None = None,
    *,
    lock: InstanceLock | None = None,
) -> RestoreInfo:
    """Check the backup file `src`, then make it the data of `layout`; the current data is
    kept aside in `backups/before-restore-<stamp>/` (see the module's docstring for the
    order of the moves).

    The workspace must be closed. The instance lock is taken here, or pass `lock` when the
    caller holds it. `progress(done, total)` counts the bytes checked; returning False
    cancels before anything was replaced. Raises `UserFixableError` with `file=<name>`:
    "backup_invalid" (`reason`), "backup_corrupt" (`member`), "database_too_new"
    (`revision`), "disk_full", "not_writable", "file_unreadable", and "already_running"
    when another swdesk has the folder open; the data folder is then left as it was.
    """
    src = Path(os.path.abspath(src.expanduser()))
    file = src.name
    try:
        size = src.stat().st_size
    except OSError as exc:
        raise UserFixableError("file_unreadable", file=file, path=str(src)) from exc
    with _holding_lock(layout, lock):
        recover_interrupted_restore(layout)
        _check_space(layout, size, file)
        staging = _new_staging(layout, file)
        try:
            manifest = read_backup_archive(src, extract_to=staging, progress=progress)
            revision = schema_revision(staging / DATABASE_MEMBER)
            if revision != manifest.schema_revision:
                raise UserFixableError("backup_invalid", file=file, reason="revision_mismatch")
            upgraded = _prepare_staged(staging, file, revision)
            missing = _missing_files(staging, staging / "evidence", staging / "photos")
            _fsync_tree(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        aside = _swap_in(layout, staging)
    log.info("restored the backup file %s; previous data kept in %s", file, aside.name)
    return RestoreInfo(
        src,
        aside,
        manifest.created_at,
        manifest.schema_revision,
        upgraded,
        len(manifest.evidence_names),
        len(manifest.photo_names),
        missing,
    )


def restore_automatic_backup(
    layout: DataLayout, path: Path, *, lock: InstanceLock | None = None
) -> RestoreInfo:
    """Put an automatic backup (one of `list_automatic_backups`) in place of the database.

    Same checks and the same order of moves as `restore_backup_file`; only the database is
    replaced (and kept aside with its -wal/-shm files, untouched even when damaged), the
    evidence and photo folders stay. Raises `UserFixableError` "backup_invalid" (not a
    backup in this folder's `backups/`), "backup_corrupt", "database_too_new",
    "disk_full", "not_writable", "already_running".
    """
    file = path.name
    folder = layout.backups_dir
    try:
        inside = path.resolve().parent == folder.resolve() and path.is_file()
    except OSError:
        inside = False
    if not inside or stamp_of(file) is None:
        raise UserFixableError("backup_invalid", file=file, reason="not_automatic_backup")
    with _holding_lock(layout, lock):
        recover_interrupted_restore(layout)
        if not integrity_ok(path):
            raise UserFixableError("backup_corrupt", file=file, member=DATABASE_MEMBER)
        _check_space(layout, path.stat().st_size, file)
        staging = _new_staging(layout, file)
        try:
            try:
                snapshot_database(path, staging / DATABASE_MEMBER)
            except UserFixableError as failure:
                failure.params["file"] = file
                raise
            revision = schema_revision(staging / DATABASE_MEMBER)
            upgraded = _prepare_staged(staging, file, revision)
            missing = _missing_files(staging, layout.evidence_dir, layout.photos_dir)
            _fsync_tree(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        aside = _swap_in(layout, staging)
    log.info("restored the automatic backup %s; previous database kept in %s", file, aside.name)
    stamp = stamp_of(file)
    created = stamp[0].isoformat() if stamp else ""
    return RestoreInfo(path, aside, created, revision, upgraded, 0, 0, missing)


def _revision_too_new(revision: str) -> bool:
    """Revisions are numbered 0001, 0002, … (see `storage.migrate.new_revision`)."""
    return any(part.isdigit() and int(part) > int(HEAD_REVISION) for part in revision.split(","))


def _prepare_staged(staging: Path, file: str, revision: str) -> bool:
    """Check the staged database's schema and migrate it to head; True when migrated.

    The pre-migration copy goes into the staging folder and disappears with it: the backup
    being restored is that copy, and real pre-migration backups keep their places.
    """
    db = staging / DATABASE_MEMBER
    if _revision_too_new(revision):
        raise UserFixableError("database_too_new", file=file, revision=revision)
    try:
        result = prepare_database(db, staging / "migration-backup")
    except DatabaseTooNew as refused:
        raise UserFixableError(
            "database_too_new", file=file, revision=refused.params.get("revision", "")
        ) from refused
    except DatabaseCorrupt as refused:
        reason = refused.params.get("reason", "")
        if reason == "not_swdesk":
            raise UserFixableError(
                "backup_invalid", file=file, reason="not_swdesk_database"
            ) from refused
        raise UserFixableError("backup_corrupt", file=file, member=DATABASE_MEMBER) from refused
    shutil.rmtree(staging / "migration-backup", ignore_errors=True)
    try:
        with closing(sqlite3.connect(db)) as connection:  # one self-contained file again
            connection.execute("PRAGMA journal_mode = DELETE")
            with connection:  # the journal named files of another moment: never act on it
                connection.execute("DELETE FROM file_journal")
    except sqlite3.Error as exc:
        raise UserFixableError("backup_corrupt", file=file, member=DATABASE_MEMBER) from exc
    for suffix in DATABASE_SIDE_FILES:
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    return result.upgraded


def _missing_files(staging: Path, evidence_dir: Path, photos_dir: Path) -> tuple[str, ...]:
    evidence, photos = referenced_files(staging / DATABASE_MEMBER)
    missing = [EVIDENCE_PREFIX + n for n in sorted(evidence) if not (evidence_dir / n).is_file()]
    missing += [PHOTOS_PREFIX + n for n in sorted(photos) if not (photos_dir / n).is_file()]
    return tuple(missing)


def _fsync_tree(folder: Path) -> None:
    """Make the extracted files' directory entries durable (the files were fsynced)."""
    for directory, _dirs, _files in os.walk(folder):
        fsync_directory(Path(directory))


def _aside_folder(layout: DataLayout, prefix: str = ASIDE_PREFIX) -> Path:
    """A name not yet taken in the backups folder: `<prefix><stamp>`, `<prefix><stamp>-1`, …"""
    stamp = datetime.now().strftime(STAMP_FORMAT)
    aside = layout.backups_dir / f"{prefix}{stamp}"
    counter = 1
    while aside.exists():
        aside = layout.backups_dir / f"{prefix}{stamp}-{counter}"
        counter += 1
    return aside


def _swap_in(layout: DataLayout, staging: Path) -> Path:
    """Steps 2–5 of the module docstring; returns the folder holding the previous data."""
    aside = _aside_folder(layout)
    marker = {"staging": staging.name, "aside": aside.name}
    try:
        layout.backups_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(layout.root / RESTORE_MARKER, json.dumps(marker).encode("utf-8"))
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise write_error(exc, file=RESTORE_MARKER, folder=layout.root) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        _complete_restore(layout, staging, aside)
    except OSError as exc:  # the marker stays: the next start finishes the job
        raise oserror_to_user_error(exc) from exc
    return aside


def _unique(path: Path) -> Path:
    candidate, counter = path, 1
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.name}.{counter}")
        counter += 1
    return candidate


def _complete_restore(layout: DataLayout, staging: Path, aside: Path) -> None:
    """Steps 3–5: move the old items aside, the staged ones in, then clean up. Safe to run
    again after a crash at any point (see the module docstring)."""
    root = layout.root
    db_name = layout.database.name
    aside.mkdir(parents=True, exist_ok=True)
    incoming_db = (staging / DATABASE_MEMBER).exists()
    replaced = [(db_name + suffix, incoming_db) for suffix in DATABASE_SIDE_FILES]
    replaced += [(db_name, incoming_db)]
    replaced += [(sub, (staging / sub).exists()) for sub in ("evidence", "photos")]
    for name, is_replaced in replaced:
        current = root / name
        if is_replaced and (current.exists() or current.is_symlink()):
            os.rename(current, _unique(aside / name))
    fsync_directory(aside)
    fsync_directory(root)
    for name, staged_name in (
        ("evidence", "evidence"),
        ("photos", "photos"),
        (db_name, DATABASE_MEMBER),
    ):
        staged = staging / staged_name
        if not staged.exists():
            continue
        target = root / name
        if target.exists() or target.is_symlink():  # cannot happen under the lock
            os.rename(target, _unique(aside / name))
        os.rename(staged, target)
    fsync_directory(root)
    shutil.rmtree(staging, ignore_errors=True)
    (root / RESTORE_MARKER).unlink(missing_ok=True)
    fsync_directory(root)


def recover_interrupted_restore(layout: DataLayout) -> bool:
    """Finish a restore that a crash interrupted, and remove unfinished staging folders.

    Call with the instance lock held and before the database is opened (`open_workspace`
    does). Returns True when an interrupted restore was finished. An unreadable marker is
    left alone (logged) together with its staging folder: nothing is deleted then.
    Raises `UserFixableError` when the moves fail (the data folder is then not opened).
    """
    root = layout.root
    marker = root / RESTORE_MARKER
    if not marker.exists():
        _remove_unfinished_staging(root)
        return False
    try:
        document = json.loads(marker.read_text(encoding="utf-8"))
        staging_name, aside_name = str(document["staging"]), str(document["aside"])
    except (OSError, ValueError, KeyError, TypeError):
        log.error("the marker of an interrupted restore is unreadable; left as it is")
        return False
    if (
        not staging_name.startswith(STAGING_PREFIX)
        or "/" in staging_name
        or "\\" in staging_name
        or not ASIDE_NAME.fullmatch(aside_name)
    ):
        log.error("the marker of an interrupted restore names unexpected folders")
        return False
    staging = root / staging_name
    try:
        if staging.is_dir():
            _complete_restore(layout, staging, layout.backups_dir / aside_name)
        else:  # everything was moved; only the marker was left
            marker.unlink(missing_ok=True)
            fsync_directory(root)
    except OSError as exc:
        raise oserror_to_user_error(exc) from exc
    log.warning("finished a restore that had been interrupted")
    return True


def _remove_unfinished_staging(root: Path) -> None:
    if not root.is_dir():
        return
    for entry in root.iterdir():
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def set_aside_for_fresh_start(layout: DataLayout) -> Path:
    """Move the unusable database (with its -wal/-shm/-journal files) and the evidence and
    photo folders into `backups/before-fresh-start-<stamp>/`, so that the data folder can
    start again with an empty database. Nothing is deleted. Call with the instance lock
    held and no database open; returns the folder holding the old files.

    Raises `UserFixableError` ("disk_full", "not_writable") when a move fails; what was
    moved stays in that folder (the next start offers the same choices again).
    """
    aside = _aside_folder(layout, FRESH_START_PREFIX)
    db_name = layout.database.name
    names = [db_name + suffix for suffix in ("", *DATABASE_SIDE_FILES)] + ["evidence", "photos"]
    try:
        aside.mkdir(parents=True)
        for name in names:
            current = layout.root / name
            if current.exists() or current.is_symlink():
                os.rename(current, _unique(aside / name))
        fsync_directory(aside)
        fsync_directory(layout.root)
    except OSError as exc:
        raise oserror_to_user_error(exc) from exc
    log.warning("started afresh; the previous database and files are kept in %s", aside.name)
    return aside
