"""Database snapshots and the one-file backup (`.swdbak`): writing it and reading it strictly.

`snapshot_database` copies a database that may be in use with SQLite's online backup API
(one step, so one consistent read transaction even while another connection writes), into
one self-contained file (journal mode DELETE), fsynced, checked with `PRAGMA
integrity_check` and only then renamed to its name.

A `.swdbak` file is a ZIP archive of stored (uncompressed) members:

- `swdesk.sqlite`: a snapshot of the database;
- `evidence/<stored name>` and `photos/<stored name>`: the files the database refers to;
- `manifest.json` (written last): `format`, `format_version`, `created_at`, `swdesk_version`,
  `schema_revision` and `members` [{name, size, sha256}] for every other member.

`write_backup_archive` writes it to a temporary name beside the target
(`.<name>.partial-<host>-<pid>-<random>`, `swdesk.core.outfiles`: the leftovers of a backup
killed in that folder are removed by the next one there), fsyncs it, reads it back from disk
(every member's hash, the database's integrity check) and only then renames it.
`read_backup_archive` is the strict reader used by that check and by restore: only the
expected member names, each once, stored, of bounded size, exactly the manifest's members,
every SHA-256 and CRC-32 matching; it can extract the members into a folder as it reads.
Refusals are `UserFixableError`s with `file=<backup file name>`: `backup_invalid` (with a
`reason`), `backup_corrupt`, `disk_full`, `not_writable`, `folder_missing`.

The standard library's `zipfile` is used (ZIP64 for large archives, CRC-32 checks on read);
what it would tolerate and swdesk must not (duplicate names, compressed or encrypted members,
foreign names, sizes out of bounds) is refused before any member is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from swdesk.core.infiles import open_regular_file
from swdesk.core.outfiles import output_error, publish, remove_leftovers, temp_path
from swdesk.core.timestamps import aware
from swdesk.domain.errors import UserFixableError

from .engine import connect_read_only, is_locked_error
from .errors import DatabaseLocked
from .files import EvidenceStore, PhotoStore, fsync_directory

FORMAT = "swdesk-backup"
FORMAT_VERSION = 1
BACKUP_SUFFIX = ".swdbak"
MANIFEST_NAME = "manifest.json"
DATABASE_MEMBER = "swdesk.sqlite"
EVIDENCE_PREFIX = "evidence/"
PHOTOS_PREFIX = "photos/"
TEMP_PREFIX = ".swdesk-"
TEMP_SUFFIX = ".tmp"
CHUNK_SIZE = 1 << 20
_O_BINARY = getattr(os, "O_BINARY", 0)

MAX_MANIFEST_BYTES = 64 << 20
MAX_DATABASE_BYTES = 16 << 30
MAX_FILE_BYTES = 1 << 30  # evidence and photos are limited far below this when imported
MAX_MEMBERS = 200_000
MAX_TOTAL_BYTES = 64 << 30

_MANIFEST_KEYS = frozenset(
    {"format", "format_version", "created_at", "swdesk_version", "schema_revision", "members"}
)
_MEMBER_KEYS = frozenset({"name", "size", "sha256"})
_HEX = frozenset("0123456789abcdef")

#: progress(bytes done, bytes in all) → False to cancel
Progress = Callable[[int, int], bool | None]


class BackupCancelled(Exception):
    """The progress callback asked to stop; nothing was left behind."""


@dataclass(frozen=True, slots=True)
class MemberInfo:
    """One member of a backup file as its manifest lists it."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class BackupManifest:
    """What `manifest.json` says about a backup file."""

    format_version: int
    created_at: str  # ISO 8601, local time of the computer that wrote it, with its UTC offset
    # (format version 1 files written before the offset rule have none: read as local time)
    swdesk_version: str
    schema_revision: str
    members: tuple[MemberInfo, ...]

    @property
    def evidence_names(self) -> list[str]:
        return [m.name.removeprefix(EVIDENCE_PREFIX) for m in self.members
                if m.name.startswith(EVIDENCE_PREFIX)]

    @property
    def photo_names(self) -> list[str]:
        return [m.name.removeprefix(PHOTOS_PREFIX) for m in self.members
                if m.name.startswith(PHOTOS_PREFIX)]

    @property
    def total_size(self) -> int:
        return sum(m.size for m in self.members)

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "swdesk_version": self.swdesk_version,
            "schema_revision": self.schema_revision,
            "members": [{"name": m.name, "size": m.size, "sha256": m.sha256}
                        for m in self.members],
        }
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A member to write: its name inside the archive and where its bytes are now."""

    name: str
    path: Path


# -- errors --------------------------------------------------------------------------------

def write_error(error: OSError, *, file: str, folder: Path) -> UserFixableError:
    """The user's view of an OSError met while writing `file` into `folder` (params file,
    path = the folder, reason): "disk_full", "folder_missing", or "not_writable" (no
    permission, read-only, a USB stick pulled out)."""
    return output_error(error, folder / file, path=folder)


# SQLite reports a write that found no room as SQLITE_FULL only where it writes the database
# itself; growing the shared-memory index of a WAL database (-shm) or a failed fsync on a
# full disk come back as SQLITE_IOERR with no errno. Below this much free space such an
# I/O error is taken for what it almost surely is: a full disk.
_LOW_SPACE_BYTES = 1 << 20


def _low_on_space(*folders: Path) -> bool:
    for folder in folders:
        try:
            if shutil.disk_usage(folder).free < _LOW_SPACE_BYTES:
                return True
        except OSError:
            continue
    return False


def _sqlite_write_error(error: sqlite3.Error, *, file: str, folder: Path,
                        source: Path) -> Exception:
    if is_locked_error(error):
        return DatabaseLocked(source)
    code = getattr(error, "sqlite_errorcode", None)
    code = None if code is None else code & 0xFF  # the primary code of an extended one
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in str(error):
        return UserFixableError("disk_full", file=file, path=str(folder))
    if code == sqlite3.SQLITE_IOERR and _low_on_space(folder, source.parent):
        full = folder if _low_on_space(folder) else source.parent
        return UserFixableError("disk_full", file=file, path=str(full))
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR):
        return UserFixableError("not_writable", file=file, path=str(folder),
                                reason=str(error))
    return error


def _invalid(file: str, reason: str, **params: Any) -> UserFixableError:
    return UserFixableError("backup_invalid", file=file, reason=reason, **params)


def _corrupt(file: str, **params: Any) -> UserFixableError:
    return UserFixableError("backup_corrupt", file=file, **params)


# -- small file helpers --------------------------------------------------------------------

def fsync_file(path: Path) -> None:
    """Flush a closed file's bytes to the device (opened for writing: Windows needs it)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def drop_cached_pages(path: Path) -> None:
    """Ask the OS to forget its cached copy of `path` (Linux), so reading it back reads
    what reached the device. Best effort: elsewhere the check reads the cache."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def new_temp_path(folder: Path, *, file: str) -> Path:
    """Create an empty temporary file in `folder` (`.swdesk-*.tmp`) and return its path."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise write_error(exc, file=file, folder=folder) from exc
    os.close(fd)
    return Path(name)


