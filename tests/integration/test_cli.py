"""The command line as a station script uses it: real files, exit codes (in-process,
`cli_runner.run_cli`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cli_runner import CliResult, run_cli
from swdesk.services.demo import populate_demo
from swdesk.services.workspace import open_workspace


def swdesk(*args: str) -> CliResult:
    return run_cli(*args)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli") / "data"
    ws = open_workspace(data, clock=date.today)
    for _ in populate_demo(ws.profiles, ws.activities, date.today()):
        pass
    ws.close()
    return data


def test_profile_list(demo_dir: Path) -> None:
    result = swdesk("profile", "list", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    first = lines[0].split("\t")
    assert first[1] == "张晓梅" and first[3] == "window_open"
    assert "********" in first[2] and len(first[2]) == 18


def test_export_refuses_with_the_fix_list_then_succeeds(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.swdapp"
    refused = swdesk(
        "application", "export", "--data-dir", str(demo_dir), "--profile", "4", "--out", str(out)
    )
    assert refused.returncode == 1
    assert refused.stdout.startswith("refused:")
    assert "- hours_short [activities]" in refused.stdout
    assert "- late_explanation_missing [materials]" in refused.stdout
    assert not out.exists() and list(tmp_path.iterdir()) == []

    done = swdesk(
        "application",
        "export",
        "--data-dir",
        str(demo_dir),
        "--profile",
        "1",
        "--out",
        str(out),
        "--accept-declaration",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.is_file()
    verified = swdesk("bundle", "verify", str(out))
    assert verified.returncode == 0
    assert verified.stdout.startswith("OK")

    tampered = tmp_path / "tampered.swdapp"
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    bad = swdesk("bundle", "verify", str(tampered))
    assert bad.returncode == 1
    assert bad.stdout == "" and bad.stderr.startswith("error: member_hash_mismatch: member ")
    assert len(bad.stderr.splitlines()) == 1


def test_verify_names_a_file_that_is_not_a_bundle(tmp_path: Path) -> None:
    fake = tmp_path / "photo.swdapp"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    result = swdesk("bundle", "verify", str(fake))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: not_a_bundle: photo.swdapp: ")
    missing = swdesk("bundle", "verify", str(tmp_path / "nope.swdapp"))
    assert missing.returncode == 1 and missing.stderr.startswith("error: ")


def test_a_profile_with_a_pin_exports_only_with_its_pin(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ws = open_workspace(data, clock=date.today)
    for _ in populate_demo(ws.profiles, ws.activities, date.today()):
        pass
    ws.profiles.set_pin(1, "86428642")  # 张晓梅, window open, nothing to fix
    ws.close()

    listed = swdesk("profile", "list", "--data-dir", str(data)).stdout.splitlines()
    assert listed[0].split("\t")[1:] == ["张晓梅", "(encrypted)", "locked"]
    out = tmp_path / "usb" / "张晓梅.swdapp"
    out.parent.mkdir()
    export = (
        "application",
        "export",
        "--data-dir",
        str(data),
        "--profile",
        "1",
        "--out",
        str(out),
        "--accept-declaration",
    )
    refused = swdesk(*export)
    assert refused.returncode == 1 and refused.stderr.startswith("error: wrong_pin: ")
    assert refused.stderr.rstrip().endswith("; profile=1")
    pin_file = tmp_path / "pin.txt"
    pin_file.write_text("11111111\n")
    assert swdesk(*export, "--pin-file", str(pin_file)).returncode == 1
    pin_file.write_text("86428642\n")
    done = swdesk(*export, "--pin-file", str(pin_file))
    assert done.returncode == 0, done.stdout + done.stderr
    assert swdesk("bundle", "verify", str(out)).returncode == 0
