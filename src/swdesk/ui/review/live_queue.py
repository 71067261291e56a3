"""The live queue: what colleagues import, decide or claim appears in the open reviewer
window within seconds, on both engines.

Every `POLL_MS` a worker of the thread pool asks the service for its change marker
(`ReviewService.change_marker`: the newest audit entry recording a change, one index read);
only when it moved does the worker read the queue again, as shown (filter, order, as many
rows as are loaded), and the count of applications sharing an ID number. Back on the GUI
thread the rows are put in place keeping the selected applications, the current one and
the scroll position; nothing happens when they are the rows shown already (the window's
own import or decision reloaded them). The GUI thread never waits for the database here.

A database that stops answering (a server out of reach) shows one quiet note in the status
bar and the polling goes on; the note goes when it answers again. No dialog: the next
action the reviewer takes reports any lasting failure in its own words.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QTimer,
)

from swdesk.services.review import QueueFilter

from ..plain_text import plain_label
from ..tasks import TaskRunner

if TYPE_CHECKING:
    from .window import ReviewWindow

log = logging.getLogger(__name__)

POLL_MS = 3000


class LiveQueue(QObject):
    """Polls the office for changes and reloads the window's queue (a child of the
    window; stops when the window closes)."""

    def __init__(self, window: ReviewWindow, interval_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.marker: int | None = None  # the change marker the queue shown reflects
        self.reloads = 0  # how many times colleagues' changes were put in place
        self._polling = False
        self._closed = False
        # its own runner: the window's busy state is for the reviewer's own work
        self._runner = TaskRunner(self)
        self.note = plain_label()
        self.note.setObjectName("liveQueueNote")
        self.note.hide()
        window.statusBar().addPermanentWidget(self.note)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        window.installEventFilter(self)
        self.timer.start()
        self.poll()  # learns the marker the queue just loaded reflects

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def stop(self) -> None:
        self._closed = True
        self.timer.stop()

    def poll(self) -> None:
        """Ask, on a worker, whether anything changed; reload the queue if it did."""
        if self._polling or self._closed:
            return
        self._polling = True
        service = self.window.service
        query = self.window.model.fresh_query()  # what is shown, captured here
        known = self.marker

        def work() -> tuple[int, Any, int | None]:
            marker = service.change_marker()
            if known is None or marker == known:
                return marker, None, None
            shared = service.queue_count(QueueFilter(shared_id_only=True))
            return marker, query(), shared

        self._runner.submit(work, self._polled, self._failed)

    def _polled(self, outcome: tuple[int, Any, int | None]) -> None:
        self._polling = False
        if self._closed:
            return
        marker, fresh, shared = outcome
        self.marker = marker
        if self.note.isVisible():
            self.note.hide()
        if fresh is not None:
            self._show(*fresh)
        if shared is not None:
            self.window.shared_id_banner.set_count(shared)

    def _failed(self, error: BaseException) -> None:
        self._polling = False
        if self._closed:
            return
        if not self.note.isVisible():
            log.warning("the live queue could not ask for changes: %s", type(error).__name__)
        self.note.setText(self.tr("Not reaching the office database; trying again…"))
        self.note.show()

    def _show(self, generation: int, total: int, rows: list[Any]) -> None:
        """Put fresh rows in place, keeping the selection, current row and scrolling."""
        window, model, table = self.window, self.window.model, self.window.table
        selected = set(window.selected_ids())
        current = model.row_at(table.currentIndex().row())
        column = max(table.currentIndex().column(), 0)
        vertical = table.verticalScrollBar().value()
        horizontal = table.horizontalScrollBar().value()
        if not model.show_rows(generation, total, rows):
            return
        self.reloads += 1
        selection = QItemSelection()
        last = model.columnCount() - 1
        for number, row in enumerate(rows):
            if row.id in selected:
                selection.select(model.index(number, 0), model.index(number, last))
        flags = QItemSelectionModel.SelectionFlag
        table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)
        if current is not None:
            for number, row in enumerate(rows):
                if row.id == current.id:
                    table.selectionModel().setCurrentIndex(
                        model.index(number, column), flags.NoUpdate
                    )
                    break
        table.verticalScrollBar().setValue(vertical)
        table.horizontalScrollBar().setValue(horizontal)
        window.count_label.setText(
            QCoreApplication.translate("ReviewWindow", "%n application(s)", "", total)
        )
