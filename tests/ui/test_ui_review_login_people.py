"""Signing in to the reviewer window with a user name, kept for the next sign-in on this PC;
an empty user name signs in with the office password as before."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from review_ui_helpers import PASSWORD, make_window, ok_button

from swdesk.ui.review.login import ReviewPasswordDialog
from swdesk.ui.review.window import ReviewWindow
from swdesk.ui.settings import UiSettings

LEFT = Qt.MouseButton.LeftButton


def office_password_label() -> str:
    """The label over the password, in whichever language an earlier test installed."""
    return QCoreApplication.translate(
        "ReviewPasswordDialog", "Enter the office password to open reviewer mode."
    )


def own_password_label() -> str:
    return QCoreApplication.translate("ReviewPasswordDialog", "Enter your own password to sign in.")


LIJUN_PASSWORD = "lijun's own password"


def _head_window(qtbot, tmp_path: Path, monkeypatch, folder_templates) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, tmp_path / "review", templates=folder_templates)


def test_signing_in_with_a_user_name_is_remembered_on_this_pc(
    qtbot,
    tmp_path: Path,
    monkeypatch,
    folder_templates,  # type: ignore[no-untyped-def]
) -> None:
    window = _head_window(qtbot, tmp_path, monkeypatch, folder_templates)
    window.service.staff.add("lijun", "李军", "reviewer", LIJUN_PASSWORD)
    root = window.workspace.root
    assert root is not None
    window.close()
    settings = UiSettings(tmp_path / "settings.ini")

    dialog = ReviewPasswordDialog(root, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.password_label.text() == office_password_label()
    qtbot.keyClicks(dialog.user_edit, "lijun")
    assert dialog.password_label.text() == own_password_label()
    qtbot.keyClicks(dialog.password_edit, PASSWORD)  # the office password is not lijun's
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.workspace is None and dialog.error_label.text()
    qtbot.keyClicks(dialog.password_edit, LIJUN_PASSWORD)
    qtbot.mouseClick(ok_button(dialog), LEFT)
    workspace = dialog.workspace
    assert workspace is not None
    assert (workspace.actor, workspace.role) == ("lijun", "reviewer")
    workspace.close()

    again = ReviewPasswordDialog(root, settings=settings)
    qtbot.addWidget(again)
    assert again.user_edit.text() == "lijun"  # remembered for this PC
    assert again.password_label.text() == own_password_label()
    again.user_edit.clear()  # empty: the office password alone, as before
    assert again.password_label.text() == office_password_label()
    qtbot.keyClicks(again.password_edit, PASSWORD)
    qtbot.mouseClick(ok_button(again), LEFT)
    assert again.workspace is not None and again.workspace.actor == "head"
    again.workspace.close()


def test_the_office_set_up_names_its_first_head(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from swdesk.ui.review.login import OfficeSetupDialog

    root = tmp_path / "review"
    dialog = OfficeSetupDialog(root)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.office_edit.setText("平凉市民政局")
    qtbot.keyClicks(dialog.region_edit, "620800")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD)
    assert dialog.head_user_edit.text() == "head"  # the default
    dialog.head_user_edit.clear()
    qtbot.keyClicks(dialog.head_user_edit, "Wang Fang")
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.workspace is None and "Wang Fang" in dialog.error_label.text()
    assert not (root / "review.sqlite").exists()  # refused before anything was written
    dialog.head_user_edit.clear()
    qtbot.keyClicks(dialog.head_user_edit, "wangfang")
    dialog.head_name_edit.setText("王芳")
    qtbot.mouseClick(ok_button(dialog), LEFT)
    workspace = dialog.workspace
    assert workspace is not None
    try:
        assert (workspace.actor, workspace.role) == ("wangfang", "head")
        [head] = workspace.service.staff.members()
        assert (head.username, head.display_name, head.holds_key) == ("wangfang", "王芳", True)
    finally:
        workspace.close()
