"""The training provider's window, as a person uses it: from the start page, set the
provider up, then issue records for a roster; a bad row is said in the window and nothing
is issued. One test runs the real thread pool."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from ui_helpers import valid_id

from swdesk.domain.credit_code import credit_code_check_char
from swdesk.services.workspace import Workspace
from swdesk.ui.main_window import MainWindow
from swdesk.ui.provider_dialog import ProviderDialog
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner

LEFT = Qt.MouseButton.LeftButton
PASSWORD = "provider password"
STEM = "51620000MJX000001"
PEOPLE = [
    ("张晓梅", valid_id("620802", date(1987, 9, 23), 613), 12),
    ("李军", valid_id("620802", date(1985, 5, 6), 222), 6),
]


def _roster(path: Path, rows: list[tuple[object, ...]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "公民身份号码", "学时"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def _open(qtbot, window: MainWindow) -> ProviderDialog:  # type: ignore[no-untyped-def]
    assert window.start_page.isVisible()
    qtbot.mouseClick(window.start_page.provider_button, LEFT)
    dialog = window.help_actions.provider_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _set_up(qtbot, dialog: ProviderDialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.pages.currentWidget() is dialog.setup_page
    dialog.org_edit.setText("甘肃省社会工作协会")  # Chinese cannot be typed through keyClicks
    qtbot.keyClicks(dialog.code_edit, STEM + credit_code_check_char(STEM))
    qtbot.keyClicks(dialog.new_password, PASSWORD)
    qtbot.keyClicks(dialog.repeat_password, PASSWORD)
    qtbot.mouseClick(dialog.setup_button, LEFT)


def _fill_course(qtbot, dialog: ProviderDialog, roster: Path, out: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(roster), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    qtbot.mouseClick(dialog.findChild(type(dialog.setup_button), "providerRosterBrowse"), LEFT)
    qtbot.mouseClick(dialog.findChild(type(dialog.setup_button), "providerOutBrowse"), LEFT)
    dialog.title_edit.setText("社会工作伦理与实务专题培训")
    dialog.start_edit.setDate(QDate(2026, 11, 20))
    dialog.end_edit.setDate(QDate(2026, 11, 21))
    qtbot.keyClicks(dialog.password, PASSWORD)


def test_set_up_then_issue_from_the_start_page(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _open(qtbot, window)
    _set_up(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.issue_page
    public_key = workspace.layout.root / "provider" / "provider.swdkey"
    assert public_key.is_file() and str(public_key) in dialog.status.text()
    heading = dialog.provider_label.text()  # who signs, with the key's fingerprint
    assert "甘肃省社会工作协会" in heading and STEM in heading and len(heading.split()) > 16

    out = tmp_path / "issued"
    _fill_course(qtbot, dialog, _roster(tmp_path / "roster.xlsx", PEOPLE), out, monkeypatch)
    qtbot.mouseClick(dialog.issue_button, LEFT)
    assert dialog.issued is not None and len(dialog.issued.records) == 2
    assert sorted(p.suffix for p in out.iterdir()) == [".pdf", ".pdf", ".swdce", ".swdce"]
    expected = QApplication.translate(
        "ProviderDialog", "%n record(s) and certificate(s) issued, %1 hours in all, into %2.", "", 2
    )
    assert dialog.status.text() == expected.replace("%1", "18").replace("%2", str(out))
    assert dialog.message.text() == ""
    assert PEOPLE[0][1] not in dialog.status.text()


def test_a_bad_row_is_said_in_the_window_and_nothing_is_issued(
    qtbot,  # type: ignore[no-untyped-def]
    workspace: Workspace,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On the real thread pool: the window stays usable while the work runs."""
    window = MainWindow(workspace, settings, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.start()
    dialog = _open(qtbot, window)
    _set_up(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.issue_page, timeout=30000)
    bad = [*PEOPLE, ("王芳", "620802198701011234", 6)]  # a wrong check character
    out = tmp_path / "issued"
    _fill_course(qtbot, dialog, _roster(tmp_path / "roster.xlsx", bad), out, monkeypatch)
    qtbot.mouseClick(dialog.issue_button, LEFT)
    qtbot.waitUntil(lambda: dialog.issue_button.isEnabled(), timeout=30000)
    text = dialog.message.text()
    assert "4" in text and "roster.xlsx" in text  # the row (after the header) and the file
    assert dialog.issued is None and not out.exists()
