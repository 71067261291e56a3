"""How the `swdesk review` command groups declare an action: one subcommand that opens the
office (its folder or its server, with the person's password) and runs the action in it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from .output import Console

if TYPE_CHECKING:
    from ..services.review import ReviewWorkspace
    from .argparsing import CommandParser, Subcommands

__all__ = ["Action", "InOffice", "office_action"]

# One action of an opened office: the office and the options in, the exit status out.
Action = Callable[["ReviewWorkspace", argparse.Namespace, Console], int]
# What opens the office, runs an action in it and closes it (`review._in_office`).
InOffice = Callable[[Action, argparse.Namespace, Console], int]


def office_action(
    parent: Subcommands,
    office: CommandParser,
    in_office: InOffice,
    name: str,
    help_text: str,
    run: Action,
) -> CommandParser:
    """The subcommand `name` of `parent`, with the office's options (`office`: --data-dir,
    --database, --user, the passwords), running `run` in the office opened by `in_office`."""
    sub = parent.add_parser(name, help=help_text, parents=[office])
    sub.set_defaults(handler=partial(in_office, run))
    return sub
