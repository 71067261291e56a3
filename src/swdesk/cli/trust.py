"""`swdesk trust import FILE` and `swdesk trust remove`: the practitioner's list of trusted
review offices (no window).

Success prints one line; a refusal exits 1 with `error: <code>: <reason>; <params>` on
stderr and changes nothing. A trust list is put in force only once confirmed: `trust
import` first prints the issuer's fingerprint (groups of four, to compare by phone) and the
offices it lists, then needs `--fingerprint` with that fingerprint (spaces, colons and case
ignored) or, when stdin is a terminal, the answer `yes`; else `error: trust_unconfirmed`.
The same applies to a list signed by a new province key (the old fingerprint is shown too)
and to `trust remove` (`--yes` or `yes`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..domain.errors import UserFixableError
from .output import Console
from .practitioner import data_dir_of, open_practitioner_workspace

if TYPE_CHECKING:
    from ..services.exchange import TrustList
    from ..services.workspace import Workspace
    from .argparsing import CommandParser, Subcommands


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    trust = commands.add_parser("trust", help="trusted review offices (practitioner side)")
    actions = trust.add_subparsers(dest="action", required=True, metavar="ACTION")
    trust_import = actions.add_parser(
        "import", parents=[data_dir], help="import the province's trust file (.swdtrust)"
    )
    trust_import.add_argument(
        "--fingerprint",
        metavar="FP",
        help="the province's fingerprint as confirmed by phone (without it the list is "
        "only shown, unless you type yes at the terminal)",
    )
    trust_import.add_argument("file", metavar="FILE")
    trust_import.set_defaults(handler=import_trust)
    trust_remove = actions.add_parser(
        "remove",
        parents=[data_dir],
        help="forget the trust list in force (one imported by mistake)",
    )
    trust_remove.add_argument("--yes", action="store_true", help="remove without asking")
    trust_remove.set_defaults(handler=remove_trust)


def import_trust(args: argparse.Namespace, console: Console) -> int:
    workspace = open_practitioner_workspace(data_dir_of(args), console.err)
    try:
        return _import(workspace, args, console)
    finally:
        workspace.close()


def remove_trust(args: argparse.Namespace, console: Console) -> int:
    workspace = open_practitioner_workspace(data_dir_of(args), console.err)
    try:
        return _remove(workspace, args, console)
    finally:
        workspace.close()


def _import(workspace: Workspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    path = Path(args.file)
    inspection = workspace.decisions.inspect_trust_file(path)
    trust = inspection.trust
    if inspection.unchanged:
        print(
            f"unchanged trust list sequence={trust.sequence} issuer={trust.issuer.name}", file=out
        )
        return 0
    _describe(trust, out)
    if inspection.replaces_issuer and inspection.current is not None:
        old = inspection.current.issuer
        print(f"replaces issuer {old.name} fingerprint {old.fingerprint_groups}", file=out)
        print(
            f"new issuer {trust.issuer.name} fingerprint {trust.issuer.fingerprint_groups}",
            file=out,
        )
    fingerprint = args.fingerprint
    if fingerprint is None:
        if not _confirmed(
            "Does the fingerprint match the one the province gave you? "
            "Type yes to trust this list: ",
            console,
        ):
            raise UserFixableError(
                "trust_unconfirmed", file=path.name, fingerprint=trust.issuer.fingerprint_groups
            )
        fingerprint = trust.issuer.fingerprint
    workspace.decisions.accept_trust(inspection, fingerprint)
    print(
        f"trusted {len(trust.offices)} office(s) sequence={trust.sequence} "
        f"issuer={trust.issuer.name} fingerprint={trust.issuer.fingerprint_groups}",
        file=out,
    )
    return 0


def _remove(workspace: Workspace, args: argparse.Namespace, console: Console) -> int:
    trust = workspace.decisions.trust_list()
    if trust is None:
        raise UserFixableError("trust_list_missing")
    _describe(trust, console.out)
    if not args.yes and not _confirmed("Type yes to remove this trust list: ", console):
        raise UserFixableError("trust_unconfirmed", fingerprint=trust.issuer.fingerprint_groups)
    workspace.decisions.remove_trust_list()
    print(
        f"removed trust list sequence={trust.sequence} issuer={trust.issuer.name}", file=console.out
    )
    return 0


def _describe(trust: TrustList, out: TextIO) -> None:
    """The issuer, its whole fingerprint in groups of four, and one line per office."""
    print(
        f"trust list sequence={trust.sequence} issued={trust.issued_at.isoformat()} "
        f"issuer={trust.issuer.name}",
        file=out,
    )
    print(f"fingerprint {trust.issuer.fingerprint_groups}", file=out)
    for office in trust.offices:
        print(
            f"office\t{office.short_fingerprint}\t{office.level}\t{office.region}\t{office.name}",
            file=out,
        )


def _confirmed(question: str, console: Console) -> bool:
    """The user typed yes at the terminal; False when stdin is not a terminal."""
    if not console.stdin.isatty():
        return False
    print(question, end="", file=console.out, flush=True)
    try:
        answer = console.stdin.readline()
    except (OSError, KeyboardInterrupt):
        return False
    return answer.strip().lower() == "yes"