def integrity_ok(db_path: Path) -> bool:
    """True when `PRAGMA integrity_check` finds nothing wrong (a non-database fails)."""
    try:
        with closing(connect_read_only(db_path)) as connection:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def schema_revision(db_path: Path) -> str:
    """The Alembic revision stored in a database file ("" when it has none)."""
    with closing(connect_read_only(db_path)) as connection:
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.OperationalError:
            return ""
    return ",".join(sorted(str(row[0]) for row in rows))


# -- database snapshots --------------------------------------------------------------------

def snapshot_database(source: Path, target: Path) -> None:
    """Copy the database `source` (in use or not) to `target` with SQLite's online backup API.

    The copy is one self-contained file (journal mode DELETE), written under a temporary name
    in `target`'s folder, fsynced, checked with `PRAGMA integrity_check` and renamed. Raises
    `UserFixableError` "disk_full" / "not_writable" (nothing left behind), "backup_corrupt"
    when the copy fails its check (the source is damaged), or `DatabaseLocked`.
    """
    folder = target.parent
    temp = new_temp_path(folder, file=target.name)
    try:
        _online_copy(source, temp, file=target.name)
        if not integrity_ok(temp):
            raise _corrupt(target.name, member=DATABASE_MEMBER)
        os.replace(temp, target)
        fsync_directory(folder)
    except OSError as exc:
        raise write_error(exc, file=target.name, folder=folder) from exc
    finally:
        temp.unlink(missing_ok=True)


