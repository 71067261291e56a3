"""Opening the reviewer workspace: first the office set-up, afterwards its password.

Both dialogs offer where the office is (`office_place.OfficePlaceChooser`): this computer's
reviewer folder, or the office's database server. A folder's office opens at once; a
server's on a worker thread (`office_place.ServerTask`), asking for the database password
when the server wants one. A server without an office sends the log-in on to the set-up
(`ReviewPasswordDialog.SET_UP`), a server that has one sends the set-up on to the log-in
(`OfficeSetupDialog.OPEN_EXISTING`): the launcher shows the other dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import FieldIssue, UserFixableError
from swdesk.services.review import MIN_PASSWORD_LENGTH, ReviewLevel, ReviewServer
from swdesk.services.review.staff import DEFAULT_HEAD_USERNAME
from swdesk.services.rule_packs import available_packs, default_pack_id

from ..form_fields import FieldSet, error_label
from ..plain_text import plain_label
from ..tasks import TaskRunner
from ..texts import error_text, fill, level_of_review_label
from .office_place import OfficePlaceChooser, ServerTask

if TYPE_CHECKING:
    from swdesk.services.review import ReviewWorkspace

    from ..settings import UiSettings


LAST_USER_KEY = "review/last_user"  # the user name last signed in on this PC


def _connecting(label: QLabel, server: ReviewServer) -> None:
    label.setText(
        fill(
            QCoreApplication.translate("OfficePlace", "Connecting to the office server %1 ..."),
            server.location,
        )
    )


class OfficeSetupDialog(QDialog):
    """First start of reviewer mode: who this office is, and the password for its key."""

    OPEN_EXISTING = 3  # exec() result: the server chosen already has an office

    def __init__(
        self,
        root: Path,
        parent: QWidget | None = None,
        *,
        keep_old_files_aside: bool = False,
        settings: UiSettings | None = None,
        server_url: str | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.root = root
        self.workspace: ReviewWorkspace | None = None
        self.server_url: str | None = None  # OPEN_EXISTING: the server that has an office
        self.keep_old_files_aside = keep_old_files_aside  # chosen: a folder with old files
        self.setObjectName("officeSetup")
        self.setWindowTitle(self.tr("Set up the review office"))
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "This computer becomes a review office. swdesk creates the office's signing key "
                "here; its private part is encrypted with the password. Without the password the "
                "key cannot be used, and it cannot be recovered."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.place = OfficePlaceChooser(root, settings, server_url)
        self.place.setVisible(not keep_old_files_aside)  # the folder's old files: that folder
        if keep_old_files_aside:
            self.place.folder_radio.setChecked(True)
        layout.addWidget(self.place)
        self._task = ServerTask(self, runner)
        if keep_old_files_aside:
            aside = plain_label(
                fill(
                    self.tr(
                        'The old files of this reviewer folder are moved to "%1" first. Nothing is '
                        "deleted."
                    ),
                    str(root / "recovered"),
                )
            )
            aside.setObjectName("setAsideNote")
            aside.setWordWrap(True)
            layout.addWidget(aside)
        form = QFormLayout()
        self._form = FieldSet(self)
        self.fields = self._form.fields  # each field's editor and its error, by key
        self.office_edit = QLineEdit()
        self.region_edit = QLineEdit()
        self.level_combo = QComboBox()
        for level in (ReviewLevel.CITY, ReviewLevel.COUNTY, ReviewLevel.PROVINCE):
            self.level_combo.addItem(level_of_review_label(level.value), level.value)
        self.pack_combo = QComboBox()
        for pack_id, name in available_packs():
            self.pack_combo.addItem(name, pack_id)
        self.pack_combo.setCurrentIndex(max(0, self.pack_combo.findData(default_pack_id())))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        # the person setting it up: the office's first head, signing in with this password
        self.head_user_edit = QLineEdit(DEFAULT_HEAD_USERNAME)
        self.head_user_edit.setObjectName("headUserEntry")
        self.head_name_edit = QLineEdit()
        self.head_name_edit.setObjectName("headNameEntry")
        for key, widget, label, name in (
            ("office", self.office_edit, self.tr("&Office name"), self.tr("Office name")),
            ("region", self.region_edit, self.tr("Re&gion code"), self.tr("Region code")),
            ("level", self.level_combo, self.tr("Review &level"), self.tr("Review level")),
            (
                "rulepack",
                self.pack_combo,
                self.tr("Applicable r&ules"),
                self.tr("Applicable rules"),
            ),
            ("password", self.password_edit, self.tr("&Password"), self.tr("Password")),
            ("repeat", self.repeat_edit, self.tr("&Repeat password"), self.tr("Repeat password")),
            (
                "head_user",
                self.head_user_edit,
                self.tr("&Head's user name"),
                self.tr("Head's user name"),
            ),
            ("head_name", self.head_name_edit, self.tr("Head's &name"), self.tr("Head's name")),
        ):
            form.addRow(label, self._form.add(key, widget, name))
        self.office_edit.setPlaceholderText(self.tr("e.g. 平凉市民政局"))
        self.region_edit.setPlaceholderText(self.tr("e.g. 620800"))
        for edit in (self.office_edit, self.region_edit, self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self._on_field_edited)
        for combo in (self.level_combo, self.pack_combo):
            combo.currentIndexChanged.connect(self._on_field_edited)
        layout.addLayout(form)
        self.error_label = error_label("setupError")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)

    def issues(self) -> list[FieldIssue]:
        issues = []
        if not self.office_edit.text().strip():
            issues.append(FieldIssue("office", "required"))
        if not self.region_edit.text().strip():
            issues.append(FieldIssue("region", "required"))
        if len(self.password_edit.text()) < MIN_PASSWORD_LENGTH:  # the service's own minimum
            issues.append(FieldIssue("password", "too_short", {"min": MIN_PASSWORD_LENGTH}))
        elif self.password_edit.text() != self.repeat_edit.text():
            issues.append(FieldIssue("repeat", "password_mismatch"))
        return issues

    def _on_field_edited(self) -> None:
        """After a failed OK, each shown error goes as soon as its field is right (no new
        errors appear while typing: those wait for OK)."""
        self.error_label.clear()
        self._form.refresh(self.issues(), fallback="office", reveal=set())

    def _on_buttons_accepted(self) -> None:
        issues = self.issues()
        self._form.show(issues, fallback="office", focus=True)
        if issues:
            return
        from swdesk.services.review import init_review_workspace

        if self._task.busy:
            return
        office_name = self.office_edit.text().strip()
        region = self.region_edit.text().strip()
        level = ReviewLevel(self.level_combo.currentData())
        rule_pack_id = str(self.pack_combo.currentData())
        head_username = self.head_user_edit.text().strip() or DEFAULT_HEAD_USERNAME
        head_name = self.head_name_edit.text().strip()
        password = self.password_edit.text()

        def set_up(where: Path | ReviewServer) -> ReviewWorkspace:
            return init_review_workspace(
                where,
                office_name=office_name,
                region=region,
                level=level,
                rule_pack_id=rule_pack_id,
                password=password,
                keep_old_files_aside=self.keep_old_files_aside,
                head_username=head_username,
                head_name=head_name,
            )

        try:
            if self.place.on_server():
                self._on_server(self.place.server(), set_up)
                return
            self.workspace = set_up(self.root)
        except UserFixableError as error:
            self.error_label.setText(error_text(error))
            return
        self.place.remember(None)
        self.accept()

    def _on_server(
        self, server: ReviewServer, set_up: Callable[[ReviewServer], ReviewWorkspace]
    ) -> None:
        """Set the office up on `server` off the GUI thread (see `ServerTask`)."""
        self.buttons.setEnabled(False)
        _connecting(self.error_label, server)

        def done(workspace: ReviewWorkspace, used: ReviewServer) -> None:
            self.workspace = workspace
            self.place.remember(used)
            self.accept()

        def failed(message: str, error: UserFixableError | None) -> None:
            self.buttons.setEnabled(True)
            if error is not None and error.code == "review_server_already_initialised":
                self.server_url = server.url
                self.done(self.OPEN_EXISTING)  # the launcher shows the log-in
                return
            self.error_label.setText(message)

        self._task.start(server, set_up, done, failed)


class ReviewPasswordDialog(QDialog):
    """Unlocks an existing reviewer workspace."""

    DAMAGED = 2  # exec() result: the database is damaged (`damaged` says how)
    SET_UP = 4  # exec() result: no office there yet (`server_url`: on that server)

    def __init__(
        self,
        root: Path,
        parent: QWidget | None = None,
        *,
        settings: UiSettings | None = None,
        server_url: str | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.root = root
        self.workspace: ReviewWorkspace | None = None
        self.damaged: UserFixableError | None = None
        self.server_url: str | None = None  # SET_UP: the server without an office
        self.setObjectName("reviewPassword")
        self.setWindowTitle(self.tr("Reviewer mode"))
        layout = QVBoxLayout(self)
        self.place = OfficePlaceChooser(root, settings, server_url)
        layout.addWidget(self.place)
        self._task = ServerTask(self, runner)
        self._settings = settings
        # people sign in as themselves; an empty user name: the office password (its head)
        self.user_edit = QLineEdit(settings.value(LAST_USER_KEY) if settings is not None else "")
        self.user_edit.setObjectName("reviewUserEntry")
        self.user_edit.setAccessibleName(self.tr("User name"))
        self.user_edit.setPlaceholderText(self.tr("empty: sign in with the office password"))
        user_label = plain_label(self.tr("&User name"))
        user_label.setBuddy(self.user_edit)
        layout.addWidget(user_label)
        layout.addWidget(self.user_edit)
        # whose password is asked follows the user name: the office's, or the person's own
        self.password_label = plain_label()
        self.password_label.setObjectName("reviewPasswordLabel")
        layout.addWidget(self.password_label)
        self.user_edit.textChanged.connect(lambda _text: self._update_password_label())
        self._update_password_label()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("reviewPasswordEntry")
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password_edit)
        self.error_label = error_label("passwordError")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)

    def _update_password_label(self) -> None:
        if self.user_edit.text().strip():
            self.password_label.setText(self.tr("Enter your own password to sign in."))
        else:
            self.password_label.setText(self.tr("Enter the office password to open reviewer mode."))

    def _on_buttons_accepted(self) -> None:
        from swdesk.services.review import open_review_workspace

        if self._task.busy:
            return
        password = self.password_edit.text()
        user = self.user_edit.text().strip() or None
        try:
            if self.place.on_server():
                self._on_server(
                    self.place.server(),
                    lambda server: open_review_workspace(server, password, user=user),
                )
                return
            self.workspace = open_review_workspace(self.root, password, user=user)
        except UserFixableError as error:
            self.password_edit.clear()
            if error.code == "review_database_damaged":  # the launcher offers the choices
                self.damaged = error
                self.done(self.DAMAGED)
                return
            if error.code == "review_not_initialised":  # the launcher shows the set-up
                self.done(self.SET_UP)
                return
            self.error_label.setText(error_text(error))
            return
        self.place.remember(None)
        self.accept()

    def accept(self) -> None:
        """Signed in: this PC remembers the user name for the next sign-in."""
        if self._settings is not None:
            self._settings.set_value(LAST_USER_KEY, self.user_edit.text().strip())
        super().accept()

    def _on_server(
        self, server: ReviewServer, open_office: Callable[[ReviewServer], ReviewWorkspace]
    ) -> None:
        """Open the office on `server` off the GUI thread (see `ServerTask`)."""
        self.buttons.setEnabled(False)
        _connecting(self.error_label, server)

        def done(workspace: ReviewWorkspace, used: ReviewServer) -> None:
            self.workspace = workspace
            self.place.remember(used)
            self.accept()

        def failed(message: str, error: UserFixableError | None) -> None:
            self.buttons.setEnabled(True)
            self.password_edit.clear()
            if error is not None and error.code == "review_server_not_initialised":
                self.server_url = server.url
                self.done(self.SET_UP)  # the launcher shows the set-up
                return
            self.error_label.setText(message)

        self._task.start(server, open_office, done, failed)


def is_initialised(root: Path) -> bool:
    return (root / "review.sqlite").is_file()
