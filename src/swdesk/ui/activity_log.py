"""The continuing-education log page: filter by cycle, table, totals, add/edit/delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.counting import Cycle, cycles_of, hours_by_area, hours_by_type
from swdesk.domain.models import Activity, PractitionerRecord

from .activity_model import ActivityTableModel
from .feedback import explain_error
from .plain_text import as_plain, plain_label
from .tasks import TaskRunner
from .texts import activity_type_label, content_area_label, fill, fmt_date, fmt_hours

if TYPE_CHECKING:  # the services load after the first screen
    from swdesk.services.activities import ActivityService

    from .activity_dialog import ActivityDialog


class ActivityLogPage(QWidget):
    """Emits `activities_changed` after any add, edit or delete."""

    activities_changed = Signal()

    def __init__(
        self,
        service: ActivityService,
        runner: TaskRunner,
        clock: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._clock = clock
        self._practitioner_id: int | None = None
        self._rulepack_id: str | None = None
        self._cycles: list[Cycle] = []
        self.read_only = False
        self.setObjectName("activityLogPage")
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.cycle_label = plain_label(self.tr("&Cycle:"))
        self.cycle_combo = QComboBox()
        self.cycle_combo.setObjectName("cycleFilter")
        self.cycle_combo.setAccessibleName(self.tr("Registration cycle"))
        self.cycle_label.setBuddy(self.cycle_combo)
        self.cycle_combo.currentIndexChanged.connect(self._on_cycle_combo_changed)
        top.addWidget(self.cycle_label)
        top.addWidget(self.cycle_combo, 1)
        self.add_button = QPushButton(self.tr("&Add training…"))
        self.add_button.setObjectName("addActivity")
        self.add_button.clicked.connect(self.add_activity)
        self.edit_button = QPushButton(self.tr("Ed&it…"))
        self.edit_button.setObjectName("editActivity")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Dele&te"))
        self.delete_button.setObjectName("deleteActivity")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        layout.addLayout(top)

        self.model = ActivityTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("activityTable")
        self.table.setAccessibleName(self.tr("Continuing-education activities"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        totals = QHBoxLayout()
        self.type_box = QGroupBox(self.tr("Hours by type"))
        self.type_form = QFormLayout(self.type_box)
        self.area_box = QGroupBox(self.tr("Hours by content area"))
        self.area_form = QFormLayout(self.area_box)
        totals.addWidget(self.type_box, 1)
        totals.addWidget(self.area_box, 1)
        layout.addLayout(totals)
        self.total_label = plain_label()
        self.total_label.setObjectName("logTotal")
        layout.addWidget(self.total_label)
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------
    def show_practitioner(self, record: PractitionerRecord) -> None:
        self._practitioner_id = record.practitioner.id
        self._rulepack_id = record.practitioner.rulepack_id
        self._cycles = list(cycles_of(record))  # newest first
        self.cycle_combo.blockSignals(True)
        self.cycle_combo.clear()
        for i, cycle in enumerate(self._cycles):
            label = f"{fmt_date(cycle.start)} – {fmt_date(cycle.end)}"
            if i == 0:
                label = fill(self.tr("%1 (current)"), label)
            self.cycle_combo.addItem(label, i)
        self.cycle_combo.addItem(self.tr("All records"), -1)
        self.cycle_combo.setCurrentIndex(0)
        self.cycle_combo.blockSignals(False)
        self.reload()

    def selected_cycle(self) -> Cycle | None:
        index: int | None = self.cycle_combo.currentData()
        if index is None or index < 0:
            return None
        return self._cycles[index]

    def reload(self) -> None:
        pid = self._practitioner_id
        if pid is None:
            return
        cycle = self.selected_cycle()
        self._runner.submit(
            lambda: self._service.list_activities(pid, cycle), self._on_loaded, self._on_load_failed
        )

    def _on_loaded(self, activities: list[Activity]) -> None:
        self.model.set_activities(activities)
        self._show_totals(activities)
        self._update_buttons()

    def _on_load_failed(self, error: BaseException) -> None:
        explain_error(self, error, self.tr("The training log could not be loaded"))

    def _show_totals(self, activities: list[Activity]) -> None:
        for form in (self.type_form, self.area_form):
            while form.rowCount():
                form.removeRow(0)
        for kind, hours in hours_by_type(activities).items():
            self.type_form.addRow(activity_type_label(kind), plain_label(fmt_hours(hours)))
        for area, hours in hours_by_area(activities).items():
            self.area_form.addRow(content_area_label(area), plain_label(fmt_hours(hours)))
        total = sum((a.hours for a in activities), Decimal(0))
        text = (
            self.tr("One activity, %2 hours in total")
            if len(activities) == 1
            else self.tr("%1 activities, %2 hours in total")
        )
        verified = sum((a.hours for a in activities if a.verified), Decimal(0))
        split = fill(
            self.tr("verified by provider signature: %1 hours, self-reported: %2 hours"),
            fmt_hours(verified),
            fmt_hours(total - verified),
        )
        self.total_label.setText(
            fill(self.tr("%1 (%2)"), fill(text, len(activities), fmt_hours(total)), split)
        )

    # -- acting --------------------------------------------------------------------------
    def _on_cycle_combo_changed(self, _index: int) -> None:
        self.reload()

    def _update_buttons(self) -> None:
        has = self.current_activity() is not None and not self.read_only
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.add_button.setEnabled(self._practitioner_id is not None and not self.read_only)

    def current_activity(self) -> Activity | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.activity_at(index.row())

    def _open_dialog(self, activity: Activity | None) -> ActivityDialog:
        from .activity_dialog import ActivityDialog  # loaded with the first dialog

        assert self._practitioner_id is not None
        dialog = ActivityDialog(
            self._service,
            self._runner,
            self._practitioner_id,
            self._clock(),
            activity,
            self,
            rulepack_id=self._rulepack_id,
        )
        dialog.activity_saved.connect(self._on_dialog_activity_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def add_activity(self) -> ActivityDialog | None:
        if self._practitioner_id is None:
            return None
        return self._open_dialog(None)

    def edit_selected(self) -> ActivityDialog | None:
        activity = self.current_activity()
        return self._open_dialog(activity) if activity else None

    def delete_selected(self) -> None:
        activity = self.current_activity()
        if activity is None or activity.id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete training"),
            as_plain(
                fill(
                    self.tr('Delete "%1" and its evidence files? This cannot be undone.'),
                    activity.title,
                )
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        activity_id = activity.id
        self._runner.submit(
            lambda: self._service.delete_activity(activity_id),
            lambda _r: self._on_dialog_activity_saved(activity_id),
            lambda e: explain_error(self, e, self.tr("Nothing was deleted")),
        )

    def _on_dialog_activity_saved(self, _activity_id: int) -> None:
        self.reload()
        self.activities_changed.emit()
