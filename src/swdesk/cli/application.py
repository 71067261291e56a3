"""`swdesk application export`: pre-check and write the application bundle (no window).

A fix list that is still open refuses the export: `refused: N item(s) in the fix list` and
one `- <code> [<page>] key=value ...` line per item on stdout, exit 1, nothing written. A
profile protected by a PIN is unlocked with `--pin-file` or $SWDESK_PIN first (the PIN
service counts wrong PINs as the window does).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .output import Console, require_suffix
from .practitioner import add_pin_file, data_dir_of, open_practitioner_workspace, unlock_profile

if TYPE_CHECKING:
    from ..services.workspace import Workspace
    from .argparsing import CommandParser, Subcommands


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    application = commands.add_parser("application", help="registration applications")
    actions = application.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser(
        "export",
        parents=[data_dir],
        help="pre-check and write the application bundle; refuses with the fix list",
    )
    export.add_argument("--profile", metavar="ID", type=int, required=True)
    export.add_argument(
        "--out", metavar="FILE", required=True, help="where to write the bundle (.swdapp)"
    )
    export.add_argument("--photo", metavar="FILE", help="attach this ID photo first")
    add_pin_file(export)
    export.add_argument(
        "--accept-declaration",
        action="store_true",
        help="accept the declaration (承诺声明) on the applicant's behalf",
    )
    export.set_defaults(handler=export_application)


def export_application(args: argparse.Namespace, console: Console) -> int:
    workspace = open_practitioner_workspace(data_dir_of(args), console.err)
    try:
        return _export(workspace, args, console)
    finally:
        workspace.close()


def _export(workspace: Workspace, args: argparse.Namespace, console: Console) -> int:

    from ..domain.application import MaterialRole
    from ..services.applications import FixListOpen
    from ..services.exchange import BUNDLE_SUFFIX

    out = console.out
    require_suffix(args.out, BUNDLE_SUFFIX)
    unlock_profile(workspace, args.profile, args.pin_file, console)
    service = workspace.applications
    draft = service.current_draft(args.profile)
    if args.photo:
        draft = service.attach(draft, MaterialRole.PHOTO, Path(args.photo))
    if args.accept_declaration and not draft.declaration_accepted:
        draft = service.accept_declaration(draft)  # stamped on the service's clock
    try:
        result = service.export(draft, Path(args.out))
    except FixListOpen as refused:
        print(f"refused: {len(refused.items)} item(s) in the fix list", file=out)
        for item in refused.items:
            params = " ".join(f"{k}={v}" for k, v in item.params.items())
            print(f"- {item.code} [{item.page.value}] {params}".rstrip(), file=out)
        return 1
    print(
        f"exported {result.path} bundle={result.bundle_id} content={result.content_digest}",
        file=out,
    )
    return 0
