"""Portable mode in a frozen build: the marker is looked for beside the executable
(`sys.executable` when `sys.frozen`), not beside the launcher script or the working folder.
packaging/portable.py checks the real frozen program the same way after zipping it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from swdesk.paths import PORTABLE_MARKER, program_dir, resolve_data_dir


def test_frozen_program_folder_is_the_executables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "stick" / "swdesk"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "swdesk.exe"))
    monkeypatch.setattr(sys, "argv", ["elsewhere/launcher.py"])
    monkeypatch.chdir(tmp_path)
    assert program_dir() == folder.resolve()
    assert resolve_data_dir(None, environ={})[1] == "user"
    (folder / PORTABLE_MARKER).write_bytes(b"")
    assert resolve_data_dir(None, environ={}) == (folder.resolve() / "data", "portable")
