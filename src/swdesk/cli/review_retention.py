"""`swdesk review retention`, `purge` and `delete-person`: how long decided applications
are kept, and deleting them.

    swdesk review retention [--days N]
    swdesk review purge
    swdesk review delete-person (--id-number N|- | --application ID)

`retention` prints the days kept and how many applications the next opening deletes;
`purge` and `delete-person` one `purged`/`deleted` line per application, then the counts.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .output import Console, print_error
from .review_actions import Action, InOffice, office_action

if TYPE_CHECKING:
    from ..services.review import ReviewWorkspace
    from .argparsing import CommandParser, Subcommands

__all__ = ["register_retention"]


def register_retention(actions: Subcommands, office: CommandParser, in_office: InOffice) -> None:
    """The retention actions beside the other `swdesk review` actions (`office`: the
    parent parser with --data-dir, --user and --password-file; `in_office`: opens the
    office and runs an action)."""

    def action(name: str, help_text: str, run: Action) -> CommandParser:
        return office_action(actions, office, in_office, name, help_text, run)

    retention = action(
        "retention", "show or set how long decided applications are kept", _retention
    )
    retention.add_argument(
        "--days",
        type=int,
        metavar="N",
        help="delete applications N days after this office's exported "
        "decision (0 = keep forever; default 365)",
    )
    action(
        "purge",
        "delete the applications whose retention period has ended (also done at every opening)",
        _purge,
    )
    delete_person = action(
        "delete-person",
        "delete every application of one practitioner, at their request (cannot be undone)",
        _delete_person,
    )
    person = delete_person.add_mutually_exclusive_group(required=True)
    person.add_argument(
        "--id-number",
        metavar="N",
        help="the full ID number ('-': read it from standard input, so it "
        "stays out of the shell history)",
    )
    person.add_argument(
        "--application",
        metavar="ID",
        help="queue number or uid of one of the practitioner's applications",
    )


def _retention(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out, err = console.out, console.err
    from ..services.review.retention import MAX_RETENTION_DAYS

    service = workspace.service
    if args.days is not None:
        if not 0 <= args.days <= MAX_RETENTION_DAYS:
            return print_error(
                err, "retention_days_invalid", {"days": args.days, "max": MAX_RETENTION_DAYS}
            )
        service.set_retention_days(args.days)
    print(f"retention_days\t{service.retention_days()}", file=out)
    print(f"expired\t{len(service.expired_ids())}", file=out)  # deleted at the next opening
    return 0


def _purge(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    at_opening, now = workspace.purged, workspace.service.purge_expired()
    for app_id in (*at_opening.application_ids, *now.application_ids):
        print(f"purged\t{app_id}", file=out)
    print(
        f"purged={at_opening.count + now.count} "
        f"backups_removed={at_opening.backups_removed + now.backups_removed}",
        file=out,
    )
    return 0


def _delete_person(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    person = args.application
    if args.id_number is not None:
        person = console.stdin.readline().strip() if args.id_number == "-" else args.id_number
    service = workspace.service
    found = service.find_person(person)
    count = service.delete_person(person)
    for app_id in found:
        print(f"deleted\t{app_id}", file=out)
    print(f"deleted={count}", file=out)
    return 0
