"""Reading a `.swdbak` strictly: the manifest and every member checked before anything is
extracted."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO

from swdesk.core.datafiles import flush_to_disk
from swdesk.core.infiles import open_regular_file
from swdesk.core.progress import Meter, Progress
from swdesk.core.strict_json import JsonProblem, load_strict
from swdesk.domain.errors import UserFixableError

from .format import (
    CHUNK_SIZE,
    DATABASE_MEMBER,
    FORMAT,
    FORMAT_VERSION,
    HEX,
    MANIFEST_KEYS,
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    MAX_MEMBERS,
    MAX_TOTAL_BYTES,
    MEMBER_KEYS,
    BackupCancelled,
    BackupManifest,
    MemberInfo,
    corrupt,
    invalid,
    member_name_ok,
    size_cap,
    write_error,
)
from .snapshot import integrity_ok

# -- reading -------------------------------------------------------------------------------


@contextmanager
def _open_archive(path: Path, file: str) -> Iterator[zipfile.ZipFile]:
    try:
        handle: BinaryIO = open_regular_file(path)  # a FIFO would block for ever
    except OSError as exc:
        raise UserFixableError("file_unreadable", file=file, path=str(path)) from exc
    with handle:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
            raise invalid(file, "not_zip") from exc
        with archive:
            yield archive


def read_backup_archive(
    path: Path,
    *,
    display_name: str | None = None,
    extract_to: Path | None = None,
    database_to: Path | None = None,
    progress: Progress | None = None,
) -> BackupManifest:
    """Check a backup file strictly and return its manifest.

    Every member is read and its SHA-256 compared with the manifest (zipfile checks the
    CRC-32 too). `extract_to` receives every member (`swdesk.sqlite`, `evidence/`,
    `photos/`, the folders created; nothing else), `database_to` only the database; either
    way the extracted database must pass `PRAGMA integrity_check`. A failure raises
    `UserFixableError` "backup_invalid" (not swdesk's backup: `reason` says why),
    "backup_corrupt" (damaged: `member`) or "file_unreadable"; what was extracted stays for
    the caller to remove.
    """
    file = display_name or path.name
    with _open_archive(path, file) as archive:
        infos = _checked_entries(archive, file)
        manifest = _read_manifest(archive, infos[MANIFEST_NAME], file)
        _match_manifest(manifest, infos, file)
        meter = Meter(manifest.total_size, progress, BackupCancelled)
        meter.report()
        db_target: Path | None = None
        if extract_to is not None:
            for sub in ("evidence", "photos"):
                (extract_to / sub).mkdir(parents=True, exist_ok=True)
            db_target = extract_to / DATABASE_MEMBER
        elif database_to is not None:
            database_to.mkdir(parents=True, exist_ok=True)
            db_target = database_to / DATABASE_MEMBER
        for member in manifest.members:
            target = None
            if extract_to is not None:
                target = extract_to / member.name
            elif member.name == DATABASE_MEMBER:
                target = db_target
            _read_member(archive, infos[member.name], member, file, target, meter)
    if db_target is not None and not integrity_ok(db_target):
        raise corrupt(file, member=DATABASE_MEMBER)
    return manifest


def _checked_entries(archive: zipfile.ZipFile, file: str) -> dict[str, zipfile.ZipInfo]:
    """The central directory, refused unless it holds only what swdesk writes."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS + 2:
        raise invalid(file, "too_many_members")
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name in entries:
            raise invalid(file, "duplicate_member", member=name)
        if not member_name_ok(name) or info.is_dir():
            raise invalid(file, "unexpected_member", member=name[:120])
        if (
            info.compress_type != zipfile.ZIP_STORED
            or info.flag_bits & 0x1
            or info.compress_size != info.file_size
        ):
            raise invalid(file, "member_not_stored", member=name)
        if info.file_size > size_cap(name):
            raise invalid(file, "member_too_large", member=name)
        total += info.file_size
        entries[name] = info
    if total > MAX_TOTAL_BYTES:
        raise invalid(file, "too_large")
    for required in (MANIFEST_NAME, DATABASE_MEMBER):
        if required not in entries:
            raise invalid(file, "member_missing", member=required)
    return entries


def _read_manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> BackupManifest:
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_MANIFEST_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise corrupt(file, member=MANIFEST_NAME) from exc
    try:
        document = load_strict(data, max_bytes=MAX_MANIFEST_BYTES)
    except JsonProblem as exc:
        raise invalid(file, "manifest_unreadable") from exc
    if not isinstance(document, dict) or set(document) != MANIFEST_KEYS:
        raise invalid(file, "manifest_fields")
    if document["format"] != FORMAT:
        raise invalid(file, "not_swdesk_backup")
    version = document["format_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise invalid(file, "manifest_fields")
    if version > FORMAT_VERSION:
        raise invalid(file, "format_too_new", format_version=version)
    texts = (document["created_at"], document["swdesk_version"], document["schema_revision"])
    if not all(isinstance(text, str) and len(text) <= 200 for text in texts):
        raise invalid(file, "manifest_fields")
    raw_members = document["members"]
    if not isinstance(raw_members, list):
        raise invalid(file, "manifest_fields")
    members = tuple(_member_info(entry, file) for entry in raw_members)
    return BackupManifest(
        version,
        document["created_at"],
        document["swdesk_version"],
        document["schema_revision"],
        members,
    )


def _member_info(entry: object, file: str) -> MemberInfo:
    if not isinstance(entry, dict) or set(entry) != MEMBER_KEYS:
        raise invalid(file, "manifest_fields")
    name, size, sha256 = entry["name"], entry["size"], entry["sha256"]
    if (
        not isinstance(name, str)
        or not isinstance(size, int)
        or isinstance(size, bool)
        or size < 0
        or not isinstance(sha256, str)
        or len(sha256) != 64
        or not set(sha256) <= HEX
    ):
        raise invalid(file, "manifest_fields")
    return MemberInfo(name, size, sha256)


def _match_manifest(manifest: BackupManifest, infos: dict[str, zipfile.ZipInfo], file: str) -> None:
    """The manifest lists exactly the archive's other members, with their sizes."""
    listed: set[str] = set()
    for member in manifest.members:
        if member.name in listed or member.name == MANIFEST_NAME:
            raise invalid(file, "manifest_mismatch", member=member.name[:120])
        listed.add(member.name)
        info = infos.get(member.name)
        if info is None:
            raise invalid(file, "member_missing", member=member.name[:120])
        if info.file_size != member.size:
            raise corrupt(file, member=member.name)
    unlisted = sorted(set(infos) - listed - {MANIFEST_NAME})
    if unlisted:
        raise invalid(file, "member_unlisted", member=unlisted[0])


def _read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    member: MemberInfo,
    file: str,
    target: Path | None,
    meter: Meter,
) -> None:
    """Read one member through, hashing it (and writing it to `target`)."""
    digest = hashlib.sha256()
    size = 0
    out = _open_target(target, file)
    try:
        with archive.open(info) as stream:
            while chunk := _read_archive_chunk(stream, file, member.name):
                size += len(chunk)
                if size > member.size:
                    raise corrupt(file, member=member.name)
                digest.update(chunk)
                if out is not None:
                    _write_extracted(out, chunk, file)
                meter.advance(len(chunk))
        if out is not None:
            try:
                flush_to_disk(out)
            except OSError as exc:
                raise write_error(exc, file=file, folder=Path(out.name).parent) from exc
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:  # e.g. a damaged local header
        raise corrupt(file, member=member.name) from exc
    finally:
        if out is not None:
            out.close()
    if size != member.size or digest.hexdigest() != member.sha256:
        raise corrupt(file, member=member.name)


def _open_target(target: Path | None, file: str) -> BinaryIO | None:
    if target is None:
        return None
    try:
        return target.open("wb")
    except OSError as exc:
        raise write_error(exc, file=file, folder=target.parent) from exc


def _read_archive_chunk(stream: IO[bytes], file: str, member: str) -> bytes:
    try:
        return stream.read(CHUNK_SIZE)
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:  # CRC-32 wrong, data cut short
        raise corrupt(file, member=member) from exc
    except OSError as exc:  # the file went away (USB stick pulled out)
        raise UserFixableError("file_unreadable", file=file) from exc


def _write_extracted(out: BinaryIO, chunk: bytes, file: str) -> None:
    try:
        out.write(chunk)
    except OSError as exc:
        raise write_error(exc, file=file, folder=Path(out.name).parent) from exc
