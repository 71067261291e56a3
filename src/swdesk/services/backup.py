"""Backups of a practitioner data folder: automatic ones, one-file backups, and restoring.

**Automatic backups** live in `<data>/backups/` and are snapshots taken with SQLite's online
backup API (never a raw copy of a live database), each checked with `PRAGMA integrity_check`:

- before every migration, `swdesk-before-<revision>-<stamp>.sqlite` (`storage.migrate`);
- on a schedule, `swdesk-auto-<YYYYmmdd-HHMMSS>.sqlite`: `run_scheduled_backup` runs when a
  workspace opens and takes one when the newest is older than `AUTO_BACKUP_INTERVAL`.

The newest `AUTO_BACKUP_KEEP` scheduled ones and the newest `MIGRATION_BACKUP_KEEP`
pre-migration ones are kept; older ones are deleted. Folders of data kept aside by a restore
(`before-restore-<stamp>/`) or by starting afresh (`before-fresh-start-<stamp>/`) are never
deleted by swdesk. A database without any profile is never backed up automatically, and a
backup without any profile is never offered for restoring (`newest_restorable_backup`):
restoring the empty database of a folder's first start would hide everything saved since.

An automatic backup holds only the database; the evidence and photo folders it refers to
stay where they are. Restoring one therefore never removes a file: files the restored
database does not know stay in their folders, and a later start moves them to `recovered/`
(see `services.workspace`), never deletes them. A restored database's file journal is
emptied (its entries were about files of another moment), so nothing it names is deleted.

**One-file backup** (`create_backup_file`): a `.swdbak` (see `storage.backup_file`) with a
snapshot of the database and every evidence file and photo it refers to, written under a
temporary name, read back and checked, then renamed. It works while the application writes.

**Restore** (`restore_backup_file`, `restore_automatic_backup`) needs the data folder's
instance lock (taken here unless the caller passes the one it holds) and no open database
connection (close the workspace first). Everything is checked before anything is replaced:

1. the backup is read strictly and extracted into a staging folder inside the data folder
   (`.restore-<stamp>…/`: same disk, so the later moves are renames); its database must pass
   its integrity check and have a schema revision this swdesk knows; an older one is
   migrated there (a refusal or a failure removes the staging folder, nothing else changed);
2. `restore-in-progress.json` is written (atomically) naming the staging and aside folders;
3. the current `swdesk.sqlite` (with `-wal`, `-shm`, `-journal`), `evidence/` and `photos/`
   are renamed into `backups/before-restore-<stamp>/`, each only when the backup brings a
   replacement (an automatic backup brings only a database: the content-addressed evidence
   and photo folders stay);
4. the staged `evidence/`, `photos/` and lastly `swdesk.sqlite` are renamed into place;
5. the staging folder and then the marker are removed.

Every item is at any moment in the data folder, the aside folder or the staging folder, so a
crash can never lose both sets. While the marker exists, `recover_interrupted_restore`
(called by `open_workspace` before anything else) repeats steps 3–5, which is safe to redo:
an item still in the staging folder means the one in the data folder is the old one. A
staging folder without a marker is an unfinished check and is deleted.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from swdesk import __version__
from swdesk.domain.errors import UserFixableError
from swdesk.paths import DataLayout
from swdesk.storage.backup_file import (
    BACKUP_SUFFIX,
    DATABASE_MEMBER,
    EVIDENCE_PREFIX,
    PHOTOS_PREFIX,
    BackupCancelled,
    Progress,
    SourceFile,
    integrity_ok,
    read_backup_archive,
    referenced_files,
    schema_revision,
    snapshot_database,
    write_backup_archive,
    write_error,
)
from swdesk.storage.errors import DatabaseCorrupt, DatabaseTooNew
from swdesk.storage.files import (
    EvidenceStore,
    PhotoStore,
    atomic_write_bytes,
    fsync_directory,
    oserror_to_user_error,
)
from swdesk.storage.instance_lock import InstanceLock, acquire_instance_lock
from swdesk.storage.migrate import HEAD_REVISION, prepare_database

__all__ = [
    "AUTO_BACKUP_INTERVAL",
    "AUTO_BACKUP_KEEP",
    "BACKUP_SUFFIX",
    "MIGRATION_BACKUP_KEEP",
    "BackupCancelled",
    "BackupInfo",
    "BackupSummary",
    "RestoreInfo",
    "ScheduledBackup",
    "create_backup_file",
    "list_automatic_backups",
    "describe_backup",
    "newest_good_automatic_backup",
    "newest_restorable_backup",
    "prune_automatic_backups",
    "recover_interrupted_restore",
    "restore_automatic_backup",
    "restore_backup_file",
    "run_scheduled_backup",
    "set_aside_for_fresh_start",
    "take_automatic_backup",
]

log = logging.getLogger(__name__)

AUTO_BACKUP_INTERVAL = timedelta(hours=24)
AUTO_BACKUP_KEEP = 10
MIGRATION_BACKUP_KEEP = 3
STALE_SECONDS = 3600  # leftovers of an interrupted backup older than this are removed

RESTORE_MARKER = "restore-in-progress.json"
STAGING_PREFIX = ".restore-"
ASIDE_PREFIX = "before-restore-"
FRESH_START_PREFIX = "before-fresh-start-"
_STAMP_FORMAT = "%Y%m%d-%H%M%S"
_AUTO_NAME = re.compile(r"swdesk-auto-(\d{8}-\d{6})(?:-(\d+))?\.sqlite")
_MIGRATION_NAME = re.compile(r"swdesk-before-[0-9A-Za-z_]+-(\d{8}-\d{6})(?:-(\d+))?\.sqlite")
_ASIDE_NAME = re.compile(r"before-restore-\d{8}-\d{6}(?:-\d+)?")
_DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")
_FREE_SPACE_MARGIN = 16 << 20


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup file written and verified by `create_backup_file`."""

    path: Path
    size: int  # bytes of the .swdbak file
    created_at: datetime
    schema_revision: str
    database_size: int
    evidence_files: int
    photo_files: int
    missing_files: tuple[str, ...]  # referenced by the database but not found (not backed up)


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


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What an automatic backup holds, in numbers a person can judge it by."""

    path: Path
    taken_at: datetime | None  # from its name (local time); None when the name has none
    profiles: int
    activities: int
    files: int  # evidence files and photos its database refers to


@dataclass(frozen=True, slots=True)
class ScheduledBackup:
    """What `run_scheduled_backup` did; it never raises (opening must go on)."""

    taken: Path | None = None
    removed: tuple[Path, ...] = ()
    error: str | None = None  # UserFixableError code (or "failed") when the backup failed


# -- automatic backups ---------------------------------------------------------------------

def _stamp_of(name: str) -> tuple[datetime, int] | None:
    match = _AUTO_NAME.fullmatch(name) or _MIGRATION_NAME.fullmatch(name)
    if match is None:
        return None
    try:
        when = datetime.strptime(match.group(1), _STAMP_FORMAT)
    except ValueError:
        return None
    return when, int(match.group(2) or 0)


def _newest_first(paths: list[Path]) -> list[Path]:
    keyed = [(stamp, path) for path in paths if (stamp := _stamp_of(path.name)) is not None]
    keyed.sort(key=lambda item: (item[0], item[1].name), reverse=True)
    return [path for _stamp, path in keyed]


def _backup_files(layout: DataLayout, pattern: re.Pattern[str]) -> list[Path]:
    folder = layout.backups_dir
    if not folder.is_dir():
        return []
    return _newest_first([entry for entry in folder.iterdir()
                          if pattern.fullmatch(entry.name) and entry.is_file()])


def list_automatic_backups(layout: DataLayout) -> list[Path]:
    """Scheduled and pre-migration database backups in `<data>/backups/`, newest first.

    Not checked here (see `newest_good_automatic_backup`); `restore_automatic_backup`
    checks the one chosen.
    """
    return _newest_first(_backup_files(layout, _AUTO_NAME)
                         + _backup_files(layout, _MIGRATION_NAME))


def newest_good_automatic_backup(layout: DataLayout) -> Path | None:
    """The newest automatic backup that passes `PRAGMA integrity_check` and holds at least
    one profile, if any (see `newest_restorable_backup`)."""
    summary = newest_restorable_backup(layout)
    return summary.path if summary is not None else None


def newest_restorable_backup(layout: DataLayout) -> BackupSummary | None:
    """The newest automatic backup worth restoring: it passes `PRAGMA integrity_check` and
    holds at least one profile (a backup of an empty database is never offered)."""
    for path in list_automatic_backups(layout):
        if not integrity_ok(path):
            log.warning("automatic backup %s fails its integrity check", path.name)
            continue
        summary = describe_backup(path)
        if summary is not None and summary.profiles > 0:
            return summary
    return None


_FILE_COLUMNS = (("evidence_files", "stored_name"), ("application_materials", "stored_name"),
                 ("applications", "form_file"), ("decisions", "certificate_file"),
                 ("practitioners", "photo_file"))


def describe_backup(path: Path) -> BackupSummary | None:
    """Count the profiles, activities and files a database backup holds (read-only; any
    schema revision); None when it cannot be read."""
    stamp = _stamp_of(path.name)
    try:
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as db:
            tables = {row[0] for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}

            def count(table: str) -> int:
                if table not in tables:
                    return 0
                return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

            selects = [f"SELECT {column} AS name FROM {table} WHERE {column} != ''"
                       for table, column in _FILE_COLUMNS if table in tables]
            files = int(db.execute(f"SELECT count(DISTINCT name) FROM ({' UNION '.join(selects)})"
                                   ).fetchone()[0]) if selects else 0
            return BackupSummary(path, stamp[0] if stamp else None, count("practitioners"),
                                 count("activities"), files)
    except sqlite3.Error:
        return None


def take_automatic_backup(layout: DataLayout, now: datetime | None = None) -> Path:
    """Snapshot the database now as `backups/swdesk-auto-<stamp>.sqlite` and return it.

    Raises `UserFixableError` ("disk_full", "not_writable", "backup_corrupt": the copy
    failed its integrity check and was deleted) or `DatabaseLocked`.
    """
    stamp = (now or datetime.now()).strftime(_STAMP_FORMAT)
    folder = layout.backups_dir
    target = folder / f"swdesk-auto-{stamp}.sqlite"
    counter = 1
    while target.exists():
        target = folder / f"swdesk-auto-{stamp}-{counter}.sqlite"
        counter += 1
    snapshot_database(layout.database, target)
    return target


def replace_automatic_backups(layout: DataLayout) -> Path:
    """Take a new automatic backup, then delete every older one (scheduled and
    pre-migration). After a profile was sealed the older ones still hold its ID number
    and birth date in clear; the new one holds them sealed."""
    fresh = take_automatic_backup(layout)
    for path in list_automatic_backups(layout):
        if path != fresh:
            try:
                path.unlink()
            except OSError as exc:
                log.warning("could not delete old backup %s: %s", path.name, exc.strerror)
    return fresh


def prune_automatic_backups(layout: DataLayout, keep: int = AUTO_BACKUP_KEEP,
                            keep_migrations: int = MIGRATION_BACKUP_KEEP) -> list[Path]:
    """Delete all but the newest `keep` scheduled and `keep_migrations` pre-migration
    backups, and leftovers of interrupted backups; returns the backups deleted."""
    removed: list[Path] = []
    for pattern, bound in ((_AUTO_NAME, keep), (_MIGRATION_NAME, keep_migrations)):
        for path in _backup_files(layout, pattern)[max(bound, 0):]:
            try:
                path.unlink()
            except OSError as exc:
                log.warning("could not delete old backup %s: %s", path.name, exc.strerror)
            else:
                removed.append(path)
    _remove_stale_leftovers(layout.backups_dir)
    return removed


def _remove_stale_leftovers(folder: Path) -> None:
    """Temporary files and scratch folders of backups interrupted long ago."""
    if not folder.is_dir():
        return
    cutoff = time.time() - STALE_SECONDS
    for entry in folder.iterdir():
        name = entry.name
        if not (name.endswith(".partial") or (name.startswith(".swdesk-")
                                              and name.endswith(".tmp"))):
            continue
        with suppress(OSError):
            if entry.lstat().st_mtime >= cutoff:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink()


def automatic_backup_due(layout: DataLayout, now: datetime | None = None,
                         interval: timedelta = AUTO_BACKUP_INTERVAL) -> bool:
    """Whether the newest scheduled backup is older than `interval` (or there is none).

    A newest backup dated more than `interval` in the future (the clock was wrong) counts
    as due too, so a wrong clock never stops the schedule for long.
    """
    newest = _backup_files(layout, _AUTO_NAME)
    if not newest:
        return True
    stamp = _stamp_of(newest[0].name)
    assert stamp is not None
    age = (now or datetime.now()) - stamp[0]
    return age >= interval or age < -interval


def run_scheduled_backup(layout: DataLayout, *, now: datetime | None = None,
                         interval: timedelta = AUTO_BACKUP_INTERVAL,
                         keep: int = AUTO_BACKUP_KEEP,
                         keep_migrations: int = MIGRATION_BACKUP_KEEP) -> ScheduledBackup:
    """Take a scheduled backup when one is due, then prune; cheap when none is due.

    Called by `open_workspace` after migrating. Failures are logged and reported in the
    result, never raised: a full disk must not stop the user from opening their data.
    """
    if not layout.database.is_file() or not _has_profiles(layout.database):
        return ScheduledBackup()  # an empty database is never backed up
    taken: Path | None = None
    error: str | None = None
    try:
        if automatic_backup_due(layout, now, interval):
            taken = take_automatic_backup(layout, now)
            log.info("automatic backup written: %s", taken.name)
    except UserFixableError as failure:
        error = failure.code
        log.error("automatic backup failed: %s", failure.code)
    except (OSError, sqlite3.Error) as failure:
        error = "failed"
        log.error("automatic backup failed: %s", type(failure).__name__)
    removed: tuple[Path, ...] = ()
    try:
        if taken is not None or error is None:
            removed = tuple(prune_automatic_backups(layout, keep, keep_migrations))
    except OSError as failure:
        log.warning("pruning old backups failed: %s", failure.strerror)
    return ScheduledBackup(taken, removed, error)


def _has_profiles(db_path: Path) -> bool:
    """Whether the database holds at least one profile (False when it cannot tell)."""
    try:
        with closing(sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro",
                                     uri=True)) as db:
            return bool(db.execute("SELECT EXISTS (SELECT 1 FROM practitioners)").fetchone()[0])
    except sqlite3.Error:
        return False


# -- one-file backup -----------------------------------------------------------------------

@contextmanager
def _scratch_folder(layout: DataLayout) -> Iterator[Path]:
    """A private temporary folder inside the data folder (personal data stays there rather
    than in the system's temporary folder); removed afterwards."""
    try:
        layout.backups_dir.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=".swdesk-scratch-", suffix=".tmp",
                                       dir=layout.backups_dir))
    except OSError as exc:
        raise write_error(exc, file=DATABASE_MEMBER, folder=layout.backups_dir) from exc
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create_backup_file(layout: DataLayout, dest: Path,
                       progress: Progress | None = None) -> BackupInfo:
    """Write one verified backup file `dest` (`.swdbak`) of the data folder `layout`.

    Safe while the application writes (the database is snapshotted with the online backup
    API; the evidence and photo files are immutable, named by content). `progress(done,
    total)` is called with byte counts (writing, then reading back); returning False
    cancels (`BackupCancelled`). Raises `UserFixableError` "disk_full" / "not_writable"
    (on the target or on the data folder's disk, `path` says which), "backup_corrupt" (the
    file read back differs: a faulty medium), "file_unreadable"; no file is left at `dest`
    or beside it on any failure, and an existing `dest` is only replaced by a good one.
    """
    dest = Path(os.path.abspath(dest.expanduser()))
    if dest.is_dir():
        raise UserFixableError("not_writable", file=dest.name, path=str(dest))
    if not layout.database.is_file():
        raise UserFixableError("file_unreadable", file=DATABASE_MEMBER,
                               path=str(layout.database))
    with _scratch_folder(layout) as scratch:
        snapshot = scratch / DATABASE_MEMBER
        snapshot_database(layout.database, snapshot)
        evidence_names, photo_names = referenced_files(snapshot)
        sources: list[SourceFile] = []
        missing: list[str] = []
        for prefix, store, names in (
            (EVIDENCE_PREFIX, EvidenceStore(layout.evidence_dir), evidence_names),
            (PHOTOS_PREFIX, PhotoStore(layout.photos_dir), photo_names),
        ):
            for name in sorted(names):
                try:
                    path = store.path_for(name)
                except ValueError:
                    missing.append(prefix + name)  # not a stored name: nothing to copy
                    continue
                if path.is_file():
                    sources.append(SourceFile(prefix + name, path))
                else:
                    missing.append(prefix + name)
        if missing:
            log.warning("backup: %d referenced file(s) not found", len(missing))
        manifest = write_backup_archive(dest, snapshot, sources, swdesk_version=__version__,
                                        scratch=scratch / "verify", progress=progress)
    log.info("backup file written and verified: %s", dest.name)
    return BackupInfo(
        path=dest,
        size=dest.stat().st_size,
        created_at=datetime.fromisoformat(manifest.created_at),
        schema_revision=manifest.schema_revision,
        database_size=manifest.members[0].size,
        evidence_files=len(manifest.evidence_names),
        photo_files=len(manifest.photo_names),
        missing_files=tuple(missing),
    )


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
    stamp = datetime.now().strftime(_STAMP_FORMAT)
    try:
        return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{stamp}-", dir=layout.root))
    except OSError as exc:
        raise write_error(exc, file=file, folder=layout.root) from exc


