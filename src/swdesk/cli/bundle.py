"""`swdesk bundle verify FILE`: check an application bundle (no window; no data folder).

Intact: exit 0 and one summary line on stdout. Damaged or not a bundle: exit 1 and one
`error: <code>: <what is wrong, naming the member or the file>` line on stderr.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .output import Console, print_error

if TYPE_CHECKING:
    from .argparsing import CommandParser, Subcommands


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    """`bundle verify` reads one file and no data folder: no --data-dir."""
    bundle = commands.add_parser("bundle", help="application bundles")
    actions = bundle.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="check a bundle; exit 0 and a summary when intact, 1 and the reason otherwise",
    )
    verify.add_argument("file", metavar="FILE")
    verify.set_defaults(handler=verify_bundle_file)


def verify_bundle_file(args: argparse.Namespace, console: Console) -> int:
    from ..services.exchange import check_bundle_file

    check = check_bundle_file(Path(args.file))
    if not check.ok:
        return print_error(console.err, check.code, {}, reason=check.reason)
    print(check.summary, file=console.out)
    return 0
