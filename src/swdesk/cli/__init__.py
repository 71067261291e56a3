"""The command line of swdesk: its options and the commands that run without a window.

`main(argv, stdout, stderr)` runs `swdesk <argv>` in-process and returns the exit status
(`python -m swdesk` and the `swdesk`/`swdesk-cli` programs reach it through the composition
root, `swdesk.app.run`, which hands it the window to start when no command is given).

One module per command group holds the group's parsers and their handlers (each leaf
parser says `set_defaults(handler=...)`): `profile`, `application`, `bundle`, `backup`,
`review`, `trust`, `decision`, and `selfcheck` for --self-check. `parser` gathers them under
the top-level options, importing the groups only when a command's parsers are built;
`shared_options` declares --data-dir and --database once for the top level and the
commands; `argparsing` makes argparse write to the given streams; `output`
holds what every command shares (the console, the one-line `error:`), `reasons` the English
sentence of each error code; `practitioner` opens the practitioner's data folder. Commands
reach data only through the services, which they import when they run, so the parser
(and --help) loads neither Qt nor the database.
"""

from __future__ import annotations

from .parser import (
    OPENABLE_SUFFIXES,
    PRACTITIONER_SUFFIXES,
    REVIEWER_SUFFIXES,
    build_parser,
    parse_args,
    split_open_file,
)
from .runner import main, run_command

__all__ = [
    "OPENABLE_SUFFIXES",
    "PRACTITIONER_SUFFIXES",
    "REVIEWER_SUFFIXES",
    "build_parser",
    "main",
    "parse_args",
    "run_command",
    "split_open_file",
]
