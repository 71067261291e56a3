"""Writing a `.swdbak`: members streamed with SHA-256, under a temporary name, fsynced,
then published."""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Iterable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from swdesk.core.datafiles import flush_to_disk
from swdesk.core.outfiles import publish, remove_leftovers, temp_path
from swdesk.core.progress import Meter, Progress, offset
from swdesk.core.timestamps import aware
from swdesk.domain.errors import UserFixableError

from .format import (
    BACKUP_SUFFIX,
    CHUNK_SIZE,
    DATABASE_MEMBER,
    FORMAT_VERSION,
    MANIFEST_NAME,
    O_BINARY,
    BackupCancelled,
    BackupManifest,
    MemberInfo,
    SourceFile,
    corrupt,
    write_error,
)
from .reader import read_backup_archive
from .snapshot import drop_cached_pages, schema_revision

# -- writing -------------------------------------------------------------------------------


def write_backup_archive(
    dest: Path,
    database: Path,
    files: Iterable[SourceFile],
    *,
    swdesk_version: str,
    scratch: Path,
    progress: Progress | None = None,
    created_at: datetime | None = None,
) -> BackupManifest:
    """Write the backup file `dest` from a database snapshot and the files, then verify it.

    `database` must be a snapshot nobody writes (see `snapshot_database`); `files` name
    `evidence/…` and `photos/…` members. The archive is written to a temporary name in
    `dest`'s folder, fsynced, read back from disk with `read_backup_archive` (its database
    extracted into `scratch`, a folder on a local disk) and only then renamed to `dest`.
    Progress counts the bytes written and then the bytes read back. Raises
    `UserFixableError` "disk_full" / "not_writable" / "backup_corrupt" (the check after
    writing failed: a faulty stick), or `BackupCancelled`; on any failure no file is left.
    `created_at` (default: now, to the second, local time with its offset) is the time the
    manifest and every member's ZIP time say; with the same sources it makes the same bytes
    (tests/golden reproduces a backup file from fixed inputs).
    """
    sources = [SourceFile(DATABASE_MEMBER, database), *files]
    sizes = [_source_size(source) for source in sources]
    payload = sum(sizes)
    meter = Meter(2 * payload, progress, BackupCancelled)
    meter.report()
    folder = dest.parent
    if not folder.is_dir():
        code = "not_writable" if folder.exists() else "folder_missing"
        raise UserFixableError(code, file=dest.name, path=str(folder))
    remove_leftovers(folder, BACKUP_SUFFIX)  # a killed writer's copy holds personal data
    temp = temp_path(dest)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_BINARY, 0o600)
    except OSError as exc:
        raise write_error(exc, file=dest.name, folder=folder) from exc
    try:
        manifest = _write_archive(fd, sources, sizes, swdesk_version, meter, created_at)
        drop_cached_pages(temp)
        try:
            read_backup_archive(
                temp,
                display_name=dest.name,
                database_to=scratch,
                progress=offset(progress, payload, 2 * payload),
            )
        except UserFixableError as failure:
            if failure.code not in ("backup_invalid", "backup_corrupt", "file_unreadable"):
                raise  # e.g. no room for the database's check copy on the local disk
            raise corrupt(
                dest.name, stage="verify", member=failure.params.get("member", "")
            ) from failure
        publish(temp, dest)
    except OSError as exc:
        raise write_error(exc, file=dest.name, folder=folder) from exc
    finally:
        with suppress(OSError):  # a stick pulled out: the next backup there removes it
            temp.unlink(missing_ok=True)
    return manifest


def _write_archive(
    fd: int,
    sources: list[SourceFile],
    sizes: list[int],
    swdesk_version: str,
    meter: Meter,
    created_at: datetime | None,
) -> BackupManifest:
    """Write the archive into `fd`, the temporary file just created exclusively (written
    through that descriptor, never reopened by name), flush it to disk and close it."""
    with os.fdopen(fd, "wb") as raw:
        created = aware(created_at or datetime.now()).replace(microsecond=0)
        manifest = _write_members(raw, sources, sizes, swdesk_version, meter, created)
        flush_to_disk(raw)
    return manifest


def _write_members(
    raw: BinaryIO,
    sources: list[SourceFile],
    sizes: list[int],
    swdesk_version: str,
    meter: Meter,
    created: datetime,
) -> BackupManifest:
    stamp = (created.year, created.month, created.day, created.hour, created.minute, created.second)
    members: list[MemberInfo] = []
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for source, size in zip(sources, sizes, strict=True):
            info = _zip_info(source.name, stamp, size)
            digest = hashlib.sha256()
            written = 0
            with _open_source(source) as reader, archive.open(info, "w") as out:
                while chunk := _read_source_chunk(reader, source):
                    written += len(chunk)
                    if written > size:
                        raise RuntimeError(f"{source.name} grew while it was backed up")
                    digest.update(chunk)
                    out.write(chunk)
                    meter.advance(len(chunk))
            if written != size:
                raise RuntimeError(f"{source.name} shrank while it was backed up")
            members.append(MemberInfo(source.name, size, digest.hexdigest()))
        manifest = BackupManifest(
            format_version=FORMAT_VERSION,
            created_at=created.isoformat(),
            swdesk_version=swdesk_version,
            schema_revision=schema_revision(sources[0].path),
            members=tuple(members),
        )
        data = manifest.to_json()
        with archive.open(_zip_info(MANIFEST_NAME, stamp, len(data)), "w") as out:
            out.write(data)
    return manifest


def _source_size(source: SourceFile) -> int:
    try:
        return source.path.stat().st_size
    except OSError as exc:
        raise UserFixableError(
            "file_unreadable", file=source.path.name, path=str(source.path)
        ) from exc


def _open_source(source: SourceFile) -> BinaryIO:
    try:
        return source.path.open("rb")
    except OSError as exc:
        raise UserFixableError(
            "file_unreadable", file=source.path.name, path=str(source.path)
        ) from exc


def _read_source_chunk(reader: BinaryIO, source: SourceFile) -> bytes:
    try:
        return reader.read(CHUNK_SIZE)
    except OSError as exc:
        raise UserFixableError(
            "file_unreadable", file=source.path.name, path=str(source.path)
        ) from exc


def _zip_info(name: str, stamp: tuple[int, int, int, int, int, int], size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o100644 << 16
    info.file_size = size  # lets zipfile choose ZIP64 headers up front for large members
    return info
