"""`swdesk review export-key`, `publish-trust` and `trust`: the office's public key and the
province's list of trusted offices.

    swdesk review export-key --out FILE.swdkey
    swdesk review publish-trust --key FILE.swdkey [--key ...] --out FILE   (province)
    swdesk review trust FILE [--new-issuer-fingerprint FP]

Each prints `wrote<TAB>FILE` for a file written, and the list in force as one `trust` line
(sequence, issuer, number of offices) followed by one `trusted` line per office.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .output import Console
from .review_actions import Action, InOffice, office_action

if TYPE_CHECKING:
    from ..services.exchange import TrustList
    from ..services.review import ReviewWorkspace
    from .argparsing import CommandParser, Subcommands

__all__ = ["register_trust"]


def register_trust(actions: Subcommands, office: CommandParser, in_office: InOffice) -> None:
    """The key and trust actions beside the other `swdesk review` actions (`office`: the
    parent parser with --data-dir, --user and --password-file; `in_office`: opens the
    office and runs an action)."""

    def action(name: str, help_text: str, run: Action) -> CommandParser:
        return office_action(actions, office, in_office, name, help_text, run)

    export_key = action("export-key", "write the office's public key file (.swdkey)", _export_key)
    export_key.add_argument("--out", required=True, metavar="FILE")
    publish = action(
        "publish-trust",
        "province: sign a trust file listing the offices and training providers",
        _publish_trust,
    )
    publish.add_argument(
        "--key",
        action="append",
        default=[],
        metavar="FILE",
        help="a public key file (.swdkey) of an office or a training provider to trust "
        "(repeatable)",
    )
    publish.add_argument("--out", required=True, metavar="FILE")
    trust_in = action("trust", "import the province's trust file into this office", _trust)
    trust_in.add_argument(
        "--new-issuer-fingerprint",
        metavar="FP",
        help="a list signed by a new province key: its fingerprint as confirmed with the "
        "province (else refused with trust_issuer_changed)",
    )
    trust_in.add_argument("file", metavar="FILE")


def _export_key(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    path = workspace.service.export_public_key(Path(args.out))
    print(f"wrote\t{path}", file=out)
    print(f"fingerprint\t{workspace.office.fingerprint_groups}", file=out)
    return 0


def _trust_lines(trust: TrustList, out: TextIO) -> None:
    print(
        f"trust\tsequence={trust.sequence}\tissuer={trust.issuer.name}\t"
        f"offices={len(trust.offices)}\tproviders={len(trust.providers)}",
        file=out,
    )
    for office in trust.offices:
        print(f"trusted\t{office.short_fingerprint}\t{office.level}\t{office.name}", file=out)
    for provider in trust.providers:
        print(f"trusted\t{provider.short_fingerprint}\tprovider\t{provider.name}", file=out)


def _publish_trust(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    trust = workspace.service.publish_trust([Path(k) for k in args.key], Path(args.out))
    print(f"wrote\t{args.out}", file=out)
    _trust_lines(trust, out)
    return 0


def _trust(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    _trust_lines(
        workspace.service.import_trust(
            Path(args.file), new_issuer_fingerprint=args.new_issuer_fingerprint
        ),
        out,
    )
    return 0
