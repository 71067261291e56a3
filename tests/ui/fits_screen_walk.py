"""Open every top-level window and dialog of swdesk and measure it against the screen.

Run by tests/ui/test_ui_fits_screen.py in a subprocess, because QT_SCALE_FACTOR and the
offscreen screen's size (QT_QPA_PLATFORM=offscreen:configfile=...) must be set before the
QApplication exists:

    python fits_screen_walk.py WORK_FOLDER REPORT.json LANGUAGE

For each window it records the frame, the screen's available geometry and every visible
push button that is not inside a scrolled area (those scroll into view), and whether the
button lies wholly inside the window, inside every widget around it and inside the screen,
and each Alt+letter that two things in the window claim (then it reaches one, or neither).
A window that cannot be opened is recorded with its error instead.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QPushButton,
    QWidget,
)
from ui_helpers import mnemonic_clashes

TODAY = date(2026, 11, 28)
PASSWORD = "correct horse battery"


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def measure(window: QWidget) -> dict[str, Any]:
    for _ in range(3):
        QApplication.processEvents()
    screen = window.screen() or QApplication.primaryScreen()
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    inner = _global_rect(window)
    problems: list[str] = []
    if not area.contains(frame):
        problems.append(f"window {_rect(frame)} is not inside the screen {_rect(area)}")
    buttons = 0
    for button in window.findChildren(QPushButton):
        if not button.isVisibleTo(window) or button.window() is not window:
            continue
        ancestors = []
        parent = button.parentWidget()
        scrolled = False
        while parent is not None and parent is not window:
            if isinstance(parent.parentWidget(), QAbstractScrollArea):
                scrolled = True  # inside a scroll area's viewport: reachable by scrolling
                break
            ancestors.append(parent)
            parent = parent.parentWidget()
        if scrolled:
            continue
        buttons += 1
        rect = _global_rect(button)
        name = button.objectName() or button.text().replace("&", "")
        if not inner.contains(rect):
            problems.append(
                f"button {name!r} {_rect(rect)} is not inside the window {_rect(inner)}"
            )
        elif not area.contains(rect):
            problems.append(f"button {name!r} {_rect(rect)} is off the screen {_rect(area)}")
        else:
            clipped = next((a for a in ancestors if not _global_rect(a).contains(rect)), None)
            if clipped is not None:
                problems.append(
                    f"button {name!r} is cut off by "
                    f"{type(clipped).__name__} {clipped.objectName()!r}"
                )
    for letter, texts in sorted(mnemonic_clashes(window).items()):
        problems.append(f"Alt+{letter.upper()} is claimed by {texts}")
    return {"frame": _rect(frame), "screen": _rect(area), "buttons": buttons, "problems": problems}


class Walk:
    def __init__(self, work: Path, language: str) -> None:
        self.work = work
        self.language = language
        self.report: dict[str, Any] = {}
        self.keep: list[Any] = []

    def case(
        self, name: str, open_window: Callable[[], QWidget | None], close: bool = True
    ) -> QWidget | None:
        try:
            window = open_window()
            if window is None:
                raise RuntimeError("nothing was opened")
            window.show()
            self.report[name] = measure(window)
        except Exception as error:  # noqa: BLE001 - recorded for the test to show
            self.report[name] = {
                "error": "".join(traceback.format_exception_only(type(error), error)).strip(),
                "trace": traceback.format_exc(limit=6),
            }
            return None
        if close:
            self._close(window)
        return window

    def modal_case(self, name: str, trigger: Callable[[], Any]) -> None:
        """A dialog shown with exec(): measured while it is open, then cancelled."""

        def run() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                self.report[name] = {"error": "no modal dialog appeared"}
                return
            self.report[name] = measure(dialog)
            if isinstance(dialog, QDialog):
                dialog.done(0)

        QTimer.singleShot(50, run)
        try:
            trigger()
        except Exception as error:  # noqa: BLE001
            self.report.setdefault(name, {"error": repr(error)})

    @staticmethod
    def _close(window: QWidget) -> None:
        if isinstance(window, QDialog):
            window.done(0)
        else:
            window.hide()
        QApplication.processEvents()

    # -- the windows ---------------------------------------------------------------------
    def practitioner_windows(self) -> None:
        from swdesk.services.demo import populate_demo
        from swdesk.services.workspace import open_workspace
        from swdesk.ui.main_window import MainWindow
        from swdesk.ui.settings import UiSettings
        from swdesk.ui.tasks import TaskRunner

        empty = open_workspace(self.work / "empty", clock=lambda: TODAY)
        self.keep.append(empty)
        first = MainWindow(empty, UiSettings(self.work / "empty.ini"), TaskRunner(synchronous=True))
        first.start()
        self.case("main window: start page", lambda: first)

        def provider(issuing: bool) -> QWidget | None:
            first.start_page.provider_button.click()
            dialog = first.help_actions.provider_dialog
            if dialog is not None and issuing:
                dialog.pages.setCurrentWidget(dialog.issue_page)
            return dialog

        self.case("provider: set-up", lambda: provider(False))
        self.case("provider: issuing", lambda: provider(True))

        ws = open_workspace(self.work / "demo", clock=lambda: TODAY)
        self.keep.append(ws)
        for _ in populate_demo(ws.profiles, ws.activities, TODAY):
            pass
        window = MainWindow(ws, UiSettings(self.work / "demo.ini"), TaskRunner(synchronous=True))
        self.keep.append(window)
        window.show()
        window.start()
        window.show_chooser()
        self.case("main window: profile chooser", lambda: window, close=False)
        pid = min(p.id for p in ws.profiles.list_profiles())
        window.show_profile(pid)
        window.tabs.setCurrentWidget(window.dashboard)
        self.case("main window: dashboard", lambda: window, close=False)
        window.tabs.setCurrentWidget(window.log_page)
        self.case("main window: training log", lambda: window, close=False)
        self._record_windows(ws, window, pid)

        self.case("profile editor: new", window.profile_actions.new_profile)
        self.case("profile editor: edit", window.profile_actions.edit_profile)
        self.case(
            "profile editor: refused save",
            lambda: self._refused_save(window.profile_actions.new_profile()),
        )
        self.case("activity dialog: add", window.add_activity)
        self.case(
            "activity dialog: refused save", lambda: self._refused_save(window.add_activity())
        )
        window.log_page.table.selectRow(0)
        self.case("activity dialog: edit", window.log_page.edit_selected)
        self.modal_case("PIN dialog", window.menus.pin_action.trigger)
        self.case("about", window.help_actions.show_about)
        self.case("user guide", window.help_actions.show_guide)

        from swdesk.ui.wizard import STEPS

        wizard = window.application_actions.open_wizard()
        for step in STEPS:

            def at_step(step: str = step) -> QWidget | None:
                assert wizard is not None
                wizard.go_to(step)
                return wizard

            self.case(f"wizard: {step}", at_step, close=False)
        if wizard is not None:
            wizard.close()

        from swdesk.database.errors import DatabaseCorrupt
        from swdesk.ui.damaged_database import DamagedDatabaseDialog

        self.case(
            "damaged database",
            lambda: DamagedDatabaseDialog(
                DatabaseCorrupt(self.work / "demo" / "swdesk.sqlite"), None, window
            ),
        )
        self.exported = self._export_bundle(ws, pid)

    def _record_windows(self, ws: Any, window: Any, pid: int) -> None:
        """A provider's signed record imported (the report), and its locked activity."""
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the samples
        from attendance_samples import course_record, provider, signed, trust_naming

        trust = self.work / "province.swdtrust"
        trust.write_bytes(trust_naming(provider()))
        ws.decisions.import_trust_file(trust)
        id_number = ws.profiles.get_record(pid).practitioner.id_number
        folder = self.work / "records"
        folder.mkdir()
        title = "社会工作伦理与督导培训：儿童保护个案中的知情同意、保密例外与转介流程"
        (folder / "伦理培训-张晓梅.swdce").write_bytes(
            signed(course_record(id_number, title=title))
        )
        (folder / "另一位学员.swdce").write_bytes(signed(course_record("62080219900101001X")))

        def report() -> QWidget | None:
            window.record_actions.import_paths([folder])
            return window.record_actions.report

        self.case("records: import report", report)
        model = window.log_page.model
        row = next(r for r in range(model.rowCount()) if model.activity_at(r).attestation)
        window.log_page.table.selectRow(row)
        self.case("activity dialog: verified record", window.log_page.edit_selected)

    @staticmethod
    def _refused_save(dialog: Any) -> QWidget:
        """Save clicked on an empty form: every field shows its error (the form grows)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QDialogButtonBox

        dialog.show()
        QApplication.processEvents()
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        assert dialog.isVisible(), "the empty form was saved"
        return dialog

    def _export_bundle(self, ws: Any, pid: int) -> Path:
        draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
        target = self.work / "usb" / "application.swdapp"
        target.parent.mkdir(parents=True, exist_ok=True)
        ws.applications.export(draft, target)
        return target

    def reviewer_windows(self) -> None:
        from swdesk.services.review import DecisionOutcome, init_review_workspace
        from swdesk.signing import ReviewLevel
        from swdesk.ui.review.login import OfficeSetupDialog, ReviewPasswordDialog
        from swdesk.ui.review.window import ReviewWindow
        from swdesk.ui.tasks import TaskRunner

        self.case("reviewer: office set-up", lambda: OfficeSetupDialog(self.work / "new"))
        root = self.work / "review"
        ws = init_review_workspace(
            root,
            office_name="平凉市民政局",
            region="620800",
            level=ReviewLevel.CITY,
            rule_pack_id="gansu",
            password=PASSWORD,
            clock=lambda: TODAY,
        )
        self.keep.append(ws)
        self.case("reviewer: password", lambda: ReviewPasswordDialog(self.work / "review"))
        window = ReviewWindow(ws, None, TaskRunner(synchronous=True))
        self.keep.append(window)
        window.show()
        window.import_paths([self.exported])
        self.case("reviewer: import report", lambda: window.report_dialog)
        self.case("reviewer: queue", lambda: window, close=False)
        window.table.selectRow(0)
        self.case("reviewer: detail", window.decisions.open_detail)
        window.table.selectRow(0)
        self.case(
            "reviewer: decision", lambda: window.decisions.decide_selected(DecisionOutcome.APPROVED)
        )
        self.case("reviewer: staff", window.people.show_staff)
        self.case("reviewer: sign decisions", window.people.show_signing)
        self.case("reviewer: change my password", window.people.change_password)


def main() -> int:
    work, out, language = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    app = QApplication([])
    from swdesk.ui.fonts import register_cjk_font
    from swdesk.ui.i18n import install_language

    register_cjk_font(app)
    install_language(app, language)
    walk = Walk(work, language)
    walk.practitioner_windows()
    walk.reviewer_windows()
    screen = app.primaryScreen()
    out.write_text(
        json.dumps(
            {
                "scale": screen.devicePixelRatio(),
                "screen": _rect(screen.geometry()),
                "available": _rect(screen.availableGeometry()),
                "cases": walk.report,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
