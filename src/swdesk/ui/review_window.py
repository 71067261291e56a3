"""The reviewer's main window: filters, the queue, import (files, folders, drag and drop),
deciding one or many, exports, trust and keys, and the audit check.

Menu actions are connected through zero-argument lambdas: `QAction.triggered` passes
`checked`, which must never land in a slot's optional first parameter. After a decision
the window reports what was recorded and, by name and reason, what was refused; open
detail windows reload themselves (`decisions_recorded`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.enums import CertificateLevel
from swdesk.domain.errors import UserFixableError
from swdesk.rulepacks import load_pack

from .feedback import explain_error, inform
from .form_fields import error_label
from .review_decide import DecideDialog
from .review_detail import ReviewDetailDialog
from .review_import import ImportReportDialog, ImportRun
from .review_queue_model import QueueModel
from .screen_fit import clamp_to_screen, restore_or_fit
from .settings import UiSettings
from .tasks import TaskRunner
from .texts import (
    calendar_unknown_text,
    error_text,
    level_label,
    level_of_review_label,
    review_state_label,
)

if TYPE_CHECKING:  # loaded with the workspace this window is given
    from swdesk.services.review import DecisionResult, ImportReport, QueueFilter, ReviewWorkspace
    from swdesk.services.review.trust import TrustInspection

    from .about import AboutDialog

log = logging.getLogger(__name__)

STATES = ("pending", "first_approved", "first_rejected", "final_approved", "final_rejected",
          "superseded")


def _groups(fingerprint: str) -> str:
    """A fingerprint in upper case in groups of four for reading aloud, as
    `OfficeIdentity.fingerprint_groups` shows the new one."""
    upper = fingerprint.upper()
    return " ".join(upper[i:i + 4] for i in range(0, len(upper), 4))

class ReviewWindow(QMainWindow):
    """Holds an open ReviewWorkspace; closes it with the window."""

    import_finished = Signal(object)
    decisions_recorded = Signal(list)  # application ids a decision was recorded for
    decisions_exported = Signal(list)  # the files an export of decisions wrote

    def __init__(self, workspace: ReviewWorkspace, settings: UiSettings | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.service = workspace.service
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.last_report: ImportReport | None = None
        self.last_decisions: list[DecisionResult] = []
        self.last_export: list[Path] = []
        self._shown_once = False
        self.shared_id_count = 0
        self.setObjectName("reviewWindow")
        office = workspace.office
        self.setWindowTitle(self.tr("swdesk reviewer · %1 (%2)").replace("%1", office.name)
                            .replace("%2", level_of_review_label(str(office.level.value))))
        self.setAcceptDrops(True)
        self._build()
        self._build_menus()
        restore_or_fit(self, settings.geometry("review") if settings is not None else None,
                       1200, 760)
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        filters = QWidget()
        filters.setObjectName("queueFilters")
        form = QFormLayout(filters)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("queueSearch")
        self.search_edit.setAccessibleName(self.tr("Search by name or ID number"))
        self.search_edit.setPlaceholderText(self.tr("name or ID number"))
        self.search_edit.returnPressed.connect(self.apply_filters)
        form.addRow(self.tr("&Search"), self.search_edit)
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("filterState")
        self.state_combo.addItem(self.tr("All"), None)
        for code in STATES:
            self.state_combo.addItem(review_state_label(code), code)
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
        try:
            pack = load_pack(self.workspace.rule_pack_id)
            for county in pack.counties:
                self.county_combo.addItem(county.name_zh, county.code)
        except Exception:  # noqa: BLE001 - no county list: filter stays "All"
            pass
        form.addRow(self.tr("C&ounty"), self.county_combo)
        self.late_combo = QComboBox()
        self.late_combo.setObjectName("filterLate")
        self.late_combo.addItem(self.tr("All"), None)
        self.late_combo.addItem(self.tr("Late only"), True)
        self.late_combo.addItem(self.tr("On time only"), False)
        form.addRow(self.tr("&Late"), self.late_combo)
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
        for combo in (self.state_combo, self.level_combo, self.county_combo, self.late_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        for widget in (self.from_check, self.to_check):
            widget.toggled.connect(self.apply_filters)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.apply_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("queueCount")
        form.addRow(self.count_label)
        filter_scroll = QScrollArea()
        filter_scroll.setObjectName("queueFilterScroll")
        filter_scroll.setWidgetResizable(True)
        filter_scroll.setFrameShape(QFrame.Shape.NoFrame)
        filter_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        filter_scroll.setWidget(filters)
        filter_scroll.setMaximumWidth(self.fontMetrics().averageCharWidth() * 40)
        layout.addWidget(filter_scroll)

        right = QVBoxLayout()
        self.shared_id_banner = QWidget()
        self.shared_id_banner.setObjectName("sharedIdBanner")
        banner = QHBoxLayout(self.shared_id_banner)
        banner.setContentsMargins(0, 0, 0, 0)
        # the error red of the current theme, following a theme change
        self.shared_id_label = error_label("sharedIdWarning")
        banner.addWidget(self.shared_id_label, 1)
        self.shared_id_button = QPushButton(self.tr("Show &them"))
        self.shared_id_button.setObjectName("showSharedId")
        self.shared_id_button.setCheckable(True)
        self.shared_id_button.toggled.connect(self._on_shared_id_button_toggled)
        banner.addWidget(self.shared_id_button)
        self.shared_id_banner.hide()
        right.addWidget(self.shared_id_banner)
        self.model = QueueModel(self.service, self)
        self.table = QTableView()
        self.table.setObjectName("reviewQueue")
        self.table.setAccessibleName(self.tr("Applications"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(6, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.doubleClicked.connect(lambda _i: self.open_detail())
        right.addWidget(self.table, 1)
        # deadlines reaching a year without a State Council holiday notice in the calendar
        self.calendar_note = QLabel()
        self.calendar_note.setObjectName("calendarNote")
        self.calendar_note.setWordWrap(True)
        self.calendar_note.hide()
        right.addWidget(self.calendar_note)
        self.model.rowsInserted.connect(lambda *_a: self._show_calendar_note())
        self.drop_hint = QLabel(self.tr("Drop bundles (.swdapp, .swdfwd) or folders here to "
                                        "import them."))
        self.drop_hint.setWordWrap(True)
        right.addWidget(self.drop_hint)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(self.tr("Office fingerprint: %1").replace(
            "%1", self.workspace.office.fingerprint_groups))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, "importBundles", self.tr("&Import bundles…"), self.choose_files,
                     QKeySequence.StandardKey.Open)
        self._action(file_menu, "importFolder", self.tr("Import a &folder…"),
                     self.choose_folder, "Ctrl+Shift+O")
        file_menu.addSeparator()
        self._action(file_menu, "exportDecisions", self.tr("&Export decisions…"),
                     self.export_decisions, "Ctrl+E")
        self._action(file_menu, "exportSelectedDecisions",
                     self.tr("Export the decisions of the &selected…"),
                     lambda: self.export_decisions(selected_only=True), "Ctrl+Shift+E")
        self._action(file_menu, "exportRoster", self.tr("Export the &roster (.xlsx)…"),
                     self.export_roster)
        file_menu.addSeparator()
        self._action(file_menu, "quit", self.tr("&Quit"), self.close,
                     "Ctrl+Q")  # StandardKey.Quit is empty on Windows
        review_menu = bar.addMenu(self.tr("&Review"))
        self._action(review_menu, "openApplication", self.tr("&Open application"),
                     self.open_detail, "Return")
        self._action(review_menu, "approveSelected", self.tr("&Approve selected…"),
                     lambda: self.decide_selected("approved"), "Ctrl+Shift+A")
        self._action(review_menu, "rejectSelected", self.tr("&Reject selected…"),
                     lambda: self.decide_selected("rejected"), "Ctrl+Shift+R")
        self._action(review_menu, "refresh", self.tr("Re&fresh"), self.refresh,
                     QKeySequence.StandardKey.Refresh)
        office_menu = bar.addMenu(self.tr("&Office"))
        self._action(office_menu, "exportKey", self.tr("Export the office's public &key…"),
                     self.export_key)
        self._action(office_menu, "importTrust", self.tr("Import a &trust file…"),
                     self.import_trust)
        from swdesk.services.review import ReviewLevel

        if self.workspace.office.level is ReviewLevel.PROVINCE:
            self._action(office_menu, "publishTrust", self.tr("&Publish a trust file…"),
                         self.publish_trust)
        self._action(office_menu, "verifyAudit", self.tr("&Verify the audit log"),
                     self.verify_audit)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, "about", self.tr("&About swdesk"), self.show_about)

    def _action(self, menu: QMenu, name: str, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                ) -> QAction:
        """A menu action named `name` (its objectName) that calls `slot()` with no
        arguments: `triggered(checked)` must not fill a slot's optional parameter."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, run=slot: run())
        menu.addAction(action)
        return action

    def show_about(self) -> AboutDialog:
        """Help → About swdesk (non-blocking; returns the dialog)."""
        from .about import show_about

        self.about_dialog = show_about(self, self.workspace.root)
        return self.about_dialog

    # -- the queue -----------------------------------------------------------------------
    def current_filter(self) -> QueueFilter:
        from swdesk.services.review import QueueFilter, ReviewState

        def day(edit: QDateEdit) -> date:
            value = edit.date()
            return date(value.year(), value.month(), value.day())

        state = self.state_combo.currentData()
        return QueueFilter(
            shared_id_only=self.shared_id_button.isChecked(),
            state=ReviewState(state) if state else None,
            certificate_level=self.level_combo.currentData(),
            county=self.county_combo.currentData(),
            late=self.late_combo.currentData(),
            received_from=day(self.from_edit) if self.from_check.isChecked() else None,
            received_to=day(self.to_edit) if self.to_check.isChecked() else None,
            search=self.search_edit.text().strip())

    def apply_filters(self) -> None:
        try:
            self.model.set_filter(self.current_filter())
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The queue could not be loaded"))
            return
        self.count_label.setText(self.tr("%n application(s)", "", self.model.total))
        self._show_calendar_note()
        self.table.resizeColumnsToContents()  # the headers count too: none is cut short

    def _show_calendar_note(self) -> None:
        years = self.model.unknown_calendar_years()
        self.calendar_note.setText("* " + calendar_unknown_text(years) if years else "")
        self.calendar_note.setVisible(bool(years))

    def refresh(self) -> None:
        """Reload the queue and, on a worker (it looks at every application awaiting
        review), recount those sharing an ID number: at opening, after an import or a
        decision, and on Refresh; a change of filter changes neither."""
        from swdesk.services.review import QueueFilter

        self.apply_filters()
        service = self.service
        self.runner.submit(lambda: service.queue_count(QueueFilter(shared_id_only=True)),
                           self._show_shared_id_banner,
                           lambda e: log.warning("shared ID numbers not counted: %s",
                                                 type(e).__name__))

    def _show_shared_id_banner(self, shared: int) -> None:
        """Warn while applications awaiting review share an ID number (never shown)."""
        self.shared_id_count = shared
        self.shared_id_label.setText(self.tr(
            "%n application(s) awaiting review share an ID number with another one (marked "
            "※ in the queue): check whether the same person applied twice.", "", shared))
        self.shared_id_banner.setVisible(shared > 0 or self.shared_id_button.isChecked())

    def _on_shared_id_button_toggled(self, checked: bool) -> None:
        self.shared_id_button.setText(self.tr("Show &all") if checked else self.tr(
            "Show &them"))
        self.apply_filters()
        self.shared_id_banner.setVisible(self.shared_id_count > 0 or checked)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        found = (self.model.row_at(r) for r in rows)
        return [row.id for row in found if row is not None]

    # -- import --------------------------------------------------------------------------
    def import_paths(self, paths: list[Path]) -> ImportRun:
        run = ImportRun(self.service, self.runner, paths, self)
        run.finished.connect(self._on_import_finished)
        run.start()
        return run

    def _on_import_finished(self, report: ImportReport) -> None:
        self.last_report = report
        self.refresh()
        self.import_finished.emit(report)
        dialog = ImportReportDialog(report, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.report_dialog = dialog

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import bundles"), "",
            self.tr("swdesk bundles (*.swdapp *.swdfwd);;All files (*)"))
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import every bundle in a "
                                                                "folder or USB stick"))
        if folder:
            self.import_paths([Path(folder)])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls()
                 if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- detail and decisions ------------------------------------------------------------
    def open_detail(self) -> ReviewDetailDialog | None:
        ids = self.selected_ids()
        if not ids:
            return None
        try:
            dialog = ReviewDetailDialog(self.service, ids[0], self)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The application could not be opened"))
            return None
        dialog.decide_requested.connect(
            lambda outcome, app_id=ids[0]: self.decide([app_id], outcome, dialog))
        self.decisions_recorded.connect(dialog.on_decisions_recorded)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.detail_dialog = dialog
        return dialog

    def decide_selected(self, outcome: str) -> DecideDialog | None:
        ids = self.selected_ids()
        return self.decide(ids, outcome) if ids else None

    def decide(self, app_ids: list[int], outcome: str,
               parent: QWidget | None = None) -> DecideDialog:
        rows = [r for r in (self.model.row_at(i) for i in range(self.model.rowCount()))
                if r is not None and r.id in app_ids]
        dialog = DecideDialog(len(app_ids), any(r.is_late for r in rows),
                              str(self.workspace.office.level.value), parent or self,
                              names=[r.applicant_name for r in rows])
        (dialog.approve_radio if outcome == "approved" else dialog.reject_radio).setChecked(True)
        dialog.accepted.connect(lambda: self._apply_decision(app_ids, dialog))
        dialog.open()
        self.decide_dialog = dialog
        return dialog

    def _apply_decision(self, app_ids: list[int], dialog: DecideDialog) -> None:
        outcome, reasons, late = dialog.outcome(), dialog.reasons(), dialog.late_reason()
        self.runner.submit(lambda: self.service.decide(app_ids, outcome, reasons, late),
                           self._after_decision,
                           lambda e: explain_error(self, e, self.tr("Nothing was decided")))

    def _after_decision(self, results: list[DecisionResult]) -> None:
        """Say how many decisions were recorded, and each refusal with its reason."""
        self.last_decisions = list(results)
        decided = [r for r in results if r.status == "decided"]
        refused = [r for r in results if r.status != "decided"]
        self.refresh()
        if decided:
            self.decisions_recorded.emit([r.application_id for r in decided])
        message = self.tr("%n decision(s) signed and recorded.", "", len(decided))
        if refused:
            message = self.tr("%1 %2", "two sentences in a row").replace("%1", message).replace(
                "%2", self.tr("%n application(s) not decided.", "", len(refused)))
        self.statusBar().showMessage(message, 15000)
        if refused:
            lines = [self.tr("%1: %2").replace("%1", self._decision_subject(r)).replace(
                "%2", self.refusal_text(r)) for r in refused]
            self.refusal_box = inform(self, self.tr("Not decided"), self.tr(
                "%n decision(s) signed and recorded. These applications were not decided:",
                "", len(decided)) + "\n\n" + "\n".join(lines), warning=True)

    def _decision_subject(self, result: DecisionResult) -> str:
        """The applicant's name (masked ID number when the queue shows the row)."""
        name = result.applicant_name
        if not name:
            return self.tr("An application no longer in the queue")
        row = next((r for r in (self.model.row_at(i) for i in range(self.model.rowCount()))
                    if r is not None and r.id == result.application_id), None)
        return self.tr("%1 (%2)").replace("%1", name).replace(
            "%2", row.masked_id_number) if row is not None else name

    @staticmethod
    def refusal_text(result: DecisionResult) -> str:
        """Why a decision was refused, in words (never the internal code)."""
        return error_text(UserFixableError(result.code or "application_unknown",
                                           **dict(result.params or {})))

    # -- exports, keys, trust, audit -----------------------------------------------------
    def export_decisions(self, folder: Path | None = None, selected_only: bool = False) -> None:
        """Write decision files (and forward packages): of every decided application not yet
        exported, or of the selected ones."""
        ids = self.selected_ids() if selected_only else None
        if selected_only and not ids:
            return
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Export decisions to"))
            if not chosen:
                return
            folder = Path(chosen)
        target = folder
        self.runner.submit(
            lambda: self.service.export_decisions(target, ids),
            lambda paths: self._after_export(paths, target),
            lambda e: explain_error(self, e, self.tr("The decisions were not exported")))

    def _after_export(self, paths: list[Path], folder: Path) -> None:
        self.last_export = list(paths)
        self.decisions_exported.emit(list(paths))
        if not paths:
            self.export_box = inform(self, self.tr("Decisions exported"), self.tr(
                "There were no decisions waiting to be exported; nothing was written."))
            return
        self.export_box = inform(self, self.tr("Decisions exported"), self.tr(
            "%n file(s) written to %1.", "", len(paths)).replace("%1", str(folder)))

    def export_roster(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the roster"),
                                                  "roster.xlsx", self.tr("Excel (*.xlsx)"))
            if not name:
                return
            path = Path(name)
            if path.suffix.lower() != ".xlsx":  # typed without the extension
                path = path.with_name(path.name + ".xlsx")
        target = path
        self.runner.submit(
            lambda: self.service.export_roster(target),
            lambda written: self.statusBar().showMessage(
                self.tr("Roster written to %1").replace("%1", str(written)), 8000),
            lambda e: explain_error(self, e, self.tr("The roster was not written")))

    def export_key(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the public key"),
                                              "office.swdkey", self.tr("Office key (*.swdkey)"))
        if not name:
            return
        try:
            self.service.export_public_key(Path(name))
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The key was not exported"))
            return
        inform(self, self.tr("Public key exported"), self.tr(
            "Give this file to the province. When they call to check it, read this "
            "fingerprint aloud:\n\n%1").replace("%1", self.workspace.office.fingerprint_groups))

    def import_trust(self) -> None:
        """Office → Import a trust file: verified and shown (the province's fingerprint and
        the offices listed) before anything is stored; stored only on Confirm."""
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a trust file"), "",
                                              self.tr("Trust file (*.swdtrust)"))
        if not name:
            return
        path = Path(name)
        try:
            inspection = self.service.inspect_trust(path)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The trust file was not imported"))
            return
        trust = inspection.trust
        listed = [trust.issuer, *(o for o in trust.offices if o != trust.issuer)]
        offices = "\n".join(f"{o.name}（{o.region}）" for o in listed)
        if inspection.new_issuer:
            text = self.tr(
                "This trust file was signed with a NEW province key. Put it in force only if "
                "the province has confirmed, by phone or in its official notice, that its "
                "key changed and that the new fingerprint is:\n\n%1\n\nThe fingerprint in "
                "force until now (%2):\n%3\n\nOffices on the new list:\n%4").replace(
                "%1", trust.issuer.fingerprint_groups).replace(
                "%2", inspection.current_issuer_name or "").replace(
                "%3", _groups(inspection.current_issuer or "")).replace("%4", offices)
        else:
            text = self.tr(
                "Compare this fingerprint of %1 with the one the province reads to you by "
                "phone or gives in its official notice:\n\n%2\n\nOffices on the list:\n%3"
                "\n\nPut the list in force only if the fingerprint matches.").replace(
                "%1", trust.issuer.name).replace(
                "%2", trust.issuer.fingerprint_groups).replace("%3", offices)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Confirm the trust file"), text,
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("trustConfirmation")
        box.addButton(self.tr("Confirm"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.accepted.connect(lambda: self._put_trust_in_force(path, inspection))
        box.open()

    def _put_trust_in_force(self, path: Path, inspection: TrustInspection) -> None:
        fingerprint = inspection.trust.issuer.fingerprint if inspection.new_issuer else None
        try:
            self.service.import_trust(path, new_issuer_fingerprint=fingerprint)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The trust file was not imported"))
            return
        self.statusBar().showMessage(self.tr("Trust file imported."), 8000)

    def publish_trust(self) -> None:
        keys, _ = QFileDialog.getOpenFileNames(self, self.tr("Public keys of the offices"), "",
                                               self.tr("Office key (*.swdkey)"))
        if not keys:
            return
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Save the trust file"),
                                             "trust.swdtrust", self.tr("Trust file (*.swdtrust)"))
        if not out:
            return
        try:
            self.service.publish_trust([Path(k) for k in keys], Path(out))
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The trust file was not written"))

    def verify_audit(self) -> None:
        result = self.service.audit_verify()
        if result.ok:
            inform(self, self.tr("Audit log"), self.tr(
                "The audit log is intact (%n entries).", "", result.entries))
        else:
            inform(self, self.tr("Audit log"), self.tr(
                "The audit log was changed: entry %1 is the first broken one.").replace(
                "%1", str(result.first_broken)), warning=True)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown_once:  # the frame is known now: keep it on the screen
            self._shown_once = True
            clamp_to_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.settings is not None:
            self.settings.set_geometry("review", self.saveGeometry())
            self.settings.sync()
        self.runner.wait_for_idle(10000)
        self.workspace.close()
        super().closeEvent(event)
