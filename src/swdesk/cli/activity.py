"""`swdesk activity import --profile ID FILE...`: add training providers' signed attendance
records (`.swdce`) to a practitioner's CE log (no window). A folder among the FILEs stands
for the `.swdce` files directly in it.

One line per file on stdout: `imported <file> activity <id> hours <h> provider <name>
title <title>`, or on stderr the refusal of that file, `error: <code>: <reason>; file=...`
(bad files never stop the others). Exit 0 when every file was imported, else 1. A record is
checked against the trust list in force (`swdesk trust import`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .output import Console, print_error
from .practitioner import add_pin_file, data_dir_of, open_practitioner_workspace, unlock_profile

if TYPE_CHECKING:
    from ..services.attendance_records import RecordImport
    from .argparsing import CommandParser, Subcommands


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    activity = commands.add_parser("activity", help="the continuing-education log")
    actions = activity.add_subparsers(dest="action", required=True, metavar="ACTION")
    record_import = actions.add_parser(
        "import",
        parents=[data_dir],
        help="add training providers' signed attendance records (.swdce) as verified activities",
    )
    record_import.add_argument("--profile", metavar="ID", type=int, required=True)
    add_pin_file(record_import)
    record_import.add_argument(
        "files", nargs="+", metavar="FILE", help="record files, or folders of them"
    )
    record_import.set_defaults(handler=import_records)


def import_records(args: argparse.Namespace, console: Console) -> int:
    workspace = open_practitioner_workspace(data_dir_of(args), console.err)
    try:
        unlock_profile(workspace, args.profile, args.pin_file, console)
        results = workspace.records.import_files(args.profile, [Path(f) for f in args.files])
    finally:
        workspace.close()
    status = 0
    for result in results:
        if result.activity is not None:
            print(describe(result), file=console.out)
        else:
            status = _refused(console, result)
    if not results:
        print("no attendance records (.swdce) found", file=console.err)
        status = 1
    return status


def describe(result: RecordImport) -> str:
    """`imported <file> activity <id> hours <h> provider <name> title <title>`."""
    from ..core.formatting import hours_text

    activity = result.activity
    assert activity is not None and activity.attestation is not None
    return (
        f"imported {result.file} activity {activity.id} hours {hours_text(activity.hours)} "
        f"provider {activity.attestation.provider_name} title {activity.title}"
    )


def _refused(console: Console, result: RecordImport) -> int:
    from ..domain.errors import ValidationFailed

    error = result.error
    assert error is not None
    params = {**error.params, "file": result.file}
    if isinstance(error, ValidationFailed):
        params["fields"] = ",".join(f"{i.field}:{i.code}" for i in error.issues)
    return print_error(console.err, error.code, params)
