"""Recording training through the real dialog and watching the dashboard's numbers move."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import sample_draft, type_text

from swdesk.ui.activity_dialog import ActivityDialog

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _open_add_dialog(window) -> ActivityDialog:  # type: ignore[no-untyped-def]
    dialog = window.add_activity()
    assert dialog is not None and dialog.isVisible()
    return dialog


def _fill(qtbot, dialog: ActivityDialog, hours: str, start: date, end: date) -> None:  # type: ignore[no-untyped-def]
    type_text(dialog.title_edit, "个案管理实务能力提升班")
    type_text(dialog.organiser_edit, "甘肃省社会工作协会")
    dialog.start_edit.setDate(QDate(start.year, start.month, start.day))
    dialog.end_edit.setDate(QDate(end.year, end.month, end.day))
    dialog.hours_edit.clear()
    qtbot.keyClicks(dialog.hours_edit, hours)


def _save(qtbot, dialog: ActivityDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_adding_activities_moves_the_dashboard(qtbot, window, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    assert window.dashboard.hours_label.text().startswith("0 / 90")
    proof = tmp_path / "结业证书.pdf"
    proof.write_bytes(PDF)

    dialog = _open_add_dialog(window)
    _fill(qtbot, dialog, "16", date(2025, 5, 10), date(2025, 5, 11))
    dialog.evidence_box.add_files([proof])
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert window.dashboard.hours_label.text().startswith("16 / 90")
    assert window.log_page.model.rowCount() == 1
    stored = window.log_page.model.activity_at(0)
    assert stored.evidence and stored.evidence[0].original_name == "结业证书.pdf"
    assert workspace.activities.evidence_path(stored.evidence[0]).read_bytes() == PDF

    dialog = _open_add_dialog(window)
    _fill(qtbot, dialog, "7.5", date(2026, 1, 9), date(2026, 1, 9))
    _save(qtbot, dialog)
    assert window.dashboard.hours_label.text().startswith("23.5 / 90")
    assert window.dashboard.progress.value() == int(23.5 / 90 * 1000)
    assert "23.5" in window.log_page.total_label.text()


def test_bad_activity_input_is_refused_field_by_field(qtbot, window, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    dialog = _open_add_dialog(window)
    _fill(qtbot, dialog, "7.55", date(2025, 5, 10), date(2025, 5, 10))  # two decimals
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.fields["hours"].has_error
    dialog.hours_edit.setText("0")
    _save(qtbot, dialog)
    assert dialog.fields["hours"].has_error
    dialog.hours_edit.setText("abc")
    _save(qtbot, dialog)
    assert dialog.fields["hours"].has_error
    dialog.hours_edit.setText("6")
    dialog.end_edit.setDate(QDate(2025, 5, 9))  # before the start
    _save(qtbot, dialog)
    assert dialog.fields["end_date"].has_error
    dialog.start_edit.setDate(QDate(2026, 12, 5))  # in the future
    dialog.end_edit.setDate(QDate(2026, 12, 5))
    _save(qtbot, dialog)
    assert dialog.fields["end_date"].has_error or dialog.fields["start_date"].has_error
    not_a_pdf = tmp_path / "notes.pdf"
    not_a_pdf.write_bytes(b"just text pretending")
    dialog.start_edit.setDate(QDate(2025, 5, 10))
    dialog.end_edit.setDate(QDate(2025, 5, 10))
    dialog.evidence_box.add_files([not_a_pdf])
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert "notes.pdf" in dialog.fields["evidence"].error_label.text()
    assert workspace.activities.list_activities(pid) == []
    assert not any(workspace.layout.evidence_dir.iterdir())


def test_delete_activity_updates_totals(qtbot, window, workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from PySide6.QtWidgets import QMessageBox

    from swdesk.domain.enums import ActivityType, ContentArea
    from swdesk.domain.models import Activity

    pid = workspace.profiles.create_profile(sample_draft())
    for day in (3, 4):
        workspace.activities.save_activity(
            pid,
            Activity(
                "政策解读",
                "平凉市民政局",
                ActivityType.LECTURE,
                ContentArea.LAWS_POLICIES,
                date(2025, 6, day),
                date(2025, 6, day),
                Decimal(4),
            ),
        )
    window.show_profile(pid)
    assert window.dashboard.hours_label.text().startswith("8 / 90")
    window.tabs.setCurrentWidget(window.log_page)
    window.log_page.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(window.log_page.delete_button, Qt.MouseButton.LeftButton)
    assert window.log_page.model.rowCount() == 1
    assert window.dashboard.hours_label.text().startswith("4 / 90")
