"""Errors raised on a worker thread reach the user as a message box built on the GUI thread,
and the process survives: with the real thread pool, through the menu a person uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from ui_helpers import sample_draft

from swdesk.domain.errors import UserFixableError
from swdesk.services import calendar_export
from swdesk.services.workspace import Workspace
from swdesk.ui.feedback import explain_error
from swdesk.ui.main_window import MainWindow
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner
from swdesk.ui.texts import bug_text, error_text


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, QMessageBox.Icon, bool]]:
    """Every message box opened: (text, icon, built and opened on the GUI thread)."""
    opened: list[tuple[str, QMessageBox.Icon, bool]] = []
    real_open = QMessageBox.open

    def record(box: QMessageBox) -> None:
        app = QApplication.instance()
        on_gui = (
            app is not None
            and QThread.currentThread() is app.thread()
            and box.thread() is app.thread()
        )
        opened.append((box.text(), box.icon(), on_gui))
        real_open(box)

    monkeypatch.setattr(QMessageBox, "open", record)
    return opened


@pytest.fixture
def threaded_window(qtbot, workspace: Workspace, settings: UiSettings):  # type: ignore[no-untyped-def]
    window = MainWindow(workspace, settings, TaskRunner())  # the real thread pool
    qtbot.addWidget(window)
    window.show()
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    qtbot.waitUntil(lambda: window.record is not None and not window.runner.busy)
    return window


def answer_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


def export_reminders(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Profile → Export reminders, then wait until its task has ended."""
    with qtbot.waitSignal(
        window.runner.busy_changed, timeout=30000, check_params_cb=lambda busy: not busy
    ):
        window.menus.export_action.trigger()


def test_a_fixable_error_on_a_worker_is_explained_on_the_gui_thread(
    qtbot,
    threaded_window: MainWindow,
    boxes,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    answer_save(monkeypatch, tmp_path / "stick-not-inserted" / "提醒.ics")
    export_reminders(qtbot, threaded_window)
    expected = error_text(
        UserFixableError("folder_missing", path=str(tmp_path / "stick-not-inserted"))
    )
    assert boxes == [(expected, QMessageBox.Icon.Warning, True)]
    assert threaded_window.isVisible()  # still here: nothing aborted


def test_a_bug_on_a_worker_is_logged_and_told_on_the_gui_thread(
    qtbot,
    threaded_window: MainWindow,
    boxes,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*_args: object) -> Path:
        raise RuntimeError("a bug in the calendar export")

    monkeypatch.setattr(calendar_export, "export_ics", broken)  # what the menu command runs
    answer_save(monkeypatch, tmp_path / "提醒.ics")
    export_reminders(qtbot, threaded_window)
    assert boxes == [(bug_text(), QMessageBox.Icon.Critical, True)]
    assert "a bug in the calendar export" in caplog.text  # the traceback went to the log
    # the window still works: the next export goes through
    monkeypatch.undo()
    answer_save(monkeypatch, tmp_path / "提醒.ics")
    export_reminders(qtbot, threaded_window)
    assert (tmp_path / "提醒.ics").is_file()
    assert len(boxes) == 1


def test_many_failing_tasks_in_a_row_leave_the_process_alive(
    qtbot,
    threaded_window: MainWindow,  # type: ignore[no-untyped-def]
    boxes,
) -> None:
    runner = threaded_window.runner
    failures: list[tuple[str, bool]] = []

    def fail(number: int) -> None:
        if number % 2:
            raise UserFixableError("disk_full", file=f"{number}.ics")
        raise KeyError(number)

    def failed(error: BaseException) -> None:
        app = QApplication.instance()
        failures.append((type(error).__name__, QThread.currentThread() is app.thread()))

    with qtbot.waitSignal(
        runner.busy_changed, timeout=30000, check_params_cb=lambda busy: not busy
    ):
        for number in range(40):
            runner.submit(lambda n=number: fail(n), lambda _r: None, failed)
    assert sorted(failures) == sorted([("UserFixableError", True)] * 20 + [("KeyError", True)] * 20)


def test_a_message_asked_for_on_a_worker_is_shown_by_the_gui_thread(
    qtbot,
    threaded_window: MainWindow,
    boxes,  # type: ignore[no-untyped-def]
) -> None:
    """Code that wrongly explains an error while still on the worker builds no widget there."""
    runner = threaded_window.runner
    returned: list[object] = []

    def explain_on_the_worker() -> None:
        returned.append(explain_error(threaded_window, UserFixableError("disk_full"), "Not saved"))

    with qtbot.waitSignal(
        runner.busy_changed, timeout=30000, check_params_cb=lambda busy: not busy
    ):
        runner.submit(explain_on_the_worker, lambda _r: None, lambda _e: None)
    assert returned == [None]
    qtbot.waitUntil(lambda: len(boxes) == 1)
    assert boxes == [(error_text(UserFixableError("disk_full")), QMessageBox.Icon.Warning, True)]


def test_a_window_with_its_own_runner_closes_after_a_failed_task(qtbot, boxes) -> None:  # type: ignore[no-untyped-def]
    """A window runs a task of its own that fails, explains it, and is then closed and
    destroyed (at the end of the test): nothing of the runner may be left to be deleted on
    a worker thread (Qt aborted the process there before)."""
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    qtbot.addWidget(owner)  # destroyed when the test ends
    owner.show()
    runner = TaskRunner(owner)

    def boom() -> None:
        raise RuntimeError("a bug")

    with qtbot.waitSignal(
        runner.busy_changed, timeout=30000, check_params_cb=lambda busy: not busy
    ):
        runner.submit(boom, lambda _r: None, lambda e: explain_error(owner, e, "Not saved"))
    assert boxes == [(bug_text(), QMessageBox.Icon.Critical, True)]


def test_emitting_from_python_leaves_true_alone() -> None:
    """PySide6 6.12.0's SignalInstance.emit returned its result without a reference, so
    every emission from Python took one from True, and after about a thousand the
    interpreter aborted freeing it ("bool_dealloc"). pyproject.toml leaves that release
    out; this fails on any PySide with the same flaw."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ping = Signal()
        flag = Signal(bool)

    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(300):
        emitter.ping.emit()
        emitter.flag.emit(False)
    assert sys.getrefcount(True) >= before  # the flaw would take 600


def test_many_tasks_leave_the_reference_count_of_true_as_it_was(qtbot) -> None:  # type: ignore[no-untyped-def]
    # a window polling every few seconds (the live queue) must not wear down True's
    # references. Each task's result is one emission from a pool thread, so the flaw would
    # cost 2,000 references here. Objects freed meanwhile give some back: pending deletions
    # of earlier tests are done and garbage collected before counting, and a loss of up to
    # a quarter of the flaw's is the rest of the process.
    import gc
    import sys

    from PySide6.QtCore import QCoreApplication, QEvent

    def settled() -> int:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()
        return sys.getrefcount(True)

    runner = TaskRunner()
    done: list[int] = []
    before = settled()
    with qtbot.waitSignal(runner.busy_changed, timeout=30000, check_params_cb=lambda b: not b):
        for number in range(2000):
            runner.submit(lambda n=number: n, done.append, lambda _e: None)
    qtbot.waitUntil(lambda: len(done) == 2000)
    assert settled() >= before - 500
