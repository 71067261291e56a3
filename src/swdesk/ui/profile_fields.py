"""Parts of the profile editor with their own behaviour: the citizen ID number row (typed
hidden, shown masked beside it, Show/Hide to see it whole), the applicable rules with the
counties they list, and the optional PIN of a new profile (typed twice)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from swdesk.domain.errors import FieldIssue, UserFixableError
from swdesk.domain.identity import mask_id_number
from swdesk.domain.models import Practitioner
from swdesk.services.pin import pin_issues
from swdesk.services.rule_packs import available_packs, default_pack_id, load_pack

from .form_fields import FieldSet
from .plain_text import plain_label


class IdNumberRow(QWidget):
    """The ID number's line edit, its masked form and the Show/Hide button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setMaxLength(36)  # 18 once spaces, tabs pasted along are removed
        self.edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.edit.setPlaceholderText(self.tr("18 characters"))
        self.show_button = QToolButton()
        self.show_button.setObjectName("showIdNumber")
        self.show_button.setText(self.tr("Show"))
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName(self.tr("Show the ID number"))
        self.show_button.toggled.connect(self._on_show_toggled)
        self.masked = plain_label()
        self.masked.setObjectName("maskedIdNumber")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.masked)
        layout.addWidget(self.show_button)

    def _on_show_toggled(self, shown: bool) -> None:
        self.edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.PasswordEchoOnEdit
        )
        self.show_button.setText(self.tr("Hide") if shown else self.tr("Show"))

    def update_masked(self) -> None:
        text = self.edit.text().strip()
        self.masked.setText(mask_id_number(text) if text else "")


class RulesAndCounty(QObject):
    """The applicable rules (a rule pack) and the county or district, chosen from the
    pack's list (typed in when the pack lists none)."""

    def add_rows(self, form: QFormLayout, fields: FieldSet) -> None:
        self.pack_combo = QComboBox()
        for pack_id, name in available_packs():
            self.pack_combo.addItem(name, pack_id)
        self.pack_combo.setCurrentIndex(max(0, self.pack_combo.findData(default_pack_id())))
        self.pack_combo.setObjectName("field_rulepack")
        self.pack_combo.setAccessibleName(self.tr("Applicable rules"))
        self.pack_combo.setToolTip(
            self.tr(
                "Whose rules on registration and continuing education apply to you: those of "
                "your province, or the national ones."
            )
        )
        self.pack_combo.currentIndexChanged.connect(self._fill_counties)
        form.addRow(self.tr("Applicable &rules"), self.pack_combo)
        self.county_combo = QComboBox()
        form.addRow(
            self.tr("Co&unty or district"),
            fields.add("county", self.county_combo, self.tr("County or district")),
        )
        self._fill_counties()

    def pack_id(self) -> str:
        return str(self.pack_combo.currentData() or default_pack_id())

    def _fill_counties(self) -> None:
        current = self.county_combo.currentData()
        self.county_combo.clear()
        try:
            counties = load_pack(self.pack_id()).counties
        except UserFixableError:
            counties = ()
        for county in counties:
            code, name_zh = county[0], county[1]
            self.county_combo.addItem(name_zh, code)
        self.county_combo.setEditable(not counties)
        if current is not None:
            index = self.county_combo.findData(current)
            if index >= 0:
                self.county_combo.setCurrentIndex(index)

    def cycle_years(self) -> int:
        """The registration period's length under the chosen rules."""
        try:
            return load_pack(self.pack_id()).cycle_years
        except UserFixableError:
            return 3

    def load(self, practitioner: Practitioner) -> None:
        index = self.pack_combo.findData(practitioner.rulepack_id)
        if index >= 0:
            self.pack_combo.setCurrentIndex(index)
        self._fill_counties()
        county_index = self.county_combo.findData(practitioner.county)
        if county_index >= 0:
            self.county_combo.setCurrentIndex(county_index)
        elif self.county_combo.isEditable():
            self.county_combo.setEditText(practitioner.county)

    def county(self) -> str:
        code = self.county_combo.currentData()
        return str(code) if code is not None else self.county_combo.currentText().strip()


class PinSection(QGroupBox):
    """The PIN and its repetition; the PIN's errors are shown next to it (`fields`)."""

    def __init__(self, fields: FieldSet, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("PIN for this profile (optional)"))
        form = QFormLayout(self)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_confirm = QLineEdit()
        self.pin_confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_confirm.setMaxLength(12)
        self.pin_confirm.setObjectName("field_pin_confirm")
        self.pin_confirm.setAccessibleName(self.tr("Repeat PIN"))
        form.addRow(self.tr("PIN (4–12 digit&s)"), fields.add("pin", self.pin_edit, self.tr("PIN")))
        form.addRow(self.tr("Repeat PIN"), self.pin_confirm)
        hint = plain_label(self.tr("On a shared PC, a PIN keeps others out of this profile."))
        hint.setWordWrap(True)
        form.addRow("", hint)

    def issues(self) -> list[FieldIssue]:
        """What is wrong with the PIN entered (none when no PIN is wanted)."""
        pin = self.pin_edit.text()
        if not pin:
            return []
        issues = pin_issues(pin)
        if not issues and pin != self.pin_confirm.text():
            issues = [FieldIssue("pin", "pin_mismatch")]
        return issues
