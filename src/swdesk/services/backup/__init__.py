"""Backups of a practitioner data folder: automatic ones, one-file backups, and restoring.

**Automatic backups** live in `<data>/backups/` and are snapshots taken with SQLite's online
backup API (never a raw copy of a live database), each checked with `PRAGMA integrity_check`:

- before every migration, `swdesk-before-<revision>-<stamp>.sqlite` (`storage.migrate`);
- on a schedule, `swdesk-auto-<YYYYmmdd-HHMMSS>.sqlite`: `run_scheduled_backup` runs when a
  workspace opens and takes one when the newest is older than `AUTO_BACKUP_INTERVAL`.

The newest `AUTO_BACKUP_KEEP` scheduled ones and the newest `MIGRATION_BACKUP_KEEP`
pre-migration ones are kept; older ones are deleted. Folders of data kept aside by a restore
(`before-restore-<stamp>/`) or by starting afresh (`before-fresh-start-<stamp>/`) are never
deleted by swdesk. A database without any profile is never backed up automatically, and a
backup without any profile is never offered for restoring (`newest_restorable_backup`):
restoring the empty database of a folder's first start would hide everything saved since.

An automatic backup holds only the database; the evidence and photo folders it refers to
stay where they are. Restoring one therefore never removes a file: files the restored
database does not know stay in their folders, and a later start moves them to `recovered/`
(see `services.workspace`), never deletes them. A restored database's file journal is
emptied (its entries were about files of another moment), so nothing it names is deleted.

**One-file backup** (`create_backup_file`): a `.swdbak` (see `storage.backup_file`) with a
snapshot of the database and every evidence file and photo it refers to, written under a
temporary name, read back and checked, then renamed. It works while the application writes.

**Restore** (`restore_backup_file`, `restore_automatic_backup`) needs the data folder's
instance lock (taken here unless the caller passes the one it holds) and no open database
connection (close the workspace first). Everything is checked before anything is replaced:

1. the backup is read strictly and extracted into a staging folder inside the data folder
   (`.restore-<stamp>…/`: same disk, so the later moves are renames); its database must pass
   its integrity check and have a schema revision this swdesk knows; an older one is
   migrated there (a refusal or a failure removes the staging folder, nothing else changed);
2. `restore-in-progress.json` is written (atomically) naming the staging and aside folders;
3. the current `swdesk.sqlite` (with `-wal`, `-shm`, `-journal`), `evidence/` and `photos/`
   are renamed into `backups/before-restore-<stamp>/`, each only when the backup brings a
   replacement (an automatic backup brings only a database: the content-addressed evidence
   and photo folders stay);
4. the staged `evidence/`, `photos/` and lastly `swdesk.sqlite` are renamed into place;
5. the staging folder and then the marker are removed.

Every item is at any moment in the data folder, the aside folder or the staging folder, so a
crash can never lose both sets. While the marker exists, `recover_interrupted_restore`
(called by `open_workspace` before anything else) repeats steps 3–5, which is safe to redo:
an item still in the staging folder means the one in the data folder is the old one. A
staging folder without a marker is an unfinished check and is deleted.
"""

from __future__ import annotations

from swdesk.storage.backup_file import BACKUP_SUFFIX, BackupCancelled

from .archive import BackupInfo, create_backup_file
from .automatic import (
    BackupSummary,
    ScheduledBackup,
    describe_backup,
    list_automatic_backups,
    newest_good_automatic_backup,
    newest_restorable_backup,
    prune_automatic_backups,
    replace_automatic_backups,
    run_scheduled_backup,
    take_automatic_backup,
)
from .names import AUTO_BACKUP_INTERVAL, AUTO_BACKUP_KEEP, MIGRATION_BACKUP_KEEP, RESTORE_MARKER
from .restore import (
    RestoreInfo,
    recover_interrupted_restore,
    restore_automatic_backup,
    restore_backup_file,
    set_aside_for_fresh_start,
)

__all__ = [
    "AUTO_BACKUP_INTERVAL",
    "AUTO_BACKUP_KEEP",
    "BACKUP_SUFFIX",
    "MIGRATION_BACKUP_KEEP",
    "RESTORE_MARKER",
    "BackupCancelled",
    "BackupInfo",
    "BackupSummary",
    "RestoreInfo",
    "ScheduledBackup",
    "create_backup_file",
    "list_automatic_backups",
    "describe_backup",
    "newest_good_automatic_backup",
    "newest_restorable_backup",
    "prune_automatic_backups",
    "recover_interrupted_restore",
    "replace_automatic_backups",
    "restore_automatic_backup",
    "restore_backup_file",
    "run_scheduled_backup",
    "set_aside_for_fresh_start",
    "take_automatic_backup",
]
