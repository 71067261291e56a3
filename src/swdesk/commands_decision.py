"""The practitioner's side of review on the command line (no window):
`swdesk trust import FILE` and `swdesk decision import FILE`.

Success prints one line; a refusal exits 1 with `error: <code> <params>` on stderr and
changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .commands import print_error
from .domain.decision import AppliedDecision, DecisionStatus
from .domain.errors import UserFixableError
from .paths import resolve_data_dir

if TYPE_CHECKING:
    from .services.workspace import Workspace


def run_decision_command(args: argparse.Namespace, out: TextIO = sys.stdout,
                         err: TextIO = sys.stderr) -> int:
    """Run `trust import` or `decision import` on the practitioner workspace."""
    try:
        data_dir, _origin = resolve_data_dir(args.sub_data_dir or args.data_dir)
        from .commands import open_practitioner_workspace

        workspace = open_practitioner_workspace(data_dir, err)
        try:
            if args.command == "trust":
                return _trust_import(workspace, Path(args.file), out)
            return _decision_import(workspace, Path(args.file), out)
        finally:
            workspace.close()
    except UserFixableError as error:
        return print_error(err, error.code, error.params)


def _trust_import(workspace: Workspace, path: Path, out: TextIO) -> int:
    trust = workspace.decisions.import_trust_file(path)
    print(f"trusted {len(trust.offices)} office(s) sequence={trust.sequence} "
          f"issuer={trust.issuer.name} fingerprint={trust.issuer.fingerprint_groups}",
          file=out)
    return 0


def _decision_import(workspace: Workspace, path: Path, out: TextIO) -> int:
    decision: AppliedDecision = workspace.decisions.import_decision(path)
    print(describe(decision, workspace.decisions.certificate_path(decision)
                   if decision.certificate_file else None), file=out)
    return 0


def describe(decision: AppliedDecision, certificate: Path | None = None) -> str:
    """One line: e.g. `applied final approved application <uid> v1 office 甘肃省民政厅
    registration 2027-03-01..2030-02-28 certificate <path>`."""
    parts = [f"applied {decision.stage.value} {decision.outcome.value}",
             f"application {decision.application_uid} v{decision.application_version}",
             f"office {decision.office_name}"]
    if decision.status is DecisionStatus.FINAL_APPROVED:
        parts.append(f"registration {decision.registration_from}..{decision.registration_to}")
    if decision.reasons:
        parts.append("reasons " + ",".join(code for code, _comment in decision.reasons))
    if certificate is not None:
        parts.append(f"certificate {certificate}")
    return " ".join(parts)
