"""Starting swdesk on a data folder that cannot be used: a clear message, nothing touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from swdesk.app import run
from swdesk.storage.instance_lock import acquire_instance_lock


@pytest.fixture
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Close)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def test_second_copy_on_the_same_folder_is_refused(
    qapp,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    shown_messages: list[str],
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with acquire_instance_lock(data):
        assert run(["--data-dir", str(data), "--lang", "zh_CN"]) == 1
    assert len(shown_messages) == 1
    assert "已" in shown_messages[0] and str(data) in shown_messages[0]


def test_corrupt_database_is_reported_and_left_untouched(
    qapp,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    shown_messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from swdesk.ui.damaged_database import DamagedDatabaseDialog

    offered: list[str] = []

    def choose_quit(dialog: DamagedDatabaseDialog) -> int:
        offered.append(dialog.windowTitle())
        dialog.choice = "quit"
        return 0

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", choose_quit)
    data = tmp_path / "data"
    data.mkdir()
    database = data / "swdesk.sqlite"
    database.write_bytes(b"this is not a database" * 100)
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    assert run(["--data-dir", str(data), "--lang", "en"]) == 1
    assert offered == ["The database is damaged"]
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
