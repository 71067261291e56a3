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
from typing import TextIO

from .commands import print_error, require_suffix
from .domain.errors import UserFixableError
from .paths import DataLayout, resolve_data_dir


def run_backup_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `backup create` or `backup restore`; returns the exit status."""
    try:
        data_dir, _origin = resolve_data_dir(args.sub_data_dir or args.data_dir)
        if args.action == "create":
            from .storage.backup_file import BACKUP_SUFFIX

            require_suffix(args.path, BACKUP_SUFFIX)
            return _create(data_dir, Path(args.path), out, err)
        return _restore(data_dir, Path(args.path), out)
    except UserFixableError as error:
        return print_error(err, error.code, error.params)


def _create(data_dir: Path, dest: Path, out: TextIO, err: TextIO) -> int:
    from .commands import open_practitioner_workspace
    from .services.backup import create_backup_file

    workspace = open_practitioner_workspace(data_dir, err)
    try:
        info = create_backup_file(workspace.layout, dest)
    finally:
        workspace.close()
    print(f"backed up {info.path} size={info.size} revision={info.schema_revision} "
          f"evidence={info.evidence_files} photos={info.photo_files} "
          f"missing={len(info.missing_files)} verified=yes", file=out)
    return 0


def _restore(data_dir: Path, src: Path, out: TextIO) -> int:
    from .services.backup import restore_backup_file

    info = restore_backup_file(DataLayout(data_dir), src)
    print(f"restored {info.source} created={info.created_at} revision={info.schema_revision} "
          f"upgraded={'yes' if info.upgraded else 'no'} evidence={info.evidence_files} "
          f"photos={info.photo_files} missing={len(info.missing_files)} "
          f"kept_aside={info.kept_aside}", file=out)
    return 0
