"""The PIN flow in the GUI: protect a profile, find it sealed in the chooser, open it with
the PIN, read the honest answer to "forgot the PIN?", remove the protection."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox
from ui_helpers import sample_draft

from swdesk.storage.sealing import ProfileLocked
from swdesk.ui.pin_dialog import PinDialog


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    pass


def answer_pin_dialog(monkeypatch: pytest.MonkeyPatch, pin: str) -> list[PinDialog]:
    """PinDialog.exec answers as a user typing `pin` twice and pressing OK would."""
    shown: list[PinDialog] = []

    def fake_exec(dialog: PinDialog) -> int:
        shown.append(dialog)
        dialog.pin_edit.setText(pin)
        dialog.repeat_edit.setText(pin)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return int(dialog.result())

    monkeypatch.setattr(PinDialog, "exec", fake_exec)
    return shown


def stored_id_number(workspace) -> str:  # type: ignore[no-untyped-def]
    with closing(sqlite3.connect(workspace.layout.database)) as connection:
        return connection.execute("SELECT id_number FROM practitioners").fetchone()[0]


def test_protect_switch_and_open_with_the_pin(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    pid = workspace.profiles.create_profile(sample_draft("张晓梅", 422))
    clear = stored_id_number(workspace)
    window.show_profile(pid)
    shown = answer_pin_dialog(monkeypatch, "24682468")
    window.profile_actions.change_pin()
    labels = " ".join(label.text() for label in shown[0].findChildren(QLabel))
    assert "加密" in labels and "无法重置" in labels  # told before choosing
    qtbot.waitUntil(lambda: workspace.profiles.list_profiles()[0].sealed)
    assert stored_id_number(workspace) == ""  # only the sealed copy remains
    assert "已加密" in window.statusBar().currentMessage()

    qtbot.mouseClick(window.switch_button, Qt.MouseButton.LeftButton)
    chooser = window.chooser_page
    assert window.stack.currentWidget() is chooser
    with pytest.raises(ProfileLocked):  # switching profile locked it again
        workspace.profiles.get_record(pid)
    item_text = chooser.list.item(0).text()
    assert "身份证号已加密" in item_text and clear[-4:] not in item_text
    assert chooser.forgot_button.isVisibleTo(chooser)

    qtbot.mouseClick(chooser.forgot_button, Qt.MouseButton.LeftButton)
    boxes = [box for box in chooser.findChildren(QMessageBox) if box.isVisible()]
    assert boxes and "无法重置" in boxes[-1].text() and "备份" in boxes[-1].text()
    boxes[-1].close()

    qtbot.keyClicks(chooser.pin_edit, "1111")
    qtbot.keyClick(chooser.pin_edit, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is chooser and chooser.message.text()
    qtbot.keyClicks(chooser.pin_edit, "24682468")
    qtbot.keyClick(chooser.pin_edit, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.profile_page
    qtbot.waitUntil(lambda: window.dashboard.who_label.text() == "张晓梅")
    assert workspace.profiles.get_record(pid).practitioner.id_number == clear


def test_removing_the_pin_stores_the_data_in_clear_again(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    pid = workspace.profiles.create_profile(sample_draft("李建国", 171), pin="2468")
    clear = workspace.profiles.get_record(pid).practitioner.id_number
    window.show_profile(pid)
    shown = answer_pin_dialog(monkeypatch, "")
    window.profile_actions.change_pin()
    assert shown[0].result() == QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: not workspace.profiles.list_profiles()[0].has_pin)
    assert stored_id_number(workspace) == clear
    assert "不再加密" in window.statusBar().currentMessage()


def test_the_wizard_of_a_protected_profile_shows_its_sealed_photo(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, tmp_path, monkeypatch
) -> None:
    from dataclasses import replace

    from swdesk.services.demo_images import portrait_png

    photo = tmp_path / "照片.png"
    photo.write_bytes(portrait_png(2))
    pid = workspace.profiles.create_profile(
        replace(sample_draft("张晓梅", 422), new_photo=photo), pin="24682468"
    )
    assert all(p.name.endswith(".enc") for p in workspace.layout.photos_dir.iterdir())
    window.show_profile(pid)
    wizard = window.application_actions.open_wizard()
    assert wizard is not None
    wizard.go_to("materials")
    pixmap = wizard.photo_label.pixmap()
    assert pixmap is not None and not pixmap.isNull()  # decrypted for the preview
    assert all(p.name.endswith(".enc") for p in workspace.layout.evidence_dir.iterdir())
    wizard.close()
