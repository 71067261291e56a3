"""A practitioner adds training providers' signed attendance records as a person does: the
Records menu command and its shortcut with the file dialog answered, files dropped on the
window, the report read; the log, the dashboard and the edit dialog then show the activity
as verified, its course locked."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from ui_helpers import sample_draft

from attendance_samples import course_record, provider, signed, stranger, trust_naming
from swdesk.services.workspace import Workspace
from swdesk.ui.activity_dialog import ActivityDialog
from swdesk.ui.main_window import MainWindow
from swdesk.ui.record_import import RecordImportReport
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner


@pytest.fixture
def zhang(window: MainWindow, workspace: Workspace, tmp_path: Path) -> tuple[int, str]:
    """张晓梅's profile open in the window, her data folder trusting `provider()`."""
    trust = tmp_path / "province.swdtrust"
    trust.write_bytes(trust_naming(provider()))
    workspace.decisions.import_trust_file(trust)
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    return pid, workspace.profiles.get_record(pid).practitioner.id_number


def _answer_open_files(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> list[str]:
    offered: list[str] = []

    def answer(parent, caption="", directory="", filter="", *args, **kwargs):  # type: ignore[no-untyped-def]
        offered.append(filter)
        return [str(p) for p in paths], filter

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", answer)
    return offered


_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def press(qtbot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:  # type: ignore[no-untyped-def]
    """The shortcut as typed into the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifiers)


def _report(window: MainWindow) -> RecordImportReport:
    report = window.record_actions.report
    assert report is not None and report.isVisible()
    return report


def _cells(report: RecordImportReport, column: int) -> list[str]:
    table = report.table
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_the_menu_imports_a_verified_record_and_names_each_refusal(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, zhang, monkeypatch, tmp_path: Path
) -> None:
    _pid, id_number = zhang
    good = tmp_path / "伦理培训.swdce"
    good.write_bytes(signed(course_record(id_number, hours=Decimal("12.5"))))
    unlisted = tmp_path / "unlisted.swdce"
    unlisted.write_bytes(signed(course_record(id_number, key=stranger()), stranger()))
    offered = _answer_open_files(monkeypatch, [good, unlisted])

    with qtbot.waitSignal(window.record_actions.records_imported):
        window.menus.record_import_action.trigger()

    assert offered == ["学时记录 (*.swdce)"]
    report = _report(window)
    assert report.summary_label.text() == "已加入继续教育记录：1 · 未导入：1"
    assert _cells(report, 1) == ["已添加，已核验", "未导入"]
    assert "甘肃省社会工作协会" in _cells(report, 2)[0]
    assert "某培训中心" in _cells(report, 2)[1] and "信任名单" in _cells(report, 2)[1]
    report.close()

    window.menus.view_log_action.trigger()
    model = window.log_page.model
    source = model.COLUMNS.index("source")
    sources = [model.index(row, source).data() for row in range(model.rowCount())]
    assert sources == ["已核验"]
    assert "经培训机构签名核验 12.5 学时，自报 0 学时" in window.log_page.total_label.text()
    assert window.dashboard.verified_label.text() == "经培训机构签名核验 12.5 学时 · 自报 0 学时"

    window.log_page.table.selectRow(0)
    window.log_page.edit_button.click()
    dialog = window.log_page.findChild(ActivityDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.record_note.isVisible() and "甘肃省社会工作协会" in dialog.record_note.text()
    assert dialog.title_edit.isReadOnly() and dialog.hours_edit.isReadOnly()
    assert not dialog.type_combo.isEnabled() and not dialog.start_edit.isEnabled()
    assert dialog.learnt_edit.isEnabled() and not dialog.learnt_edit.isReadOnly()
    dialog.reject()

    with qtbot.waitSignal(window.record_actions.report_shown):  # the same file again
        press(qtbot, window, Qt.Key.Key_I, _CTRL_SHIFT)
    again = _report(window)
    assert _cells(again, 1) == ["未导入", "未导入"]
    assert "已在继续教育记录中" in _cells(again, 2)[0]
    again.close()


def test_records_dropped_on_the_window_are_imported_on_the_thread_pool(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, settings: UiSettings, tmp_path: Path
) -> None:
    trust = tmp_path / "province.swdtrust"
    trust.write_bytes(trust_naming(provider()))
    workspace.decisions.import_trust_file(trust)
    pid = workspace.profiles.create_profile(sample_draft())
    id_number = workspace.profiles.get_record(pid).practitioner.id_number
    folder = tmp_path / "records"
    folder.mkdir()
    for n in range(3):
        record = course_record(id_number, title=f"督导实务第{n + 1}讲", hours=Decimal(4))
        (folder / f"{n}.swdce").write_bytes(signed(record))
    window = MainWindow(workspace, settings, TaskRunner())  # the real thread pool
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.show_profile(pid)

    def drop(paths: list[Path]) -> bool:
        """Drag `paths` over the window and let go; whether the window took them."""
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data, buttons, keys)
        QApplication.sendEvent(window, enter)
        if not enter.isAccepted():
            return False
        event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, buttons, keys)
        QApplication.sendEvent(window, event)
        return event.isAccepted()

    not_records = tmp_path / "photo.jpg"
    not_records.write_bytes(b"\xff\xd8\xff not a record")
    assert not drop([not_records])  # refused at the door: not a record

    with qtbot.waitSignal(window.record_actions.records_imported, timeout=20000):
        assert drop([folder])
    qtbot.waitUntil(lambda: window.record_actions.report is not None)
    report = _report(window)
    assert _cells(report, 0) == ["0.swdce", "1.swdce", "2.swdce"]
    assert _cells(report, 1) == ["已添加，已核验"] * 3
    titles = {a.title for a in workspace.activities.list_activities(pid) if a.verified}
    assert titles == {"督导实务第1讲", "督导实务第2讲", "督导实务第3讲"}
    report.close()
    window.runner.wait_for_idle()
