"""A start of the window (`swdesk --data-dir D --profile 1`) is parsed without building the
command parsers (`build_parser(argv)`), and parses exactly as with them; anything that may
name a command or ask for help gets the full parser."""

from __future__ import annotations

import argparse
import io

import pytest

from swdesk.cli.argparsing import CommandParser, ParserExit
from swdesk.cli.parser import build_parser, parse


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(actions[0].choices) if actions else set()


def _outcome(parser: CommandParser, argv: list[str]) -> object:
    """The parsed options, or the exit status with the usage error's text."""
    err = io.StringIO()
    parser.direct_output(io.StringIO(), err)
    try:
        return vars(parse(parser, argv))
    except ParserExit as done:
        return ("exit", done.status, err.getvalue())


WINDOW_STARTS = [
    [],
    ["--data-dir", "/tmp/d", "--profile", "1"],
    ["--profile=2", "--lang", "en", "--theme", "dark", "--demo"],
    ["--reviewer", "--database", "postgresql://h/db"],
    ["--data-dir", "--profile"],  # a value that looks like an option is still a value
    ["--lang", "xx"],  # a usage error either way
    ["--profile"],  # a missing value: a usage error either way
]


@pytest.mark.parametrize("argv", WINDOW_STARTS)
def test_a_window_start_is_parsed_without_the_commands_and_alike(argv: list[str]) -> None:
    quick = build_parser(argv)
    full = build_parser()
    assert _commands(quick) == set()
    assert _commands(full) >= {"profile", "bundle", "review"}
    assert _outcome(quick, argv) == _outcome(full, argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["profile", "list"],
        ["--data-dir", "/tmp/d", "bundle", "verify", "x.swdapp"],
        ["--help"],
        ["-h"],
        ["--data", "/tmp/d"],  # an abbreviation
        ["--unknown"],
        ["file.swddec"],
    ],
)
def test_anything_else_gets_every_command(argv: list[str]) -> None:
    assert _commands(build_parser(argv)) == _commands(build_parser())
