"""A database that fails its integrity check: detected at start, the file left untouched,
the data shown read-only with every writing action disabled."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from ui_helpers import TODAY

from swdesk.services.demo import populate_demo
from swdesk.services.workspace import open_workspace, open_workspace_read_only
from swdesk.storage.errors import DatabaseCorrupt
from swdesk.ui.main_window import MainWindow
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner


def _damaged_folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    ws = open_workspace(data, clock=lambda: TODAY)
    for _ in populate_demo(ws.profiles, ws.activities, TODAY):
        pass
    ws.close()
    db = data / "swdesk.sqlite"
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                                  "'sqlite_autoindex_alembic_version_1'").fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    content = bytearray(db.read_bytes())
    content[(root - 1) * page_size] = 0x00  # an index page that is no longer a b-tree page
    db.write_bytes(bytes(content))
    return data


def test_damaged_database_opens_read_only(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _damaged_folder(tmp_path)
    db = data / "swdesk.sqlite"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(DatabaseCorrupt):
        open_workspace(data, clock=lambda: TODAY)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    workspace = open_workspace_read_only(data, clock=lambda: TODAY)
    try:
        window = MainWindow(workspace, UiSettings(tmp_path / "s.ini"),
                            TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.show()
        window.start()
        assert window.read_only_banner.isVisible()
        assert window.stack.currentWidget() is window.chooser_page
        assert window.chooser_page.list.count() == 5  # the data can still be read
        window.chooser_page.list.setCurrentRow(0)
        window.chooser_page.open_button.click()
        assert window.dashboard.who_label.text() == "张晓梅"
        assert not window.add_action.isEnabled() and not window.apply_action.isEnabled()
        assert not window.dashboard.add_button.isEnabled()
        assert not window.log_page.add_button.isEnabled()
        window.log_page.table.selectRow(0)
        assert not window.log_page.delete_button.isEnabled()
    finally:
        workspace.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
