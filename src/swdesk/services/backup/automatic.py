"""Automatic backups in `<data>/backups/`: snapshots before migrations and on a schedule,
kept and pruned by age (see the package docstring)."""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from swdesk.domain.errors import UserFixableError
from swdesk.paths import DataLayout
from swdesk.storage.backup_file import (
    integrity_ok,
    snapshot_database,
)

from .names import (
    AUTO_BACKUP_INTERVAL,
    AUTO_BACKUP_KEEP,
    AUTO_NAME,
    MIGRATION_BACKUP_KEEP,
    MIGRATION_NAME,
    STALE_SECONDS,
    STAMP_FORMAT,
)

log = logging.getLogger(__name__)


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


def stamp_of(name: str) -> tuple[datetime, int] | None:
    match = AUTO_NAME.fullmatch(name) or MIGRATION_NAME.fullmatch(name)
    if match is None:
        return None
    try:
        when = datetime.strptime(match.group(1), STAMP_FORMAT)
    except ValueError:
        return None
    return when, int(match.group(2) or 0)


def _newest_first(paths: list[Path]) -> list[Path]:
    keyed = [(stamp, path) for path in paths if (stamp := stamp_of(path.name)) is not None]
    keyed.sort(key=lambda item: (item[0], item[1].name), reverse=True)
    return [path for _stamp, path in keyed]


def _backup_files(layout: DataLayout, pattern: re.Pattern[str]) -> list[Path]:
    folder = layout.backups_dir
    if not folder.is_dir():
        return []
    return _newest_first(
        [entry for entry in folder.iterdir() if pattern.fullmatch(entry.name) and entry.is_file()]
    )


def list_automatic_backups(layout: DataLayout) -> list[Path]:
    """Scheduled and pre-migration database backups in `<data>/backups/`, newest first.

    Not checked here (see `newest_good_automatic_backup`); `restore_automatic_backup`
    checks the one chosen.
    """
    return _newest_first(_backup_files(layout, AUTO_NAME) + _backup_files(layout, MIGRATION_NAME))


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


_FILE_COLUMNS = (
    ("evidence_files", "stored_name"),
    ("application_materials", "stored_name"),
    ("applications", "form_file"),
    ("decisions", "certificate_file"),
    ("practitioners", "photo_file"),
)


def describe_backup(path: Path) -> BackupSummary | None:
    """Count the profiles, activities and files a database backup holds (read-only; any
    schema revision); None when it cannot be read."""
    stamp = stamp_of(path.name)
    try:
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as db:
            tables = {
                row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }

            def count(table: str) -> int:
                if table not in tables:
                    return 0
                return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

            selects = [
                f"SELECT {column} AS name FROM {table} WHERE {column} != ''"
                for table, column in _FILE_COLUMNS
                if table in tables
            ]
            files = (
                int(
                    db.execute(
                        f"SELECT count(DISTINCT name) FROM ({' UNION '.join(selects)})"
                    ).fetchone()[0]
                )
                if selects
                else 0
            )
            return BackupSummary(
                path,
                stamp[0] if stamp else None,
                count("practitioners"),
                count("activities"),
                files,
            )
    except sqlite3.Error:
        return None


def take_automatic_backup(layout: DataLayout, now: datetime | None = None) -> Path:
    """Snapshot the database now as `backups/swdesk-auto-<stamp>.sqlite` and return it.

    Raises `UserFixableError` ("disk_full", "not_writable", "backup_corrupt": the copy
    failed its integrity check and was deleted) or `DatabaseLocked`.
    """
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
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


def prune_automatic_backups(
    layout: DataLayout, keep: int = AUTO_BACKUP_KEEP, keep_migrations: int = MIGRATION_BACKUP_KEEP
) -> list[Path]:
    """Delete all but the newest `keep` scheduled and `keep_migrations` pre-migration
    backups, and leftovers of interrupted backups; returns the backups deleted."""
    removed: list[Path] = []
    for pattern, bound in ((AUTO_NAME, keep), (MIGRATION_NAME, keep_migrations)):
        for path in _backup_files(layout, pattern)[max(bound, 0) :]:
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
        if not (
            name.endswith(".partial") or (name.startswith(".swdesk-") and name.endswith(".tmp"))
        ):
            continue
        with suppress(OSError):
            if entry.lstat().st_mtime >= cutoff:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink()


def automatic_backup_due(
    layout: DataLayout, now: datetime | None = None, interval: timedelta = AUTO_BACKUP_INTERVAL
) -> bool:
    """Whether the newest scheduled backup is older than `interval` (or there is none).

    A newest backup dated more than `interval` in the future (the clock was wrong) counts
    as due too, so a wrong clock never stops the schedule for long.
    """
    newest = _backup_files(layout, AUTO_NAME)
    if not newest:
        return True
    stamp = stamp_of(newest[0].name)
    assert stamp is not None
    age = (now or datetime.now()) - stamp[0]
    return age >= interval or age < -interval


def run_scheduled_backup(
    layout: DataLayout,
    *,
    now: datetime | None = None,
    interval: timedelta = AUTO_BACKUP_INTERVAL,
    keep: int = AUTO_BACKUP_KEEP,
    keep_migrations: int = MIGRATION_BACKUP_KEEP,
) -> ScheduledBackup:
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
        with closing(sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)) as db:
            return bool(db.execute("SELECT EXISTS (SELECT 1 FROM practitioners)").fetchone()[0])
    except sqlite3.Error:
        return False
