"""Moving an office between its folder (SQLite) and a PostgreSQL server, and checking what
an office has stored.

`move_to_server` copies the office of a reviewer folder into an empty server database;
`move_to_folder` copies a server office into a new reviewer folder. Either way the rows go
with `database.transfer.copy_rows` and the bundle bytes with them (files of `bundles/`
become `bundle_blobs` rows, and back into files), in one transaction on the target; before
it commits, the copy is checked: the audit chain verifies, every stored bundle's bytes
verify as the bundle its application row names (`verify_bundle`: the manifest's SHA-256 is
the row's bundle_id, the content digest and the size are the row's), and every table holds
as many rows as the source's. The target's audit log gets one "migrated" entry naming the
source and the target (a folder path or host:port/database: never a password).

Nothing is done half-way: a failure or a cancel rolls the server's transaction back (the
schema is created in that transaction too: PostgreSQL's DDL is transactional) or removes
the new folder, which is built under a temporary name beside its final one and renamed into
place only when checked and committed. The source is only read (SQLite opened read-only,
the server in a read-only transaction: one snapshot of every table and bundle) and the
folder's lock is held meanwhile, so no swdesk changes the office during the copy. The
office password is required: nobody copies an office whose key they cannot open.

`check_office` runs the same checks on an office as it is (the folder's, or a server's):
`swdesk review verify`, also on a database restored from a pg_dump backup.

The bundle bytes are read and written here directly (`bundles/` files, `bundle_blobs` rows)
rather than through a workspace's `BundleStore`: the copy is checked inside its own
uncommitted transaction, which a store's sessions could not see, and no workspace is open
on either side (opening one would write to the source).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from swdesk.bundle import verify_bundle
from swdesk.core.datafiles import fsync_directory, temp_output
from swdesk.core.progress import Cancelled
from swdesk.database.engine import BUSY_TIMEOUT_MS, database_error, open_engine
from swdesk.database.migrating import alembic_config, inspect_database
from swdesk.database.server import (
    inspect_server,
    is_server_url,
    open_server_engine,
    parse_server_url,
    server_error,
    server_location,
    take_advisory_lock,
)
from swdesk.database.transfer import copy_rows, read_table_counts
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.audit import ChainCheck, append_entry, verify_chain
from swdesk.reviewstore.migrate import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    UPGRADE_LOCK,
    prepare_review_database,
)
from swdesk.reviewstore.orm import ApplicationRow, BundleBlobRow, FileJournalRow, OfficeRow
from swdesk.signing import decrypt_office_key
from swdesk.storage.instance_lock import acquire_instance_lock

from .context import BUNDLES_DIR, DATABASE_NAME

__all__ = [
    "BLOBS_TABLE",
    "BundleProblem",
    "MoveProgress",
    "MoveReport",
    "OfficeCheck",
    "check_office",
    "is_server_url",
    "move_to_folder",
    "move_to_server",
]

BLOBS_TABLE = "bundle_blobs"
AUDIT_TABLE = "audit_log"
ReadBundle = Callable[[str], Path | bytes | None]  # stored name → the file, its bytes, or None

#: progress(what, count): a table's rows copied so far, "bundles" copied, "checked"
#: bundles checked; returning False cancels (`core.progress.Cancelled`, nothing kept)
MoveProgress = Callable[[str, int], bool | None]


@dataclass(frozen=True, slots=True)
class BundleProblem:
    """A stored bundle that does not verify as its application row says."""

    application_id: int
    stored_name: str
    reason: str  # "missing", "bundle_id", "content_digest", "size" or a BundleError code


@dataclass(frozen=True, slots=True)
class OfficeCheck:
    """What `check_office` found (no personal data: counts, numbers, hashes)."""

    location: str
    audit: ChainCheck
    bundles: int  # stored bundles checked
    problems: tuple[BundleProblem, ...]
    rows: dict[str, int] = field(default_factory=dict)  # table → rows

    @property
    def ok(self) -> bool:
        return self.audit.ok and not self.problems


@dataclass(frozen=True, slots=True)
class MoveReport:
    """A finished move: where from, where to, rows per table and bundles copied."""

    source: str
    target: str
    rows: dict[str, int]  # table → rows in the target (the "migrated" entry included)
    bundles: int
    audit_entries: int


def _progress(progress: MoveProgress | None, what: str, count: int) -> None:
    if progress is not None and progress(what, count) is False:
        raise Cancelled


# -- opening what is moved ---------------------------------------------------------------


def _read_only_sqlite(db_path: Path) -> Engine:
    """An engine that only reads `db_path`: opened read-only, `query_only` on, each
    transaction a deferred BEGIN (one snapshot of the WAL database for the whole copy)."""
    uri = db_path.resolve().as_uri() + "?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)

    engine = create_engine("sqlite://", creator=connect, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA query_only = ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


@contextlib.contextmanager
def _server_errors(location: str) -> Iterator[None]:
    """A server's failure inside the block as the user's error (server_unreachable,
    server_login_failed, ...), never a traceback."""
    try:
        yield
    except DBAPIError as exc:
        mapped = server_error(exc.orig, location)
        if mapped is None:
            raise
        raise mapped from exc


def _server_engine(url: str, password: str | None) -> tuple[Engine, str]:
    parsed = parse_server_url(url)
    location = server_location(parsed)
    try:
        return open_server_engine(parsed, password=password), location
    except ImportError as exc:  # swdesk without its `postgres` extra
        raise UserFixableError("server_driver_missing", server=location) from exc


def _folder_source(root: Path) -> Path:
    """The database of the office in `root`, refused unless it is this swdesk's schema
    (an older one is upgraded by opening the office once, which this never writes)."""
    db_path = root / DATABASE_NAME
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise UserFixableError("review_not_initialised", path=str(root))
    state = inspect_database(db_path)
    if state.revisions != (HEAD_REVISION,):
        raise UserFixableError("migrate_source_not_ready", source=str(root), reason="schema")
    return db_path


def _check_password(connection: Connection, password: str, where: str) -> str:
    """The office's fingerprint, once its key opened with `password` (SigningError
    "wrong_password" otherwise)."""
    office = connection.execute(
        select(OfficeRow.encrypted_key, OfficeRow.fingerprint).where(OfficeRow.id == 1)
    ).first()
    if office is None:
        raise UserFixableError("review_not_initialised", path=where)
    key = decrypt_office_key(bytes(office.encrypted_key), password)
    if key.identity.fingerprint != office.fingerprint:
        raise UserFixableError("key_mismatch", path=where)
    return str(office.fingerprint)


def _refuse_unsettled(connection: Connection, where: str) -> None:
    """A folder whose file journal still lists work (a crash between a commit and a
    rename) is finished by opening the office, not copied half-placed."""
    if connection.execute(select(func.count()).select_from(FileJournalRow)).scalar_one():
        raise UserFixableError("migrate_source_not_ready", source=where, reason="files")


def _stored_names(connection: Connection) -> list[str]:
    rows = connection.execute(
        select(ApplicationRow.stored_name)
        .where(ApplicationRow.stored_name != "")
        .distinct()
        .order_by(ApplicationRow.stored_name)
    )
    return [str(name) for name in rows.scalars()]


# -- checking ----------------------------------------------------------------------------


def _bundle_problem(
    app_id: int,
    name: str,
    bundle_id: str,
    digest: str,
    size: int,
    stored: Path | bytes | None,
    scratch: Path,
) -> BundleProblem | None:
    """Whether the stored bytes are the bundle the row names."""
    if stored is None:
        return BundleProblem(app_id, name, "missing")
    path = stored if isinstance(stored, Path) else scratch / "bundle.swdapp"
    if isinstance(stored, bytes):
        path.write_bytes(stored)
    try:
        verified = verify_bundle(path)
    except UserFixableError as error:
        return BundleProblem(app_id, name, error.code)
    except FileNotFoundError:
        return BundleProblem(app_id, name, "missing")
    for what, bad in (
        ("bundle_id", verified.bundle_id != bundle_id),
        ("content_digest", verified.content_digest != digest),
        ("size", verified.size != size),
    ):
        if bad:
            return BundleProblem(app_id, name, what)
    return None


def _check_bundles(
    connection: Connection, read: ReadBundle, progress: MoveProgress | None = None
) -> tuple[int, list[BundleProblem]]:
    """Every application's stored bundle verified (in application order)."""
    problems: list[BundleProblem] = []
    count = 0
    rows = connection.execute(
        select(
            ApplicationRow.id,
            ApplicationRow.stored_name,
            ApplicationRow.bundle_id,
            ApplicationRow.content_digest,
            ApplicationRow.file_size,
        )
        .where(ApplicationRow.stored_name != "")
        .order_by(ApplicationRow.id)
    ).all()
    with tempfile.TemporaryDirectory(prefix="swdesk-check-") as scratch:
        for app_id, name, bundle_id, digest, size in rows:
            problem = _bundle_problem(
                app_id, name, bundle_id, digest, size, read(name), Path(scratch)
            )
            if problem is not None:
                problems.append(problem)
            count += 1
            _progress(progress, "checked", count)
    return count, problems


