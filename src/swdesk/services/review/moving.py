"""Moving an office between its folder (SQLite) and a PostgreSQL server.

`move_to_server` copies the office of a reviewer folder into an empty server database;
`move_to_folder` copies a server office into a new reviewer folder. Either way the rows go
with `database.transfer.copy_rows` and the bundle bytes with them (files of `bundles/`
become `bundle_blobs` rows, and back into files), in one transaction on the target; before
it commits, the copy is checked: the audit chain verifies, every stored bundle verifies as
its application row says (`office_check`), and every table holds as many rows as the
source's. The target's audit log gets one "migrated" entry naming the source and the
target (a folder path or host:port/database: never a password).

Nothing is done half-way: a failure or a cancel rolls the server's transaction back (the
schema is created in that transaction too: PostgreSQL's DDL is transactional) or removes
the new folder, which is built under a temporary name beside its final one and renamed into
place only when checked and committed. The source is only read (`office_reading`: SQLite
opened read-only, the server in a read-only transaction: one snapshot of every table and
bundle) and the folder's lock is held meanwhile, so no swdesk changes the office during the
copy. The office password is required: nobody copies an office whose key they cannot open.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from swdesk.core.datafiles import fsync_directory, temp_output
from swdesk.database.engine import database_error, open_engine
from swdesk.database.migrating import alembic_config
from swdesk.database.server import inspect_server, take_advisory_lock
from swdesk.database.transfer import copy_rows, read_table_counts
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.audit import append_entry
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
from .office_check import audit_chain, check_bundles
from .office_reading import (
    MoveProgress,
    ReadBundle,
    blob_reader,
    bundle_file,
    file_reader,
    folder_source,
    read_only_sqlite,
    refuse_other_schema,
    report_progress,
    server_engine,
    server_errors,
    snapshot,
)

__all__ = ["BLOBS_TABLE", "MoveReport", "move_to_folder", "move_to_server"]

BLOBS_TABLE = "bundle_blobs"
AUDIT_TABLE = "audit_log"


@dataclass(frozen=True, slots=True)
class MoveReport:
    """A finished move: where from, where to, rows per table and bundles copied."""

    source: str
    target: str
    rows: dict[str, int]  # table → rows in the target (the "migrated" entry included)
    bundles: int
    audit_entries: int


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

    audit = audit_chain(target)
    if not audit.ok:
        raise failed(f"audit_chain:{audit.first_broken}")
    target_rows = read_table_counts(target)
    for table, count in source_rows.items():
        wanted = count + (1 if table == AUDIT_TABLE else 0)
        if table == BLOBS_TABLE and expected_blobs is not None:
            wanted = expected_blobs
        if target_rows.get(table) != wanted:
            raise failed(f"rows:{table}")
    _count, problems = check_bundles(target, read, progress)
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
    db_path = folder_source(root)
    lock = acquire_instance_lock(root)
    engine: Engine | None = None
    source: Engine | None = None
    try:
        source = read_only_sqlite(db_path)
        engine, location = server_engine(url, server_password)
        with snapshot(source) as reading:
            fingerprint = _check_password(reading, password, str(root))
            _refuse_unsettled(reading, str(root))
            source_rows = read_table_counts(reading)
            names = _stored_names(reading)
            bundles_dir = root / BUNDLES_DIR
            with server_errors(location), engine.connect() as target, target.begin():
                _prepare_empty_server(target, location)
                _copy_tables(reading, target, progress)
                for index, name in enumerate(names, 1):
                    path = bundle_file(bundles_dir, name)
                    if path is None:
                        raise UserFixableError(
                            "migrate_check_failed", target=location, reason=f"missing:{name[:16]}"
                        )
                    target.execute(
                        insert(BundleBlobRow), {"stored_name": name, "data": path.read_bytes()}
                    )
                    report_progress(progress, "bundles", index)
                _migrated_entry(target, fingerprint, str(root), location)
                _verify_copy(
                    target, source_rows, len(names), blob_reader(target), location, progress
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
        report_progress(progress, table, count)

    copy_rows(source, target, progress=each, skip=(BLOBS_TABLE,))


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
        if not isinstance(data, bytes) or bundle_file(bundles_dir, name) is not None:
            raise UserFixableError(
                "migrate_check_failed", target=target, reason=f"missing:{name[:16]}"
            )
        with temp_output(bundles_dir) as (out, temp):
            out.write(data)
        os.replace(temp, bundles_dir / name)
        report_progress(progress, "bundles", index)
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
    engine, location = server_engine(url, server_password)
    parent = root.parent
    staging = parent / f".{root.name}.moving-{secrets.token_hex(4)}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        db_path = staging / DATABASE_NAME
        prepare_review_database(db_path, staging / "backups")
        target_engine = open_engine(db_path)
        try:
            with server_errors(location), snapshot(engine) as reading:
                refuse_other_schema(reading, location)
                fingerprint = _check_password(reading, password, location)
                source_rows = read_table_counts(reading)
                source_rows.pop(BLOBS_TABLE, None)
                names = _stored_names(reading)
                with _sqlite_errors(db_path), target_engine.connect() as target, target.begin():
                    _copy_tables(reading, target, progress)
                    _write_bundles(
                        names, blob_reader(reading), staging / BUNDLES_DIR, str(root), progress
                    )
                    _migrated_entry(target, fingerprint, location, str(root))
                    _verify_copy(
                        target,
                        source_rows,
                        None,
                        file_reader(staging / BUNDLES_DIR),
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
