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

from .format import (
    BACKUP_SUFFIX,
    DATABASE_MEMBER,
    EVIDENCE_PREFIX,
    PHOTOS_PREFIX,
    BackupCancelled,
    SourceFile,
    write_error,
)
from .reader import read_backup_archive
from .snapshot import integrity_ok, referenced_files, schema_revision, snapshot_database
from .writer import write_backup_archive

__all__ = [
    "BACKUP_SUFFIX",
    "BackupCancelled",
    "DATABASE_MEMBER",
    "EVIDENCE_PREFIX",
    "PHOTOS_PREFIX",
    "SourceFile",
    "integrity_ok",
    "read_backup_archive",
    "referenced_files",
    "schema_revision",
    "snapshot_database",
    "write_backup_archive",
    "write_error",
]
