"""Opening a data directory: lock it, migrate its database, and build the services on it.

`Workspace` is what the composition root hands to the UI: one open data directory and the
services that work on it.

Opening never destroys what a person saved:

- A folder whose database is missing, empty or has no tables, but which holds saved files
  (evidence, photos, backups, recovered files), is never taken for a new folder:
  `DatabaseMissing` is raised and nothing is created. Only an explicit `start_afresh=True`
  moves the unusable database and the old files aside (`backups/before-fresh-start-…/`,
  nothing deleted) and creates an empty database. A folder with none of these is new.
- The sweep (`sweep_unreferenced_files`) runs only on a healthy database that existed
  before this opening and was not just restored. It deletes a stored file only when the
  database proves it garbage: unreferenced AND in the file journal (`storage.references`).
  Unreferenced files that are not journaled are moved to `recovered/<YYYY-MM-DD>/evidence`
  or `…/photos` and reported in `Workspace.recovered` (and the log).
- "Today" is the date in the rule pack's time zone (`clock.china_today`), and each start
  is compared with the day of the last start and the newest record's date
  (`Workspace.clock_doubt`, `services.clock`): a clock set back is pointed out.
- Failures on the way are told apart: a full disk ("disk_full"), a database that cannot be
  written (`DatabaseReadOnly`: open it with `open_workspace_read_only`), one that cannot be
  read (`DatabaseUnreadable`) and a damaged one (`DatabaseCorrupt`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from swdesk.database.engine import database_error
from swdesk.database.errors import (
    DatabaseCorrupt,
    DatabaseMissing,
    DatabaseProblem,
    DatabaseReadOnly,
)
from swdesk.database.migrating import MigrationResult
from swdesk.paths import DataLayout
from swdesk.storage.database import Database
from swdesk.storage.files import EvidenceStore, PhotoStore, oserror_to_user_error
from swdesk.storage.instance_lock import InstanceLock, acquire_instance_lock
from swdesk.storage.migrate import inspect_database, prepare_database

from .activities import ActivityService
from .applications import ApplicationService
from .attendance_records import AttendanceRecordService
from .backup import (
    ScheduledBackup,
    recover_interrupted_restore,
    replace_automatic_backups,
    run_scheduled_backup,
    set_aside_for_fresh_start,
)
from .clock import ClockDoubt, china_today, clock_doubt, newest_record_in, record_start
from .dashboard import DashboardService
from .decisions import DecisionService
from .profiles import ProfileService

Clock = Callable[[], date]
RECOVERED_DIR = "recovered"
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RecoveredFiles:
    """Stored files no record refers to and the journal does not name (their status is
    unknown), moved by the sweep into `folder` (`recovered/<YYYY-MM-DD>`), never deleted."""

    folder: Path
    evidence: int
    photos: int

    @property
    def count(self) -> int:
        return self.evidence + self.photos


@dataclass
class Workspace:
    """An open data directory with its services. Close it to release the lock."""

    layout: DataLayout
    database: Database
    lock: InstanceLock
    migration: MigrationResult
    profiles: ProfileService
    activities: ActivityService
    dashboard: DashboardService
    applications: ApplicationService
    decisions: DecisionService
    records: AttendanceRecordService
    clock: Clock = field(default=china_today)
    read_only: bool = False  # opened read-only (damaged or read-only database file)
    scheduled_backup: ScheduledBackup | None = None  # what opening did about backups
    recovered: RecoveredFiles | None = None  # files of unknown status the sweep moved
    set_aside: Path | None = None  # start_afresh: the folder holding the old files
    clock_doubt: ClockDoubt | None = None  # today is before the last start or a record

    def close(self) -> None:
        self.profiles.lock_all()
        self.database.dispose()
        self.lock.release()


def open_workspace(
    root: Path,
    clock: Clock = china_today,
    *,
    start_afresh: bool = False,
    sweep: bool = True,
    lock: InstanceLock | None = None,
) -> Workspace:
    """Lock `root`, finish an interrupted restore, create its layout, migrate (backing up
    first), take the scheduled automatic backup when one is due, open the database and
    sweep the stores (see the module docstring for when the sweep runs and what it does).

    `start_afresh`: the database is unusable (missing, empty, damaged, unreadable) and the
    person chose to begin again: the old files are moved aside first (`Workspace.set_aside`).
    `sweep=False`: the caller has just restored a backup. `lock`: the folder's instance
    lock, already held by the caller (the first screen's `DeferredWorkspace`); it belongs to
    the workspace from now on and is released like one taken here when opening fails.

    Raises `UserFixableError` subclasses (already running, database missing / damaged /
    read-only / unreadable / too new / locked, disk full, folder not writable) with codes
    the UI turns into messages; nothing is created or deleted then.
    """
    layout = DataLayout(root)
    from swdesk.core.datafiles import ensure_writable_dir

    if lock is None:
        ensure_writable_dir(layout.root)
        lock = acquire_instance_lock(layout.root)
    database: Database | None = None
    try:
        try:
            restored = recover_interrupted_restore(layout)
            set_aside = _set_aside_if_unusable(layout) if start_afresh else None
            state = inspect_database(layout.database)
            if (
                not start_afresh
                and not state.has_tables
                and not state.revisions
                and folder_has_saved_files(layout)
            ):
                reason = (
                    "missing"
                    if not layout.database.exists()
                    else "empty"
                    if not state.exists
                    else "no_tables"
                )
                raise DatabaseMissing(layout.database, reason)
            if state.exists and not os.access(layout.database, os.W_OK):
                raise DatabaseReadOnly(layout.database)
            layout.create()
            migration = prepare_database(layout.database, layout.backups_dir, state=state)
            scheduled = run_scheduled_backup(layout)
            database = Database.open(layout.database)
            recovered = None
            if sweep and not restored and migration.from_revision is not None:
                recovered = sweep_unreferenced_files(layout, database, clock())
        except OSError as exc:
            raise oserror_to_user_error(exc) from exc
        except sqlite3.Error as exc:
            mapped = database_error(exc, layout.database)
            if mapped is None:
                raise
            raise mapped from exc
    except BaseException:
        if database is not None:
            database.dispose()
        lock.release()
        raise
    workspace = _with_services(layout, database, lock, migration, clock)
    workspace.scheduled_backup = scheduled
    workspace.recovered = recovered
    workspace.set_aside = set_aside
    _check_clock(workspace, record_start(layout.root, clock()))
    return workspace


def _check_clock(workspace: Workspace, last_start: date | None) -> None:
    """Compare today with the last start and the newest record (see `services.clock`)."""
    try:
        newest = newest_record_in(workspace.database)
    except Exception:  # noqa: BLE001 - only a help: a database that cannot answer skips it
        log.warning("newest record date not read for the clock check", exc_info=True)
        newest = None
    doubt = clock_doubt(workspace.clock(), last_start, newest)
    workspace.clock_doubt = doubt
    workspace.dashboard.latest_seen = doubt.latest_seen if doubt else None
    if doubt is not None:
        log.warning(
            "the computer's date %s is before %s (%s): the clock may be wrong",
            doubt.today,
            doubt.latest_seen,
            doubt.source,
        )


def _set_aside_if_unusable(layout: DataLayout) -> Path | None:
    """For `start_afresh`: move the old files aside unless the database is usable after all."""
    try:
        state = inspect_database(layout.database)
        if state.has_tables or state.revisions:
            return None
    except DatabaseProblem:
        pass
    return set_aside_for_fresh_start(layout)


def folder_has_saved_files(layout: DataLayout) -> bool:
    """Whether the data folder holds anything a person saved besides the database: a file
    in evidence/, photos/ or recovered/, any backup (temporary files do not count), or a
    write-ahead log left without its database (it may hold the last transactions)."""
    try:
        if Path(f"{layout.database}-wal").stat().st_size > 0:
            return True
    except OSError:
        pass
    folders = (
        layout.evidence_dir,
        layout.photos_dir,
        layout.backups_dir,
        layout.root / RECOVERED_DIR,
    )
    for folder in folders:
        try:
            entries = list(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            return True  # cannot look: assume there is something
        for entry in entries:
            name = entry.name
            if name.endswith((".tmp", ".partial")) and name.startswith(".swdesk-"):
                continue
            if name.endswith(".partial"):
                continue
            return True
    return False


def sweep_unreferenced_files(
    layout: DataLayout, database: Database, today: date
) -> RecoveredFiles | None:
    """Tidy the evidence and photo folders on a healthy database, then empty the journal.

    A stored file no row refers to is deleted when the journal names it (a crash between
    writing the file and committing its row, or between dropping its last reference and
    removing it); any other unreferenced stored file is moved to
    `recovered/<today>/evidence` or `…/photos` (`today`: the workspace clock's day).
    Returns what was moved (None: nothing)."""
    from swdesk.storage.references import (
        EVIDENCE,
        PHOTOS,
        clear_journal,
        journaled,
        names_in_use,
        photo_names_in_use,
    )

    with database.session() as session:
        evidence_names = names_in_use(session)
        photo_names = photo_names_in_use(session)
        journal = journaled(session)
    folder = layout.root / RECOVERED_DIR / today.isoformat()
    evidence = EvidenceStore(layout.evidence_dir).sweep(
        evidence_names, journal.get(EVIDENCE, set()), folder / "evidence", temp_age=0
    )
    photos = PhotoStore(layout.photos_dir).sweep(
        photo_names, journal.get(PHOTOS, set()), folder / "photos", temp_age=0
    )
    with database.session() as session:
        clear_journal(session)
    removed = len(evidence.removed) + len(photos.removed)
    if removed:
        log.info("sweep: removed %d file(s) left by an interrupted save", removed)
    if not evidence.moved and not photos.moved:
        return None
    log.info(
        "sweep: moved %d evidence file(s) and %d photo(s) no record refers to into %s",
        len(evidence.moved),
        len(photos.moved),
        folder,
    )
    return RecoveredFiles(folder, len(evidence.moved), len(photos.moved))


def open_workspace_read_only(root: Path, clock: Clock = china_today) -> Workspace:
    """Open a data folder whose database is damaged or cannot be written, read-only: the
    file is left exactly as it is (SQLite `mode=ro`, `query_only`; no sweep, no backup), so
    the user can still look at what it holds while deciding what to do. Nothing can be
    saved.

    The first screen's queries are tried here: a file too damaged to be read even so raises
    `DatabaseCorrupt` (reason "unreadable_read_only"), a missing or empty one
    `DatabaseMissing`, instead of failing later in a window.
    """
    layout = DataLayout(root)
    lock = acquire_instance_lock(layout.root)
    database: Database | None = None
    try:
        db_path = layout.database
        if not db_path.exists() or db_path.stat().st_size == 0:
            raise DatabaseMissing(db_path, "missing" if not db_path.exists() else "empty")
        database = Database(open_read_only_engine(db_path), path=db_path)
        try:
            revisions = inspect_database(db_path).revisions
        except Exception:  # noqa: BLE001 - a damaged file may not even say its revision
            revisions = ()
        revision = revisions[0] if revisions else ""
        migration = MigrationResult(db_path, revision or None, revision, None)
        workspace = _with_services(layout, database, lock, migration, clock)
        workspace.read_only = True
        try:
            workspace.profiles.list_profiles()  # what the first screen reads
        except Exception as exc:  # noqa: BLE001 - whatever the damage, say so; never crash
            log.warning("the database cannot be read even read-only: %s", type(exc).__name__)
            raise DatabaseCorrupt(db_path, reason="unreadable_read_only") from exc
    except BaseException:
        if database is not None:
            database.dispose()
        lock.release()
        raise
    return workspace


def open_read_only_engine(db_path: Path) -> Engine:
    """An engine whose connections cannot write (URI mode=ro plus query_only)."""
    import sqlite3

    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(
            f"{db_path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        connection.execute("PRAGMA query_only = ON")
        return connection

    # a file's pool (the URL alone would pick the in-memory database's per-thread pool,
    # whose dispose() fails while a worker thread opens its connection)
    return create_engine("sqlite://", creator=connect, hide_parameters=True, poolclass=QueuePool)


def _with_services(
    layout: DataLayout,
    database: Database,
    lock: InstanceLock,
    migration: MigrationResult,
    clock: Clock,
) -> Workspace:
    from swdesk.storage.references import EVIDENCE, PHOTOS, FileJournal

    evidence = EvidenceStore(layout.evidence_dir, database.keyring, FileJournal(database, EVIDENCE))
    photos = PhotoStore(layout.photos_dir, database.keyring, FileJournal(database, PHOTOS))
    profiles = ProfileService(
        database, photos, clock, evidence, scrub=lambda: replace_automatic_backups(layout)
    )
    activities = ActivityService(database, evidence, profiles, clock)
    applications = ApplicationService(database, evidence, profiles, clock)
    decisions = DecisionService(database, evidence, profiles, applications, clock)
    records = AttendanceRecordService(database, evidence, profiles, clock)
    dashboard = DashboardService(
        profiles,
        activities,
        clock,
        applications,
        has_decision=lambda app_id: bool(decisions.decisions_for_application(app_id)),
    )
    return Workspace(
        layout,
        database,
        lock,
        migration,
        profiles,
        activities,
        dashboard,
        applications,
        decisions,
        records,
        clock,
    )
