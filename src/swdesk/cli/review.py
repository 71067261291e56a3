"""`swdesk review ...`: the reviewer's command line (no window), for batch work and tests.

The reviewer folder is `<data-dir>/review`; with `--database postgresql://[user@]host[:port]/db`
the office is that database on the office's server instead (`review init --database URL`
sets it up there). The office password comes from `--password-file` or
`$SWDESK_REVIEW_PASSWORD`. The database server's own password is never an option's value
nor stored by swdesk: libpq's password file (`~/.pgpass`, `%APPDATA%\\postgresql\\pgpass.conf`
or PGPASSFILE) is used, else `--db-password-file FILE` or `$SWDESK_DB_PASSWORD` (scripts),
else it is asked for at the terminal. Output is one line per fact (tab-separated
where there are several fields); a refused request exits 1 with
`error: <code>: <reason>; <params>` on stderr (a file to write with the wrong
extension: `wrong_extension`). A failure of the reviewer folder's disk or database (full,
read-only, damaged) is such a refusal too ("disk_full", "review_read_only",
"review_database_damaged", ...), never a traceback. When the opening moved bundle files
of unknown status aside, one line `notice: review_files_recovered count=N folder=DIR` goes
to stderr before the output.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..domain.errors import UserFixableError
from .argparsing import CommandParser
from .output import Console, print_error, require_suffix
from .practitioner import data_dir_of
from .review_actions import Action, office_action
from .shared_options import DB_PASSWORD_ENV, database_option

if TYPE_CHECKING:
    from ..services.review import ReviewServer, ReviewWorkspace
    from .argparsing import Subcommands

__all__ = ["PASSWORD_ENV", "register"]

PASSWORD_ENV = "SWDESK_REVIEW_PASSWORD"


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    """`swdesk review <action>`: every action takes --data-dir (or --database) and
    --password-file."""
    review = commands.add_parser("review", help="reviewer mode (civil-affairs offices)")
    actions = review.add_subparsers(dest="action", required=True, metavar="ACTION")
    office = CommandParser(add_help=False, parents=[data_dir, database_option()])
    office.add_argument(
        "--password-file",
        metavar="FILE",
        help=f"read the office password from FILE (else ${PASSWORD_ENV})",
    )
    office.add_argument(
        "--user",
        metavar="NAME",
        help="sign in as this member of the staff, with their own password (in "
        "--password-file); without it, the office password signs in as the office's head",
    )

    def action(name: str, help_text: str, run: Action) -> CommandParser:
        return office_action(actions, office, _in_office, name, help_text, run)

    init = action("init", "set up the office: name, region, review level, signing key", _init)
    init.add_argument("--office", required=True, help="office name, e.g. 平凉市民政局")
    init.add_argument("--region", required=True, help="region code, e.g. 620800")
    init.add_argument("--level", required=True, choices=["county", "city", "province"])
    init.add_argument("--rule-pack", default="gansu")
    init.add_argument(
        "--keep-old-files-aside",
        action="store_true",
        help="the folder holds stored bundles or backups but no usable "
        "database: move them into review/recovered/<day>/ (never "
        "deleted) and set a new office up",
    )
    init.add_argument(
        "--head-user",
        default="head",
        metavar="NAME",
        help="user name of the office's first head, who signs in with the office password "
        "(default: head)",
    )
    init.add_argument("--head-name", default="", metavar="NAME", help="their name, e.g. 王芳")
    from .review_trust import register_trust  # export-key, publish-trust, trust

    register_trust(actions, office, _in_office)
    from .review_queue import register_queue  # import, list, decide, export-decisions, audit

    register_queue(actions, office, _in_office)
    from .review_staff import register_people  # staff, sign, send-back

    register_people(actions, office, _in_office)
    from .review_claims import register_claims  # claim, release

    register_claims(actions, office, _in_office)
    from .review_moving import register_moving  # migrate, verify: no office opened first

    register_moving(actions, office, data_dir)
    from .review_retention import register_retention  # retention, purge, delete-person

    register_retention(actions, office, _in_office)


def _secret(file_option: str | None, env: str, console: Console) -> str:
    """A password from the file `file_option` (its first line), else from `$env`; ""
    when neither gives one."""
    if file_option:
        path = Path(file_option)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserFixableError("file_unreadable", file=path.name, path=str(path)) from exc
        return text.rstrip("\r\n")
    return console.env.get(env, "")


def _password(args: argparse.Namespace, console: Console) -> str:
    password = _secret(args.password_file, PASSWORD_ENV, console)
    if not password:
        raise UserFixableError("password_missing", env=PASSWORD_ENV)
    return password


def review_server(args: argparse.Namespace, console: Console) -> ReviewServer | None:
    """The office's server of `--database`, with the password of `--db-password-file`
    or `$SWDESK_DB_PASSWORD` if given (else libpq's password file decides); None for the
    reviewer folder. UserFixableError "server_url_invalid" for another address."""
    from ..services.review import ReviewServer, is_server_url

    url = getattr(args, "database", None)
    if not url:
        return None
    if not is_server_url(url):
        raise UserFixableError("server_url_invalid", url=url)
    password = _secret(getattr(args, "db_password_file", None), DB_PASSWORD_ENV, console)
    return ReviewServer(url, password or None)


def ask_server_password(server: ReviewServer, console: Console) -> ReviewServer | None:
    """The server with a password typed at the terminal (not echoed), or None when
    standard input is not a terminal (a script: the refusal stands) or nothing was typed."""
    import getpass

    if not console.stdin.isatty():
        return None
    try:
        password = getpass.getpass(f"Password for the database server {server.location}: ")
    except (EOFError, KeyboardInterrupt, OSError):
        return None
    return server.with_password(password) if password else None


def _in_office(run: Action, args: argparse.Namespace, console: Console) -> int:
    """Open (or, for `init`, set up) the office, then `run` the action; 0 on success, 1
    when refused."""
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from ..services.review import init_review_workspace, open_review_workspace, review_root

    err = console.err
    root: Path | None = None
    try:
        server = review_server(args, console)
        if server is None:
            root = review_root(data_dir_of(args))
        _check_output_names(args)
        password = _password(args, console)

        def opened(where: Path | ReviewServer) -> ReviewWorkspace:
            if args.action == "init":
                return init_review_workspace(
                    where,
                    office_name=args.office,
                    region=args.region,
                    level=args.level,
                    rule_pack_id=args.rule_pack,
                    password=password,
                    keep_old_files_aside=bool(getattr(args, "keep_old_files_aside", False)),
                    head_username=args.head_user,
                    head_name=args.head_name,
                )
            return open_review_workspace(where, password, user=args.user)

        try:
            workspace = opened(server or root or Path("."))
        except UserFixableError as error:  # libpq's password file had none: ask
            asked = None
            if server is not None and error.code == "server_password_needed":
                asked = ask_server_password(server, console)
            if asked is None:
                raise
            workspace = opened(asked)
        if workspace.recovered:
            print(
                f"notice: review_files_recovered count={len(workspace.recovered)} "
                f"folder={workspace.recovered_folder}",
                file=err,
            )
        try:
            return run(workspace, args, console)
        finally:
            workspace.close()
    except UserFixableError as error:
        db_path = None if root is None else root / "review.sqlite"
        if db_path is not None and error.params.get("path") == str(db_path):
            from ..services.review.faults import storage_error  # said for the reviewer folder

            error = storage_error(error, db_path, folder=root) or error
        return print_error(err, error.code, error.params)
    except (OSError, SQLAlchemyError, sqlite3.Error) as exc:  # the folder's disk or database
        from ..services.review.faults import storage_error

        where = root if root is not None else Path(".")
        classified = storage_error(exc, where / "review.sqlite", folder=where)
        if classified is None:
            classified = UserFixableError(
                "review_io_error", path=str(where), folder=str(where), reason=type(exc).__name__
            )
        return print_error(err, classified.code, classified.params)


def _check_output_names(args: argparse.Namespace) -> None:
    """A file to write with the wrong extension is refused before the office is opened
    (and before any decision is exported or any bundle imported)."""
    from ..services.exchange import KEY_FILE_SUFFIX, TRUST_SUFFIX

    suffixes = {
        "export-key": ("out", KEY_FILE_SUFFIX),
        "publish-trust": ("out", TRUST_SUFFIX),
        "export-decisions": ("roster", ".xlsx"),
        "import": ("report", ".csv"),
    }
    if args.action in suffixes:
        option, suffix = suffixes[args.action]
        require_suffix(getattr(args, option, None), suffix)


def _office_lines(workspace: ReviewWorkspace, out: TextIO) -> None:
    office = workspace.office
    print(f"office\t{office.name}", file=out)
    print(f"region\t{office.region}", file=out)
    print(f"level\t{office.level}", file=out)
    print(f"rule_pack\t{workspace.rule_pack.id}", file=out)
    print(f"fingerprint\t{office.fingerprint_groups}", file=out)


def _init(workspace: ReviewWorkspace, args: argparse.Namespace, console: Console) -> int:
    out = console.out
    _office_lines(workspace, out)
    if workspace.root is None:
        print(f"server\t{workspace.location}", file=out)
    else:
        print(f"folder\t{workspace.root}", file=out)
    if workspace.set_aside is not None:
        print(f"set_aside\t{workspace.set_aside}", file=out)
    return 0
