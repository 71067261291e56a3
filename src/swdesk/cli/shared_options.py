"""The options declared once and shared (`parents=`) by the top-level parser and the commands
that take them: --data-dir, and the reviewer's --database with --db-password-file. Light on
purpose: a start of the window parses them without loading any command group."""

from __future__ import annotations

import argparse

from ..paths import DATA_DIR_ENV
from .argparsing import CommandParser

__all__ = ["DB_PASSWORD_ENV", "data_dir_option", "database_option"]

DB_PASSWORD_ENV = "SWDESK_DB_PASSWORD"


def data_dir_option() -> CommandParser:
    """The one declaration of --data-dir, shared (`parents=`) by the top-level parser and
    every command that uses a data folder: `swdesk --data-dir D profile list` and
    `swdesk profile list --data-dir D` both set `args.data_dir` (after the command wins).
    Its default is SUPPRESS, so a sub-command that was not given it leaves the value
    given before the command; `parser.parse` sets None when it was given nowhere."""
    option = CommandParser(add_help=False)
    option.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"keep the data in DIR (overrides ${DATA_DIR_ENV})",
    )
    return option


def database_option() -> CommandParser:
    """The one declaration of --database (and --db-password-file), shared (`parents=`) by
    the top-level parser (`swdesk --reviewer --database URL`) and every `swdesk review`
    action. Defaults are SUPPRESS, as for --data-dir, so a value given before the command
    stays; `parser.parse` sets None when it was given nowhere."""
    option = CommandParser(add_help=False)
    option.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="the office's database on a server, postgresql://[user@]host[:port]/database, "
        "instead of the reviewer folder in the data folder",
    )
    option.add_argument(
        "--db-password-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="read the database server's password from FILE when libpq's password file "
        f"(~/.pgpass) has none (else ${DB_PASSWORD_ENV}, else asked at the terminal)",
    )
    return option
