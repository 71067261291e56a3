"""The profile form as a person uses it: the cursor stays where the user puts it, a valid
ID number fills in gender and date of birth, errors go as soon as a field is right, and
unsaved edits are never thrown away without asking."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from ui_helpers import active_dialog, type_text, valid_id

from swdesk.ui.profile_editor import ProfileEditorDialog


def _open_new(qtbot, window) -> ProfileEditorDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.start_page.create_button, Qt.MouseButton.LeftButton)
    return active_dialog(qtbot, window, ProfileEditorDialog)


def _focused_in(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def _click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _save_button(dialog: ProfileEditorDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def _unsaved_box(qtbot, dialog) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(b.isVisible() for b in dialog.findChildren(QMessageBox)))
    box = next(b for b in dialog.findChildren(QMessageBox) if b.isVisible())
    assert box.objectName() == "unsavedChanges"
    return box


def test_typing_a_birth_date_keeps_the_cursor_in_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    dialog.personal.id_edit.setFocus()
    qtbot.keyClicks(dialog.personal.id_edit, "6208021991")  # unfinished: an error once left
    qtbot.keyClick(dialog.personal.id_edit, Qt.Key.Key_Tab)
    assert dialog.fields["id_number"].has_error
    assert _focused_in(dialog.personal.id_show)  # Tab goes on: the "show" button, then gender
    qtbot.keyClick(dialog.personal.id_show, Qt.Key.Key_Tab)
    assert _focused_in(dialog.personal.gender_combo)
    qtbot.keyClick(dialog.personal.gender_combo, Qt.Key.Key_Tab)  # into the year of the birth date
    assert _focused_in(dialog.personal.birth_edit)
    qtbot.keyClicks(dialog.personal.birth_edit, "1985")
    qtbot.keyClicks(dialog.personal.birth_edit, "07")  # the month is complete: re-checked
    assert _focused_in(dialog.personal.birth_edit)
    qtbot.keyClicks(dialog.personal.birth_edit, "21")
    assert _focused_in(dialog.personal.birth_edit)
    assert dialog.personal.birth_edit.date() == QDate(1985, 7, 21)
    assert dialog.fields["id_number"].has_error  # still said, without taking the cursor


def test_tab_after_a_refused_save_goes_to_the_next_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    _click(qtbot, _save_button(dialog))
    assert dialog.isVisible() and dialog.fields["name"].has_error
    assert _focused_in(dialog.personal.name_edit)  # an explicit save shows the first field in error
    dialog.personal.phone_edit.setFocus()
    qtbot.keyClicks(dialog.personal.phone_edit, "13909331234")
    assert not dialog.fields["phone"].has_error  # right: its error went while typing
    qtbot.keyClick(dialog.personal.phone_edit, Qt.Key.Key_Tab)
    assert _focused_in(dialog.personal.employer_edit)
    qtbot.keyClicks(QApplication.focusWidget(), "abc")
    assert dialog.personal.employer_edit.text() == "abc"
    assert dialog.personal.name_edit.text() == ""


def test_a_valid_id_number_fills_in_gender_and_date_of_birth(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    assert not dialog.personal.derived_hint.isVisible()
    male = valid_id("620802", date(1978, 11, 3), 171)  # 17th digit 1: a man
    dialog.personal.id_edit.setFocus()
    qtbot.keyClicks(dialog.personal.id_edit, male[:-1])
    assert dialog.personal.birth_edit.date() == QDate(1990, 1, 1)  # not valid yet: untouched
    qtbot.keyClicks(dialog.personal.id_edit, male[-1])
    assert dialog.personal.birth_edit.date() == QDate(1978, 11, 3)
    assert dialog.personal.gender_combo.currentData() == "male"
    assert dialog.personal.derived_hint.isVisible() and dialog.personal.gender_combo.isVisible()
    assert _focused_in(dialog.personal.id_edit)
    qtbot.keyClick(dialog.personal.id_edit, Qt.Key.Key_Tab)
    assert not dialog.fields["id_number"].has_error
    female = valid_id("620802", date(1991, 4, 12), 422)
    dialog.personal.id_edit.clear()
    qtbot.keyClicks(dialog.personal.id_edit, female)
    assert dialog.personal.gender_combo.currentData() == "female"
    assert dialog.personal.birth_edit.date() == QDate(1991, 4, 12)
    assert not dialog.fields["id_number"].has_error


def test_errors_go_as_soon_as_the_field_is_right(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    dialog.personal.phone_edit.setFocus()
    qtbot.keyClicks(dialog.personal.phone_edit, "12345")
    assert not dialog.fields["phone"].has_error  # still typing: no nagging
    qtbot.keyClick(dialog.personal.phone_edit, Qt.Key.Key_Tab)
    assert dialog.fields["phone"].has_error  # left: said
    dialog.personal.phone_edit.setFocus()
    dialog.personal.phone_edit.selectAll()
    qtbot.keyClicks(dialog.personal.phone_edit, "0933-8212345")
    assert not dialog.fields["phone"].has_error  # right again: gone before leaving
    assert _focused_in(dialog.personal.phone_edit)


def test_escape_with_edits_asks_and_keeps_or_discards(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    type_text(dialog.personal.name_edit, "张晓梅")
    dialog.personal.phone_edit.setFocus()
    qtbot.keyClicks(dialog.personal.phone_edit, "139")
    qtbot.keyClick(dialog.personal.phone_edit, Qt.Key.Key_Escape)
    box = _unsaved_box(qtbot, dialog)
    assert dialog.isVisible()
    _click(qtbot, box.findChild(QWidget, "keepEditing"))
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible() and dialog.personal.name_edit.text() == "张晓梅"

    dialog.close()  # the window's close button
    box = _unsaved_box(qtbot, dialog)
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc on the question keeps editing
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible()

    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    box = _unsaved_box(qtbot, dialog)
    _click(qtbot, box.findChild(QWidget, "discardChanges"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert workspace.profiles.list_profiles() == []


def test_escape_without_edits_closes_at_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert not [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]


def test_save_from_the_question_saves_or_shows_what_is_missing(
    qtbot,
    window,  # type: ignore[no-untyped-def]
    workspace,
) -> None:
    from swdesk.domain.enums import Gender

    pid = workspace.profiles.create_profile(_draft())
    window.show_profile(pid)
    window.menus.edit_action.trigger()
    dialog = window.findChild(ProfileEditorDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()  # opened and closed unchanged: no question

    window.menus.edit_action.trigger()
    dialog = next(d for d in window.findChildren(ProfileEditorDialog) if d.isVisible())
    dialog.personal.phone_edit.setFocus()
    dialog.personal.phone_edit.selectAll()
    qtbot.keyClicks(dialog.personal.phone_edit, "1")  # not a phone number
    qtbot.keyClick(dialog.personal.phone_edit, Qt.Key.Key_Escape)
    _click(qtbot, _unsaved_box(qtbot, dialog).findChild(QWidget, "saveChanges"))
    assert dialog.isVisible() and dialog.fields["phone"].has_error
    qtbot.waitUntil(lambda: _focused_in(dialog.personal.phone_edit))
    dialog.personal.phone_edit.selectAll()
    qtbot.keyClicks(dialog.personal.phone_edit, "13993312345")
    qtbot.keyClick(dialog.personal.phone_edit, Qt.Key.Key_Escape)
    _click(qtbot, _unsaved_box(qtbot, dialog).findChild(QWidget, "saveChanges"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    practitioner = workspace.profiles.get_record(pid).practitioner
    assert practitioner.phone == "13993312345" and practitioner.gender is Gender.FEMALE


def test_the_applicable_rules_are_named_for_people(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    from PySide6.QtWidgets import QLabel

    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "规则包" not in labels and "适用规定" in labels
    assert dialog.personal.county_combo.count() > 0
    for i in range(dialog.personal.county_combo.count()):  # names only, no area codes
        assert not any(ch.isdigit() for ch in dialog.personal.county_combo.itemText(i))


def _draft():  # type: ignore[no-untyped-def]
    from ui_helpers import sample_draft

    return sample_draft("张晓梅", 422)


def _drive_modal(qtbot, trigger, drive) -> None:  # type: ignore[no-untyped-def]
    """Trigger something that runs a modal dialog with exec(); `drive(dialog)` acts in it as
    a person would while it is open."""
    from PySide6.QtCore import QTimer

    failures: list[BaseException] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog is not None
            dialog.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            drive(dialog)
        except BaseException as error:  # reported after exec() returns
            failures.append(error)
            if dialog is not None:
                dialog.done(0)

    QTimer.singleShot(0, run)
    trigger()
    if failures:
        raise failures[0]


def test_pin_dialog_asks_before_a_typed_pin_is_thrown_away(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(_draft())
    window.show_profile(pid)

    def escape_at_once(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Escape)
        assert not dialog.isVisible()  # nothing typed: closed without a question

    _drive_modal(qtbot, window.menus.pin_action.trigger, escape_at_once)

    def type_then_escape(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.pin_edit.setFocus()
        qtbot.keyClicks(dialog.pin_edit, "2468")
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Escape)
        box = _unsaved_box(qtbot, dialog)
        assert dialog.isVisible() and box.findChild(QWidget, "saveChanges") is None
        qtbot.mouseClick(box.findChild(QWidget, "keepEditing"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not box.isVisible())
        assert dialog.isVisible() and dialog.pin_edit.text() == "2468"
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
        )
        box = _unsaved_box(qtbot, dialog)
        qtbot.mouseClick(box.findChild(QWidget, "discardChanges"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible())

    _drive_modal(qtbot, window.menus.pin_action.trigger, type_then_escape)
    assert not workspace.profiles.has_pin(pid)


def test_pin_mismatch_message_goes_once_the_pins_agree(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(_draft())
    window.show_profile(pid)
    seen: dict[str, object] = {}

    def mistype(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.pin_edit, "2468")
        qtbot.keyClicks(dialog.repeat_edit, "2469")
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        seen["refused"] = dialog.isVisible() and dialog.pin_field.has_error
        dialog.repeat_edit.setFocus()
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Backspace)
        qtbot.keyClicks(dialog.repeat_edit, "8")
        seen["cleared"] = not dialog.pin_field.has_error
        seen["focus"] = _focused_in(dialog.repeat_edit)
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
        )
        qtbot.mouseClick(
            _unsaved_box(qtbot, dialog).findChild(QWidget, "discardChanges"),
            Qt.MouseButton.LeftButton,
        )
        qtbot.waitUntil(lambda: not dialog.isVisible())

    _drive_modal(qtbot, window.menus.pin_action.trigger, mistype)
    assert seen == {"refused": True, "cleared": True, "focus": True}
