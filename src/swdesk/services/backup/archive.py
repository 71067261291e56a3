"""One-file backups (`.swdbak`): a snapshot of the database and every file it refers to,
written under a temporary name, read back and checked, then renamed."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from swdesk import __version__
from swdesk.core.progress import Progress
from swdesk.domain.errors import UserFixableError
from swdesk.paths import DataLayout
from swdesk.storage.backup_file import (
    DATABASE_MEMBER,
    EVIDENCE_PREFIX,
    PHOTOS_PREFIX,
    SourceFile,
    referenced_files,
    snapshot_database,
    write_backup_archive,
    write_error,
)
from swdesk.storage.files import (
    EvidenceStore,
    PhotoStore,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup file written and verified by `create_backup_file`."""

    path: Path
    size: int  # bytes of the .swdbak file
    created_at: datetime
    schema_revision: str
    database_size: int
    evidence_files: int
    photo_files: int
    missing_files: tuple[str, ...]  # referenced by the database but not found (not backed up)


# -- one-file backup -----------------------------------------------------------------------


@contextmanager
def _scratch_folder(layout: DataLayout) -> Iterator[Path]:
    """A private temporary folder inside the data folder (personal data stays there rather
    than in the system's temporary folder); removed afterwards."""
    try:
        layout.backups_dir.mkdir(parents=True, exist_ok=True)
        folder = Path(
            tempfile.mkdtemp(prefix=".swdesk-scratch-", suffix=".tmp", dir=layout.backups_dir)
        )
    except OSError as exc:
        raise write_error(exc, file=DATABASE_MEMBER, folder=layout.backups_dir) from exc
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create_backup_file(
    layout: DataLayout, dest: Path, progress: Progress | None = None
) -> BackupInfo:
    """Write one verified backup file `dest` (`.swdbak`) of the data folder `layout`.

    Safe while the application writes (the database is snapshotted with the online backup
    API; the evidence and photo files are immutable, named by content). `progress(done,
    total)` is called with byte counts (writing, then reading back); returning False
    cancels (`BackupCancelled`). Raises `UserFixableError` "disk_full" / "not_writable"
    (on the target or on the data folder's disk, `path` says which), "backup_corrupt" (the
    file read back differs: a faulty medium), "file_unreadable"; no file is left at `dest`
    or beside it on any failure, and an existing `dest` is only replaced by a good one.
    """
    dest = Path(os.path.abspath(dest.expanduser()))
    if dest.is_dir():
        raise UserFixableError("not_writable", file=dest.name, path=str(dest))
    if not layout.database.is_file():
        raise UserFixableError("file_unreadable", file=DATABASE_MEMBER, path=str(layout.database))
    with _scratch_folder(layout) as scratch:
        snapshot = scratch / DATABASE_MEMBER
        snapshot_database(layout.database, snapshot)
        evidence_names, photo_names = referenced_files(snapshot)
        sources: list[SourceFile] = []
        missing: list[str] = []
        for prefix, store, names in (
            (EVIDENCE_PREFIX, EvidenceStore(layout.evidence_dir), evidence_names),
            (PHOTOS_PREFIX, PhotoStore(layout.photos_dir), photo_names),
        ):
            for name in sorted(names):
                try:
                    path = store.path_for(name)
                except ValueError:
                    missing.append(prefix + name)  # not a stored name: nothing to copy
                    continue
                if path.is_file():
                    sources.append(SourceFile(prefix + name, path))
                else:
                    missing.append(prefix + name)
        if missing:
            log.warning("backup: %d referenced file(s) not found", len(missing))
        manifest = write_backup_archive(
            dest,
            snapshot,
            sources,
            swdesk_version=__version__,
            scratch=scratch / "verify",
            progress=progress,
        )
    log.info("backup file written and verified: %s", dest.name)
    return BackupInfo(
        path=dest,
        size=dest.stat().st_size,
        created_at=datetime.fromisoformat(manifest.created_at),
        schema_revision=manifest.schema_revision,
        database_size=manifest.members[0].size,
        evidence_files=len(manifest.evidence_names),
        photo_files=len(manifest.photo_names),
        missing_files=tuple(missing),
    )
