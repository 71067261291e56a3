"""`swdesk decision import FILE`: verify and apply a signed review decision to the
practitioner's data folder (no window).

Success prints one line (`describe`); a refusal exits 1 with `error: <code>: <reason>;
<params>` on stderr and changes nothing. A decision is checked against the trust list in
force (`swdesk trust import`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .output import Console
from .practitioner import data_dir_of, open_practitioner_workspace

if TYPE_CHECKING:
    from ..domain.decision import AppliedDecision
    from .argparsing import CommandParser, Subcommands


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    decision = commands.add_parser("decision", help="review decisions (practitioner side)")
    actions = decision.add_subparsers(dest="action", required=True, metavar="ACTION")
    decision_import = actions.add_parser(
        "import", parents=[data_dir], help="verify and apply a signed decision file (.swddec)"
    )
    decision_import.add_argument("file", metavar="FILE")
    decision_import.set_defaults(handler=import_decision)


def import_decision(args: argparse.Namespace, console: Console) -> int:
    workspace = open_practitioner_workspace(data_dir_of(args), console.err)
    try:
        decision = workspace.decisions.import_decision(Path(args.file))
        print(
            describe(
                decision,
                workspace.decisions.certificate_path(decision)
                if decision.certificate_file
                else None,
            ),
            file=console.out,
        )
    finally:
        workspace.close()
    return 0


def describe(decision: AppliedDecision, certificate: Path | None = None) -> str:
    """One line: e.g. `applied final approved application <uid> v1 office 甘肃省民政厅
    registration 2027-03-01..2030-02-28 certificate <path>`."""
    from ..domain.decision import DecisionStatus

    parts = [
        f"applied {decision.stage.value} {decision.outcome.value}",
        f"application {decision.application_uid} v{decision.application_version}",
        f"office {decision.office_name}",
    ]
    if decision.status is DecisionStatus.FINAL_APPROVED:
        parts.append(f"registration {decision.registration_from}..{decision.registration_to}")
    if decision.reasons:
        parts.append("reasons " + ",".join(code for code, _comment in decision.reasons))
    if certificate is not None:
        parts.append(f"certificate {certificate}")
    return " ".join(parts)
