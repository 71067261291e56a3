"""`swdesk.cli.main` runs in another program's process as it runs as its own: argparse's
help, version and usage errors go to the streams it was given (never to sys.stdout or
sys.stderr), the exit status is returned instead of leaving the process, and --data-dir is
one option accepted before or after the command."""

from __future__ import annotations

import argparse
import io
import logging
import os
from pathlib import Path

import pytest

from swdesk import __version__
from swdesk.cli import build_parser, main, parse_args


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err, stdin=io.StringIO(""), env={})
    return status, out.getvalue(), err.getvalue()


def test_help_and_version_go_to_the_given_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run("--help")
    assert (status, err) == (0, "") and out.startswith("usage: swdesk ")
    status, out, err = run("review", "decide", "--help")
    assert (status, err) == (0, "") and "--application ID" in out
    assert run("--version") == (0, f"swdesk {__version__}\n", "")
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    "argv",
    [
        ["profile", "list", "--no-such-option"],
        ["decision"],
        ["review", "decide", "--application", "1"],
        ["application", "export", "--profile", "one", "--out", "a.swdapp"],
        ["bundle", "verify"],
        ["notes.txt"],
    ],
)
def test_usage_errors_go_to_the_given_stderr_with_status_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(*argv)
    assert (status, out) == (2, "")
    assert err.startswith("usage: swdesk") and err.splitlines()[-1].startswith("swdesk")
    assert capsys.readouterr() == ("", "")


def test_without_a_command_and_without_a_window_it_is_a_usage_error() -> None:
    status, out, err = run("--lang", "en")
    assert (status, out) == (2, "") and "a command is needed" in err


def test_the_window_is_started_by_the_callable_it_is_given() -> None:
    started: list[tuple[str | None, str | None]] = []

    def window(args: object) -> int:
        started.append((getattr(args, "data_dir", None), getattr(args, "lang", None)))
        return 7

    assert main(["--data-dir", "D", "--lang", "en"], window=window) == 7
    assert started == [("D", "en")]


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "D", "profile", "list"],
        ["profile", "list", "--data-dir", "D"],
        ["--data-dir", "other", "profile", "list", "--data-dir", "D"],  # after the command wins
        ["--data-dir", "D", "review", "list"],
        ["review", "list", "--data-dir", "D"],
        ["backup", "create", "--data-dir", "D", "b.swdbak"],
        ["--data-dir", "D", "trust", "remove"],
    ],
)
def test_data_dir_before_or_after_the_command(argv: list[str]) -> None:
    assert parse_args(argv).data_dir == "D"


def _sub_parser(parser: argparse.ArgumentParser, *names: str) -> argparse.ArgumentParser:
    for name in names:
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = commands.choices[name]
    return parser


def _data_dir_action(parser: argparse.ArgumentParser) -> argparse.Action:
    return next(a for a in parser._actions if "--data-dir" in a.option_strings)


def test_data_dir_is_declared_once() -> None:
    """Every sub-command's --data-dir is the top-level option itself (one Action)."""
    parser = build_parser()
    top = _data_dir_action(parser)
    for names in (
        ("profile", "list"),
        ("application", "export"),
        ("backup", "restore"),
        ("review", "init"),
        ("trust", "import"),
        ("decision", "import"),
    ):
        assert _data_dir_action(_sub_parser(parser, *names)) is top, names
    assert parse_args(["profile", "list"]).data_dir is None


def test_a_command_leaves_no_logging_handler_and_no_environment_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected failure is logged to a file whose handler is taken off again; the
    environment given to `main` is read, never written into os.environ."""
    import swdesk.services.workspace as workspace_module

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated failure")

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(workspace_module, "open_workspace", broken)
    root = logging.getLogger()
    handlers, level, environ = list(root.handlers), root.level, dict(os.environ)
    out, err = io.StringIO(), io.StringIO()
    status = main(
        ["profile", "list", "--data-dir", str(tmp_path / "data")],
        stdout=out,
        stderr=err,
        env={"SWDESK_PIN": "1234"},
    )
    assert status == 1 and err.getvalue().startswith("error: internal_error: RuntimeError")
    assert (list(root.handlers), root.level) == (handlers, level)
    assert dict(os.environ) == environ


def test_ctrl_c_in_a_command_is_one_line_and_the_shells_status() -> None:
    from swdesk.cli.runner import INTERRUPTED, run_command

    def interrupted(_args: argparse.Namespace, _console: object) -> int:
        raise KeyboardInterrupt

    out, err = io.StringIO(), io.StringIO()
    status = run_command(argparse.Namespace(handler=interrupted), out, err, io.StringIO(), {})
    assert status == INTERRUPTED == 130
    assert err.getvalue() == (
        "error: interrupted: stopped with Ctrl+C; nothing of the unfinished step was kept\n"
    )
    assert out.getvalue() == ""


def test_progress_lines_name_each_step_and_repeat_its_count_at_most_every_interval() -> None:
    from swdesk.cli.output import ProgressLines

    now = [0.0]
    err = io.StringIO()
    progress = ProgressLines(err, "moving", interval=2.0, clock=lambda: now[0])
    progress("applications", 0)
    progress("applications", 500)  # the same step, too soon: not said
    now[0] = 2.5
    progress("applications", 40000)
    progress("bundles", 1)  # a new step is said at once
    assert err.getvalue().splitlines() == [
        "moving: applications 0",
        "moving: applications 40000",
        "moving: bundles 1",
    ]
