"""`swdesk profile list`: one line per practitioner profile (no window)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..domain.errors import UserFixableError
from .output import Console
from .practitioner import data_dir_of, open_practitioner_workspace

if TYPE_CHECKING:
    from ..services.workspace import Workspace
    from .argparsing import CommandParser, Subcommands


def register(commands: Subcommands, data_dir: CommandParser) -> None:
    profile = commands.add_parser("profile", help="practitioner profiles")
    actions = profile.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser(
        "list", parents=[data_dir], help="one line per profile: id, name, masked ID number, state"
    )
    listing.set_defaults(handler=list_profiles)


def list_profiles(args: argparse.Namespace, console: Console) -> int:
    """`<id> TAB <name> TAB <masked ID number or (encrypted)> TAB <state or locked>`."""
    workspace = open_practitioner_workspace(data_dir_of(args), console.err)
    try:
        for profile in workspace.profiles.list_profiles():
            state = _state(workspace, profile.id)
            masked = "(encrypted)" if profile.sealed else profile.masked_id_number
            print(f"{profile.id}\t{profile.name}\t{masked}\t{state}", file=console.out)
    finally:
        workspace.close()
    return 0


def _state(workspace: Workspace, practitioner_id: int) -> str:
    """The registration state, or "locked" for a profile protected by a PIN (its data
    cannot be read without it)."""
    try:
        return workspace.dashboard.status_for(practitioner_id).state.value
    except UserFixableError as error:
        if error.code == "profile_locked":
            return "locked"
        raise
