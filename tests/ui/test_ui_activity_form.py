"""The training dialog as a person uses it: errors go as soon as the field is right (not at
the next save), the cursor stays put, unsaved edits are not lost silently, and the dialog
fits the screen with Save in view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from ui_helpers import active_dialog, sample_draft, type_text

from swdesk.ui.activity_dialog import ActivityDialog

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _open(qtbot, window, workspace) -> ActivityDialog:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    window.menus.add_action.trigger()
    return active_dialog(qtbot, window, ActivityDialog)


def _save(qtbot, dialog: ActivityDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def _focused_in(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def _unsaved_box(qtbot, dialog) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(b.isVisible() for b in dialog.findChildren(QMessageBox)))
    return next(b for b in dialog.findChildren(QMessageBox) if b.isVisible())


def test_an_error_goes_as_soon_as_the_hours_are_right(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, window, workspace)
    type_text(dialog.title_edit, "个案管理实务能力提升班")
    type_text(dialog.organiser_edit, "甘肃省社会工作协会")
    dialog.start_edit.setDate(QDate(2025, 5, 10))
    dialog.end_edit.setDate(QDate(2025, 5, 10))
    dialog.hours_edit.setFocus()
    qtbot.keyClicks(dialog.hours_edit, "60")
    qtbot.keyClick(dialog.hours_edit, Qt.Key.Key_Home)
    qtbot.keyClick(dialog.hours_edit, Qt.Key.Key_Delete)  # "0": no hours
    _save(qtbot, dialog)
    hours = dialog.fields["hours"]
    assert dialog.isVisible() and hours.has_error
    assert _focused_in(dialog.hours_edit)
    qtbot.keyClick(dialog.hours_edit, Qt.Key.Key_End)
    qtbot.keyClick(dialog.hours_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.hours_edit, "6")
    assert dialog.hours_edit.text() == "6"
    assert not hours.has_error  # fixed: gone before any save
    assert _focused_in(dialog.hours_edit)

    dialog.title_edit.setFocus()
    dialog.title_edit.selectAll()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Delete)
    assert not dialog.fields["title"].has_error  # being typed in: not yet
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Tab)
    assert dialog.fields["title"].has_error  # left empty: said, the cursor goes on
    assert _focused_in(dialog.organiser_edit)
    dialog.title_edit.setFocus()
    type_text(dialog.title_edit, "政策解读")
    assert not dialog.fields["title"].has_error
    dialog.end_edit.setDate(QDate(2025, 5, 9))  # before the start
    assert dialog.fields["end_date"].has_error
    dialog.end_edit.setDate(QDate(2025, 5, 10))
    assert not dialog.fields["end_date"].has_error
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.log_page.model.rowCount() == 1


def test_nothing_is_said_while_a_field_is_first_typed(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, window, workspace)
    dialog.hours_edit.setFocus()
    qtbot.keyClicks(dialog.hours_edit, "7.55")
    assert not dialog.fields["hours"].has_error
    assert not dialog.fields["title"].has_error  # not visited: quiet
    qtbot.keyClick(dialog.hours_edit, Qt.Key.Key_Tab)
    assert dialog.fields["hours"].has_error  # left: one decimal place at most
    assert not dialog.fields["title"].has_error
    assert _focused_in(dialog.learnt_edit)  # Tab went on, the check did not pull it back


def test_escape_with_a_half_filled_training_asks(qtbot, window, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, window, workspace)
    dialog.hours_edit.setFocus()
    qtbot.keyClick(dialog.hours_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()  # nothing typed: closed at once

    window.menus.add_action.trigger()
    dialog = next(d for d in window.findChildren(ActivityDialog) if d.isVisible())
    type_text(dialog.title_edit, "个案管理实务能力提升班")
    proof = tmp_path / "结业证书.pdf"
    proof.write_bytes(PDF)
    dialog.evidence_box.add_files([proof])
    dialog.hours_edit.setFocus()
    qtbot.keyClick(dialog.hours_edit, Qt.Key.Key_Escape)
    box = _unsaved_box(qtbot, dialog)
    qtbot.mouseClick(box.findChild(QWidget, "keepEditing"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible() and dialog.evidence_box.evidence_list.count() == 1

    type_text(dialog.organiser_edit, "甘肃省社会工作协会")
    dialog.start_edit.setDate(QDate(2025, 5, 10))
    dialog.hours_edit.setFocus()
    qtbot.keyClicks(dialog.hours_edit, "8")
    dialog.close()
    box = _unsaved_box(qtbot, dialog)
    qtbot.mouseClick(box.findChild(QWidget, "saveChanges"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = window.log_page.model.activity_at(0)
    assert stored.title == "个案管理实务能力提升班" and stored.evidence


def test_cancel_can_discard_an_edit(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    from datetime import date
    from decimal import Decimal

    from swdesk.domain.enums import ActivityType, ContentArea
    from swdesk.domain.models import Activity

    pid = workspace.profiles.create_profile(sample_draft())
    workspace.activities.save_activity(
        pid,
        Activity(
            "政策解读",
            "平凉市民政局",
            ActivityType.LECTURE,
            ContentArea.LAWS_POLICIES,
            date(2025, 6, 3),
            date(2025, 6, 3),
            Decimal(4),
        ),
    )
    window.show_profile(pid)
    window.tabs.setCurrentWidget(window.log_page)
    window.log_page.table.selectRow(0)
    qtbot.mouseClick(window.log_page.edit_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in window.findChildren(ActivityDialog) if d.isVisible())
    dialog.hours_edit.setFocus()
    dialog.hours_edit.selectAll()
    qtbot.keyClicks(dialog.hours_edit, "6")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    box = _unsaved_box(qtbot, dialog)
    qtbot.mouseClick(box.findChild(QWidget, "discardChanges"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert workspace.activities.list_activities(pid)[0].hours == Decimal(4)


def test_the_dialog_scrolls_inside_the_screen_with_save_in_view(
    qtbot,
    window,  # type: ignore[no-untyped-def]
    workspace,
) -> None:
    dialog = _open(qtbot, window, workspace)
    area = dialog.screen().availableGeometry()
    assert area.contains(dialog.frameGeometry())
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    top_left = save.mapTo(dialog, save.rect().topLeft())
    assert dialog.rect().contains(top_left) and save.isVisible()
    assert dialog.scroll_area.widget().isAncestorOf(dialog.title_edit)
    assert not dialog.scroll_area.isAncestorOf(save)


def test_english_counts_one_day_and_one_activity_properly(qtbot, workspace, settings) -> None:  # type: ignore[no-untyped-def]
    from datetime import date
    from decimal import Decimal

    from swdesk.domain.enums import ActivityType, ContentArea
    from swdesk.domain.models import Activity
    from swdesk.ui.i18n import install_language
    from swdesk.ui.main_window import MainWindow
    from swdesk.ui.tasks import TaskRunner

    app = QApplication.instance()
    install_language(app, "en")
    try:
        pid = workspace.profiles.create_profile(sample_draft())
        workspace.activities.save_activity(
            pid,
            Activity(
                "政策解读",
                "平凉市民政局",
                ActivityType.LECTURE,
                ContentArea.LAWS_POLICIES,
                date(2025, 6, 3),
                date(2025, 6, 3),
                Decimal(4),
            ),
        )
        window = MainWindow(workspace, settings, TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.show()
        window.show_profile(pid)
        assert window.log_page.total_label.text() == (
            "One activity, 4 hours in total"
            " (verified by provider signature: 0 hours, self-reported: 4 hours)"
        )
        window.menus.add_action.trigger()
        dialog = next(d for d in window.findChildren(ActivityDialog) if d.isVisible())
        type_text(dialog.title_edit, "个案管理")
        type_text(dialog.organiser_edit, "协会")
        dialog.start_edit.setDate(QDate(2025, 5, 10))
        dialog.end_edit.setDate(QDate(2025, 5, 10))
        dialog.hours_edit.setFocus()
        qtbot.keyClicks(dialog.hours_edit, "30")
        qtbot.keyClick(dialog.hours_edit, Qt.Key.Key_Tab)
        message = dialog.hours_note.text()  # a note: 8 hours a day is an assumption
        assert "in one day" in message and "(s)" not in message
        assert message.startswith("Hours: ")
        dialog.end_edit.setDate(QDate(2025, 5, 11))
        message = dialog.hours_note.text()
        assert "in 2 days" in message and "(s)" not in message
    finally:
        install_language(app, "zh_CN")
