"""Creating, validating, switching and PIN-protecting profiles through the real widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import sample_draft, type_text, valid_id

from swdesk.ui.profile_editor import ProfileEditorDialog


def _fill_editor(qtbot, dialog: ProfileEditorDialog, id_number: str) -> None:  # type: ignore[no-untyped-def]
    type_text(dialog.personal.name_edit, "张晓梅")
    dialog.personal.gender_combo.setCurrentIndex(dialog.personal.gender_combo.findData("female"))
    dialog.personal.birth_edit.setDate(QDate(1991, 4, 12))
    qtbot.keyClicks(dialog.personal.id_edit, id_number)
    qtbot.keyClicks(dialog.personal.phone_edit, "13909331234")
    type_text(dialog.personal.employer_edit, "崆峒区东关街道社会工作服务站")
    type_text(dialog.personal.post_edit, "社会工作者")
    dialog.personal.years_spin.setValue(5)
    dialog.personal.county_combo.setCurrentIndex(dialog.personal.county_combo.findData("620802"))
    qtbot.keyClicks(dialog.certificate.cert_number_edit, "S20230001")
    dialog.certificate.obtained_edit.setDate(QDate(2023, 12, 1))
    dialog.certificate.valid_from_edit.setDate(QDate(2024, 3, 1))


def test_first_start_shows_the_start_page(window) -> None:  # type: ignore[no-untyped-def]
    assert window.stack.currentWidget() is window.start_page


def test_create_profile_opens_its_dashboard(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.start_page.create_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ProfileEditorDialog)
    assert dialog is not None and dialog.isVisible()
    _fill_editor(qtbot, dialog, valid_id("620802", date(1991, 4, 12), 422))
    assert dialog.certificate.valid_to_edit.date() == QDate(2027, 2, 28)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    profiles = workspace.profiles.list_profiles()
    assert [p.name for p in profiles] == ["张晓梅"]
    assert profiles[0].masked_id_number.startswith("620802") and "*" in profiles[0].masked_id_number
    assert window.stack.currentWidget() is window.profile_page
    assert window.dashboard.who_label.text() == "张晓梅"
    assert window.dashboard.hours_label.text().startswith("0 / 90")
    days_left = (date(2027, 2, 28) - date(2026, 11, 28)).days
    assert window.dashboard.countdown_number.text() == str(days_left)


def test_invalid_fields_are_named_and_nothing_is_saved(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = window.profile_actions.new_profile()
    good = valid_id("620802", date(1991, 4, 12), 422)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    _fill_editor(qtbot, dialog, bad)
    dialog.personal.phone_edit.setText("12345")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert dialog.fields["id_number"].has_error
    assert dialog.fields["phone"].has_error
    assert not dialog.fields["name"].has_error
    assert workspace.profiles.list_profiles() == []
    # what the user typed is still there
    assert dialog.personal.name_edit.text() == "张晓梅"
    # fixing the fields lets it save
    dialog.personal.id_edit.setText(good)
    dialog.personal.phone_edit.setText("0933-8212345")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert len(workspace.profiles.list_profiles()) == 1


def test_switch_profiles_and_refuse_a_wrong_pin(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    first = workspace.profiles.create_profile(sample_draft("张晓梅", 422))
    second = workspace.profiles.create_profile(sample_draft("李建国", 171), pin="2468")
    window.show_profile(first)
    assert window.dashboard.who_label.text() == "张晓梅"
    qtbot.mouseClick(window.switch_button, Qt.MouseButton.LeftButton)
    chooser = window.chooser_page
    assert window.stack.currentWidget() is chooser
    row = _row_of(chooser, second)
    chooser.list.setCurrentRow(row)
    assert chooser.pin_row.isVisibleTo(chooser)
    qtbot.keyClicks(chooser.pin_edit, "1111")
    qtbot.keyClick(chooser.pin_edit, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is chooser
    assert chooser.message.text() != ""
    assert window.current_id is None
    qtbot.keyClicks(chooser.pin_edit, "2468")
    qtbot.mouseClick(chooser.open_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.profile_page
    assert window.dashboard.who_label.text() == "李建国"


def test_last_profile_without_pin_opens_directly(qtbot, workspace, settings) -> None:  # type: ignore[no-untyped-def]
    from swdesk.ui.main_window import MainWindow
    from swdesk.ui.tasks import TaskRunner

    workspace.profiles.create_profile(sample_draft("张晓梅", 422))
    pid = workspace.profiles.create_profile(sample_draft("王芳", 862))
    settings.last_profile = pid
    win = MainWindow(workspace, settings, TaskRunner(synchronous=True))
    qtbot.addWidget(win)
    win.start()
    assert win.stack.currentWidget() is win.profile_page
    assert win.dashboard.who_label.text() == "王芳"


def test_a_field_is_checked_when_the_user_leaves_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.profile_actions.new_profile()
    dialog.personal.id_edit.setFocus()
    qtbot.keyClicks(dialog.personal.id_edit, "62080219910412422")
    dialog.personal.id_edit.editingFinished.emit()
    assert dialog.fields["id_number"].has_error
    assert not dialog.fields["name"].has_error  # not visited yet: no nagging
    dialog.personal.id_edit.setText(valid_id("620802", date(1991, 4, 12), 422))
    dialog.personal.id_edit.editingFinished.emit()
    # a valid number fills in what it says: female, born 1991-04-12; nothing contradicts it
    assert not dialog.fields["id_number"].has_error
    assert dialog.personal.birth_edit.date() == QDate(1991, 4, 12)
    assert dialog.personal.gender_combo.currentData() == "female"
    dialog.personal.gender_combo.setCurrentIndex(dialog.personal.gender_combo.findData("male"))
    assert dialog.fields["id_number"].has_error  # re-checked when the gender changes
    dialog.personal.gender_combo.setCurrentIndex(dialog.personal.gender_combo.findData("female"))
    assert not dialog.fields["id_number"].has_error


def _row_of(chooser, pid: int) -> int:  # type: ignore[no-untyped-def]
    """The chooser's row that opens profile `pid` (each row carries its profile's id)."""
    rows = range(chooser.list.count())
    return next(i for i in rows if chooser.list.item(i).data(Qt.ItemDataRole.UserRole) == pid)
