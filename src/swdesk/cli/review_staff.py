"""`swdesk review staff ...`, `swdesk review sign` and `swdesk review send-back`: the people
of an office and the head's signature on the reviewers' decisions.

    swdesk review staff list
    swdesk review staff add USER --name 名字 [--role reviewer|head] [--with-key]
    swdesk review staff disable USER
    swdesk review staff reset-password USER
    swdesk review staff passwd
    swdesk review sign [--all | ID ...]
    swdesk review send-back ID

Every action signs in like the other `swdesk review` actions: `--user NAME` with that
person's own password (`--password-file` or $SWDESK_REVIEW_PASSWORD), or the office
password alone (the office's first head). A new password (add, reset-password, passwd) is
read from `--new-password-file FILE` or $SWDESK_NEW_PASSWORD, never from an option's
value. A reviewer is refused the head's work with `error: head_only`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import UserFixableError
from .output import Console, print_error
from .review_actions import Action, InOffice, office_action

if TYPE_CHECKING:
    from ..services.review import ReviewWorkspace
    from ..services.review.models import DecisionResult
    from .argparsing import CommandParser, Subcommands

__all__ = ["NEW_PASSWORD_ENV", "register_people"]

NEW_PASSWORD_ENV = "SWDESK_NEW_PASSWORD"


def register_people(actions: Subcommands, office: CommandParser, in_office: InOffice) -> None:
    """The staff group and the sign and send-back actions, beside the other `swdesk review`
    actions (`office`: the parent parser with --data-dir, --user and --password-file;
    `in_office`: opens the office and runs an action)."""

    def action(parent: Subcommands, name: str, help_text: str, run: Action) -> CommandParser:
        return office_action(parent, office, in_office, name, help_text, run)

    def new_password(sub: CommandParser) -> None:
        sub.add_argument(
            "--new-password-file",
            metavar="FILE",
            help=f"read the new password from FILE (else ${NEW_PASSWORD_ENV})",
        )

    staff = actions.add_parser("staff", help="the office's staff accounts (a head manages them)")
    staff_actions = staff.add_subparsers(dest="staff_action", required=True, metavar="ACTION")
    action(staff_actions, "list", "one line per person", _staff_list)
    add = action(staff_actions, "add", "a new account (head only)", _staff_add)
    add.add_argument("username", metavar="USER", help="user name: lower-case letters, digits")
    add.add_argument("--name", default="", help="the name shown, e.g. 李军")
    add.add_argument("--role", choices=["reviewer", "head"], default="reviewer")
    add.add_argument(
        "--with-key",
        action="store_true",
        help="a head: also a copy of the office key, encrypted with their password, so "
        "they sign with their own password",
    )
    new_password(add)
    disable = action(
        staff_actions, "disable", "disable an account (head only; never deleted)", _staff_disable
    )
    disable.add_argument("username", metavar="USER")
    reset = action(
        staff_actions,
        "reset-password",
        "give another person a new password (head only)",
        _staff_reset,
    )
    reset.add_argument("username", metavar="USER")
    new_password(reset)
    passwd = action(staff_actions, "passwd", "change your own password", _staff_passwd)
    new_password(passwd)

    sign = action(
        actions, "sign", "sign the reviewers' decisions awaiting signature (head only)", _sign
    )
    which = sign.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every decision waiting")
    which.add_argument(
        "applications", nargs="*", default=[], metavar="ID", help="queue number or uid"
    )
    back = action(
        actions,
        "send-back",
        "return a reviewer's waiting decision undecided (head only)",
        _send_back,
    )
    back.add_argument("application", metavar="ID", help="queue number or uid")
    back.add_argument("--note", default="", help="why (written to the audit log)")


def _new_password(args: argparse.Namespace, console: Console) -> str:
    file = getattr(args, "new_password_file", None)
    if file:
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserFixableError("file_unreadable", file=path.name, path=str(path)) from exc
        password = text.rstrip("\r\n")
    else:
        password = console.env.get(NEW_PASSWORD_ENV, "")
    if not password:
        raise UserFixableError("password_missing", env=NEW_PASSWORD_ENV)
    return password


def _staff_list(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    for m in workspace.service.staff.members():
        state = "active" if m.active else f"disabled:{m.disabled_at:%Y-%m-%d}"
        key = "key" if m.holds_key else "-"
        print(f"staff\t{m.username}\t{m.role}\t{state}\t{key}\t{m.display_name}", file=console.out)
    return 0


def _staff_add(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    member = workspace.service.staff.add(
        args.username,
        args.name,
        args.role,
        _new_password(args, console),
        with_key=bool(args.with_key),
    )
    key = "\tkey" if member.holds_key else ""
    print(f"added\t{member.username}\t{member.role}{key}", file=console.out)
    return 0


def _staff_disable(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    workspace.service.staff.disable(args.username)
    print(f"disabled\t{args.username.strip().lower()}", file=console.out)
    return 0


def _staff_reset(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    workspace.service.staff.reset_password(args.username, _new_password(args, console))
    print(f"password_reset\t{args.username.strip().lower()}", file=console.out)
    return 0


def _staff_passwd(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    from .review import _password

    workspace.service.staff.change_own_password(
        _password(args, console), _new_password(args, console)
    )
    print(f"password_changed\t{workspace.actor}", file=console.out)
    return 0


def _sign(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    service = workspace.service
    ids = None if args.all else [service.find(reference) for reference in args.applications]
    results = service.sign_pending(ids)
    refused = [r for r in results if r.status != "decided"]
    for result in results:
        _sign_line(result, console)
    print(f"signed={len(results) - len(refused)} refused={len(refused)}", file=console.out)
    if refused:
        first = refused[0]
        return print_error(
            console.err, first.code, {"application": first.application_id, **first.params}
        )
    return 0


def _sign_line(result: DecisionResult, console: Console) -> None:
    d = result.decision
    if result.status == "decided" and d is not None:
        print(
            f"signed\t{result.application_id}\t{d.outcome}\tsequence={d.sequence}\t"
            f"decided_by={d.decided_by}\tsigned_by={d.signed_by}",
            file=console.out,
        )
    else:
        print(f"refused\t{result.application_id}\t{result.code}", file=console.out)


def _send_back(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    service = workspace.service
    app_id = service.find(args.application)
    if not service.send_back(app_id, args.note):
        return print_error(console.err, "nothing_pending", {"application": app_id})
    print(f"sent_back\t{app_id}", file=console.out)
    return 0
