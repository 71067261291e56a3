"""The reviewer's main window: filters, the queue, import (files, folders, drag and drop),
deciding one or many, exports, trust and keys, and the audit check.

Menu actions are connected through zero-argument lambdas: `QAction.triggered` passes
`checked`, which must never land in a slot's optional first parameter. After a decision
the window reports what was recorded and, by name and reason, what was refused; open
detail windows reload themselves (`decisions_recorded`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import UserFixableError
from swdesk.services.review import DecisionOutcome, QueueFilter, ReviewLevel
from swdesk.services.rule_packs import load_pack

from ..feedback import explain_error, inform
from ..screen_fit import clamp_to_screen, restore_or_fit
from ..settings import UiSettings
from ..tasks import TaskRunner
from ..texts import calendar_unknown_text, error_text, fill, level_of_review_label
from .decide import DecideDialog
from .detail import ReviewDetailDialog
from .exports import ExportActions
from .filters import QueueFilters, SharedIdBanner
from .import_dialog import ImportReportDialog, ImportRun
from .office_actions import OfficeActions
from .queue_model import QueueModel

if TYPE_CHECKING:  # loaded with the workspace this window is given
    from swdesk.services.review import DecisionResult, ImportReport, ReviewWorkspace

    from ..about import AboutDialog

log = logging.getLogger(__name__)


class ReviewWindow(QMainWindow):
    """Holds an open ReviewWorkspace; closes it with the window."""

    import_finished = Signal(object)
    decisions_recorded = Signal(list)  # application ids a decision was recorded for
    decisions_exported = Signal(list)  # the files an export of decisions wrote

    def __init__(
        self,
        workspace: ReviewWorkspace,
        settings: UiSettings | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.service = workspace.service
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.last_report: ImportReport | None = None
        self.last_decisions: list[DecisionResult] = []
        self._shown_once = False
        self.setObjectName("reviewWindow")
        office = workspace.office
        self.setWindowTitle(
            fill(
                self.tr("swdesk reviewer · %1 (%2)"),
                office.name,
                level_of_review_label(office.level.value),
            )
        )
        self.setAcceptDrops(True)
        self.office_actions = OfficeActions(self, workspace)
        self.exports = ExportActions(self, self.service, self.runner)
        self.exports.decisions_exported.connect(self.decisions_exported)
        self._build()
        self._build_menus()
        restore_or_fit(
            self, settings.geometry("review") if settings is not None else None, 1200, 760
        )
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _counties(self) -> list[tuple[str, str]]:
        """(code, name) of the counties of the office's rule pack; none when it cannot be
        loaded (the county filter then offers only "All")."""
        try:
            pack = load_pack(self.workspace.rule_pack_id)
        except Exception:  # noqa: BLE001 - no county list: the filter stays "All"
            return []
        return [(county.code, county.name_zh) for county in pack.counties]

    def _build(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        self.filters = QueueFilters(self._counties())
        self.filters.changed.connect(self.apply_filters)
        # the filter widgets, as tests and the queue's callers reach them
        self.search_edit = self.filters.search_edit
        self.state_combo = self.filters.state_combo
        self.late_combo = self.filters.late_combo
        self.count_label = self.filters.count_label
        filter_scroll = QScrollArea()
        filter_scroll.setObjectName("queueFilterScroll")
        filter_scroll.setWidgetResizable(True)
        filter_scroll.setFrameShape(QFrame.Shape.NoFrame)
        filter_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        filter_scroll.setWidget(self.filters)
        filter_scroll.setMaximumWidth(self.fontMetrics().averageCharWidth() * 40)
        layout.addWidget(filter_scroll)

        right = QVBoxLayout()
        self.shared_id_banner = SharedIdBanner()
        self.shared_id_banner.toggled.connect(lambda _checked: self.apply_filters())
        self.shared_id_label = self.shared_id_banner.label
        self.shared_id_button = self.shared_id_banner.button
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
        self.drop_hint = QLabel(
            self.tr("Drop bundles (.swdapp, .swdfwd) or folders here to import them.")
        )
        self.drop_hint.setWordWrap(True)
        right.addWidget(self.drop_hint)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            fill(self.tr("Office fingerprint: %1"), self.workspace.office.fingerprint_groups)
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(
            file_menu,
            "importBundles",
            self.tr("&Import bundles…"),
            self.choose_files,
            QKeySequence.StandardKey.Open,
        )
        self._action(
            file_menu,
            "importFolder",
            self.tr("Import a &folder…"),
            self.choose_folder,
            "Ctrl+Shift+O",
        )
        file_menu.addSeparator()
        self._action(
            file_menu,
            "exportDecisions",
            self.tr("&Export decisions…"),
            self.export_decisions,
            "Ctrl+E",
        )
        self._action(
            file_menu,
            "exportSelectedDecisions",
            self.tr("Export the decisions of the &selected…"),
            lambda: self.export_decisions(selected_only=True),
            "Ctrl+Shift+E",
        )
        self._action(
            file_menu,
            "exportRoster",
            self.tr("Export the &roster (.xlsx)…"),
            self.exports.export_roster,
        )
        file_menu.addSeparator()
        self._action(
            file_menu, "quit", self.tr("&Quit"), self.close, "Ctrl+Q"
        )  # StandardKey.Quit is empty on Windows
        review_menu = bar.addMenu(self.tr("&Review"))
        self._action(
            review_menu, "openApplication", self.tr("&Open application"), self.open_detail, "Return"
        )
        self._action(
            review_menu,
            "approveSelected",
            self.tr("&Approve selected…"),
            lambda: self.decide_selected(DecisionOutcome.APPROVED),
            "Ctrl+Shift+A",
        )
        self._action(
            review_menu,
            "rejectSelected",
            self.tr("&Reject selected…"),
            lambda: self.decide_selected(DecisionOutcome.REJECTED),
            "Ctrl+Shift+R",
        )
        self._action(
            review_menu,
            "refresh",
            self.tr("Re&fresh"),
            self.refresh,
            QKeySequence.StandardKey.Refresh,
        )
        office_menu = bar.addMenu(self.tr("&Office"))
        office = self.office_actions
        self._action(
            office_menu, "exportKey", self.tr("Export the office's public &key…"), office.export_key
        )
        self._action(
            office_menu, "importTrust", self.tr("Import a &trust file…"), office.import_trust
        )
        if self.workspace.office.level is ReviewLevel.PROVINCE:
            self._action(
                office_menu, "publishTrust", self.tr("&Publish a trust file…"), office.publish_trust
            )
        self._action(
            office_menu, "verifyAudit", self.tr("&Verify the audit log"), office.verify_audit
        )
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, "about", self.tr("&About swdesk"), self.show_about)

    def _action(
        self,
        menu: QMenu,
        name: str,
        text: str,
        slot: Callable[[], object],
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
        from ..about import show_about

        self.about_dialog = show_about(self, self.workspace.root)
        return self.about_dialog

    # -- the queue -----------------------------------------------------------------------
    def current_filter(self) -> QueueFilter:
        return self.filters.current_filter(
            shared_id_only=self.shared_id_banner.showing_shared_only()
        )

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
        self.apply_filters()
        service = self.service
        self.runner.submit(
            lambda: service.queue_count(QueueFilter(shared_id_only=True)),
            self.shared_id_banner.set_count,
            lambda e: log.warning("shared ID numbers not counted: %s", type(e).__name__),
        )

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
            self,
            self.tr("Import bundles"),
            "",
            self.tr("swdesk bundles (*.swdapp *.swdfwd);;All files (*)"),
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import every bundle in a folder or USB stick")
        )
        if folder:
            self.import_paths([Path(folder)])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
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
            lambda outcome, app_id=ids[0]: self.decide([app_id], DecisionOutcome(outcome), dialog)
        )
        self.decisions_recorded.connect(dialog.on_decisions_recorded)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.detail_dialog = dialog
        return dialog

    def decide_selected(self, outcome: DecisionOutcome) -> DecideDialog | None:
        ids = self.selected_ids()
        return self.decide(ids, outcome) if ids else None

    def decide(
        self, app_ids: list[int], outcome: DecisionOutcome, parent: QWidget | None = None
    ) -> DecideDialog:
        rows = [
            r
            for r in (self.model.row_at(i) for i in range(self.model.rowCount()))
            if r is not None and r.id in app_ids
        ]
        dialog = DecideDialog(
            len(app_ids),
            any(r.is_late for r in rows),
            self.workspace.office.level,
            parent or self,
            names=[r.applicant_name for r in rows],
        )
        approving = DecisionOutcome(outcome) is DecisionOutcome.APPROVED  # a plain code too
        (dialog.approve_radio if approving else dialog.reject_radio).setChecked(True)
        dialog.accepted.connect(lambda: self._apply_decision(app_ids, dialog))
        dialog.open()
        self.decide_dialog = dialog
        return dialog

    def _apply_decision(self, app_ids: list[int], dialog: DecideDialog) -> None:
        outcome, reasons, late = dialog.outcome(), dialog.reasons(), dialog.late_reason()
        self.runner.submit(
            lambda: self.service.decide(app_ids, outcome, reasons, late),
            self._after_decision,
            lambda e: explain_error(self, e, self.tr("Nothing was decided")),
        )

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
            message = fill(
                self.tr("%1 %2", "two sentences in a row"),
                message,
                self.tr("%n application(s) not decided.", "", len(refused)),
            )
        self.statusBar().showMessage(message, 15000)
        if refused:
            lines = [
                fill(self.tr("%1: %2"), self._decision_subject(r), self.refusal_text(r))
                for r in refused
            ]
            self.refusal_box = inform(
                self,
                self.tr("Not decided"),
                self.tr(
                    "%n decision(s) signed and recorded. These applications were not decided:",
                    "",
                    len(decided),
                )
                + "\n\n"
                + "\n".join(lines),
                warning=True,
            )

    def _decision_subject(self, result: DecisionResult) -> str:
        """The applicant's name (masked ID number when the queue shows the row)."""
        name = result.applicant_name
        if not name:
            return self.tr("An application no longer in the queue")
        row = next(
            (
                r
                for r in (self.model.row_at(i) for i in range(self.model.rowCount()))
                if r is not None and r.id == result.application_id
            ),
            None,
        )
        return fill(self.tr("%1 (%2)"), name, row.masked_id_number) if row is not None else name

    @staticmethod
    def refusal_text(result: DecisionResult) -> str:
        """Why a decision was refused, in words (never the internal code)."""
        return error_text(
            UserFixableError(result.code or "application_unknown", **dict(result.params or {}))
        )

    # -- exports -----------------------------------------------------------------------
    def export_decisions(self, folder: Path | None = None, selected_only: bool = False) -> None:
        """Write decision files (and forward packages): of every decided application not yet
        exported, or of the selected ones (see `ExportActions`)."""
        ids = self.selected_ids() if selected_only else None
        if selected_only and not ids:
            return
        self.exports.export_decisions(ids, folder)

    @property
    def last_export(self) -> list[Path]:
        return self.exports.last_export

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