def _check_space(layout: DataLayout, needed: int, file: str) -> None:
    try:
        free = shutil.disk_usage(layout.root).free
    except OSError:
        return
    if needed + _FREE_SPACE_MARGIN > free:
        raise UserFixableError("disk_full", file=file, path=str(layout.root))


def restore_backup_file(layout: DataLayout, src: Path, progress: Progress | None = None, *,
                        lock: InstanceLock | None = None) -> RestoreInfo:
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
    return RestoreInfo(src, aside, manifest.created_at, manifest.schema_revision, upgraded,
                       len(manifest.evidence_names), len(manifest.photo_names), missing)


def restore_automatic_backup(layout: DataLayout, path: Path, *,
                             lock: InstanceLock | None = None) -> RestoreInfo:
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
    if not inside or _stamp_of(file) is None:
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
    log.info("restored the automatic backup %s; previous database kept in %s", file,
             aside.name)
    stamp = _stamp_of(file)
    created = stamp[0].isoformat() if stamp else ""
    return RestoreInfo(path, aside, created, revision, upgraded, 0, 0, missing)


def _revision_too_new(revision: str) -> bool:
    """Revisions are numbered 0001, 0002, … (see `storage.migrate.new_revision`)."""
    return any(part.isdigit() and int(part) > int(HEAD_REVISION)
               for part in revision.split(","))


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
        raise UserFixableError("database_too_new", file=file,
                               revision=refused.params.get("revision", "")) from refused
    except DatabaseCorrupt as refused:
        reason = refused.params.get("reason", "")
        if reason == "not_swdesk":
            raise UserFixableError("backup_invalid", file=file,
                                   reason="not_swdesk_database") from refused
        raise UserFixableError("backup_corrupt", file=file, member=DATABASE_MEMBER) from refused
    shutil.rmtree(staging / "migration-backup", ignore_errors=True)
    try:
        with closing(sqlite3.connect(db)) as connection:  # one self-contained file again
            connection.execute("PRAGMA journal_mode = DELETE")
            with connection:  # the journal named files of another moment: never act on it
                connection.execute("DELETE FROM file_journal")
    except sqlite3.Error as exc:
        raise UserFixableError("backup_corrupt", file=file, member=DATABASE_MEMBER) from exc
    for suffix in _DATABASE_SIDE_FILES:
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
    stamp = datetime.now().strftime(_STAMP_FORMAT)
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
        atomic_write_bytes(layout.root / RESTORE_MARKER,
                           json.dumps(marker).encode("utf-8"))
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
    replaced = [(db_name + suffix, incoming_db) for suffix in _DATABASE_SIDE_FILES]
    replaced += [(db_name, incoming_db)]
    replaced += [(sub, (staging / sub).exists()) for sub in ("evidence", "photos")]
    for name, is_replaced in replaced:
        current = root / name
        if is_replaced and (current.exists() or current.is_symlink()):
            os.rename(current, _unique(aside / name))
    fsync_directory(aside)
    fsync_directory(root)
    for name, staged_name in (("evidence", "evidence"), ("photos", "photos"),
                              (db_name, DATABASE_MEMBER)):
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
    if (not staging_name.startswith(STAGING_PREFIX) or "/" in staging_name
            or "\\" in staging_name or not _ASIDE_NAME.fullmatch(aside_name)):
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
    names = [db_name + suffix for suffix in ("", *_DATABASE_SIDE_FILES)] + ["evidence", "photos"]
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
