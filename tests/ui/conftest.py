"""GUI test fixtures: a real workspace on disk, a main window, synchronous tasks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from ui_helpers import TODAY

from folder_samples import FolderTemplates
from swdesk.services.workspace import Workspace, open_workspace
from swdesk.ui.fonts import register_cjk_font
from swdesk.ui.i18n import install_language
from swdesk.ui.main_window import MainWindow
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner


def _new_data_folder(folder: Path) -> None:
    open_workspace(folder, clock=lambda: TODAY).close()


@pytest.fixture
def workspace(folder_templates: FolderTemplates, tmp_path: Path) -> Iterator[Workspace]:
    """A data folder with nothing saved yet, opened on TODAY: a copy of one created (database
    migrated) once per session."""
    data = folder_templates.copy("new-data-folder", _new_data_folder, tmp_path / "data")
    ws = open_workspace(data, clock=lambda: TODAY)
    yield ws
    ws.close()


@pytest.fixture
def settings(tmp_path: Path) -> UiSettings:
    return UiSettings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, workspace: Workspace, settings: UiSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    register_cjk_font(app)
    install_language(app, settings.language)
    win = MainWindow(workspace, settings, TaskRunner(synchronous=True))
    qtbot.addWidget(win)
    win.show()
    win.start()
    return win
