"""Profile → Export reminders to calendar (.ics) and the dashboard's export button: the
open profile's key dates as calendar entries, written on the worker thread pool."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from .feedback import explain_error
from .file_names import in_documents, suggested_name
from .texts import fill, fmt_hours, key_date_label, next_action_text

if TYPE_CHECKING:
    from swdesk.services.calendar_export import CalendarEntry

    from .main_window import MainWindow


class CalendarActions(QObject):
    """The calendar export of `window` (its current profile's status)."""

    reminders_exported = Signal(object)  # the .ics Path written

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def calendar_entries(self) -> list[CalendarEntry]:
        from swdesk.services.calendar_export import CalendarEntry  # when the menu is used

        status = self.window.status
        if status is None:
            return []
        advice = next_action_text(status)
        entries = []
        for key_date in status.key_dates:
            summary = fill(self.tr("swdesk: %1"), key_date_label(key_date.code))
            description = (
                fill(
                    self.tr("Hours: %1 of %2. %3"),
                    fmt_hours(status.counted_hours),
                    fmt_hours(status.required_hours),
                    advice,
                )
                if status.cycle is not None
                else advice
            )  # no hours before
            # a first registration
            entries.append(CalendarEntry(key_date.code, key_date.date, summary, description))
        return entries

    def export_reminders(self, path: Path | None = None) -> None:
        """A save dialog (unless `path`), then the .ics file and a status-bar message."""
        window = self.window
        entries = self.calendar_entries()
        if not entries or window.current_id is None:
            return
        if path is None:
            who = window.record.practitioner.name if window.record is not None else ""
            name = suggested_name([who, self.tr("reminders")], window.workspace.clock(), ".ics")
            chosen, _ = QFileDialog.getSaveFileName(
                window,
                self.tr("Export reminders"),
                in_documents(name),
                self.tr("Calendar files (*.ics)"),
            )
            if not chosen:
                return
            path = Path(chosen)
            if path.suffix.lower() != ".ics":
                path = path.with_suffix(".ics")
        from swdesk.services.calendar_export import export_ics

        owner = f"profile{window.current_id}"
        target = path
        window.runner.submit(
            lambda: export_ics(target, entries, owner),
            self._on_reminders_exported,
            lambda e: explain_error(window, e, self.tr("The reminders were not saved")),
        )

    def _on_reminders_exported(self, written: Path) -> None:
        self.window.statusBar().showMessage(
            fill(self.tr("Reminders saved to %1"), str(written)), 10000
        )
        self.reminders_exported.emit(written)
