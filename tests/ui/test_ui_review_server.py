"""Reviewer mode on the office's database server, driven as a person does: Reviewer mode from
the menu, "Office server (address)" clicked in the set-up dialog, the address typed, OK
clicked; the server asks for its password (libpq's password file has none here), which is
typed into the password dialog (QInputDialog, answered by patching it as the tests answer
every dialog). The office opens on a worker thread (the real thread pool) and the reviewer
window names the server. The address is remembered (never the password): the next start
offers it at the log-in. A server that does not answer is said naming it, and the dialog
stays open."""

from __future__ import annotations

import json
import secrets
import socket
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QRadioButton,
)

from postgres_server import PostgresServer, postgres_server  # noqa: F401 - fixtures
from swdesk.services.review import ReviewServer
from swdesk.ui.review.login import OfficeSetupDialog, ReviewPasswordDialog
from swdesk.ui.review.office_place import SERVERS_KEY

PASSWORD = "correct horse battery"
WAIT_MS = 30_000


@pytest.fixture
def server_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> str:  # noqa: F811
    name = f"t_{secrets.token_hex(6)}"
    postgres_server.admin(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        postgres_server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    request.addfinalizer(drop)
    return ReviewServer(postgres_server.url(name)).url


@pytest.fixture
def no_password_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """libpq finds no password for the server: the user must type it."""
    empty = tmp_path / "pgpass"
    empty.write_text("")
    empty.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(empty))
    monkeypatch.delenv("PGPASSWORD", raising=False)


def ok_button(dialog: QDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def click_radio(qtbot, radio: QRadioButton) -> None:  # type: ignore[no-untyped-def]
    """A click on the round button itself (a wide radio button ignores clicks past its text)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


def _answer_password(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    """QInputDialog.getText answers as a user typing `answer` and clicking OK; returns the
    questions asked."""
    asked: list[str] = []

    def get_text(parent, title, label, echo=QLineEdit.EchoMode.Normal, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(label)
        assert echo == QLineEdit.EchoMode.Password
        return answer, True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked


def test_an_office_is_set_up_and_opened_on_the_server_through_the_dialogs(
    qtbot,  # type: ignore[no-untyped-def]
    window,
    settings,
    server_url: str,
    postgres_server: PostgresServer,  # noqa: F811
    no_password_file: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = ReviewServer(server_url)
    db_password = postgres_server.passfile.read_text().strip().rsplit(":", 1)[1]
    asked = _answer_password(monkeypatch, db_password)
    setups: list[OfficeSetupDialog] = []

    def fill_in(dialog: OfficeSetupDialog) -> int:
        setups.append(dialog)
        dialog.show()
        click_radio(qtbot, dialog.place.server_radio)
        assert dialog.place.address_combo.isEnabled()
        qtbot.keyClicks(dialog.place.address_combo.lineEdit(), server.url)
        dialog.office_edit.setText("平凉市民政局")
        qtbot.keyClicks(dialog.region_edit, "620800")
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        qtbot.keyClicks(dialog.repeat_edit, PASSWORD)
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        assert server.location in dialog.error_label.text()  # "Connecting to ..."
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
        return dialog.result()

    monkeypatch.setattr(OfficeSetupDialog, "exec", fill_in)
    window.menus.reviewer_action.trigger()
    assert len(setups) == 1 and len(asked) == 1 and server.location in asked[0]
    reviewer = window.help_actions.review_window
    assert reviewer is not None
    qtbot.addWidget(reviewer)
    assert reviewer.workspace.root is None and server.location in reviewer.windowTitle()
    assert not (window.workspace.layout.root / "review" / "review.sqlite").exists()
    saved = json.loads(settings.value(SERVERS_KEY, "[]"))
    settings.sync()  # QSettings writes its file later, from the event loop: write it now
    assert saved == [server.url] and db_password not in settings.path.read_text()
    reviewer.close()
    window.help_actions.review_window = None

    # the next start: the log-in offers the saved server; the office password opens it
    logins: list[ReviewPasswordDialog] = []

    def log_in(dialog: ReviewPasswordDialog) -> int:
        logins.append(dialog)
        dialog.show()
        assert dialog.place.on_server()
        assert dialog.place.address_combo.currentText() == server.url
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
        return dialog.result()

    monkeypatch.setattr(ReviewPasswordDialog, "exec", log_in)
    window.menus.reviewer_action.trigger()
    assert len(logins) == 1 and len(asked) == 2
    again = window.help_actions.review_window
    assert again is not None
    qtbot.addWidget(again)
    assert again.service.office.name == "平凉市民政局"
    again.close()


def test_a_server_that_does_not_answer_is_named_and_the_dialog_stays_open(
    qtbot,  # type: ignore[no-untyped-def]
    window,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with closing(socket.socket()) as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"postgresql://swdesk@127.0.0.1:{port}/review"
    shown: list[str] = []

    def fill_in(dialog: OfficeSetupDialog) -> int:
        dialog.show()
        click_radio(qtbot, dialog.place.server_radio)
        qtbot.keyClicks(dialog.place.address_combo.lineEdit(), address)
        dialog.office_edit.setText("平凉市民政局")
        qtbot.keyClicks(dialog.region_edit, "620800")
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        qtbot.keyClicks(dialog.repeat_edit, PASSWORD)
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ok_button(dialog).isEnabled(), timeout=WAIT_MS)
        shown.append(dialog.error_label.text())
        assert dialog.isVisible() and dialog.workspace is None
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(OfficeSetupDialog, "exec", fill_in)
    window.menus.reviewer_action.trigger()
    assert len(shown) == 1 and f"127.0.0.1:{port}/review" in shown[0]
    assert "Traceback" not in shown[0]
    assert window.help_actions.review_window is None
