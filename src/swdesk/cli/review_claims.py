"""`swdesk review claim` and `swdesk review release`: who in the office works on an
application (the queue shows them: `swdesk review list` flags claimed_by:NAME, `--mine`
and `--unclaimed` filter on it).

    swdesk review claim --application ID [--take-over]
    swdesk review release --application ID [--take-over]

Claiming or releasing what someone else claimed is refused (`error: application_claimed`,
naming them) unless `--take-over` (the audit log records it); `swdesk review decide
--take-over` decides such an application. Each prints one line:
`claimed<TAB>ID<TAB>USER` or `released<TAB>ID`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .output import Console
from .review_actions import InOffice, office_action

if TYPE_CHECKING:
    from ..services.review import ReviewWorkspace
    from .argparsing import CommandParser, Subcommands

__all__ = ["register_claims"]


def register_claims(actions: Subcommands, office: CommandParser, in_office: InOffice) -> None:
    """The claim and release actions beside the other `swdesk review` actions."""
    for name, help_text, run in (
        ("claim", "mark an application as yours to review", _claim),
        ("release", "give up your claim on an application", _release),
    ):
        sub = office_action(actions, office, in_office, name, help_text, run)
        sub.add_argument(
            "--application", required=True, metavar="ID", help="queue number or application uid"
        )
        sub.add_argument(
            "--take-over",
            action="store_true",
            help="also when someone else claimed it (recorded in the audit log)",
        )


def _claim(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    service = workspace.service
    app_id = service.find(args.application)
    state = service.claim(app_id, take_over=args.take_over)
    print(f"claimed\t{app_id}\t{state.claimed_by or '-'}", file=console.out)
    return 0


def _release(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    service = workspace.service
    app_id = service.find(args.application)
    service.release(app_id, take_over=args.take_over)
    print(f"released\t{app_id}", file=console.out)
    return 0
