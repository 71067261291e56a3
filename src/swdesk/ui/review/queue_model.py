"""The reviewer's queue as a lazily loaded table model: pages come from SQL as the view
scrolls (canFetchMore/fetchMore), filters and sorting are SQL too — 100,000 applications
never enter Python at once. An application awaiting review whose ID number another one
awaiting review also carries is marked ※ (red, with a tooltip) in the ID number column.
The last column names who claimed the application (works on it). `fresh_query` and
`show_rows` let the live queue (`live_queue.LiveQueue`) read the rows again on a worker and
put them in place on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from ..texts import (
    calendar_unknown_text,
    fill,
    fmt_date,
    fmt_hours,
    level_label,
    review_state_label,
)
from ..theme import error_color
from .people import awaiting_signature_label

if TYPE_CHECKING:  # loaded with the reviewer's workspace
    from swdesk.services.review import QueueFilter, QueueRow, ReviewService

Index = QModelIndex | QPersistentModelIndex
PAGE = 200


class QueueModel(QAbstractTableModel):
    """Columns map to the service's sort keys; `service` is a ReviewService."""

    COLUMNS = (
        "applicant_name",
        "masked_id_number",
        "county_name",
        "certificate_level",
        "state",
        "is_late",
        "received_at",
        "waiting_working_days",
        "hours_counted",
        "claimed_by",
    )

    def __init__(self, service: ReviewService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._filter: QueueFilter | None = None
        self._sort_key = "received_at"
        self._ascending = True
        self._rows: list[QueueRow] = []
        self._total = 0
        self._generation = 0  # raised by every reload: a fresher read replaces an older

    # -- querying ------------------------------------------------------------------------
    def set_filter(self, queue_filter: QueueFilter) -> None:
        self._filter = queue_filter
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._total = self._service.queue_count(self._filter)
        self._rows = self._service.queue_page(
            self._filter, self._sort_key, self._ascending, 0, PAGE
        )
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def fresh_query(self) -> Callable[[], tuple[int, int, list[QueueRow]]]:
        """A read of what the queue shows now (filter, order, as many rows as are loaded,
        at least a page), to run on a worker: (generation, total, rows) for `show_rows`."""
        service, generation = self._service, self._generation
        queue_filter, key, ascending = self._filter, self._sort_key, self._ascending
        limit = max(PAGE, len(self._rows))

        def query() -> tuple[int, int, list[QueueRow]]:
            total = service.queue_count(queue_filter)
            return generation, total, service.queue_page(queue_filter, key, ascending, 0, limit)

        return query

    def show_rows(self, generation: int, total: int, rows: list[QueueRow]) -> bool:
        """Put rows read by `fresh_query` in place; False (nothing done) when the queue was
        reloaded since that read began, or shows the same rows already."""
        if generation != self._generation or (total, rows) == (self._total, self._rows):
            return False
        self.beginResetModel()
        self._total, self._rows = total, list(rows)
        self.endResetModel()
        return True

    def update_row(self, fresh: QueueRow) -> None:
        """Show `fresh` (read just now, e.g. by the detail view) in place of the loaded row
        of the same application, if loaded."""
        for number, row in enumerate(self._rows):
            if row.id == fresh.id:
                self._rows[number] = fresh
                self.dataChanged.emit(
                    self.index(number, 0),
                    self.index(number, len(self.COLUMNS) - 1),
                )
                return

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        more = self._service.queue_page(
            self._filter, self._sort_key, self._ascending, len(self._rows), PAGE
        )
        if not more:
            self._total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column]
        self._sort_key = {"masked_id_number": "id_number", "county_name": "county"}.get(key, key)
        self._ascending = order == Qt.SortOrder.AscendingOrder
        self.reload()

    def unknown_calendar_years(self) -> tuple[int, ...]:
        """Years no holiday notice covers among the loaded rows' review periods."""
        return tuple(sorted({y for r in self._rows for y in r.calendar_unknown_years}))

    def deadline_tooltip(self, row: QueueRow) -> str:
        lines = []
        if row.deadline_on is not None:
            lines.append(fill(self.tr("Review deadline: %1"), fmt_date(row.deadline_on)))
        if row.overdue:
            lines.append(self.tr("Past the review deadline"))
        if row.calendar_unknown_years:
            lines.append(calendar_unknown_text(row.calendar_unknown_years))
        return "\n".join(lines)

    def row_at(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Applicant"),
            self.tr("ID number"),
            self.tr("County"),
            self.tr("Certificate"),
            self.tr("State"),
            self.tr("Late"),
            self.tr("Received"),
            self.tr("Waited / allowed (working days)"),
            self.tr("Hours"),
            self.tr("Claimed by"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "certificate_level":
                try:
                    from swdesk.domain.enums import CertificateLevel

                    return level_label(CertificateLevel(row.certificate_level))
                except ValueError:
                    return str(row.certificate_level)
            if column == "state":
                if row.pending_by:  # 待签发: a reviewer decided, the head has not signed
                    return awaiting_signature_label(row.pending_by_name or row.pending_by)
                return review_state_label(row.state.value)
            if column == "is_late":
                return self.tr("late") if row.is_late else ""
            if column == "received_at":
                return fmt_date(row.received_at.date())
            if column == "waiting_working_days":
                mark = " *" if row.calendar_unknown_years else ""
                return f"{row.waiting_working_days} / {row.deadline_working_days}{mark}"
            if column == "hours_counted":
                return f"{fmt_hours(row.hours_counted)} / {fmt_hours(row.hours_required)}"
            if column == "masked_id_number" and row.shares_id_number:
                return f"{row.masked_id_number} ※"
            if column == "claimed_by":
                return row.claimed_by_name or row.claimed_by
            return str(getattr(row, column))
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == "masked_id_number"
            and row.shares_id_number
        ):
            return QBrush(error_color())
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and column == "masked_id_number"
            and row.shares_id_number
        ):
            return self.tr("Another application awaiting review has the same ID number")
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and row.overdue
            and column == "waiting_working_days"
        ):
            return QBrush(error_color())
        if role == Qt.ItemDataRole.FontRole and row.overdue:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == "waiting_working_days":
            return self.deadline_tooltip(row)
        if role == Qt.ItemDataRole.ToolTipRole and row.overdue:
            return self.tr("Past the review deadline")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
