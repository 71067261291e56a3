"""`swdesk provider ...`: a training provider issues signed attendance records (no window).

    swdesk provider init --org NAME --credit-code CODE
    swdesk provider export-key --out FILE.swdkey
    swdesk provider issue --roster FILE.xlsx --title T --start DATE --end DATE
                          --type CODE --area CODE --out DIR

The provider's folder is `<data-dir>/provider`; its password comes from `--password-file`
(first line) or `$SWDESK_PROVIDER_PASSWORD`. Output is one tab-separated line per fact; a
refusal exits 1 with `error: <code>: <reason>; <params>` on stderr, and `issue` then has
written nothing at all. ID numbers are never printed: a record line shows the masked number.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import UserFixableError
from .output import Console, print_error, require_suffix
from .practitioner import data_dir_of

if TYPE_CHECKING:
    from .argparsing import CommandParser, Subcommands

__all__ = ["PASSWORD_ENV", "register"]

PASSWORD_ENV = "SWDESK_PROVIDER_PASSWORD"


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    """`swdesk provider <action>`: every action takes --data-dir and --password-file."""
    from .argparsing import CommandParser

    provider = commands.add_parser(
        "provider", help="training providers: sign continuing-education attendance records"
    )
    actions = provider.add_subparsers(dest="action", required=True, metavar="ACTION")
    common = CommandParser(add_help=False, parents=[data_dir])
    common.add_argument(
        "--password-file",
        metavar="FILE",
        help=f"read the provider's password from FILE (else ${PASSWORD_ENV})",
    )
    init = actions.add_parser(
        "init", help="set up the provider: its name, credit code and signing key", parents=[common]
    )
    init.add_argument("--org", required=True, metavar="NAME", help="e.g. 甘肃省社会工作协会")
    init.add_argument(
        "--credit-code", required=True, metavar="CODE", help="统一社会信用代码 (18 characters)"
    )
    init.set_defaults(handler=_init)
    export_key = actions.add_parser(
        "export-key", help="write the provider's public key file (.swdkey)", parents=[common]
    )
    export_key.add_argument("--out", required=True, metavar="FILE")
    export_key.set_defaults(handler=_export_key)
    issue = actions.add_parser(
        "issue",
        help="sign one attendance record (.swdce) and certificate (PDF) per roster row",
        parents=[common],
    )
    issue.add_argument(
        "--roster",
        required=True,
        metavar="FILE",
        help="the attendance roster (.xlsx): a header row with 姓名, 公民身份号码, 学时 "
        "(or name, id_number, hours), one attendee per row",
    )
    issue.add_argument("--title", required=True, help="the course title")
    issue.add_argument("--start", required=True, metavar="DATE", help="first day, YYYY-MM-DD")
    issue.add_argument("--end", required=True, metavar="DATE", help="last day, YYYY-MM-DD")
    issue.add_argument(
        "--type", required=True, metavar="CODE", dest="activity_type", help="activity type code"
    )
    issue.add_argument(
        "--area", required=True, metavar="CODE", dest="content_area", help="content area code"
    )
    issue.add_argument(
        "--rule-pack", default=None, metavar="ID", help="the rule pack whose hours rules apply"
    )
    issue.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="a new (or empty) folder for the records and certificates",
    )
    issue.set_defaults(handler=_issue)


def _password(args: argparse.Namespace, console: Console) -> str:
    """The password from --password-file (its first line), else $SWDESK_PROVIDER_PASSWORD."""
    if args.password_file:
        path = Path(args.password_file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserFixableError("file_unreadable", file=path.name, path=str(path)) from exc
        password = text.splitlines()[0] if text else ""
    else:
        password = console.env.get(PASSWORD_ENV, "")
    if not password:
        raise UserFixableError("password_missing", env=PASSWORD_ENV)
    return password


def _refused(console: Console, error: UserFixableError) -> int:
    return print_error(console.err, error.code, error.params)


def _init(args: argparse.Namespace, console: Console) -> int:
    from ..services.provider import init_provider

    try:
        provider = init_provider(
            data_dir_of(args),
            org=args.org,
            credit_code=args.credit_code,
            password=_password(args, console),
        )
    except UserFixableError as error:
        return _refused(console, error)
    out = console.out
    identity = provider.identity
    print(f"provider\t{identity.name}", file=out)
    print(f"credit_code\t{identity.credit_code}", file=out)
    print(f"fingerprint\t{identity.fingerprint_groups}", file=out)
    print(f"folder\t{provider.root}", file=out)
    return 0


def _export_key(args: argparse.Namespace, console: Console) -> int:
    from ..services.provider import export_provider_public_key, open_provider

    try:
        require_suffix(args.out, ".swdkey")
        provider = open_provider(data_dir_of(args), _password(args, console))
        path = export_provider_public_key(provider, Path(args.out))
    except UserFixableError as error:
        return _refused(console, error)
    print(f"wrote\t{path}", file=console.out)
    print(f"fingerprint\t{provider.identity.fingerprint_groups}", file=console.out)
    return 0


def _issue(args: argparse.Namespace, console: Console) -> int:
    from ..services.provider import CourseRequest, issue_records, open_provider

    try:
        require_suffix(args.roster, ".xlsx")
        course = CourseRequest.from_text(
            title=args.title,
            start=args.start,
            end=args.end,
            activity_type=args.activity_type,
            content_area=args.content_area,
            rule_pack=args.rule_pack,
        )
        provider = open_provider(data_dir_of(args), _password(args, console))
        issued = issue_records(provider, Path(args.roster), course, Path(args.out))
    except UserFixableError as error:
        return _refused(console, error)
    out = console.out
    for item in issued.records:
        print(
            f"issued\t{item.row}\t{item.attendee_name}\t{item.masked_id_number}\t"
            f"{item.hours}\t{item.record_file.name}\t{item.certificate_file.name}",
            file=out,
        )
    print(
        f"summary\trecords={len(issued.records)}\thours={issued.total_hours}\t"
        f"folder={issued.folder}",
        file=out,
    )
    return 0
