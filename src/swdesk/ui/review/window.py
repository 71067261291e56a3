"""The reviewer's main window: filters, the queue and import (files, folders, drag and
drop). Its menus are `menus.ReviewMenus`; opening and deciding applications is
`decision_flow.DecisionFlow`, the queue kept up to date with colleagues' work
`live_queue.LiveQueue`, exports `exports.ExportActions`, trust, keys and the audit
check `office_actions.OfficeActions`, each a child of the window."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from swdesk.services.review import QueueFilter
from swdesk.services.rule_packs import load_pack

from ..feedback import explain_error
from ..plain_text import plain_label
from ..screen_fit import clamp_to_screen, restore_or_fit
from ..settings import UiSettings
from ..tasks import TaskRunner
from ..texts import calendar_unknown_text, fill, level_of_review_label
from .claim_actions import ClaimActions
from .decision_flow import DecisionFlow
from .exports import ExportActions
from .filters import QueueFilters, SharedIdBanner
from .import_dialog import ImportReportDialog, ImportRun
from .live_queue import LiveQueue
from .menus import ReviewMenus
from .office_actions import OfficeActions
from .people import PeopleActions, add_person_widgets, window_title_with_person
from .queue_model import QueueModel

if TYPE_CHECKING:  # loaded with the workspace this window is given
    from swdesk.services.review import ImportReport, ReviewWorkspace

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
        self._shown_once = False
        self.setObjectName("reviewWindow")
        office = workspace.office
        title = fill(
            self.tr("swdesk reviewer · %1 (%2)"),
            office.name,
            level_of_review_label(office.level.value),
        )
        if workspace.root is None:  # an office on a server: which one
            title = fill(self.tr("%1 · server %2"), title, workspace.location)
        self.setWindowTitle(title)
        self.setWindowTitle(window_title_with_person(self.windowTitle(), workspace))
        self.setAcceptDrops(True)
        self.office_actions = OfficeActions(self, workspace)
        self.exports = ExportActions(self, self.service, self.runner)
        self.exports.decisions_exported.connect(self.decisions_exported)
        self.decisions = DecisionFlow(self)
        self.people = PeopleActions(self, workspace)  # who is signed in, staff, signing
        self._build()
        self.menus = ReviewMenus(self)
        self.people.apply_role()  # a reviewer: the head's actions disabled, saying why
        add_person_widgets(self, self.people)
        restore_or_fit(
            self, settings.geometry("review") if settings is not None else None, 1200, 760
        )
        self.refresh()
        # what colleagues import, decide or claim appears within seconds
        self.live_queue = LiveQueue(self)
        self.claims = ClaimActions(self)  # Review → Claim / Release

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
        self.table.doubleClicked.connect(lambda _i: self.decisions.open_detail())
        right.addWidget(self.table, 1)
        # deadlines reaching a year without a State Council holiday notice in the calendar
        self.calendar_note = plain_label()
        self.calendar_note.setObjectName("calendarNote")
        self.calendar_note.setWordWrap(True)
        self.calendar_note.hide()
        right.addWidget(self.calendar_note)
        self.model.rowsInserted.connect(lambda *_a: self._show_calendar_note())
        self.drop_hint = plain_label(
            self.tr("Drop bundles (.swdapp, .swdfwd) or folders here to import them.")
        )
        self.drop_hint.setWordWrap(True)
        right.addWidget(self.drop_hint)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            fill(self.tr("Office fingerprint: %1"), self.workspace.office.fingerprint_groups)
        )

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
        queue_filter = self.current_filter()
        try:
            self.model.set_filter(queue_filter)
            # the QR text of a certificate: say why it finds nothing, if it does not
            certificate = self.service.find_certificate(queue_filter.search)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The queue could not be loaded"))
            return
        self.filters.show_certificate(certificate)
        application_total = self.model.total
        self.count_label.setText(self.tr("%n application(s)", "", application_total))
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
            # once the window is up: the import's workers get ready while files are chosen
            QTimer.singleShot(0, self.service.prepare_import)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.settings is not None:
            self.settings.set_geometry("review", self.saveGeometry())
            self.settings.sync()
        self.runner.wait_for_idle(10000)
        self.workspace.close()
        super().closeEvent(event)
