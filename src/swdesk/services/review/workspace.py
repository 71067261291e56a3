"""The reviewer workspace: `<data-dir>/review`, its own database, lock and signing key.

`init_review_workspace` sets an office up once (an Ed25519 key generated here, its private
part stored encrypted with the password); `open_review_workspace` opens it with the
password, runs the sweep of the bundles folder (`retention.Eraser.sweep`: finishes what the
file journal lists, removes what the database proves is garbage, moves files of unknown
status to `recovered/<day>/`, reported in `ReviewWorkspace.recovered`) and deletes the
applications whose retention period has ended. Either returns a `ReviewWorkspace` holding
the lock until `close()`.

A reviewer folder that holds stored bundles, database backups or a stray WAL but no usable
database (missing, empty, damaged) is never taken for a new one: opening says
"review_database_missing" / "review_database_damaged" (naming the folder), and setting an
office up there refuses with "review_data_without_database" unless asked explicitly to move
the old files aside (`keep_old_files_aside`: into `recovered/<day>/`, never deleted). No
sweep runs on a database just created or found damaged. Storage failures (full disk,
read-only disk or file, damaged database, I/O error) come out as the UserFixableError of
`faults.storage_error`, never as a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.exc import SQLAlchemyError

from swdesk.core.datafiles import ensure_writable_dir, fsync_directory
from swdesk.database.engine import Database
from swdesk.database.errors import DatabaseCorrupt
from swdesk.database.migrating import MigrationResult
from swdesk.domain.errors import UserFixableError
from swdesk.domain.rulepack import RulePack
from swdesk.reviewstore.migrate import prepare_review_database, prepare_review_server
from swdesk.reviewstore.offices import OfficeStore
from swdesk.reviewstore.records import StoredOffice
from swdesk.services.clock import china_today
from swdesk.signing import (
    OfficeIdentity,
    OfficeKey,
    ReviewLevel,
    encrypt_office_key,
    generate_office_key,
)
from swdesk.storage.instance_lock import InstanceLock, acquire_instance_lock

from .bundle_store import BundleStore
from .context import BACKUPS_DIR, BUNDLES_DIR, DATABASE_NAME, Clock, Now, ReviewContext, default_now
from .database_bundle_store import DatabaseBundleStore
from .faults import storage_error
from .folder_bundle_store import FolderBundleStore
from .location import ReviewServer, server_failure
from .models import PurgeReport
from .retention import RECOVERED_DIR, Eraser, SweepReport, move_aside
from .service import ReviewService
from .staff import (
    DEFAULT_HEAD_USERNAME,
    MIN_PASSWORD_LENGTH,
    check_username,
    new_head_row,
    office_identity,
    sign_in,
)

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "ReviewFolderState",
    "ReviewWorkspace",
    "init_review_workspace",
    "open_review_workspace",
    "review_folder_state",
    "review_root",
]

log = logging.getLogger(__name__)

CACHE_KIB = 32768  # SQLite page cache per connection: the queue's indexes stay in memory


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
def _storage_errors(root: Path) -> Iterator[None]:
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


@dataclass
class ReviewWorkspace:
    """An open office: a reviewer folder (`root`, the instance lock held) or a database on
    a server (`root` and `lock` None). Close it to release the lock, the connections and
    the key in memory."""

    root: Path | None  # the reviewer folder; None for an office on a server
    database: Database
    lock: InstanceLock | None  # a folder's instance lock (a server's office has none)
    migration: MigrationResult
    service: ReviewService
    key: OfficeKey | None  # None: the person signed in works without the office key
    rule_pack: RulePack
    purged: PurgeReport = field(default_factory=PurgeReport.empty)  # at opening
    swept: SweepReport = field(default_factory=SweepReport)  # at opening
    set_aside: Path | None = None  # init: where the old files were moved
    # where the office is, for titles and messages: the folder, or host:port/database
    location: str = field(default="", kw_only=True)
    bundles: BundleStore | None = field(default=None, kw_only=True, repr=False)

    @property
    def on_server(self) -> bool:
        """Whether the office is a database on a server (else a folder on this PC)."""
        return self.root is None

    @property
    def recovered(self) -> tuple[str, ...]:
        """Bundle files of unknown status the opening moved to `recovered_folder`."""
        return self.swept.recovered

    @property
    def recovered_folder(self) -> Path | None:
        return self.swept.folder

    @property
    def office(self) -> OfficeIdentity:
        return self.service.office

    @property
    def level(self) -> ReviewLevel:
        return self.office.level

    @property
    def actor(self) -> str:
        """The user name of the person signed in."""
        return self.service.actor

    @property
    def role(self) -> str:
        """ "head" or "reviewer"."""
        return self.service.role

    @property
    def rule_pack_id(self) -> str:
        return self.rule_pack.id

    def close(self) -> None:
        _optimize(self.database)
        _release(self.database, self.bundles, self.lock)

    def __enter__(self) -> ReviewWorkspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _optimize(database: Database) -> None:
    """SQLite's own upkeep when a folder's office closes (best effort); a server needs none."""
    if not database.is_sqlite:
        return
    with contextlib.suppress(Exception), database.engine.connect() as connection:
        connection.execute(text("PRAGMA optimize"))


def _release(database: Database, bundles: BundleStore | None, lock: InstanceLock | None) -> None:
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
class _Store:
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
        _release(self.database, self.bundles, self.lock)


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


def _folder_store(root: Path) -> _Store:
    lock, migration, database = _open_database(root)
    return _Store(
        database, migration, FolderBundleStore(root, database), lock, root, root, str(root)
    )


def _server_store(server: ReviewServer) -> _Store:
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
    return _Store(database, migration, bundles, None, None, bundles.scratch_dir, server.location)


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
def _errors(store: _Store, server: ReviewServer | None) -> Iterator[None]:
    """The storage errors of the folder, or the server's (see `_storage_errors`)."""
    if server is not None:
        with _server_errors(server), _storage_errors(store.work_root):
            yield
    else:
        with _storage_errors(store.work_root):
            yield


