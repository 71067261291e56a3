"""Opening a data directory: lock it, migrate its database, and build the services on it.

`Workspace` is what the composition root hands to the UI: one open data directory and the
services that work on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from swdesk.paths import DataLayout
from swdesk.storage.engine import Database
from swdesk.storage.files import EvidenceStore, PhotoStore
from swdesk.storage.instance_lock import InstanceLock, acquire_instance_lock
from swdesk.storage.migrate import MigrationResult, prepare_database

from .activities import ActivityService
from .applications import ApplicationService
from .backup import (
    ScheduledBackup,
    recover_interrupted_restore,
    replace_automatic_backups,
    run_scheduled_backup,
)
from .dashboard import DashboardService
from .decisions import DecisionService
from .profiles import ProfileService

Clock = Callable[[], date]


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
    clock: Clock = field(default=date.today)
    read_only: bool = False  # opened read-only because the database failed its check
    scheduled_backup: ScheduledBackup | None = None  # what opening did about backups

    def close(self) -> None:
        self.profiles.lock_all()
        self.database.dispose()
        self.lock.release()


def open_workspace(root: Path, clock: Clock = date.today) -> Workspace:
    """Lock `root`, finish an interrupted restore, create its layout, migrate (backing up
    first), take the scheduled automatic backup when one is due, and open the database.

    Raises `UserFixableError` subclasses (already running, database corrupt, too new,
    locked, folder not writable) with codes the UI turns into messages.
    """
    layout = DataLayout(root)
    from swdesk.storage.files import ensure_writable_dir

    ensure_writable_dir(layout.root)
    lock = acquire_instance_lock(layout.root)
    try:
        recover_interrupted_restore(layout)
        layout.create()
        migration = prepare_database(layout.database, layout.backups_dir)
        scheduled = run_scheduled_backup(layout)
        database = Database.open(layout.database)
        sweep_unreferenced_files(layout, database)
    except BaseException:
        lock.release()
        raise
    workspace = _with_services(layout, database, lock, migration, clock)
    workspace.scheduled_backup = scheduled
    return workspace


def sweep_unreferenced_files(layout: DataLayout, database: Database) -> None:
    """Remove stored files no row refers to: left by a crash between writing a file and
    committing its row (or between sealing a profile's files and switching to them)."""
    from swdesk.storage.references import names_in_use
    from swdesk.storage.repositories import PractitionerRepository

    with database.session() as session:
        evidence_names = names_in_use(session)
        photo_names = PractitionerRepository(session).photo_names()
    EvidenceStore(layout.evidence_dir).sweep(evidence_names)
    PhotoStore(layout.photos_dir).sweep(photo_names)


def open_workspace_read_only(root: Path, clock: Clock = date.today) -> Workspace:
    """Open a data folder whose database failed its integrity check, read-only: the file is
    left exactly as it is (SQLite `mode=ro`, `query_only`), so the user can still look at
    what it holds while deciding to restore a backup. Nothing can be saved."""
    from swdesk.storage.migrate import MigrationResult, inspect_database

    layout = DataLayout(root)
    lock = acquire_instance_lock(layout.root)
    try:
        database = Database(open_read_only_engine(layout.database))
        try:
            revisions = inspect_database(layout.database).revisions
        except Exception:  # noqa: BLE001 - a damaged file may not even say its revision
            revisions = ()
        revision = revisions[0] if revisions else ""
        migration = MigrationResult(layout.database, revision or None, revision, None)
    except BaseException:
        lock.release()
        raise
    workspace = _with_services(layout, database, lock, migration, clock)
    workspace.read_only = True
    return workspace


def open_read_only_engine(db_path: Path) -> Engine:
    """An engine whose connections cannot write (URI mode=ro plus query_only)."""
    import sqlite3

    from sqlalchemy import create_engine

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True,
                                     check_same_thread=False)
        connection.execute("PRAGMA query_only = ON")
        return connection

    return create_engine("sqlite://", creator=connect, hide_parameters=True)


def _with_services(layout: DataLayout, database: Database, lock: InstanceLock,
                   migration: MigrationResult, clock: Clock) -> Workspace:
    evidence = EvidenceStore(layout.evidence_dir, database.keyring)
    photos = PhotoStore(layout.photos_dir, database.keyring)
    profiles = ProfileService(database, photos, clock, evidence,
                              scrub=lambda: replace_automatic_backups(layout))
    activities = ActivityService(database, evidence, profiles, clock)
    applications = ApplicationService(database, evidence, profiles, clock)
    decisions = DecisionService(database, evidence, profiles, applications, clock)
    dashboard = DashboardService(
        profiles, activities, clock, applications,
        has_decision=lambda app_id: bool(decisions.decisions_for_application(app_id)))
    return Workspace(layout, database, lock, migration, profiles, activities, dashboard,
                     applications, decisions, clock)
