"""Running work off the GUI thread and handing the result back to it.

`TaskRunner.submit(fn, on_done, on_error)` runs `fn` on a QThreadPool; `on_done(result)` or
`on_error(exception)` then runs on the GUI thread, whatever `fn` raised (a
`UserFixableError`, a bug, even a `BaseException`): no callback ever runs on a worker
thread, so none can build a widget there (Qt aborts the process when one does).

Every outcome travels through one `_Relay`, a QObject created on the GUI thread and kept
for the application's lifetime: a worker emits its signal, Qt queues it to the GUI thread,
and the relay calls the callbacks there. Workers never own or delete a QObject (a QObject
deleted on another thread than its own is what made Qt abort before). `call_on_gui_thread`
uses the same relay for code that finds itself off the GUI thread (`feedback.explain_error`).
Tests may build a synchronous runner (the Picard habit) for determinism; its callbacks run
at once when submitted from the GUI thread, and through the relay otherwise.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)


def on_gui_thread() -> bool:
    """Whether the caller runs on the application's (GUI) thread."""
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


@dataclass
class _Pending:
    runner: TaskRunner
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], object]  # what it returns (e.g. a message box) is unused


class _Relay(QObject):
    """Lives on the GUI thread; its queued slots run the callbacks there."""

    finished = Signal(int, bool, object)  # job id, succeeded, result or exception
    call = Signal(object)  # a callable to run on the GUI thread

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def register(self, pending: _Pending) -> int:
        with self._lock:
            job_id = next(self._ids)
            self._pending[job_id] = pending
        return job_id

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, succeeded: bool, outcome: object) -> None:
        with self._lock:
            pending = self._pending.pop(job_id, None)
        if pending is None:
            return
        if not shiboken6.isValid(pending.runner):  # its window was closed meanwhile
            log.info("a task ended after its window was closed")
            return
        try:
            if succeeded:
                try:
                    pending.on_done(outcome)
                except Exception as error:  # noqa: BLE001 - a bug in the callback: told too
                    log.error("a task's result could not be shown", exc_info=error)
                    pending.on_error(error)
            else:
                assert isinstance(outcome, BaseException)
                pending.on_error(outcome)
        except Exception as error:  # noqa: BLE001 - never let a callback's bug escape Qt
            log.error("a task's callback failed", exc_info=error)
        finally:
            pending.runner._finished()

    @Slot(object)
    def _run(self, fn: Callable[[], object]) -> None:
        try:
            fn()
        except Exception as error:  # noqa: BLE001
            log.error("work handed to the GUI thread failed", exc_info=error)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    """The relay, created on the GUI thread the first time (a runner is built there)."""
    global _relay
    if _relay is None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("no QApplication: tasks need one")
        relay = _Relay()
        if relay.thread() is not app.thread():
            relay.moveToThread(app.thread())
        _relay = relay
    return _relay


def call_on_gui_thread(fn: Callable[[], object]) -> None:
    """Run `fn` on the GUI thread: now when called there, else as soon as it is idle."""
    if on_gui_thread():
        fn()
    else:
        _the_relay().call.emit(fn)


class _Job(QRunnable):
    """Runs `fn` on a pool thread and emits the outcome on the relay; owns no QObject."""

    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._job_id = job_id
        self._fn: Callable[[], Any] | None = fn
        self._relay = relay

    def run(self) -> None:
        fn, self._fn = self._fn, None
        assert fn is not None
        try:
            result = fn()
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, which decides
            self._relay.finished.emit(self._job_id, False, error)
        else:
            self._relay.finished.emit(self._job_id, True, result)


class TaskRunner(QObject):
    """Submits callables to a thread pool (or runs them inline when synchronous)."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, synchronous: bool = False) -> None:
        super().__init__(parent)
        self._pool = QThreadPool.globalInstance()
        self._synchronous = synchronous
        self._relay = _the_relay()
        self._count = 0

    @property
    def busy(self) -> bool:
        return self._count > 0

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], object],
    ) -> None:
        """Run `fn`; then `on_done(result)` or `on_error(exception)` on the GUI thread."""
        self._started()
        job_id = self._relay.register(_Pending(self, on_done, on_error))
        if not self._synchronous:
            self._pool.start(_Job(job_id, fn, self._relay))
            return
        try:
            result = fn()
        except BaseException as error:  # noqa: BLE001 - delivered like a pool job's
            outcome, succeeded = error, False
        else:
            outcome, succeeded = result, True
        if on_gui_thread():
            self._relay._deliver(job_id, succeeded, outcome)
        else:
            self._relay.finished.emit(job_id, succeeded, outcome)

    def wait_for_idle(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _started(self) -> None:
        if self._count == 0:
            self._emit_busy(True)
        self._count += 1

    def _finished(self) -> None:
        self._count = max(0, self._count - 1)
        if self._count == 0:
            self._emit_busy(False)

    def _emit_busy(self, busy: bool) -> None:
        with contextlib.suppress(RuntimeError):  # the runner's window is gone; nobody listens
            self.busy_changed.emit(busy)
