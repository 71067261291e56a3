"""`swdesk review migrate` and `swdesk review verify`: moving an office between its folder and
a PostgreSQL server, and checking an office (also one restored from a pg_dump backup).

    swdesk review migrate [--data-dir D] --to postgresql://host/db       folder → server
    swdesk review migrate --database postgresql://host/db --to FOLDER     server → FOLDER/review
    swdesk review verify [--data-dir D | --database postgresql://host/db]

The office moved is the one every `swdesk review` command names (the folder of --data-dir,
or the server database of --database); `--to` names where it goes: an empty server
database, or a new data folder. The office password (`--password-file` or
$SWDESK_REVIEW_PASSWORD) is required to move an office; the server's own password comes
from libpq's password file, else `--db-password-file` or $SWDESK_DB_PASSWORD (never an
option's value). `verify` only reads and needs no office password. Output: one line per
fact; a refusal or a failed check exits 1 with the `error:` line. While they work, both say
on stderr which table or how many bundles they are at (`moving: applications 40000`), every
two seconds at most; Ctrl+C stops a move with nothing kept at the target.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..domain.errors import UserFixableError
from .output import Console, ProgressLines, print_error
from .practitioner import data_dir_of
from .shared_options import database_option

if TYPE_CHECKING:
    from ..services.review.moving import MoveReport
    from ..services.review.office_check import OfficeCheck
    from .argparsing import CommandParser, Subcommands

__all__ = ["register_moving"]


def register_moving(actions: Subcommands, office: CommandParser, data_dir: CommandParser) -> None:
    """The two subcommands, beside the other `swdesk review` actions (`office`: the
    parent parser with --data-dir, --database and the passwords; `data_dir`: --data-dir)."""
    migrate = actions.add_parser(
        "migrate",
        help="move the office (of --data-dir, or of --database) to an empty server database "
        "(--to URL) or into a new data folder (--to FOLDER)",
        parents=[office],
    )
    migrate.add_argument(
        "--to",
        required=True,
        metavar="URL|FOLDER",
        help="postgresql://[user@]host[:port]/database (a new, empty database), or for an "
        "office on a server the new data folder (the office goes into FOLDER/review)",
    )
    migrate.set_defaults(handler=_migrate)
    verify = actions.add_parser(
        "verify",
        help="check the audit chain and every stored bundle of the office (of --data-dir, "
        "or of --database)",
        parents=[data_dir, database_option()],
    )
    verify.set_defaults(handler=_verify)


def _refusal(err: TextIO, exc: BaseException) -> int:
    """A failure of the folder or the server as the one-line refusal (never a traceback)."""
    from ..services.review.faults import storage_error

    if isinstance(exc, UserFixableError):
        error = exc
    else:
        error = storage_error(exc, Path("."), folder=Path(".")) or UserFixableError(
            "review_io_error", reason=type(exc).__name__
        )
    return print_error(err, error.code, error.params)


def _report_lines(report: MoveReport, console: Console) -> None:
    out = console.out
    for table, count in sorted(report.rows.items()):
        print(f"rows\t{table}\t{count}", file=out)
    print(f"bundles\t{report.bundles}", file=out)
    print(f"audit ok\tentries={report.audit_entries}", file=out)
    print(f"migrated\t{report.source}\t{report.target}", file=out)


def _migrate(args: argparse.Namespace, console: Console) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from ..services.review import review_root
    from ..services.review.location import is_server_url
    from ..services.review.moving import move_to_folder, move_to_server
    from .review import _password, review_server

    try:
        source = review_server(args, console)
        password = _password(args, console)
        if source is None:  # the folder's office goes to a server
            target = review_server(
                argparse.Namespace(**{**vars(args), "database": args.to}), console
            )
            if target is None:
                raise UserFixableError("server_url_invalid", url=args.to)
            report = move_to_server(
                review_root(data_dir_of(args)),
                target.url,
                password,
                server_password=target.password,
                progress=ProgressLines(console.err, "moving"),
            )
        else:  # the server's office comes into a new folder
            if is_server_url(args.to):
                raise UserFixableError("migrate_target_not_empty", target=args.to)
            report = move_to_folder(
                source.url,
                review_root(Path(args.to)),
                password,
                server_password=source.password,
                progress=ProgressLines(console.err, "moving"),
            )
    except (UserFixableError, OSError, SQLAlchemyError, sqlite3.Error) as exc:
        return _refusal(console.err, exc)
    _report_lines(report, console)
    return 0


def _check_lines(check: OfficeCheck, console: Console) -> None:
    out = console.out
    audit = check.audit
    if audit.ok:
        print(f"audit ok\tentries={audit.entries}", file=out)
    else:
        print(f"audit broken\tfirst_broken={audit.first_broken}\tentries={audit.entries}", file=out)
    for problem in check.problems:
        print(
            f"bundle bad\t{problem.application_id}\t{problem.stored_name[:16]}\t{problem.reason}",
            file=out,
        )
    for table, count in sorted(check.rows.items()):
        print(f"rows\t{table}\t{count}", file=out)


def _verify(args: argparse.Namespace, console: Console) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from ..services.review import review_root
    from ..services.review.office_check import check_office
    from .review import review_server

    try:
        server = review_server(args, console)
        progress = ProgressLines(console.err, "verifying")
        if server is not None:
            check = check_office(server.url, server_password=server.password, progress=progress)
        else:
            check = check_office(review_root(data_dir_of(args)), progress=progress)
    except (UserFixableError, OSError, SQLAlchemyError, sqlite3.Error) as exc:
        return _refusal(console.err, exc)
    _check_lines(check, console)
    if check.ok:
        print(f"ok\tbundles={check.bundles}\tlocation={check.location}", file=console.out)
        return 0
    return print_error(
        console.err,
        "office_check_failed",
        {
            "audit_first_broken": check.audit.first_broken,
            "bundles_bad": len(check.problems),
            "location": check.location,
        },
    )
