"""The command-line commands (no window): profile list, application export, bundle verify
(backup, review, trust and decision in their own modules).

Output is one line per fact, in a form scripts can read; exit 0 on success, 1 when the
request was refused (fix list open, bundle damaged, data folder unusable).

A command never creates a database in a folder that holds saved files but no usable
database (`error: database_missing ...`), and says "disk_full", "database_read_only",
"database_unreadable" or "database_corrupt" for what it found. When opening moved stored
files no record refers to into `recovered/`, one `notice:` line on stderr says where.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .domain.errors import UserFixableError
from .paths import resolve_data_dir

if TYPE_CHECKING:  # the services load only for the command that needs them
    from .services.workspace import Workspace


def run_command(args: argparse.Namespace, out: TextIO = sys.stdout,
                err: TextIO = sys.stderr) -> int:
    if args.command == "review":
        from .commands_review import run_review_command

        return run_review_command(args, out, err)
    if args.command == "backup":
        from .commands_backup import run_backup_command

        return run_backup_command(args, out, err)
    if args.command in ("trust", "decision"):
        from .commands_decision import run_decision_command

        return run_decision_command(args, out, err)
    try:
        if args.command == "bundle":
            return _bundle_verify(Path(args.file), out)
        data_dir, _origin = resolve_data_dir(args.sub_data_dir or args.data_dir)
        workspace = open_practitioner_workspace(data_dir, err)
        try:
            if args.command == "profile":
                return _profile_list(workspace, out)
            return _application_export(workspace, args, out)
        finally:
            workspace.close()
    except UserFixableError as error:
        return print_error(err, error.code, error.params)


def open_practitioner_workspace(data_dir: Path, err: TextIO) -> Workspace:
    """Open the data folder for a command (never as a new folder when it holds saved files:
    `DatabaseMissing`); a one-line notice on `err` when the sweep moved files aside."""
    from .services.workspace import open_workspace

    workspace = open_workspace(data_dir)
    recovered = workspace.recovered
    if recovered is not None:
        print(f"notice: moved {recovered.count} stored file(s) no record refers to into "
              f"{recovered.folder}", file=err)
    return workspace


def format_params(params: dict[str, Any]) -> str:
    """`key=value` pairs, sorted by key, for one line of output."""
    return " ".join(f"{k}={v}" for k, v in sorted(params.items()))


def print_error(err: TextIO, code: str, params: dict[str, Any]) -> int:
    """The one-line `error: code key=value ...` every command prints; returns exit status 1."""
    print(f"error: {code} {format_params(params)}".rstrip(), file=err)
    return 1


def _profile_list(workspace: Workspace, out: TextIO) -> int:
    from .storage.sealing import ProfileLocked

    for profile in workspace.profiles.list_profiles():
        try:
            state = workspace.dashboard.status_for(profile.id).state.value
        except ProfileLocked:
            state = "locked"
        masked = "(encrypted)" if profile.sealed else profile.masked_id_number
        print(f"{profile.id}\t{profile.name}\t{masked}\t{state}", file=out)
    return 0


def _unlock(workspace: Workspace, pid: int, pin_file: str | None) -> None:
    """Unlock a PIN-protected profile with the PIN from `pin_file` or SWDESK_PIN."""
    import os

    if not workspace.profiles.has_pin(pid):
        return
    pin = os.environ.get("SWDESK_PIN", "")
    if pin_file:
        try:
            pin = Path(pin_file).read_text(encoding="utf-8").splitlines()[0].strip()
        except (OSError, UnicodeDecodeError, IndexError) as error:
            raise UserFixableError("file_unreadable", file=Path(pin_file).name) from error
    if not pin or not workspace.profiles.unlock(pid, pin):
        raise UserFixableError("wrong_pin", profile=pid)


def _application_export(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    from dataclasses import replace

    from .domain.application import MaterialRole
    from .services.applications import FixListOpen

    _unlock(workspace, args.profile, args.pin_file)
    service = workspace.applications
    draft = service.current_draft(args.profile)
    if args.photo:
        draft = service.attach(draft, MaterialRole.PHOTO, Path(args.photo))
    if args.accept_declaration and not draft.declaration_accepted:
        draft = replace(draft, declaration_accepted=True,
                        declaration_accepted_at=datetime.now().replace(microsecond=0))
    try:
        result = service.export(draft, Path(args.out))
    except FixListOpen as refused:
        print(f"refused: {len(refused.items)} item(s) in the fix list", file=out)
        for item in refused.items:
            params = " ".join(f"{k}={v}" for k, v in item.params.items())
            print(f"- {item.code} [{item.page.value}] {params}".rstrip(), file=out)
        return 1
    print(f"exported {result.path} bundle={result.bundle_id} "
          f"content={result.content_digest}", file=out)
    return 0


def _bundle_verify(path: Path, out: TextIO) -> int:
    from .bundle import BundleError, verify_bundle

    try:
        verified = verify_bundle(path)
    except BundleError as error:
        print(f"INVALID {path.name}: {error.one_line()}", file=out)
        return 1
    print(verified.summary(), file=out)
    return 0
