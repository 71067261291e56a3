"""Wrong PINs in a row lock PIN entry for a while, in the service and so everywhere: the
count lives in the database, so neither a restart nor the command line starts it afresh."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from ui_free_samples import sample_draft

from cli_runner import CliResult, run_cli
from swdesk.services.protection import MAX_PIN_TRIES, PIN_LOCKOUT, PinLockedOut
from swdesk.services.workspace import Workspace, open_workspace

PIN = "86428642"
WRONG = "11111111"
START = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def protected(data: Path, clock: FakeClock) -> tuple[Workspace, int]:
    ws = open_workspace(data, clock=lambda: date(2026, 12, 6))
    ws.profiles.protection.now = clock
    pid = ws.profiles.create_profile(sample_draft(), pin=PIN)
    ws.profiles.protection.lock_all()
    return ws, pid


def reopen(data: Path, clock: FakeClock) -> Workspace:
    ws = open_workspace(data, clock=lambda: date(2026, 12, 6))
    ws.profiles.protection.now = clock
    return ws


def test_the_fifth_wrong_pin_locks_even_the_right_one_out(tmp_path: Path) -> None:
    clock = FakeClock()
    ws, pid = protected(tmp_path / "data", clock)
    for _ in range(MAX_PIN_TRIES - 1):
        assert ws.profiles.unlock(pid, WRONG) is False
    with pytest.raises(PinLockedOut) as locked:
        ws.profiles.unlock(pid, WRONG)
    assert locked.value.seconds == int(PIN_LOCKOUT.total_seconds())
    assert locked.value.code == "pin_locked_out"
    clock.now += PIN_LOCKOUT - timedelta(seconds=10)
    with pytest.raises(PinLockedOut) as still:
        ws.profiles.unlock(pid, PIN)
    assert still.value.seconds == 10
    assert ws.profiles.protection.keyring.get(pid) is None
    clock.now += timedelta(seconds=10)
    assert ws.profiles.unlock(pid, PIN) is True
    ws.close()


def test_a_right_pin_starts_the_count_afresh(tmp_path: Path) -> None:
    clock = FakeClock()
    ws, pid = protected(tmp_path / "data", clock)
    for _ in range(MAX_PIN_TRIES - 1):
        assert not ws.profiles.verify_pin(pid, WRONG)
    assert ws.profiles.verify_pin(pid, PIN)
    for _ in range(MAX_PIN_TRIES - 1):
        assert ws.profiles.unlock(pid, WRONG) is False
    ws.close()


def test_a_restart_keeps_the_count_and_the_lockout(tmp_path: Path) -> None:
    clock = FakeClock()
    data = tmp_path / "data"
    ws, pid = protected(data, clock)
    for _ in range(MAX_PIN_TRIES - 1):
        ws.profiles.unlock(pid, WRONG)
    ws.close()
    ws = reopen(data, clock)
    with pytest.raises(PinLockedOut):
        ws.profiles.unlock(pid, WRONG)  # the fifth, counted across the restart
    ws.close()
    ws = reopen(data, clock)
    with pytest.raises(PinLockedOut):
        ws.profiles.unlock(pid, PIN)
    ws.close()


def test_a_clock_set_back_locks_for_one_lockout_at_most(tmp_path: Path) -> None:
    clock = FakeClock()
    ws, pid = protected(tmp_path / "data", clock)
    clock.now += timedelta(days=365)  # the lockout starts on a clock a year fast
    for _ in range(MAX_PIN_TRIES - 1):
        ws.profiles.unlock(pid, WRONG)
    with pytest.raises(PinLockedOut):
        ws.profiles.unlock(pid, WRONG)
    clock.now = START  # then the clock is put right
    with pytest.raises(PinLockedOut) as locked:
        ws.profiles.unlock(pid, PIN)
    assert locked.value.seconds == int(PIN_LOCKOUT.total_seconds())
    clock.now += PIN_LOCKOUT
    assert ws.profiles.unlock(pid, PIN) is True
    ws.close()


def test_the_command_line_cannot_guess_past_the_lockout(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ws, pid = protected(data, FakeClock())
    ws.close()
    pin_file = tmp_path / "pin.txt"
    out = tmp_path / "usb" / "张晓梅.swdapp"
    out.parent.mkdir()
    export = [
        "application",
        "export",
        "--data-dir",
        str(data),
        "--profile",
        str(pid),
        "--out",
        str(out),
        "--accept-declaration",
        "--pin-file",
        str(pin_file),
    ]

    def run(pin: str) -> CliResult:
        pin_file.write_text(pin + "\n")
        return run_cli(*export)

    for _ in range(MAX_PIN_TRIES - 1):
        wrong = run(WRONG)
        assert wrong.returncode == 1 and wrong.stderr.startswith("error: wrong_pin: ")
    for pin in (WRONG, PIN):  # the fifth wrong one locks; the right one is refused too
        refused = run(pin)
        assert refused.returncode == 1
        assert refused.stderr.startswith("error: pin_locked_out: too many wrong PINs")
    assert not out.exists()