def _online_copy(source: Path, dest: Path, *, file: str) -> None:
    """Online backup of `source` into the (new, empty) file `dest`, then fsync."""
    try:
        with (
            closing(connect_read_only(source)) as reader,
            closing(sqlite3.connect(dest)) as copy,
        ):
            reader.backup(copy)  # pages=-1: one step, one read transaction on the source
            copy.execute("PRAGMA journal_mode = DELETE")
        fsync_file(dest)
    except sqlite3.Error as exc:
        raise _sqlite_write_error(exc, file=file, folder=dest.parent, source=source) from exc


def referenced_files(db_path: Path) -> tuple[set[str], set[str]]:
    """(evidence-store names, photo-store names) the database at `db_path` refers to.

    Read through a read-only connection, so `db_path` may be a snapshot at head revision.
    """
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from .orm import PractitionerRow
    from .references import names_in_use

    engine = create_engine("sqlite://", creator=lambda: connect_read_only(db_path))
    try:
        with Session(engine) as session:
            evidence = names_in_use(session)
            photos = set(session.scalars(select(PractitionerRow.photo_file).distinct()))
    finally:
        engine.dispose()
    return {n for n in evidence if n}, {n for n in photos if n}


# -- member names --------------------------------------------------------------------------

def _stored_name_ok(store: type[EvidenceStore], name: str) -> bool:
    try:
        store(Path()).path_for(name)
    except ValueError:
        return False
    return True


def member_name_ok(name: str) -> bool:
    """Whether `name` is one swdesk writes into a backup (no folders, no other names)."""
    if name in (MANIFEST_NAME, DATABASE_MEMBER):
        return True
    if name.startswith(EVIDENCE_PREFIX):
        return _stored_name_ok(EvidenceStore, name.removeprefix(EVIDENCE_PREFIX))
    if name.startswith(PHOTOS_PREFIX):
        return _stored_name_ok(PhotoStore, name.removeprefix(PHOTOS_PREFIX))
    return False


def _size_cap(name: str) -> int:
    if name == MANIFEST_NAME:
        return MAX_MANIFEST_BYTES
    if name == DATABASE_MEMBER:
        return MAX_DATABASE_BYTES
    return MAX_FILE_BYTES


# -- writing -------------------------------------------------------------------------------

def _write_chunk(stream: IO[bytes], chunk: bytes) -> None:
    """Every byte of an archive member goes through here (one place to simulate a full disk
    in tests)."""
    stream.write(chunk)


