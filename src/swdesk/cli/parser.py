"""The options of swdesk and its commands, gathered from the command-group modules.

Nothing here (nor in the group modules at import time) loads Qt, the database or the
services: the parser is built before anything heavy is imported, so --help is instant and a
command loads only what it uses.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from ..paths import DATA_DIR_ENV, PORTABLE_MARKER
from . import selfcheck
from .argparsing import CommandParser
from .shared_options import data_dir_option, database_option

# Files a double-click (or `swdesk FILE`) opens: bundles in reviewer mode, decisions in the
# practitioner window (packaging/ registers these types with the desktop).
REVIEWER_SUFFIXES = (".swdapp", ".swdfwd")
PRACTITIONER_SUFFIXES = (".swddec",)
OPENABLE_SUFFIXES = REVIEWER_SUFFIXES + PRACTITIONER_SUFFIXES


class _VersionAction(argparse.Action):
    """--version: the version is read from the package metadata only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        from .. import __version__

        parser._print_message(f"swdesk {__version__}\n", sys.stdout)  # as argparse's own
        parser.exit()


def build_parser(argv: Sequence[str] | None = None) -> CommandParser:
    """The parser of `swdesk [options] [COMMAND ...]`. Given the `argv` it will parse, the
    command groups' parsers are built only when `argv` may name a command or ask for help:
    `swdesk --data-dir D --profile 1` (a start of the window) is parsed by the top-level
    options alone, exactly as with them, and skips building the ~100 command parsers."""
    data_dir = data_dir_option()
    parser = CommandParser(
        prog="swdesk",
        parents=[data_dir, database_option()],
        description="swdesk: offline workspace for certified social workers — registration, "
        "continuing-education log, re-registration. (社会工作者登记与继续教育桌面工具)",
        epilog=f"The data folder is chosen by --data-dir, else ${DATA_DIR_ENV}, else a "
        f"'{PORTABLE_MARKER}' marker file beside the program (portable mode: data/ "
        "beside it), else the user data folder of this system. 'swdesk FILE' opens "
        "FILE: an application bundle (.swdapp) or forward package (.swdfwd) in "
        "reviewer mode, a decision file (.swddec) in the practitioner window.",
    )
    # no default for data_dir here: set_defaults would change the shared --data-dir
    # action's default, and every sub-command would then reset it (see `parse`)
    parser.set_defaults(open_file=None, handler=None)
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="show the version and exit"
    )
    selfcheck.add_option(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="on a data folder without profiles, add the demo practitioners "
        "from Pingliang and open the first one",
    )
    parser.add_argument(
        "--profile",
        metavar="ID",
        type=int,
        dest="open_profile",
        help="open the profile with this number (see 'profile list') "
        "directly; one with a PIN asks for it first",
    )
    parser.add_argument(
        "--reviewer",
        action="store_true",
        help="open reviewer mode (civil-affairs offices; its own database "
        "under DIR/review, or on the office's server with --database URL, opened with "
        "the office password)",
    )
    parser.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        help="language of the interface (remembered); default Simplified Chinese",
    )
    parser.add_argument(
        "--theme", choices=["system", "light", "dark"], help="colour theme (remembered)"
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands (no window; for scripts)"
    )
    if argv is None or _may_name_a_command(parser, argv):
        for group in _command_groups():
            group.register(commands, data_dir)
    return parser


def _command_groups() -> tuple[ModuleType, ...]:
    """The command groups' modules, in the order `swdesk --help` lists them; each module's
    `register(commands, data_dir)` adds its parsers, each with its handler. Imported only
    when a command's parsers are built: a start of the window loads none of them."""
    from . import (
        activity,
        application,
        backup,
        bundle,
        decision,
        profile,
        provider,
        review,
        trust,
    )

    return (profile, activity, application, bundle, backup, review, trust, decision, provider)


def _may_name_a_command(parser: CommandParser, argv: Sequence[str]) -> bool:
    """False only when every token of `argv` is a top-level option of `parser` spelt out
    in full, with its value (`--opt V` or `--opt=V`), and none asks for help: the command
    parsers are then never looked at. Anything else (a command, a file to open, -h, an
    abbreviation, an unknown option) may need them."""
    takes_value = {
        name: action.nargs != 0 for action in parser._actions for name in action.option_strings
    }
    tokens = iter(argv)
    for token in tokens:
        name = token.split("=", 1)[0] if token.startswith("--") else token
        if name not in takes_value or name in ("-h", "--help"):
            return True
        if takes_value[name] and "=" not in token:
            next(tokens, None)  # its value, whatever it looks like
    return False


def parse(parser: CommandParser, argv: list[str]) -> argparse.Namespace:
    """Parse `argv`; a file to open (`swdesk [options] FILE.swdapp`) is taken out first,
    since argparse cannot mix an optional positional with the sub-commands. ParserExit
    after --help, --version or a usage error."""
    rest, open_file = split_open_file(parser, argv)
    args = parser.parse_args(rest)
    if not hasattr(args, "data_dir"):  # --data-dir given neither before nor after the command
        args.data_dir = None
    for name in ("database", "db_password_file"):  # likewise (`shared_options.database_option`)
        if not hasattr(args, name):
            setattr(args, name, None)
    if open_file is not None:
        if args.command:
            parser.error(f"a file to open cannot be combined with '{args.command}'")
        args.open_file = open_file
    return args


def parse_args(argv: list[str]) -> argparse.Namespace:
    """`parse` with argparse's own manners: messages on sys.stdout and sys.stderr, and
    SystemExit after --help, --version or a usage error."""
    from .argparsing import ParserExit

    try:
        return parse(build_parser(), argv)
    except ParserExit as done:
        raise SystemExit(done.status) from None


def split_open_file(
    parser: argparse.ArgumentParser, argv: list[str]
) -> tuple[list[str], Path | None]:
    """The arguments without the file to open, and that file: the first positional
    argument when it names a file with one of OPENABLE_SUFFIXES (a sub-command's name is
    never taken for a file)."""
    takes_value = {
        option
        for action in parser._actions
        if action.nargs != 0
        for option in action.option_strings
    }
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            index += 1
            break
        if arg.startswith("-") and arg != "-":
            index += 2 if arg in takes_value else 1
            continue
        break
    if index >= len(argv):
        return argv, None
    candidate = argv[index]
    if Path(candidate).suffix.lower() not in OPENABLE_SUFFIXES:
        return argv, None
    rest = [a for i, a in enumerate(argv) if i != index and not (a == "--" and i == index - 1)]
    return rest, Path(candidate).expanduser().resolve()
