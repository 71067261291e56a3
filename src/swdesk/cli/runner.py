"""`main`: the command line, callable in-process, and `run_command`, the guard every
command runs inside.

No command prints a traceback: a refusal is one `error: <code>: <reason>; key=value ...`
line on stderr (exit 1); a closed standard output (`swdesk profile list | head -0`) ends
the command quietly (exit 1); Ctrl+C is `error: interrupted: ...` (exit 130, what a shell
reports for SIGINT; every command writes all or nothing, so nothing half-done stays); any
other exception is logged with its traceback to the log
file and said as `error: internal_error: <class>; details in <log file>` (exit 1).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

from ..domain.errors import UserFixableError
from .argparsing import ParserExit
from .output import Console, print_error
from .parser import build_parser, parse

#: the exit status after Ctrl+C, as shells report a command ended by SIGINT (128 + 2)
INTERRUPTED = 130


def main(
    argv: list[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
    *,
    env: Mapping[str, str] | None = None,
    window: Callable[[argparse.Namespace], int] | None = None,
    gui_step: Callable[[], str] | None = None,
) -> int:
    """Run `swdesk <argv>` and return its exit status, as the process would exit with it.

    Everything goes to `stdout` and `stderr` (sys.stdout and sys.stderr when not given),
    argparse's --help, --version and usage errors included (exit 0, 0 and 2); `stdin` is
    what a command reads (sys.stdin), `env` where it takes $SWDESK_PIN and
    $SWDESK_REVIEW_PASSWORD from (os.environ). Nothing leaves the process (no sys.exit)
    and nothing stays changed after the return.

    Without a command, `window(args)` starts the window (the composition root passes it;
    without one that is a usage error). `gui_step` is the window check of --self-check."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments)
    parser.direct_output(out, err)
    try:
        args = parse(parser, arguments)
        if args.self_check:
            from .selfcheck import run_self_check_command

            return run_self_check_command(gui_step, out)
        if args.handler is None:
            if window is None:
                parser.error(
                    "a command is needed (see --help); the window starts with 'swdesk' itself"
                )
            return window(args)
    except ParserExit as done:
        return done.status
    return run_command(
        args,
        out,
        err,
        stdin if stdin is not None else sys.stdin,
        os.environ if env is None else env,
    )


def run_command(
    args: argparse.Namespace,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """Run the command `args` was parsed for (its `handler`); its exit status."""
    console = Console(
        out if out is not None else sys.stdout,
        err if err is not None else sys.stderr,
        stdin if stdin is not None else sys.stdin,
        os.environ if env is None else env,
    )
    try:
        try:
            status: int = args.handler(args, console)
        except UserFixableError as error:
            status = print_error(console.err, error.code, error.params)
        console.out.flush()
        return status
    except BrokenPipeError:
        _silence_closed_output(console.out)
        return 1
    except KeyboardInterrupt:
        print_error(console.err, "interrupted", {})
        return INTERRUPTED
    except Exception as error:  # the last guard: said in one line, logged whole
        log_path = _log_internal_error(args, error)
        where = str(log_path) if log_path is not None else "no log file (cannot write one)"
        print(
            f"error: internal_error: {type(error).__name__}; details in {where}", file=console.err
        )
        return 1


def _silence_closed_output(out: TextIO) -> None:
    """After the reader of standard output went away: point it at the null device, so that
    Python's flush at exit does not complain about the broken pipe."""
    try:
        fileno = out.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a StringIO in tests)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fileno)
        os.close(devnull)
    except OSError:
        pass


def _log_internal_error(args: argparse.Namespace, error: BaseException) -> Path | None:
    """Write `error` with its traceback to the log file (the data folder's `logs/` in
    portable mode, else the user log folder, as the window does); the file or None. The
    log handler is taken off again afterwards."""
    import logging

    from platformdirs import user_log_dir

    from ..logging_setup import setup_logging
    from ..paths import resolve_data_dir

    log_dir = Path(user_log_dir("swdesk", appauthor=False))
    try:
        data_dir, origin = resolve_data_dir(getattr(args, "data_dir", None))
        if origin == "portable":
            log_dir = data_dir / "logs"
    except Exception:  # the log folder is a best effort
        pass
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    path = setup_logging(log_dir)
    try:
        logging.getLogger("swdesk.commands").error(
            "command %s %s failed unexpectedly",
            args.command,
            getattr(args, "action", ""),
            exc_info=(type(error), error, error.__traceback__),
        )
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
    return path
