"""The profile chooser after too many wrong PINs: it says how long to wait, and a new window
(a restart) is locked out just the same, because the service keeps the count."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import TODAY, sample_draft

from swdesk.services.protection import MAX_PIN_TRIES
from swdesk.services.workspace import open_workspace
from swdesk.ui.i18n import install_language
from swdesk.ui.main_window import MainWindow
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner

PIN = "2468"


def enter_pin(qtbot, chooser, pin: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(chooser.pin_edit, pin)
    qtbot.keyClick(chooser.pin_edit, Qt.Key.Key_Return)


def chooser_of(qtbot, data: Path, settings: UiSettings, pid: int):  # type: ignore[no-untyped-def]
    ws = open_workspace(data, clock=lambda: TODAY)
    win = MainWindow(ws, settings, TaskRunner(synchronous=True))
    qtbot.addWidget(win)
    win.show()
    win.start()
    chooser = win.chooser_page
    assert win.stack.currentWidget() is chooser
    chooser.list.setCurrentRow(_row_of(chooser, pid))
    return ws, win, chooser


def test_five_wrong_pins_lock_the_chooser_and_a_restart(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    ws = open_workspace(data, clock=lambda: TODAY)
    pid = ws.profiles.create_profile(sample_draft("李建国", 171), pin=PIN)
    ws.profiles.create_profile(sample_draft("张晓梅", 422))  # two profiles: the chooser shows
    ws.close()
    settings = UiSettings(tmp_path / "settings.ini")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")  # what a person at a station reads

    ws, win, chooser = chooser_of(qtbot, data, settings, pid)
    for _ in range(MAX_PIN_TRIES - 1):
        enter_pin(qtbot, chooser, "1111")
        assert chooser.message.text() == "密码(PIN)错误，请重试。"
    enter_pin(qtbot, chooser, "1111")
    assert chooser.message.text() == "PIN 错误次数过多，请 30 秒后再试。"
    assert chooser.pin_edit.text() == ""
    win.close()
    ws.close()

    ws, win, chooser = chooser_of(qtbot, data, settings, pid)  # swdesk started again
    enter_pin(qtbot, chooser, PIN)
    assert chooser.message.text().startswith("PIN 错误次数过多，请 ")
    assert win.stack.currentWidget() is chooser and win.current_id is None
    win.close()
    ws.close()


def _row_of(chooser, pid: int) -> int:  # type: ignore[no-untyped-def]
    """The chooser's row that opens profile `pid` (each row carries its profile's id)."""
    rows = range(chooser.list.count())
    return next(i for i in rows if chooser.list.item(i).data(Qt.ItemDataRole.UserRole) == pid)
