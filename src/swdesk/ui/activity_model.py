"""Table model of continuing-education activities (tested without a window)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from swdesk.domain.models import Activity

from .plain_text import as_plain
from .texts import (
    activity_type_label,
    attestation_text,
    content_area_label,
    fmt_date,
    fmt_hours,
    source_label,
)

Index = QModelIndex | QPersistentModelIndex


class ActivityTableModel(QAbstractTableModel):
    COLUMNS = (
        "title",
        "organiser",
        "type",
        "area",
        "start",
        "end",
        "hours",
        "source",
        "evidence",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Activity] = []

    def set_activities(self, activities: Sequence[Activity]) -> None:
        self.beginResetModel()
        self._rows = list(activities)
        self.endResetModel()

    def activity_at(self, row: int) -> Activity | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Title"),
            self.tr("Organiser"),
            self.tr("Type"),
            self.tr("Content area"),
            self.tr("Start"),
            self.tr("End"),
            self.tr("Hours"),
            self.tr("Source"),
            self.tr("Evidence"),
        )
        return headers[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        activity = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "title": activity.title,
                "organiser": activity.organiser,
                "type": activity_type_label(activity.activity_type),
                "area": content_area_label(activity.content_area),
                "start": fmt_date(activity.start_date),
                "end": fmt_date(activity.end_date),
                "hours": fmt_hours(activity.hours),
                "source": source_label(activity),
                "evidence": str(len(activity.evidence)) if activity.evidence else self.tr("none"),
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("hours", "evidence"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            return as_plain(activity.reflection_learnt) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == "source":
            return as_plain(attestation_text(activity))
        if role == Qt.ItemDataRole.UserRole:
            return activity.id
        return None