class _Meter:
    """Counts bytes against a total and calls the progress callback; raises on cancel."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress

    def advance(self, count: int) -> None:
        self.done += count
        self.report()

    def report(self) -> None:
        if self._progress is not None and self._progress(min(self.done, self.total),
                                                         self.total) is False:
            raise BackupCancelled


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
    meter = _Meter(2 * payload, progress)
    meter.report()
    folder = dest.parent
    if not folder.is_dir():
        code = "not_writable" if folder.exists() else "folder_missing"
        raise UserFixableError(code, file=dest.name, path=str(folder))
    remove_leftovers(folder, BACKUP_SUFFIX)  # a killed writer's copy holds personal data
    temp = temp_path(dest)
    try:
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o600))
    except OSError as exc:
        raise write_error(exc, file=dest.name, folder=folder) from exc
    try:
        manifest = _write_archive(temp, sources, sizes, swdesk_version, meter, created_at)
        drop_cached_pages(temp)
        try:
            read_backup_archive(temp, display_name=dest.name, database_to=scratch,
                                progress=_offset_progress(progress, payload, 2 * payload))
        except UserFixableError as failure:
            if failure.code not in ("backup_invalid", "backup_corrupt", "file_unreadable"):
                raise  # e.g. no room for the database's check copy on the local disk
            raise _corrupt(dest.name, stage="verify",
                           member=failure.params.get("member", "")) from failure
        publish(temp, dest)
    except OSError as exc:
        raise write_error(exc, file=dest.name, folder=folder) from exc
    finally:
        with suppress(OSError):  # a stick pulled out: the next backup there removes it
            temp.unlink(missing_ok=True)
    return manifest


def _offset_progress(progress: Progress | None, offset: int, total: int) -> Progress | None:
    if progress is None:
        return None
    return lambda done, _total: progress(min(offset + done, total), total)


def _write_archive(temp: Path, sources: list[SourceFile], sizes: list[int],
                   swdesk_version: str, meter: _Meter,
                   created_at: datetime | None) -> BackupManifest:
    created = aware(created_at or datetime.now()).replace(microsecond=0)
    with temp.open("wb") as raw:
        manifest = _write_members(raw, sources, sizes, swdesk_version, meter, created)
        raw.flush()
        os.fsync(raw.fileno())
    return manifest


def _write_members(raw: BinaryIO, sources: list[SourceFile], sizes: list[int],
                   swdesk_version: str, meter: _Meter, created: datetime) -> BackupManifest:
    stamp = (created.year, created.month, created.day, created.hour, created.minute,
             created.second)
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
                    _write_chunk(out, chunk)
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
            _write_chunk(out, data)
    return manifest


def _source_size(source: SourceFile) -> int:
    try:
        return source.path.stat().st_size
    except OSError as exc:
        raise UserFixableError("file_unreadable", file=source.path.name,
                               path=str(source.path)) from exc


def _open_source(source: SourceFile) -> BinaryIO:
    try:
        return source.path.open("rb")
    except OSError as exc:
        raise UserFixableError("file_unreadable", file=source.path.name,
                               path=str(source.path)) from exc


def _read_source_chunk(reader: BinaryIO, source: SourceFile) -> bytes:
    try:
        return reader.read(CHUNK_SIZE)
    except OSError as exc:
        raise UserFixableError("file_unreadable", file=source.path.name,
                               path=str(source.path)) from exc


def _zip_info(name: str, stamp: tuple[int, int, int, int, int, int],
              size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o100644 << 16
    info.file_size = size  # lets zipfile choose ZIP64 headers up front for large members
    return info


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
            raise _invalid(file, "not_zip") from exc
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
        meter = _Meter(manifest.total_size, progress)
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
        raise _corrupt(file, member=DATABASE_MEMBER)
    return manifest


def _checked_entries(archive: zipfile.ZipFile, file: str) -> dict[str, zipfile.ZipInfo]:
    """The central directory, refused unless it holds only what swdesk writes."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS + 2:
        raise _invalid(file, "too_many_members")
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name in entries:
            raise _invalid(file, "duplicate_member", member=name)
        if not member_name_ok(name) or info.is_dir():
            raise _invalid(file, "unexpected_member", member=name[:120])
        if (info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1
                or info.compress_size != info.file_size):
            raise _invalid(file, "member_not_stored", member=name)
        if info.file_size > _size_cap(name):
            raise _invalid(file, "member_too_large", member=name)
        total += info.file_size
        entries[name] = info
    if total > MAX_TOTAL_BYTES:
        raise _invalid(file, "too_large")
    for required in (MANIFEST_NAME, DATABASE_MEMBER):
        if required not in entries:
            raise _invalid(file, "member_missing", member=required)
    return entries


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _read_manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> BackupManifest:
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_MANIFEST_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _corrupt(file, member=MANIFEST_NAME) from exc
    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=_reject_duplicates)
    except (UnicodeDecodeError, ValueError) as exc:
        raise _invalid(file, "manifest_unreadable") from exc
    if not isinstance(document, dict) or set(document) != _MANIFEST_KEYS:
        raise _invalid(file, "manifest_fields")
    if document["format"] != FORMAT:
        raise _invalid(file, "not_swdesk_backup")
    version = document["format_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _invalid(file, "manifest_fields")
    if version > FORMAT_VERSION:
        raise _invalid(file, "format_too_new", format_version=version)
    texts = (document["created_at"], document["swdesk_version"], document["schema_revision"])
    if not all(isinstance(text, str) and len(text) <= 200 for text in texts):
        raise _invalid(file, "manifest_fields")
    raw_members = document["members"]
    if not isinstance(raw_members, list):
        raise _invalid(file, "manifest_fields")
    members = tuple(_member_info(entry, file) for entry in raw_members)
    return BackupManifest(version, document["created_at"], document["swdesk_version"],
                          document["schema_revision"], members)


def _member_info(entry: object, file: str) -> MemberInfo:
    if not isinstance(entry, dict) or set(entry) != _MEMBER_KEYS:
        raise _invalid(file, "manifest_fields")
    name, size, sha256 = entry["name"], entry["size"], entry["sha256"]
    if (not isinstance(name, str) or not isinstance(size, int) or isinstance(size, bool)
            or size < 0 or not isinstance(sha256, str) or len(sha256) != 64
            or not set(sha256) <= _HEX):
        raise _invalid(file, "manifest_fields")
    return MemberInfo(name, size, sha256)


def _match_manifest(manifest: BackupManifest, infos: dict[str, zipfile.ZipInfo],
                    file: str) -> None:
    """The manifest lists exactly the archive's other members, with their sizes."""
    listed: set[str] = set()
    for member in manifest.members:
        if member.name in listed or member.name == MANIFEST_NAME:
            raise _invalid(file, "manifest_mismatch", member=member.name[:120])
        listed.add(member.name)
        info = infos.get(member.name)
        if info is None:
            raise _invalid(file, "member_missing", member=member.name[:120])
        if info.file_size != member.size:
            raise _corrupt(file, member=member.name)
    unlisted = sorted(set(infos) - listed - {MANIFEST_NAME})
    if unlisted:
        raise _invalid(file, "member_unlisted", member=unlisted[0])


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: MemberInfo,
                 file: str, target: Path | None, meter: _Meter) -> None:
    """Read one member through, hashing it (and writing it to `target`)."""
    digest = hashlib.sha256()
    size = 0
    out = _open_target(target, file)
    try:
        with archive.open(info) as stream:
            while chunk := _read_archive_chunk(stream, file, member.name):
                size += len(chunk)
                if size > member.size:
                    raise _corrupt(file, member=member.name)
                digest.update(chunk)
                if out is not None:
                    _write_extracted(out, chunk, file)
                meter.advance(len(chunk))
        if out is not None:
            try:
                out.flush()
                os.fsync(out.fileno())
            except OSError as exc:
                raise write_error(exc, file=file, folder=Path(out.name).parent) from exc
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:  # e.g. a damaged local header
        raise _corrupt(file, member=member.name) from exc
    finally:
        if out is not None:
            out.close()
    if size != member.size or digest.hexdigest() != member.sha256:
        raise _corrupt(file, member=member.name)


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
        raise _corrupt(file, member=member) from exc
    except OSError as exc:  # the file went away (USB stick pulled out)
        raise UserFixableError("file_unreadable", file=file) from exc


def _write_extracted(out: BinaryIO, chunk: bytes, file: str) -> None:
    try:
        out.write(chunk)
    except OSError as exc:
        raise write_error(exc, file=file, folder=Path(out.name).parent) from exc
