"""The practitioner's side of review on the command line (no window):
`swdesk trust import FILE`, `swdesk trust remove` and `swdesk decision import FILE`.

Success prints one line; a refusal exits 1 with `error: <code>: <reason>; <params>` on
stderr and changes nothing. A trust list is put in force only once confirmed: `trust import` first
prints the issuer's fingerprint (groups of four, to compare by phone) and the offices it
lists, then needs `--fingerprint` with that fingerprint (spaces, colons and case ignored)
or, when stdin is a terminal, the answer `yes`; else `error: trust_unconfirmed`. The same
applies to a list signed by a new province key (the old fingerprint is shown too) and to
`trust remove` (`--yes` or `yes`).
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
    from .signing import TrustList


def run_decision_command(args: argparse.Namespace, out: TextIO = sys.stdout,
                         err: TextIO = sys.stderr) -> int:
    """Run `trust import` or `decision import` on the practitioner workspace."""
    try:
        data_dir, _origin = resolve_data_dir(args.sub_data_dir or args.data_dir)
        from .commands import open_practitioner_workspace

        workspace = open_practitioner_workspace(data_dir, err)
        try:
            if args.command == "trust" and args.action == "remove":
                return _trust_remove(workspace, args, out)
            if args.command == "trust":
                return _trust_import(workspace, args, out)
            return _decision_import(workspace, Path(args.file), out)
        finally:
            workspace.close()
    except UserFixableError as error:
        return print_error(err, error.code, error.params)


def _trust_import(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.file)
    inspection = workspace.decisions.inspect_trust_file(path)
    trust = inspection.trust
    if inspection.unchanged:
        print(f"unchanged trust list sequence={trust.sequence} issuer={trust.issuer.name}",
              file=out)
        return 0
    _describe_trust(trust, out)
    if inspection.replaces_issuer and inspection.current is not None:
        old = inspection.current.issuer
        print(f"replaces issuer {old.name} fingerprint {old.fingerprint_groups}", file=out)
        print(f"new issuer {trust.issuer.name} fingerprint {trust.issuer.fingerprint_groups}",
              file=out)
    fingerprint = args.fingerprint
    if fingerprint is None:
        if not _confirmed("Does the fingerprint match the one the province gave you? "
                          "Type yes to trust this list: ", out):
            raise UserFixableError("trust_unconfirmed", file=path.name,
                                   fingerprint=trust.issuer.fingerprint_groups)
        fingerprint = trust.issuer.fingerprint
    workspace.decisions.accept_trust(inspection, fingerprint)
    print(f"trusted {len(trust.offices)} office(s) sequence={trust.sequence} "
          f"issuer={trust.issuer.name} fingerprint={trust.issuer.fingerprint_groups}",
          file=out)
    return 0


def _trust_remove(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    trust = workspace.decisions.trust_list()
    if trust is None:
        raise UserFixableError("trust_list_missing")
    _describe_trust(trust, out)
    if not args.yes and not _confirmed("Type yes to remove this trust list: ", out):
        raise UserFixableError("trust_unconfirmed", fingerprint=trust.issuer.fingerprint_groups)
    workspace.decisions.remove_trust_list()
    print(f"removed trust list sequence={trust.sequence} issuer={trust.issuer.name}", file=out)
    return 0


def _describe_trust(trust: TrustList, out: TextIO) -> None:
    """The issuer, its whole fingerprint in groups of four, and one line per office."""
    print(f"trust list sequence={trust.sequence} issued={trust.issued_at.isoformat()} "
          f"issuer={trust.issuer.name}", file=out)
    print(f"fingerprint {trust.issuer.fingerprint_groups}", file=out)
    for office in trust.offices:
        print(f"office\t{office.short_fingerprint}\t{office.level}\t{office.region}\t"
              f"{office.name}", file=out)


def _confirmed(question: str, out: TextIO) -> bool:
    """The user typed yes at the terminal; False when stdin is not a terminal."""
    if not sys.stdin.isatty():
        return False
    print(question, end="", file=out, flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, KeyboardInterrupt):
        return False
    return answer.strip().lower() == "yes"


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
