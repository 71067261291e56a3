"""The registration certificate's number (登记证书编号) as a person meets it: entered and
corrected in the profile editor (stored in its canonical form, refused with a message next
to the field when too long), asked for by a note on the wizard's fix list of a
re-registration, carried in the exported bundle and shown to the reviewer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from test_ui_review import bundles, review_window  # noqa: F401 - the reviewer's fixtures
from ui_helpers import sample_draft

from swdesk.bundle import verify_bundle
from swdesk.domain.fix_list import blocking_items
from swdesk.ui.form_fields import FieldWithError
from swdesk.ui.profile_editor import ProfileEditorDialog


def _profile(workspace, number: str = "", note: str = "") -> int:  # type: ignore[no-untyped-def]
    draft = sample_draft()
    assert draft.registration is not None
    return int(
        workspace.profiles.create_profile(
            replace(draft, registration=replace(draft.registration, number=number, note=note))
        )
    )


def _editor(qtbot, window) -> ProfileEditorDialog:  # type: ignore[no-untyped-def]
    window.menus.edit_action.trigger()
    dialog = next(d for d in window.findChildren(ProfileEditorDialog) if d.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def _save(qtbot, dialog: ProfileEditorDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_the_number_is_entered_in_the_profile_and_stored_canonical(
    qtbot,
    window,  # type: ignore[no-untyped-def]
    workspace,
) -> None:
    pid = _profile(workspace, note="按时再登记")
    window.show_profile(pid)
    dialog = _editor(qtbot, window)
    number_edit = dialog.certificate.reg_number_edit
    assert number_edit.text() == "" and number_edit.isEnabled()
    # pasted with full-width letters and digits, a tab and a trailing ideographic space
    dialog.certificate.reg_number_edit.setText(" 甘社登字ＧＳ２０２４\t0137\u3000")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (period,) = workspace.profiles.get_record(pid).registrations
    assert period.number == "甘社登字GS2024 0137"
    assert period.note == "按时再登记"  # editing the registration keeps its note

    dialog = _editor(qtbot, window)  # shown again for correcting
    assert dialog.certificate.reg_number_edit.text() == "甘社登字GS2024 0137"
    dialog.certificate.reg_number_edit.setText("甘社登字GS2024-0138")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert workspace.profiles.get_record(pid).registrations[0].number == "甘社登字GS2024-0138"


def test_a_number_too_long_is_refused_next_to_its_field(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    pid = _profile(workspace, number="GS-1")
    window.show_profile(pid)
    dialog = _editor(qtbot, window)
    dialog.certificate.reg_number_edit.setText("9" * 41)
    _save(qtbot, dialog)
    field = dialog.certificate.reg_number_edit.parentWidget()  # the field with its error label
    assert isinstance(field, FieldWithError)
    qtbot.waitUntil(lambda: field.error_label.isVisible())
    assert dialog.isVisible()
    assert "40" in field.error_label.text()
    assert workspace.profiles.get_record(pid).registrations[0].number == "GS-1"  # unsaved
    dialog.certificate.reg_number_edit.setText("9" * 40)
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert workspace.profiles.get_record(pid).registrations[0].number == "9" * 40


def _wizard(qtbot, window):  # type: ignore[no-untyped-def]
    wizard = window.application_actions.open_wizard()
    assert wizard is not None and wizard.isVisible()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def test_the_wizard_asks_for_a_missing_number_and_takes_it(
    qtbot,
    window,  # type: ignore[no-untyped-def]
    workspace,
) -> None:
    pid = _profile(workspace)
    window.show_profile(pid)
    wizard = _wizard(qtbot, window)
    codes = [item.code for item in wizard.fix_items]
    assert "registration_number_missing" in codes
    assert "registration_number_missing" not in [  # a note: the export is not held back
        item.code for item in blocking_items(wizard.fix_items)
    ]
    row = codes.index("registration_number_missing")
    assert "登记证书编号" in wizard.fix_list.item(row).text()
    wizard.fix_list.setCurrentRow(row)
    wizard.fix_list.setFocus()
    qtbot.keyClick(wizard.fix_list, Qt.Key.Key_Return)  # Enter jumps to the field
    number_edit = wizard.personal_page.registration_row.edit
    assert wizard.current_step() == "personal" and number_edit.hasFocus()
    assert number_edit.isVisible() and number_edit.text() == ""
    qtbot.keyClicks(number_edit, " GS2024-0137 ")
    qtbot.keyClick(number_edit, Qt.Key.Key_Tab)  # leaving the field saves it to the profile
    assert workspace.profiles.get_record(pid).registrations[0].number == "GS2024-0137"
    assert "registration_number_missing" not in [item.code for item in wizard.fix_items]
    assert number_edit.text() == "GS2024-0137"
    wizard.close()


def test_the_wizard_refuses_a_number_too_long_next_to_the_field(
    qtbot,
    window,  # type: ignore[no-untyped-def]
    workspace,
) -> None:
    pid = _profile(workspace, number="GS-1")
    window.show_profile(pid)
    wizard = _wizard(qtbot, window)
    point = wizard.steps.visualItemRect(wizard.steps.item(1)).center()
    qtbot.mouseClick(wizard.steps.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert wizard.current_step() == "personal"
    number_edit = wizard.personal_page.registration_row.edit
    assert number_edit.text() == "GS-1"  # the stored number is shown for checking
    number_edit.setFocus()
    number_edit.selectAll()
    qtbot.keyClicks(number_edit, "9" * 41)
    qtbot.keyClick(number_edit, Qt.Key.Key_Tab)
    field = number_edit.parentWidget()
    assert isinstance(field, FieldWithError) and field.error_label.isVisible()
    assert "40" in field.error_label.text()
    assert workspace.profiles.get_record(pid).registrations[0].number == "GS-1"  # unsaved
    wizard.close()


def test_a_first_registration_has_no_number_row(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    draft = sample_draft()
    pid = workspace.profiles.create_profile(replace(draft, registration=None))
    window.show_profile(pid)
    wizard = _wizard(qtbot, window)
    wizard.go_to("personal")
    assert not wizard.personal_page.registration_row.isVisible()
    assert "registration_number_missing" not in [item.code for item in wizard.fix_items]
    wizard.close()


def test_the_bundle_carries_the_number_and_the_reviewer_sees_it(  # type: ignore[no-untyped-def]
    qtbot,
    review_window,  # noqa: F811 - the reviewer's fixture
    bundles: list[Path],  # noqa: F811 - the reviewer's fixture
) -> None:
    application = verify_bundle(bundles[0]).application
    number = application["registration"]["number"]
    assert application["format_version"] == 2 and number.startswith("甘社登字620802-")
    review_window.import_paths(bundles)
    review_window.report_dialog.close()
    review_window.table.selectRow(0)
    detail = review_window.decisions.open_detail()
    assert detail is not None
    shown = [label.text() for label in detail.findChildren(QLabel)]
    assert number in shown
    detail.close()


def test_the_wizard_saves_the_number_on_the_real_thread_pool(
    qtbot,
    workspace,  # type: ignore[no-untyped-def]
    settings,
) -> None:
    from swdesk.ui.main_window import MainWindow
    from swdesk.ui.tasks import TaskRunner

    window = MainWindow(workspace, settings, TaskRunner())  # the real thread pool
    qtbot.addWidget(window)
    window.show()
    pid = _profile(workspace)
    window.show_profile(pid)
    qtbot.waitUntil(lambda: window.record is not None)
    wizard = _wizard(qtbot, window)
    wizard.go_to("personal")
    number_edit = wizard.personal_page.registration_row.edit
    number_edit.setFocus()
    qtbot.keyClicks(number_edit, "GS2024-0137")
    qtbot.keyClick(number_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(
        lambda: "registration_number_missing" not in [item.code for item in wizard.fix_items],
        timeout=10000,
    )
    assert workspace.profiles.get_record(pid).registrations[0].number == "GS2024-0137"
    wizard.close()


def test_a_number_typed_when_the_wizard_is_closed_with_escape_is_saved(  # type: ignore[no-untyped-def]
    qtbot, window, workspace
) -> None:
    pid = _profile(workspace)
    window.show_profile(pid)
    wizard = _wizard(qtbot, window)
    wizard.go_to("personal")
    number_edit = wizard.personal_page.registration_row.edit
    number_edit.setFocus()
    qtbot.keyClicks(number_edit, "GS2024-0999")
    qtbot.keyClick(number_edit, Qt.Key.Key_Escape)  # closing leaves the field: it is saved
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert workspace.profiles.get_record(pid).registrations[0].number == "GS2024-0999"
