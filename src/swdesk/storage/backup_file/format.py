"""The `.swdbak` format: names, limits, the manifest, member-name rules, and the errors
reading or writing one raises."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swdesk.core.outfiles import output_error
from swdesk.core.progress import Cancelled
from swdesk.database.engine import is_locked_error
from swdesk.database.errors import DatabaseLocked
from swdesk.domain.errors import UserFixableError

from ..files import EvidenceStore, PhotoStore

FORMAT = "swdesk-backup"
FORMAT_VERSION = 1
BACKUP_SUFFIX = ".swdbak"
MANIFEST_NAME = "manifest.json"
DATABASE_MEMBER = "swdesk.sqlite"
EVIDENCE_PREFIX = "evidence/"
PHOTOS_PREFIX = "photos/"
CHUNK_SIZE = 1 << 20
O_BINARY = getattr(os, "O_BINARY", 0)

MAX_MANIFEST_BYTES = 64 << 20
MAX_DATABASE_BYTES = 16 << 30
MAX_FILE_BYTES = 1 << 30  # evidence and photos are limited far below this when imported
MAX_MEMBERS = 200_000
MAX_TOTAL_BYTES = 64 << 30

MANIFEST_KEYS = frozenset(
    {"format", "format_version", "created_at", "swdesk_version", "schema_revision", "members"}
)
MEMBER_KEYS = frozenset({"name", "size", "sha256"})
HEX = frozenset("0123456789abcdef")


class BackupCancelled(Cancelled):
    """A backup or restore whose progress callback (`core.progress.Progress`, counting
    bytes) asked to stop; nothing was left behind."""


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
        return [
            m.name.removeprefix(EVIDENCE_PREFIX)
            for m in self.members
            if m.name.startswith(EVIDENCE_PREFIX)
        ]

    @property
    def photo_names(self) -> list[str]:
        return [
            m.name.removeprefix(PHOTOS_PREFIX)
            for m in self.members
            if m.name.startswith(PHOTOS_PREFIX)
        ]

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
            "members": [{"name": m.name, "size": m.size, "sha256": m.sha256} for m in self.members],
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


def sqlite_write_error(error: sqlite3.Error, *, file: str, folder: Path, source: Path) -> Exception:
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
        return UserFixableError("not_writable", file=file, path=str(folder), reason=str(error))
    return error


def invalid(file: str, reason: str, **params: Any) -> UserFixableError:
    return UserFixableError("backup_invalid", file=file, reason=reason, **params)


def corrupt(file: str, **params: Any) -> UserFixableError:
    return UserFixableError("backup_corrupt", file=file, **params)


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


def size_cap(name: str) -> int:
    if name == MANIFEST_NAME:
        return MAX_MANIFEST_BYTES
    if name == DATABASE_MEMBER:
        return MAX_DATABASE_BYTES
    return MAX_FILE_BYTES
