"""The parser class of the command line: argparse that writes to the streams it is given
and ends with an exception instead of leaving the process.

argparse prints --help, --version and its usage errors to sys.stdout and sys.stderr and
then calls sys.exit. `CommandParser` prints them to `out` and `err` (the streams
`swdesk.cli.main` was given; sys.stdout and sys.stderr when none) and raises `ParserExit`
with argparse's exit status (0 after --help or --version, 2 after a usage error), so the
command line runs inside another program (a test) as it runs as a process.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    Subcommands = argparse._SubParsersAction["CommandParser"]


class ParserExit(Exception):
    """argparse is done: --help or --version was answered (status 0), or the usage was
    wrong (status 2, the message already on `err`)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser whose messages go to `out`/`err` and whose exit raises."""

    out: TextIO | None = None
    err: TextIO | None = None

    def direct_output(self, out: TextIO | None, err: TextIO | None) -> None:
        """Send the messages of this parser and of every sub-command's parser to `out`
        (help, version) and `err` (usage errors)."""
        for parser in _family(self):
            parser.out, parser.err = out, err

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if not message:
            return
        target: SupportsWrite[str]
        if file is None or file is sys.stdout:
            target = self.out or sys.stdout
        elif file is sys.stderr:
            target = self.err or sys.stderr
        else:
            target = file  # a stream the caller chose
        target.write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message, sys.stderr)
        raise ParserExit(status)


def _family(parser: argparse.ArgumentParser) -> Iterator[CommandParser]:
    """`parser` and the parsers of its sub-commands, at every depth."""
    if isinstance(parser, CommandParser):
        yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _family(child)
