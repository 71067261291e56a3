"""Command-line manners: every command group, given bad input, answers with exactly one
line `error: <code>: <reason>...` on stderr and exit status 1 (argparse's usage errors: 2),
never a traceback; a closed standard output ends a command quietly; an unexpected
exception is logged with its traceback and said in one line.

The command line runs in-process (`cli_runner.run_cli`, what the process would print and
exit with) on real folders: an empty practitioner data folder with the demo profiles and
the province's trust list, a city review office, a folder, and paths that do not exist. A
closed standard output is a matter of the process: that test starts `python -m swdesk`."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from decision_samples import decision_file, offices, trust_file
from review_samples import PASSWORD, make_office

from cli_runner import CliResult, run_cli
from swdesk.services.demo import populate_demo
from swdesk.services.workspace import open_workspace


@dataclass(frozen=True)
class Folders:
    data: Path  # practitioner data folder: demo profiles, a trust list in force
    office: Path  # data folder of a city review office (office in office/review)
    empty: Path  # a data folder without a review office
    folder: Path  # an existing folder, given where a file is expected
    missing: Path  # a path that does not exist
    stray_decision: Path  # a signed decision of an application this folder never had
    bundle_named_folder: Path  # a folder named like a bundle
    key_named_folder: Path  # a folder named like an office key file
    password_file: Path


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Folders:
    root = tmp_path_factory.mktemp("manners")
    data = root / "data"
    ws = open_workspace(data)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, date.today()):
            pass
    finally:
        ws.close()
    keys = offices()
    trust = root / "gansu.swdtrust"
    trust.write_bytes(trust_file())
    trusted = swdesk(
        "trust",
        "import",
        "--data-dir",
        str(data),
        "--fingerprint",
        keys.province.identity.fingerprint,
        str(trust),
    )
    assert trusted.returncode == 0, trusted.stderr
    stranger = SimpleNamespace(
        uid="0f0f0f0f-1111-4222-8333-444444444444",
        version=1,
        bundle_id="ab" * 32,
        content_digest="cd" * 32,
    )
    stray = root / "stray.swddec"
    stray.write_bytes(decision_file(keys.city, stranger))  # type: ignore[arg-type]
    make_office(root / "office" / "review").close()
    (root / "empty").mkdir()
    (root / "folder").mkdir()
    (root / "named.swdapp").mkdir()
    (root / "named.swdkey").mkdir()
    password = root / "password.txt"
    password.write_text(PASSWORD, encoding="utf-8")
    return Folders(
        data,
        root / "office",
        root / "empty",
        root / "folder",
        root / "missing",
        stray,
        root / "named.swdapp",
        root / "named.swdkey",
        password,
    )


def swdesk(*args: str, password: str | None = PASSWORD) -> CliResult:
    return run_cli(*args, env={"SWDESK_REVIEW_PASSWORD": password})


# (what is wrong, command line with {data}, {office}, ... filled from Folders, error code)
BAD_INPUT = [
    ("data folder is a file", "profile list --data-dir {password_file}", "not_writable"),
    (
        "unknown profile",
        "application export --data-dir {data} --profile 999 --out {folder}/a.swdapp",
        "profile_unknown",
    ),
    (
        "wrong extension for --out",
        "application export --data-dir {data} --profile 1 --out {folder}/a.txt",
        "wrong_extension",
    ),
    (
        "photo is a folder",
        "application export --data-dir {data} --profile 1 --out {folder}/a.swdapp --photo {folder}",
        "file_unreadable",
    ),
    ("missing bundle", "bundle verify {missing}/a.swdapp", "bundle_unreadable"),
    ("folder as bundle", "bundle verify {bundle_named_folder}", "bundle_unreadable"),
    (
        "backup into a missing folder",
        "backup create --data-dir {data} {missing}/b.swdbak",
        "folder_missing",
    ),
    (
        "backup with wrong extension",
        "backup create --data-dir {data} {folder}/b.zip",
        "wrong_extension",
    ),
    (
        "restore a missing file",
        "backup restore --data-dir {empty} {missing}/b.swdbak",
        "file_unreadable",
    ),
    ("restore a folder", "backup restore --data-dir {empty} {folder}", "file_unreadable"),
    ("no office here", "review list --data-dir {empty}", "review_not_initialised"),
    (
        "missing password file",
        "review list --data-dir {office} --password-file {missing}/p.txt",
        "file_unreadable",
    ),
    (
        "unknown application",
        "review decide --data-dir {office} --application 999 --approve",
        "application_unknown",
    ),
    ("unknown state", "review list --data-dir {office} --state maybe", "state_unknown"),
    (
        "decisions into a missing folder",
        "review export-decisions --data-dir {office} --out {missing}",
        "folder_missing",
    ),
    (
        "roster with wrong extension",
        "review export-decisions --data-dir {office} --out {folder} --roster {folder}/r.csv",
        "wrong_extension",
    ),
    (
        "report with wrong extension",
        "review import --data-dir {office} --report {folder}/r.xlsx {folder}",
        "wrong_extension",
    ),
    (
        "key written onto a folder",
        "review export-key --data-dir {office} --out {bundle_named_folder}",
        "wrong_extension",
    ),
    (
        "key file is a folder",
        "review export-key --data-dir {office} --out {key_named_folder}",
        "not_writable",
    ),
    ("trust file is a folder", "review trust --data-dir {office} {folder}", "file_unreadable"),
    (
        "missing trust file",
        "trust import --data-dir {data} {missing}/t.swdtrust",
        "file_unreadable",
    ),
    ("trust file is a folder", "trust import --data-dir {data} {folder}", "file_unreadable"),
    (
        "missing decision file",
        "decision import --data-dir {data} {missing}/d.swddec",
        "file_unreadable",
    ),
    ("decision file is a folder", "decision import --data-dir {data} {folder}", "file_unreadable"),
    (
        "decision for an application this folder never had",
        "decision import --data-dir {data} {stray_decision}",
        "decision_wrong_application",
    ),
]


@pytest.mark.parametrize(
    ("case", "command", "code"), BAD_INPUT, ids=[case for case, _command, _code in BAD_INPUT]
)
def test_bad_input_gets_one_error_line(
    folders: Folders, case: str, command: str, code: str
) -> None:
    values = {name: str(getattr(folders, name)) for name in Folders.__dataclass_fields__}
    result = swdesk(*[part.format(**values) for part in command.split()])
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {code}: "), lines[0]
    assert ": " in lines[0][len("error: ") :]  # a reason after the code


def test_every_command_group_is_covered() -> None:
    groups = {command.split()[0] for _case, command, _code in BAD_INPUT}
    assert groups == {"profile", "application", "bundle", "backup", "review", "trust", "decision"}


@pytest.mark.parametrize(
    "command",
    [
        ["profile", "list", "--no-such-option"],
        ["application", "export", "--profile", "one", "--out", "a.swdapp"],
        ["review", "decide", "--application", "1"],
        ["decision"],
    ],
)
def test_usage_errors_are_argparse_s(command: list[str]) -> None:
    result = swdesk(*command)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("swdesk")  # "swdesk ...: error: ..."


def test_a_closed_standard_output_ends_the_command_quietly(folders: Folders) -> None:
    """`swdesk profile list | head -0`: the reader is gone before swdesk writes."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "swdesk", "profile", "list", "--data-dir", str(folders.data)],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert result.returncode == 1
    assert result.stderr == ""  # no BrokenPipeError, no "Exception ignored" at exit


def test_an_unexpected_exception_is_logged_and_said_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure no code foresaw (here: opening the data folder raises RuntimeError) is
    written with its traceback to the log file, and the command says where."""
    import swdesk.services.workspace as workspace_module

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated failure")

    for variable in ("XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "home"))
    monkeypatch.setattr(workspace_module, "open_workspace", broken)
    root = logging.getLogger()
    handlers = list(root.handlers)
    result = run_cli("profile", "list", "--data-dir", str(tmp_path / "data"))
    assert root.handlers == handlers  # the log file's handler is taken off again
    assert result.returncode == 1 and result.stdout == ""
    line = result.stderr
    assert line.startswith("error: internal_error: RuntimeError; details in ")
    assert line.count("\n") == 1
    log_file = Path(line.rstrip("\n").split("details in ", 1)[1])
    assert log_file.is_file() and log_file.is_relative_to(tmp_path / "home")
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: simulated failure" in logged
