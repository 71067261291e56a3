"""Choosing whose profile to open on a shared station PC, with a PIN where one is set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.models import ProfileSummary

from .feedback import explain_error, inform
from .form_fields import error_label
from .plain_text import plain_label
from .tasks import TaskRunner

if TYPE_CHECKING:  # the services load after the first screen
    from swdesk.services.profiles import ProfileService


class ProfileChooserPage(QWidget):
    """Emits `profile_opened(id)` once a profile is chosen (and its PIN, if any, is right)."""

    profile_opened = Signal(int)
    create_requested = Signal()

    def __init__(
        self,
        service: ProfileService,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner if runner is not None else TaskRunner(synchronous=True)
        self._profiles: list[ProfileSummary] = []
        self.setObjectName("profileChooserPage")
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = plain_label(self.tr("Who is using swdesk?"))
        font = QFont(title.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.list = QListWidget()
        self.list.setObjectName("profileList")
        self.list.setAccessibleName(self.tr("Profiles"))
        self.list.setSpacing(4)
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.itemActivated.connect(lambda _item: self._on_open_clicked())
        layout.addWidget(self.list, 1)
        self.pin_row = QWidget()
        pin_layout = QHBoxLayout(self.pin_row)
        pin_layout.setContentsMargins(0, 0, 0, 0)
        self.pin_label = plain_label(self.tr("&PIN:"))
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("pinEntry")
        self.pin_edit.setAccessibleName(self.tr("PIN"))
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.returnPressed.connect(self._on_open_clicked)
        self.pin_label.setBuddy(self.pin_edit)
        self.forgot_button = QPushButton(self.tr("&Forgot the PIN?"))
        self.forgot_button.setObjectName("forgotPin")
        self.forgot_button.setFlat(True)
        self.forgot_button.clicked.connect(self._on_forgot_clicked)
        pin_layout.addWidget(self.pin_label)
        pin_layout.addWidget(self.pin_edit, 1)
        pin_layout.addWidget(self.forgot_button)
        layout.addWidget(self.pin_row)
        self.message = error_label("chooserMessage")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setObjectName("openProfile")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.new_button = QPushButton(self.tr("&New profile…"))
        self.new_button.setObjectName("newProfile")
        self.new_button.clicked.connect(self.create_requested)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.setContentsMargins(48, 24, 48, 24)

    def writing_buttons(self) -> list[QPushButton]:
        """The buttons that would write to the data folder (disabled when it is read-only)."""
        return [self.new_button]

    def refresh(self, select_id: int | None = None) -> None:
        self._profiles = self._service.list_profiles()
        self.list.clear()
        for profile in self._profiles:
            lock = self.tr("  (PIN protected)") if profile.has_pin else ""
            second = self.tr("ID number encrypted") if profile.sealed else profile.masked_id_number
            item = QListWidgetItem(f"{profile.name}{lock}\n{second}")
            font = item.font()
            font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.15)
            item.setFont(font)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, profile.name)
            self.list.addItem(item)
        row = next((i for i, p in enumerate(self._profiles) if p.id == select_id), 0)
        if self._profiles:
            self.list.setCurrentRow(row)
        self.list.setFocus()

    def selected(self) -> ProfileSummary | None:
        row = self.list.currentRow()
        return self._profiles[row] if 0 <= row < len(self._profiles) else None

    def _on_forgot_clicked(self) -> None:
        inform(
            self,
            self.tr("Forgot the PIN?"),
            self.tr(
                "The PIN cannot be reset or recovered. This profile's ID number, birth date, photo "
                "and evidence files are encrypted with a key that only the PIN opens; nobody, not "
                "even swdesk's makers, can open them without it.\n\n"
                "What you can do: if you made a backup before the PIN was set (Profile → Restore "
                "from a backup…), restoring it brings the data back as it was then. Otherwise "
                "delete this profile after opening another one, create it again and enter your "
                "training records again."
            ),
        )

    def _on_list_current_row_changed(self, _row: int) -> None:
        profile = self.selected()
        self.message.clear()
        self.pin_edit.clear()
        self.pin_row.setVisible(bool(profile and profile.has_pin))
        self.forgot_button.setVisible(bool(profile and profile.sealed))
        self.open_button.setEnabled(profile is not None)

    def _on_open_clicked(self) -> None:
        profile = self.selected()
        if profile is None:
            return
        if profile.has_pin:
            pin = self.pin_edit.text()
            self._set_checking(True)
            # scrypt takes a fraction of a second; sealing an old-style profile, once, longer
            self._runner.submit(
                lambda: self._service.unlock(profile.id, pin),
                lambda unlocked: self._after_unlock(profile, bool(unlocked)),
                self._unlock_failed,
            )
            return
        self._open(profile)

    def _lockout_text(self, seconds: int) -> str:
        if seconds == 1:
            return self.tr("Too many wrong PINs. Try again in one second.")
        return self.tr("Too many wrong PINs. Try again in %n seconds.", "", seconds)

    def _set_checking(self, checking: bool) -> None:
        self.open_button.setEnabled(not checking)
        self.pin_edit.setEnabled(not checking)
        self.list.setEnabled(not checking)
        self.message.setText(self.tr("Checking the PIN…") if checking else "")

    def _unlock_failed(self, error: BaseException) -> None:
        self._set_checking(False)
        from swdesk.services.protection import PinLockedOut

        if isinstance(error, PinLockedOut):  # counted by the service, across restarts
            self.pin_edit.clear()
            self.message.setText(self._lockout_text(error.seconds))
            return
        explain_error(self, error, self.tr("The profile could not be opened"))

    def _after_unlock(self, profile: ProfileSummary, unlocked: bool) -> None:
        self._set_checking(False)
        if not unlocked:
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            self.message.setText(self.tr("Wrong PIN. Try again."))
            return
        self._open(profile)

    def _open(self, profile: ProfileSummary) -> None:
        self.pin_edit.clear()
        self.message.clear()
        self.profile_opened.emit(profile.id)
