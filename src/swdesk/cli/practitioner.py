"""Opening the practitioner's data folder for a command (profile, application, backup,
trust and decision).

A command never creates a database in a folder that holds saved files but no usable
database (`error: database_missing ...`), and says "disk_full", "database_read_only",
"database_unreadable" or "database_corrupt" for what it found. When opening moved stored
files no record refers to into `recovered/`, one `notice:` line on stderr says where; when
today's date is before the last start or a recorded date, a `notice:` line says the clock
may be wrong.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..domain.errors import UserFixableError
from ..paths import resolve_data_dir
from .output import Console

if TYPE_CHECKING:  # the services load only for the command that needs them
    from ..services.workspace import Workspace

PIN_ENV = "SWDESK_PIN"


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data folder: `--data-dir` (before or after the command), else $SWDESK_DATA_DIR,
    else the portable folder, else the user data folder."""
    data_dir, _origin = resolve_data_dir(args.data_dir)
    return data_dir


def open_practitioner_workspace(data_dir: Path, err: TextIO) -> Workspace:
    """Open the data folder for a command (never as a new folder when it holds saved files:
    `DatabaseMissing`); a one-line notice on `err` when the sweep moved files aside."""
    from ..services.workspace import open_workspace

    workspace = open_workspace(data_dir)
    recovered = workspace.recovered
    if recovered is not None:
        print(
            f"notice: moved {recovered.count} stored file(s) no record refers to into "
            f"{recovered.folder}",
            file=err,
        )
    doubt = workspace.clock_doubt
    if doubt is not None:
        seen = "swdesk last started on" if doubt.source == "last_start" else "a record is dated"
        print(
            f"notice: today's date {doubt.today.isoformat()} (China time) is before "
            f"{doubt.latest_seen.isoformat()}: {seen} that day. Check the computer's date "
            "and time: deadlines are judged by it",
            file=err,
        )
    return workspace


def add_pin_file(parser: argparse.ArgumentParser) -> None:
    """The `--pin-file` option of a command that works on one profile."""
    parser.add_argument(
        "--pin-file",
        metavar="FILE",
        help="a file whose first line is the profile's PIN (for a profile "
        f"protected by a PIN; or set {PIN_ENV})",
    )


def unlock_profile(workspace: Workspace, pid: int, pin_file: str | None, console: Console) -> None:
    """Refuse an unknown profile (`profile_unknown`); unlock a PIN-protected one with the
    PIN from `pin_file` or $SWDESK_PIN (the PIN service counts wrong PINs as the window
    does: `wrong_pin`, `pin_locked_out`)."""
    if pid not in {profile.id for profile in workspace.profiles.list_profiles()}:
        raise UserFixableError("profile_unknown", profile=pid)
    if not workspace.profiles.has_pin(pid):
        return
    pin = console.env.get(PIN_ENV, "")
    if pin_file:
        try:
            pin = Path(pin_file).read_text(encoding="utf-8").splitlines()[0].strip()
        except (OSError, UnicodeDecodeError, IndexError) as error:
            raise UserFixableError("file_unreadable", file=Path(pin_file).name) from error
    if not pin or not workspace.profiles.unlock(pid, pin):
        raise UserFixableError("wrong_pin", profile=pid)
