"""Opening an office's database: in a reviewer folder (locked, migrated, with its bundle
files) or on a server (the schema prepared, the bundles in the database), and closing it.

Whatever opened comes back as a `OpenedStorage`; `storage_errors_of` words the failures of
either place for the user (never a traceback).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.exc import SQLAlchemyError

from swdesk.core.datafiles import ensure_writable_dir
from swdesk.database.engine import Database
from swdesk.database.migrating import MigrationResult
from swdesk.reviewstore.migrate import prepare_review_database, prepare_review_server
from swdesk.storage.instance_lock import InstanceLock, acquire_instance_lock

from .bundle_store import BundleStore
from .context import BACKUPS_DIR, BUNDLES_DIR, DATABASE_NAME
from .database_bundle_store import DatabaseBundleStore
from .folder_bundle_store import FolderBundleStore
from .location import ReviewServer, server_failure
from .review_folder import storage_errors

CACHE_KIB = 32768  # SQLite page cache per connection: the queue's indexes stay in memory


def _optimize(database: Database) -> None:
    """SQLite's own upkeep when a folder's office closes (best effort); a server needs none."""
    if not database.is_sqlite:
        return
    with contextlib.suppress(Exception), database.engine.connect() as connection:
        connection.execute(text("PRAGMA optimize"))


def close_storage(
    database: Database, bundles: BundleStore | None, lock: InstanceLock | None
) -> None:
    """Close an open office's storage: SQLite's upkeep, then `release_storage`."""
    _optimize(database)
    release_storage(database, bundles, lock)


def release_storage(
    database: Database, bundles: BundleStore | None, lock: InstanceLock | None
) -> None:
    database.dispose()
    if bundles is not None:
        bundles.close()
    if lock is not None:
        lock.release()


def _sqlite_cache(database: Database) -> None:
    """A SQLite office's connections keep the queue's indexes in memory (a larger page
    cache) and overwrite deleted data. Nothing for a server's."""
    if not database.is_sqlite:
        return

    @event.listens_for(database.engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        dbapi_connection.execute("PRAGMA secure_delete = ON")  # deleted data overwritten


@dataclass
class OpenedStorage:
    """What opening the office's database gave: the database, its bundle store, the
    folder's lock (None on a server), the folder (None on a server), the context's root
    (the folder, or this PC's scratch folder of a server's office) and the location."""

    database: Database
    migration: MigrationResult
    bundles: BundleStore
    lock: InstanceLock | None
    root: Path | None
    work_root: Path
    location: str

    def release(self) -> None:
        release_storage(self.database, self.bundles, self.lock)


def _open_database(root: Path) -> tuple[InstanceLock, MigrationResult, Database]:
    ensure_writable_dir(root)
    lock = acquire_instance_lock(root)
    try:
        (root / BUNDLES_DIR).mkdir(exist_ok=True)
        migration = prepare_review_database(root / DATABASE_NAME, root / BACKUPS_DIR)
        database = Database.open(root / DATABASE_NAME)
        _sqlite_cache(database)
    except BaseException:
        lock.release()
        raise
    return lock, migration, database


def open_folder_storage(root: Path) -> OpenedStorage:
    lock, migration, database = _open_database(root)
    return OpenedStorage(
        database, migration, FolderBundleStore(root, database), lock, root, root, str(root)
    )


def open_server_storage(server: ReviewServer) -> OpenedStorage:
    """The office's database on `server`, its schema prepared (created or upgraded by
    one client at a time); nothing locked on this PC and no folder swept. A failure to
    reach the server or sign in to it comes out worded (`server_error`)."""
    engine = server.engine()
    try:
        with _server_errors(server):
            migration = prepare_review_server(engine)
    except BaseException:
        engine.dispose()
        raise
    database = Database(engine, location=server.location)
    bundles = DatabaseBundleStore(database)
    return OpenedStorage(
        database, migration, bundles, None, None, bundles.scratch_dir, server.location
    )


@contextlib.contextmanager
def _server_errors(server: ReviewServer) -> Iterator[None]:
    """A failure reaching or using the server inside the block becomes the user's error
    naming the server (never a traceback)."""
    try:
        yield
    except (SQLAlchemyError, OSError) as exc:
        classified = server_failure(exc, server)
        if classified is None:
            raise
        raise classified from exc


@contextlib.contextmanager
def storage_errors_of(store: OpenedStorage, server: ReviewServer | None) -> Iterator[None]:
    """The storage errors of the folder, or the server's (see `review_folder.storage_errors`)."""
    if server is not None:
        with _server_errors(server), storage_errors(store.work_root):
            yield
    else:
        with storage_errors(store.work_root):
            yield