def _audit(connection: Connection) -> ChainCheck:
    with Session(bind=connection) as session:
        return verify_chain(session)


def _blob_reader(connection: Connection) -> ReadBundle:
    def read(name: str) -> bytes | None:
        data = connection.execute(
            select(BundleBlobRow.data).where(BundleBlobRow.stored_name == name)
        ).scalar_one_or_none()
        return None if data is None else bytes(data)

    return read


def _bundle_file(bundles_dir: Path, name: str) -> Path | None:
    """The stored file `name` in `bundles_dir`, or None (missing, or not a stored name)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = bundles_dir / name
    return path if path.is_file() else None


def _file_reader(bundles_dir: Path) -> ReadBundle:
    return lambda name: _bundle_file(bundles_dir, name)


def check_office(
    where: Path | str, *, server_password: str | None = None, progress: MoveProgress | None = None
) -> OfficeCheck:
    """Check the office in the reviewer folder `where` (a Path) or on the server database
    `where` (a URL): its audit chain, every stored bundle against its application row, and
    count the rows of each table. Only reads (the folder's database opened read-only)."""
    folder = where if isinstance(where, Path) else None
    if folder is not None:
        engine, location = _read_only_sqlite(_folder_source(folder)), str(folder)
    else:
        engine, location = _server_engine(str(where), server_password)
    try:
        with _server_errors(location), _snapshot(engine) as connection:
            if folder is None:
                _refuse_other_schema(connection, location)
            if connection.execute(select(func.count()).select_from(OfficeRow)).scalar_one() == 0:
                raise UserFixableError("review_not_initialised", path=location)
            audit = _audit(connection)
            read = (
                _blob_reader(connection) if folder is None else _file_reader(folder / BUNDLES_DIR)
            )
            bundles, problems = _check_bundles(connection, read, progress)
            rows = read_table_counts(connection)
    finally:
        engine.dispose()
    return OfficeCheck(location, audit, bundles, tuple(problems), rows)


@contextlib.contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction: a server's REPEATABLE READ snapshot, or SQLite's
    deferred read transaction (the engine of `_read_only_sqlite`)."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with connection.begin():
            yield connection


def _refuse_other_schema(connection: Connection, location: str) -> None:
    state = inspect_server(connection)
    if state.revisions != (HEAD_REVISION,):
        raise UserFixableError("migrate_source_not_ready", source=location, reason="schema")


def _verify_copy(
    target: Connection,
    source_rows: dict[str, int],
    expected_blobs: int | None,
    read: ReadBundle,
    where: str,
    progress: MoveProgress | None,
) -> None:
    """The checks a copy passes before it is committed (raises "migrate_check_failed",
    naming what failed)."""

    def failed(reason: str) -> UserFixableError:
        return UserFixableError("migrate_check_failed", target=where, reason=reason)

    audit = _audit(target)
    if not audit.ok:
        raise failed(f"audit_chain:{audit.first_broken}")
    target_rows = read_table_counts(target)
    for table, count in source_rows.items():
        wanted = count + (1 if table == AUDIT_TABLE else 0)
        if table == BLOBS_TABLE and expected_blobs is not None:
            wanted = expected_blobs
        if target_rows.get(table) != wanted:
            raise failed(f"rows:{table}")
    _count, problems = _check_bundles(target, read, progress)
    if problems:
        first = problems[0]
        raise failed(f"bundle:{first.application_id}:{first.reason}")


def _migrated_entry(connection: Connection, fingerprint: str, source: str, target: str) -> None:
    with Session(bind=connection) as session:
        append_entry(
            session,
            at=datetime.now().astimezone().replace(microsecond=0).isoformat(),
            actor=fingerprint,
            action="migrated",
            details={"source": source, "target": target},
        )
        session.flush()


# -- folder → server -----------------------------------------------------------------------


def _prepare_empty_server(connection: Connection, location: str) -> None:
    """In the copy's transaction: the review schema at head in an empty database (created
    here when it has no table yet), or refused when it holds anything."""
    from alembic import command

    take_advisory_lock(connection, UPGRADE_LOCK)
    state = inspect_server(connection)
    if state.has_tables:
        if state.revisions != (HEAD_REVISION,) or any(read_table_counts(connection).values()):
            raise UserFixableError("migrate_target_not_empty", target=location)
        return
    if state.revisions:
        raise UserFixableError("migrate_target_not_empty", target=location)
    command.upgrade(alembic_config(MIGRATIONS_DIR, connection), "head")


def move_to_server(
    root: Path,
    url: str,
    password: str,
    *,
    server_password: str | None = None,
    progress: MoveProgress | None = None,
) -> MoveReport:
    """Copy the office in the reviewer folder `root` into the empty server database `url`
    (see the module's docstring). Raises UserFixableError: review_not_initialised,
    wrong_password, already_running (the office is open), migrate_source_not_ready,
    migrate_target_not_empty, migrate_check_failed, server_*; `Cancelled` when `progress`
    asks to stop. The folder is left as it was."""
    db_path = _folder_source(root)
    lock = acquire_instance_lock(root)
    engine: Engine | None = None
    source: Engine | None = None
    try:
        source = _read_only_sqlite(db_path)
        engine, location = _server_engine(url, server_password)
        with _snapshot(source) as reading:
            fingerprint = _check_password(reading, password, str(root))
            _refuse_unsettled(reading, str(root))
            source_rows = read_table_counts(reading)
            names = _stored_names(reading)
            bundles_dir = root / BUNDLES_DIR
            with _server_errors(location), engine.connect() as target, target.begin():
                _prepare_empty_server(target, location)
                _copy_tables(reading, target, progress)
                for index, name in enumerate(names, 1):
                    path = _bundle_file(bundles_dir, name)
                    if path is None:
                        raise UserFixableError(
                            "migrate_check_failed", target=location, reason=f"missing:{name[:16]}"
                        )
                    target.execute(
                        insert(BundleBlobRow), {"stored_name": name, "data": path.read_bytes()}
                    )
                    _progress(progress, "bundles", index)
                _migrated_entry(target, fingerprint, str(root), location)
                _verify_copy(
                    target, source_rows, len(names), _blob_reader(target), location, progress
                )
                rows = read_table_counts(target)
    finally:
        if source is not None:
            source.dispose()
        if engine is not None:
            engine.dispose()
        lock.release()
    return MoveReport(str(root), location, rows, len(names), rows[AUDIT_TABLE])


def _copy_tables(source: Connection, target: Connection, progress: MoveProgress | None) -> None:
    """Every row but the bundle bytes (which go their own way: files ↔ blobs)."""

    def each(table: str, count: int) -> None:
        _progress(progress, table, count)

    copy_rows(source, target, progress=each, skip=(BLOBS_TABLE,))


# -- server → folder -----------------------------------------------------------------------


def _refuse_used_folder(root: Path) -> None:
    """The new office's folder must not exist yet, or be empty."""
    if root.is_symlink() or (root.exists() and (not root.is_dir() or any(root.iterdir()))):
        raise UserFixableError("migrate_target_not_empty", target=str(root))


def _write_bundles(
    names: list[str],
    read: ReadBundle,
    bundles_dir: Path,
    target: str,
    progress: MoveProgress | None,
) -> None:
    """Each blob written as a file (fsynced, renamed into place), then the folder fsynced."""
    bundles_dir.mkdir(exist_ok=True)
    for index, name in enumerate(names, 1):
        data = read(name)
        if not isinstance(data, bytes) or _bundle_file(bundles_dir, name) is not None:
            raise UserFixableError(
                "migrate_check_failed", target=target, reason=f"missing:{name[:16]}"
            )
        with temp_output(bundles_dir) as (out, temp):
            out.write(data)
        os.replace(temp, bundles_dir / name)
        _progress(progress, "bundles", index)
    fsync_directory(bundles_dir)


def move_to_folder(
    url: str,
    root: Path,
    password: str,
    *,
    server_password: str | None = None,
    progress: MoveProgress | None = None,
) -> MoveReport:
    """Copy the office of the server database `url` into the new reviewer folder `root`
    (see the module's docstring). Raises UserFixableError: review_not_initialised,
    wrong_password, migrate_source_not_ready, migrate_target_not_empty (the folder holds
    something), migrate_check_failed, server_*, disk_full; `Cancelled` when `progress`
    asks to stop. Nothing is written on the server; on failure no folder is left."""
    _refuse_used_folder(root)
    engine, location = _server_engine(url, server_password)
    parent = root.parent
    staging = parent / f".{root.name}.moving-{secrets.token_hex(4)}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        db_path = staging / DATABASE_NAME
        prepare_review_database(db_path, staging / "backups")
        target_engine = open_engine(db_path)
        try:
            with _server_errors(location), _snapshot(engine) as reading:
                _refuse_other_schema(reading, location)
                fingerprint = _check_password(reading, password, location)
                source_rows = read_table_counts(reading)
                source_rows.pop(BLOBS_TABLE, None)
                names = _stored_names(reading)
                with _sqlite_errors(db_path), target_engine.connect() as target, target.begin():
                    _copy_tables(reading, target, progress)
                    _write_bundles(
                        names, _blob_reader(reading), staging / BUNDLES_DIR, str(root), progress
                    )
                    _migrated_entry(target, fingerprint, location, str(root))
                    _verify_copy(
                        target,
                        source_rows,
                        None,
                        _file_reader(staging / BUNDLES_DIR),
                        str(root),
                        progress,
                    )
                    rows = read_table_counts(target)
        finally:
            target_engine.dispose()
        if root.is_dir():
            root.rmdir()  # empty (checked above)
        os.rename(staging, root)
        fsync_directory(parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        engine.dispose()
    rows.pop(BLOBS_TABLE, None)
    return MoveReport(location, str(root), rows, len(names), rows[AUDIT_TABLE])


@contextlib.contextmanager
def _sqlite_errors(db_path: Path) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        mapped = database_error(exc.orig, db_path)
        if mapped is None:
            raise
        raise mapped from exc