def _pack(rule_pack_id: str) -> RulePack:
    from swdesk.rulepacks import load_pack

    return load_pack(rule_pack_id)


def init_review_workspace(
    root: Path | ReviewServer,
    *,
    office_name: str,
    region: str,
    level: ReviewLevel | str,
    rule_pack_id: str,
    password: str,
    clock: Clock = china_today,
    now: Now | None = None,
    keep_old_files_aside: bool = False,
    head_username: str = DEFAULT_HEAD_USERNAME,
    head_name: str = "",
) -> ReviewWorkspace:
    """Set up an office in `root` (= <data-dir>/review, or a `ReviewServer`: an empty
    database on the office's server) and open it. Raises
    UserFixableError: review_already_initialised (review_server_already_initialised
    on a server), review_data_without_database (stored
    bundles or backups but no usable database: restore the database, or pass
    `keep_old_files_aside` to move them into recovered/<day>/ first), password_too_short,
    office_invalid, rulepack_unknown, already_running, review_database_damaged,
    disk_full, review_read_only, database_*, username_invalid, display_name_invalid.

    The person setting it up becomes the office's first head (`head_username`, display
    name `head_name`), signing in with the office password and holding the office key."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFixableError("password_too_short", min_length=MIN_PASSWORD_LENGTH)
    check_username(head_username)  # refused before anything is written
    pack = _pack(rule_pack_id)
    try:
        key = generate_office_key(office_name.strip(), region.strip(), ReviewLevel(level))
    except ValueError as exc:
        raise UserFixableError("office_invalid", reason=str(exc)) from exc
    server = root if isinstance(root, ReviewServer) else None
    set_aside: Path | None = None
    if isinstance(root, ReviewServer):
        store = _server_store(root)
    else:
        with _storage_errors(root):
            root.mkdir(parents=True, exist_ok=True)
            set_aside = _prepare_new_folder(root, clock(), keep_old_files_aside)
            store = _folder_store(root)
    database = store.database
    try:
        with _errors(store, server):
            now_fn = now or default_now(clock)
            with database.session() as session:
                offices = OfficeStore(session)
                if offices.get() is not None:
                    raise _already_initialised(root)
                identity = key.identity
                encrypted = encrypt_office_key(key, password)
                created_at = now_fn().astimezone().replace(tzinfo=None)
                offices.create(
                    StoredOffice(
                        identity.name,
                        identity.region,
                        str(identity.level),
                        pack.id,
                        identity.fingerprint,
                        identity.public_key,
                        encrypted,
                        created_at,
                    )
                )
                head = new_head_row(
                    session,
                    username=head_username,
                    display_name=head_name,
                    password=password,
                    encrypted_key=encrypted,
                    at=created_at,
                )
            context = ReviewContext(
                database,
                store.work_root,
                key,
                pack,
                clock,
                now_fn,
                bundles=store.bundles,
                actor=head.username,
                role="head",
            )
            with database.session() as session:
                context.audit(
                    session,
                    "office_created",
                    name=identity.name,
                    level=str(identity.level),
                    rule_pack=pack.id,
                    fingerprint=identity.short_fingerprint,
                    head=head.username,
                )
                if set_aside is not None:
                    context.audit(
                        session,
                        "old_files_set_aside",
                        folder=str(set_aside.relative_to(store.work_root)),
                    )
    except BaseException:
        store.release()
        raise
    return ReviewWorkspace(
        store.root,
        database,
        store.lock,
        store.migration,
        ReviewService(context),
        key,
        pack,
        set_aside=set_aside,
        location=store.location,
        bundles=store.bundles,
    )


def _already_initialised(root: Path | ReviewServer) -> UserFixableError:
    if isinstance(root, ReviewServer):
        return UserFixableError("review_server_already_initialised", server=root.location)
    return UserFixableError("review_already_initialised", path=str(root))


def _prepare_new_folder(root: Path, day: date, keep_old_files_aside: bool) -> Path | None:
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


def open_review_workspace(
    root: Path | ReviewServer,
    password: str,
    *,
    user: str | None = None,
    clock: Clock = china_today,
    now: Now | None = None,
) -> ReviewWorkspace:
    """Open an office set up before, signed in as `user` with their own password, or
    (`user` None) with the office password as the office's first head (`staff.sign_in`).
    Raises UserFixableError: review_not_initialised, review_database_missing (stored
    bundles or backups but no database), review_database_damaged, wrong_password (also
    for an unknown user), user_disabled, already_running, disk_full, review_read_only,
    database_* (migration). On a server (`root` a ReviewServer):
    review_server_not_initialised and the server_* codes of `server_error`
    (server_unreachable, server_login_failed, server_password_needed, ...)."""
    server = root if isinstance(root, ReviewServer) else None
    state: ReviewFolderState | None = None
    if isinstance(root, ReviewServer):
        store = _server_store(root)
    else:
        with _storage_errors(root):
            state = review_folder_state(root)
            if not state.database_present:
                if state.has_old_data:
                    raise UserFixableError("review_database_missing", **state.params())
                raise UserFixableError("review_not_initialised", path=str(root))
            store = _folder_store(root)
    database = store.database
    try:
        with _errors(store, server):
            with database.session() as session:
                stored = OfficeStore(session).get()
            if stored is None:
                if isinstance(root, ReviewServer):
                    raise UserFixableError("review_server_not_initialised", server=root.location)
                if state is not None and state.has_old_data:
                    raise UserFixableError("review_database_missing", **state.params())
                raise UserFixableError("review_not_initialised", path=str(root))
            pack = _pack(stored.rule_pack_id)
            now_fn = now or default_now(clock)
            with database.session() as session:  # a first head created is audit-logged with it
                signed, head_created = sign_in(
                    session,
                    stored,
                    password,
                    user,
                    at=now_fn().astimezone().replace(tzinfo=None, microsecond=0),
                )
                key = signed.key
                context = ReviewContext(
                    database,
                    store.work_root,
                    key,
                    pack,
                    clock,
                    now_fn,
                    bundles=store.bundles,
                    actor=signed.username,
                    role=signed.role,
                    identity=office_identity(stored),
                )
                if head_created:
                    context.audit(session, "staff_added", username=signed.username, role="head")
                context.audit(session, "workspace_opened")
            service = ReviewService(context)
            swept, purged = _housekeeping(context)
    except BaseException:
        store.release()
        raise
    return ReviewWorkspace(
        store.root,
        database,
        store.lock,
        store.migration,
        service,
        key,
        pack,
        purged,
        swept,
        location=store.location,
        bundles=store.bundles,
    )


def _housekeeping(context: ReviewContext) -> tuple[SweepReport, PurgeReport]:
    """At opening, on the healthy database just read: the sweep of the bundles folder,
    then the retention purge (which keeps the old database backups when the sweep found
    files this database does not know: one of them may be the database that does). A
    failure here (a full disk, a file held open) is logged and does not keep the office
    from working; both run again at the next opening."""
    swept = SweepReport()
    try:
        eraser = Eraser(context)
        swept = eraser.sweep()
        return swept, eraser.purge_expired(keep_backups=bool(swept.recovered))
    except (OSError, SQLAlchemyError, UserFixableError) as exc:
        log.warning(
            "the sweep or retention purge at opening failed (%s); retried at the next opening",
            type(exc).__name__,
        )
        return swept, PurgeReport.empty()
