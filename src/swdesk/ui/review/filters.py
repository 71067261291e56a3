"""The filters of the reviewer's queue: beside it search, state, certificate, county, late,
who claimed it (mine, unclaimed) and the received-from and received-until dates
(`QueueFilters`: `current_filter()` is the `QueueFilter` they describe, `changed` is emitted
on every edit, Return in the search field, which also takes what a barcode scanner types from
an attendance certificate's QR code, `show_certificate` saying why such a search found
nothing); above it the warning of applications sharing an
ID number, whose "Show them" lists only those (`SharedIdBanner`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from swdesk.domain.enums import CertificateLevel
from swdesk.services.review import CertificateMatch, QueueFilter, ReviewState

from ..form_fields import error_label
from ..plain_text import plain_label
from ..texts import certificate_search_text, level_label, review_state_label


class SearchEdit(QLineEdit):
    """The queue's search field: Return or Enter typed into it searches (a barcode scanner
    ends what it types with one) rather than the window's Return shortcut opening the
    selected application."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            event.accept()  # delivered as a key press to this field
            return True
        return super().event(event)


class QueueFilters(QWidget):
    """The filter form (objectName "queueFilters"); `counties` are (code, name) pairs of
    the office's rule pack, empty when it has none (the county filter stays "All")."""

    changed = Signal()

    def __init__(self, counties: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueFilters")
        form = QFormLayout(self)
        self.search_edit = SearchEdit()
        self.search_edit.setObjectName("queueSearch")
        self.search_edit.setAccessibleName(
            self.tr("Search by name, ID number or a certificate's QR code")
        )
        self.search_edit.setPlaceholderText(self.tr("name, ID number or certificate QR code"))
        self.search_edit.returnPressed.connect(self.changed.emit)
        form.addRow(self.tr("&Search"), self.search_edit)
        # why the QR text of a certificate found nothing (the error red of the theme)
        self.certificate_note = error_label("certificateNote")
        self.certificate_note.hide()
        form.addRow(self.certificate_note)
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("filterState")
        self.state_combo.addItem(self.tr("All"), None)
        for state in ReviewState:
            self.state_combo.addItem(review_state_label(state.value), state.value)
        form.addRow(self.tr("S&tate"), self.state_combo)
        self.level_combo = QComboBox()
        self.level_combo.setObjectName("filterLevel")
        self.level_combo.addItem(self.tr("All"), None)
        for level in CertificateLevel:
            self.level_combo.addItem(level_label(level), level.value)
        form.addRow(self.tr("&Certificate"), self.level_combo)
        self.county_combo = QComboBox()
        self.county_combo.setObjectName("filterCounty")
        self.county_combo.addItem(self.tr("All"), None)
        for code, name in counties:
            self.county_combo.addItem(name, code)
        form.addRow(self.tr("Co&unty"), self.county_combo)
        self.late_combo = QComboBox()
        self.late_combo.setObjectName("filterLate")
        self.late_combo.addItem(self.tr("All"), None)
        self.late_combo.addItem(self.tr("Late only"), True)
        self.late_combo.addItem(self.tr("On time only"), False)
        form.addRow(self.tr("&Late"), self.late_combo)
        # who works on it: the person signed in, or nobody yet
        self.claims_combo = QComboBox()
        self.claims_combo.setObjectName("filterClaims")
        self.claims_combo.addItem(self.tr("All"), "")
        self.claims_combo.addItem(self.tr("Mine"), "mine")
        self.claims_combo.addItem(self.tr("Unclaimed"), "unclaimed")
        form.addRow(self.tr("Claimed b&y"), self.claims_combo)
        self.from_check = QCheckBox(self.tr("Received from"))
        self.from_edit = QDateEdit()
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat("yyyy-MM-dd")
        self.from_edit.setDate(QDate.currentDate().addMonths(-3))
        self.to_check = QCheckBox(self.tr("Received until"))
        self.to_edit = QDateEdit()
        self.to_edit.setCalendarPopup(True)
        self.to_edit.setDisplayFormat("yyyy-MM-dd")
        self.to_edit.setDate(QDate.currentDate())
        form.addRow(self.from_check, self.from_edit)
        form.addRow(self.to_check, self.to_edit)
        for combo in (
            self.state_combo,
            self.level_combo,
            self.county_combo,
            self.late_combo,
            self.claims_combo,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for widget in (self.from_check, self.to_check):
            widget.toggled.connect(lambda _on: self.changed.emit())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.count_label = plain_label()
        self.count_label.setObjectName("queueCount")
        form.addRow(self.count_label)

    def current_filter(self, *, shared_id_only: bool = False) -> QueueFilter:
        """The queue filter the form shows (`shared_id_only`: the banner's "Show them")."""

        def day(edit: QDateEdit) -> date:
            value = edit.date()
            return date(value.year(), value.month(), value.day())

        state = self.state_combo.currentData()
        return QueueFilter(
            shared_id_only=shared_id_only,
            state=ReviewState(state) if state else None,
            certificate_level=self.level_combo.currentData(),
            county=self.county_combo.currentData(),
            late=self.late_combo.currentData(),
            received_from=day(self.from_edit) if self.from_check.isChecked() else None,
            received_to=day(self.to_edit) if self.to_check.isChecked() else None,
            search=self.search_edit.text().strip(),
            claims=self.claims_combo.currentData() or "",
        )

    def show_certificate(self, match: CertificateMatch | None) -> None:
        """Say why the certificate searched for finds nothing (its record is here in another
        file, or not here); nothing to say for a match or a search that is no certificate."""
        if match is None or match.status == "found":
            self.certificate_note.clear()
            self.certificate_note.hide()
            return
        self.certificate_note.setText(certificate_search_text(match.status, match.record_id))
        self.certificate_note.show()


class SharedIdBanner(QWidget):
    """The warning above the queue while applications awaiting review share an ID number
    (the number itself never shown), with "Show them" to list only those; `toggled` is
    emitted with the button's new state. Hidden while there are none, unless "Show them"
    is still pressed."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sharedIdBanner")
        self.count = 0
        banner = QHBoxLayout(self)
        banner.setContentsMargins(0, 0, 0, 0)
        # the error red of the current theme, following a theme change
        self.label = error_label("sharedIdWarning")
        banner.addWidget(self.label, 1)
        self.button = QPushButton(self.tr("Show the&m"))
        self.button.setObjectName("showSharedId")
        self.button.setCheckable(True)
        self.button.toggled.connect(self._on_button_toggled)
        banner.addWidget(self.button)
        self.hide()

    def showing_shared_only(self) -> bool:
        return self.button.isChecked()

    def set_count(self, shared: int) -> None:
        """`shared` applications awaiting review share an ID number with another one."""
        self.count = shared
        self.label.setText(
            self.tr(
                "%n application(s) awaiting review share an ID number with another one (marked "
                "※ in the queue): check whether the same person applied twice.",
                "",
                shared,
            )
        )
        self.setVisible(shared > 0 or self.button.isChecked())

    def _on_button_toggled(self, checked: bool) -> None:
        self.button.setText(self.tr("Show &all") if checked else self.tr("Show the&m"))
        self.toggled.emit(checked)
        self.setVisible(self.count > 0 or checked)
