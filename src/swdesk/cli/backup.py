"""`swdesk backup create PATH` and `swdesk backup restore PATH` (no window).

`create` opens the data folder like every command (instance lock, migration, the scheduled
backup) and writes one verified `.swdbak` file. `restore` takes the instance lock itself,
checks the file, keeps the current data aside and puts the backup in place. Success prints
one line; a refusal exits 1 with `error: <code>: <reason>; <params>` on stderr and changes
nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import DataLayout
from .output import Console, require_suffix
from .practitioner import data_dir_of, open_practitioner_workspace

if TYPE_CHECKING:
    from .argparsing import CommandParser, Subcommands


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    backup = commands.add_parser("backup", help="back up or restore the data folder")
    actions = backup.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser(
        "create",
        parents=[data_dir],
        help="write one verified backup file (database and evidence files)",
    )
    create.add_argument("path", metavar="PATH", help="the backup file to write (.swdbak)")
    create.set_defaults(handler=create_backup)
    restore = actions.add_parser(
        "restore",
        parents=[data_dir],
        help="check a backup file, then restore it (the current data is kept aside)",
    )
    restore.add_argument("path", metavar="PATH")
    restore.set_defaults(handler=restore_backup)


def create_backup(args: argparse.Namespace, console: Console) -> int:
    from ..services.backup import BACKUP_SUFFIX, create_backup_file

    data_dir = data_dir_of(args)
    require_suffix(args.path, BACKUP_SUFFIX)
    workspace = open_practitioner_workspace(data_dir, console.err)
    try:
        info = create_backup_file(workspace.layout, Path(args.path))
    finally:
        workspace.close()
    print(
        f"backed up {info.path} size={info.size} revision={info.schema_revision} "
        f"evidence={info.evidence_files} photos={info.photo_files} "
        f"missing={len(info.missing_files)} verified=yes",
        file=console.out,
    )
    return 0


def restore_backup(args: argparse.Namespace, console: Console) -> int:
    from ..services.backup import restore_backup_file

    info = restore_backup_file(DataLayout(data_dir_of(args)), Path(args.path))
    print(
        f"restored {info.source} created={info.created_at} revision={info.schema_revision} "
        f"upgraded={'yes' if info.upgraded else 'no'} evidence={info.evidence_files} "
        f"photos={info.photo_files} missing={len(info.missing_files)} "
        f"kept_aside={info.kept_aside}",
        file=console.out,
    )
    return 0
