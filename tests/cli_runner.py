"""`run_cli`: the command line run in the test's own process, as a script would run
`swdesk ...`, without paying a Python start per call.

`swdesk.cli.main` takes the streams, standard input and environment it uses, so the result
is what the process would have printed and exited with. Tests about the process itself (a
crash, a kill, a signal, a closed pipe, a real terminal on stdin, which modules a start
imports) keep starting `python -m swdesk`.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from swdesk.cli import main


@dataclass(frozen=True)
class CliResult:
    """What `swdesk ...` exited with and printed (the fields of subprocess's result)."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(
    *args: str,
    stdin: str = "",
    env: Mapping[str, str | None] | None = None,
    cwd: Path | None = None,
) -> CliResult:
    """Run `swdesk <args>` in-process. `stdin`: the text on standard input (not a
    terminal); `env`: variables to set for this run only, None to unset one (the test
    process's environment is not changed); `cwd`: the folder relative paths start from
    (changed back afterwards)."""
    environment = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    out, err = io.StringIO(), io.StringIO()
    folder = contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext()
    with folder:
        status = main(list(args), stdout=out, stderr=err, stdin=io.StringIO(stdin), env=environment)
    return CliResult(status, out.getvalue(), err.getvalue())
