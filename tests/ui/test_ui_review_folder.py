"""Reviewer mode entered from the main window (File → Reviewer mode) on a reviewer folder
whose database is missing, replaced, damaged or read-only: the user is told, chooses, and
no stored application file is ever lost."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton
from review_ui_helpers import (
    PASSWORD,
    ReviewBundles,
    module_bundles,  # noqa: F401  (fixture: bundles)
)
from ui_helpers import TODAY

from swdesk.database.engine import Database
from swdesk.domain.errors import UserFixableError
from swdesk.services.clock import china_today
from swdesk.services.review import init_review_workspace
from swdesk.signing import ReviewLevel
from swdesk.ui.review.login import OfficeSetupDialog, ReviewPasswordDialog
from swdesk.ui.texts import error_text


def digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def office(
    root: Path, bundles: ReviewBundles | None = None, name: str = "平凉市民政局"
) -> dict[str, str]:
    """An office in `root` that imported the bundles (closed); its stored files."""
    ws = init_review_workspace(
        root,
        office_name=name,
        region="620800",
        level=ReviewLevel.CITY,
        rule_pack_id="gansu",
        password=PASSWORD,
        clock=lambda: TODAY,
    )
    try:
        if bundles is not None:
            report = ws.service.import_files([bundles.zhang, bundles.zhang_again])
            assert report.counts()["imported"] == 2
    finally:
        ws.close()
    return digests(root / "bundles")


def remove_database(root: Path) -> None:
    for name in ("review.sqlite", "review.sqlite-wal", "review.sqlite-shm"):
        (root / name).unlink(missing_ok=True)


class Boxes:
    """Records the messages shown; answers the set-aside question as told."""

    def __init__(self, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[str] = []
        self.asked: list[str] = []
        self.shown: list[tuple[str, str]] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))
        for kind in ("information", "warning"):
            monkeypatch.setattr(
                QMessageBox,
                kind,
                staticmethod(lambda parent, title, text, *a, **k: self._record(title, text)),
            )
        self.qtbot = qtbot

    def _record(self, title: str, text: str) -> QMessageBox.StandardButton:
        self.shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    def _exec(self, box: QMessageBox) -> int:
        self.asked.append(box.text() + "\n" + box.informativeText())
        box.show()
        answer = self.answers.pop(0)
        button = (
            box.findChild(QPushButton, "setAsideButton")
            if answer == "aside"
            else box.button(QMessageBox.StandardButton.Cancel)
        )
        assert button is not None
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return box.result()


def ok_button(dialog: QDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def fill_in_office(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> list[OfficeSetupDialog]:
    """The set-up dialog, when shown, is filled in and confirmed; returns those shown."""
    setups: list[OfficeSetupDialog] = []

    def fill_in(dialog: OfficeSetupDialog) -> int:
        setups.append(dialog)
        dialog.show()
        dialog.office_edit.setText("平凉市民政局")
        qtbot.keyClicks(dialog.region_edit, "620800")
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        qtbot.keyClicks(dialog.repeat_edit, PASSWORD)
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(OfficeSetupDialog, "exec", fill_in)
    return setups


def test_old_files_without_database_are_set_aside_only_when_chosen(
    qtbot, window, bundles: ReviewBundles, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    root = window.workspace.layout.root / "review"
    stored = office(root, bundles)
    remove_database(root)
    boxes = Boxes(qtbot, monkeypatch)
    setups = fill_in_office(qtbot, monkeypatch)

    boxes.answers = ["cancel"]  # first: the user goes to restore the database
    window.menus.reviewer_action.trigger()
    assert len(boxes.asked) == 1 and str(root) in boxes.asked[0]
    assert str(root / "backups") in boxes.asked[0]
    assert setups == [] and window.help_actions.review_window is None
    assert digests(root / "bundles") == stored and not (root / "recovered").exists()

    boxes.answers = ["aside"]  # then: a new office, the old files kept aside
    window.menus.reviewer_action.trigger()
    assert len(setups) == 1 and setups[0].keep_old_files_aside
    note = setups[0].findChild(QLabel, "setAsideNote")
    assert note is not None and str(root / "recovered") in note.text()
    reviewer = window.help_actions.review_window
    assert reviewer is not None
    qtbot.addWidget(reviewer)
    aside = root / "recovered" / china_today().isoformat()
    assert [title for title, _ in boxes.shown] == [
        QCoreApplication.translate("ReviewLauncher", "Old files set aside")
    ]
    assert str(aside) in boxes.shown[0][1]
    assert digests(aside / "bundles") == stored and digests(root / "bundles") == {}
    reviewer.close()


def open_with_password(
    qtbot,
    window,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> list[str]:
    """Trigger reviewer mode; the password is typed and OK clicked. Returns the error
    texts the dialog showed (the dialog is then cancelled)."""
    errors: list[str] = []

    def type_password(dialog: ReviewPasswordDialog) -> int:
        dialog.show()
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        if dialog.result() not in (QDialog.DialogCode.Accepted, ReviewPasswordDialog.DAMAGED):
            errors.append(dialog.error_label.text())  # still open, saying why: cancel it
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(ReviewPasswordDialog, "exec", type_password)
    window.menus.reviewer_action.trigger()
    return errors


def test_files_the_database_does_not_list_are_moved_and_the_user_told(
    qtbot,
    window,
    bundles: ReviewBundles,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = window.workspace.layout.root / "review"
    stored = office(root, bundles)
    other = tmp_path / "other" / "review"
    office(other)
    remove_database(root)
    shutil.copy(other / "review.sqlite", root / "review.sqlite")
    boxes = Boxes(qtbot, monkeypatch)

    assert open_with_password(qtbot, window, monkeypatch) == []
    reviewer = window.help_actions.review_window
    assert reviewer is not None
    qtbot.addWidget(reviewer)
    folder = root / "recovered" / china_today().isoformat()
    assert [title for title, _ in boxes.shown] == [
        QCoreApplication.translate("ReviewLauncher", "Files moved aside")
    ]
    assert str(folder) in boxes.shown[0][1]
    assert re.search(r"(^|\s)2\s", boxes.shown[0][1])  # how many were moved
    assert digests(folder) == stored
    reviewer.close()


def test_a_damaged_database_is_explained_and_set_aside_only_when_chosen(
    qtbot, window, bundles: ReviewBundles, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    root = window.workspace.layout.root / "review"
    stored = office(root, bundles)
    db_path = root / "review.sqlite"
    db_path.write_bytes(db_path.read_bytes()[:3000])
    damaged = hashlib.sha256(db_path.read_bytes()).hexdigest()
    boxes = Boxes(qtbot, monkeypatch)
    setups = fill_in_office(qtbot, monkeypatch)

    boxes.answers = ["cancel"]
    assert open_with_password(qtbot, window, monkeypatch) == []
    assert window.help_actions.review_window is None and setups == []
    explained = error_text(
        UserFixableError("review_database_damaged", path=str(db_path), folder=str(root))
    )
    assert len(boxes.asked) == 1 and boxes.asked[0].startswith(explained)
    assert digests(root / "bundles") == stored and not (root / "recovered").exists()

    boxes.answers = ["aside"]
    assert open_with_password(qtbot, window, monkeypatch) == []
    assert len(setups) == 1 and setups[0].keep_old_files_aside
    reviewer = window.help_actions.review_window
    assert reviewer is not None
    qtbot.addWidget(reviewer)
    aside = root / "recovered" / china_today().isoformat()
    assert digests(aside / "bundles") == stored
    assert hashlib.sha256((aside / "review.sqlite").read_bytes()).hexdigest() == damaged
    reviewer.close()


def test_a_read_only_database_is_explained_not_a_crash(
    qtbot, window, bundles: ReviewBundles, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    root = window.workspace.layout.root / "review"
    stored = office(root, bundles)
    db_path = root / "review.sqlite"
    real_open = Database.open.__func__  # type: ignore[attr-defined]

    def read_only(cls: type[Database], path: Path) -> Database:
        """Every connection refuses to write, as on a read-only file (SQLITE_READONLY)."""
        database = real_open(cls, path)
        from sqlalchemy import event

        @event.listens_for(database.engine, "connect")
        def _query_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA query_only = ON")

        return database

    monkeypatch.setattr(Database, "open", classmethod(read_only))
    errors = open_with_password(qtbot, window, monkeypatch)
    assert window.help_actions.review_window is None
    assert errors == [
        error_text(UserFixableError("review_read_only", path=str(db_path), folder=str(root)))
    ]
    assert str(root) in errors[0]
    assert digests(root / "bundles") == stored
