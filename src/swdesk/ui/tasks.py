"""Running work off the GUI thread and handing the result back to it.

`TaskRunner.submit(fn, on_done, on_error)` runs `fn` on a QThreadPool; the callbacks run on
the GUI thread. Tests may build a synchronous runner (the Picard habit) for determinism.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _JobSignals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _JobSignals) -> None:
        super().__init__()
        self._fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # handed to the GUI thread, which decides
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


class _Delivery(QObject):
    """Lives on the GUI thread; its slots run the callbacks there."""

    def __init__(self, runner: TaskRunner, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        super().__init__(runner)
        self._runner = runner
        self._on_done = on_done
        self._on_error = on_error

    @Slot(object)
    def deliver_result(self, result: object) -> None:
        try:
            self._on_done(result)
        finally:
            self._finish()

    @Slot(object)
    def deliver_error(self, error: object) -> None:
        try:
            self._on_error(error)  # type: ignore[arg-type]
        finally:
            self._finish()

    def _finish(self) -> None:
        self._runner._finished(self)


class TaskRunner(QObject):
    """Submits callables to a thread pool (or runs them inline when synchronous)."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, synchronous: bool = False) -> None:
        super().__init__(parent)
        self._pool = QThreadPool.globalInstance()
        self._synchronous = synchronous
        self._pending: set[_Delivery] = set()
        self._signals: dict[_Delivery, _JobSignals] = {}

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        delivery = _Delivery(self, on_done, on_error)
        was_busy = self.busy
        self._pending.add(delivery)
        if not was_busy:
            self.busy_changed.emit(True)
        if self._synchronous:
            try:
                result = fn()
            except BaseException as error:
                delivery.deliver_error(error)
            else:
                delivery.deliver_result(result)
            return
        signals = _JobSignals()
        signals.done.connect(delivery.deliver_result)
        signals.failed.connect(delivery.deliver_error)
        self._signals[delivery] = signals
        self._pool.start(_Job(fn, signals))

    def wait_for_idle(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _finished(self, delivery: _Delivery) -> None:
        self._pending.discard(delivery)
        self._signals.pop(delivery, None)
        delivery.deleteLater()
        if not self._pending:
            self.busy_changed.emit(False)
