"""Reviewer mode through the real widgets: import with report, queue filters and search,
the detail view, deciding and exporting."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import TODAY

from folder_samples import FolderTemplates
from swdesk.services.demo import populate_demo
from swdesk.services.review import DecisionOutcome, init_review_workspace
from swdesk.services.workspace import open_workspace
from swdesk.signing import ReviewLevel
from swdesk.ui.review.window import ReviewWindow
from swdesk.ui.tasks import TaskRunner

PASSWORD = "correct horse battery"


def _export_two_versions(folder: Path) -> None:
    """usb/v1.swdapp and usb/v2.swdapp: version 1 and 2 of the demo's "window open"
    application (the practitioner folder they came from is not kept)."""
    (folder / "usb").mkdir()
    ws = open_workspace(folder / "practitioner", clock=lambda: TODAY)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, TODAY):
            pass
        pid = min(p.id for p in ws.profiles.list_profiles())
        # declared on the day the office receives it (the reviewer's clock is TODAY too)
        draft = replace(
            ws.applications.current_draft(pid),
            declaration_accepted=True,
            declaration_accepted_at=datetime.combine(TODAY, time(9, 30)),
        )
        first = ws.applications.export(draft, folder / "usb" / "v1.swdapp")
        second = ws.applications.save_draft(replace(first.application, post="督导"))
        ws.applications.export(second, folder / "usb" / "v2.swdapp")
    finally:
        ws.close()
    shutil.rmtree(folder / "practitioner")


@pytest.fixture(scope="module")
def bundles(
    folder_templates: FolderTemplates, tmp_path_factory: pytest.TempPathFactory
) -> list[Path]:
    """Version 1 and version 2 of the demo's "window open" application: exported once per
    session, copied for each test module using them."""
    folder = folder_templates.copy(
        "review-ui-two-versions", _export_two_versions, tmp_path_factory.mktemp("bundles") / "b"
    )
    return [folder / "usb" / "v1.swdapp", folder / "usb" / "v2.swdapp"]


def _city_window(qtbot, tmp_path: Path) -> ReviewWindow:  # type: ignore[no-untyped-def]
    """The window of a new city office, not shown yet."""
    ws = init_review_workspace(
        tmp_path / "review",
        office_name="平凉市民政局",
        region="620800",
        level=ReviewLevel.CITY,
        rule_pack_id="gansu",
        password=PASSWORD,
        clock=lambda: TODAY,
    )
    window = ReviewWindow(ws, None, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    return window


@pytest.fixture
def review_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    window = _city_window(qtbot, tmp_path)
    window.show()
    return window


def test_the_shown_window_gets_the_imports_workers_ready(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Once the window is up, the import's worker processes get ready (on Linux the fork
    server they come from starts importing the checking modules) while files are chosen."""
    from swdesk.services.review.service import ReviewService

    prepared: list[ReviewService] = []
    monkeypatch.setattr(ReviewService, "prepare_import", lambda self: prepared.append(self))
    window = _city_window(qtbot, tmp_path)
    assert prepared == []  # not before it is shown
    window.show()
    qtbot.waitUntil(lambda: prepared == [window.service], timeout=5000)
    window.hide()
    window.show()
    qtbot.wait(50)
    assert prepared == [window.service]  # once


def _dead_pid() -> int:
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_import_report_is_saved_by_the_shared_writer(
    qtbot,
    review_window,
    bundles,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
) -> None:
    """Save report… writes under a temporary name, sweeping the leftovers a writer that died
    left in that folder (a USB stick), and names a missing folder in words."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from swdesk.core.outfiles import temp_path
    from swdesk.domain.errors import UserFixableError
    from swdesk.ui.texts import error_text

    window = review_window
    window.import_paths(bundles)
    report = window.report_dialog
    stick = tmp_path / "stick"
    stick.mkdir()
    target = stick / "import-report.csv"
    mine = temp_path(target).name  # .import-report.csv.partial-<host>-<pid>-<random>
    host, _pid, rest = mine.rsplit(".partial-", 1)[1].split("-", 2)
    leftover = stick / f".import-report.csv.partial-{host}-{_dead_pid()}-{rest}"
    leftover.write_bytes(b"uid,name\n")
    chosen = [str(target)]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (chosen[0], "CSV (*.csv)"))
    )
    qtbot.mouseClick(report.save_button, Qt.MouseButton.LeftButton)
    assert "v1.swdapp" in target.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in stick.iterdir()) == ["import-report.csv"]

    gone = tmp_path / "pulled-out" / "import-report.csv"
    chosen[0] = str(gone)
    qtbot.mouseClick(report.save_button, Qt.MouseButton.LeftButton)
    boxes = [b for b in report.findChildren(QMessageBox) if b.isVisible()]
    expected = error_text(UserFixableError("folder_missing", path=str(gone.parent)))
    assert [b.text() for b in boxes] == [expected]
    assert not gone.parent.exists()
    for box in boxes:
        box.close()
    report.close()


def test_import_report_queue_detail_decide_export(
    qtbot,
    review_window,
    bundles,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    window = review_window
    junk = tmp_path / "not-a-bundle.swdapp"
    junk.write_bytes(b"PK\x03\x04 truncated")
    window.import_paths([*bundles, junk])
    counts = window.last_report.counts()
    assert (counts["imported"], counts["refused"]) == (2, 1)
    report = window.report_dialog
    assert report.table.rowCount() == 3
    refused_row = next(r for r in range(3) if report.table.item(r, 0).text() == junk.name)
    assert "not-a-bundle.swdapp" in report.table.item(refused_row, 2).text()
    report.save_to(tmp_path / "report.csv")
    assert "not-a-bundle.swdapp" in (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    report.close()

    # importing the same files again recognises them
    window.import_paths(bundles)
    assert window.last_report.counts()["duplicate"] == 2
    window.report_dialog.close()

    assert window.model.total == 1  # version 1 is superseded by version 2
    window.state_combo.setCurrentIndex(window.state_combo.findData("superseded"))
    assert window.model.total == 1
    window.state_combo.setCurrentIndex(0)
    window.search_edit.setText("张晓")
    window.apply_filters()
    assert window.model.total == 1
    window.search_edit.setText("不存在的人")
    window.apply_filters()
    assert window.model.total == 0
    window.search_edit.setText("")
    window.late_combo.setCurrentIndex(window.late_combo.findData(True))
    assert window.model.total == 0
    window.late_combo.setCurrentIndex(0)
    assert window.model.total == 1
    row = window.model.row_at(0)
    assert row.applicant_name == "张晓梅" and "*" in row.masked_id_number

    window.table.selectRow(0)
    detail = window.decisions.open_detail()
    assert detail is not None
    assert detail.checks_list.count() >= 7
    assert all(detail.checks_list.item(i).data(256) for i in range(detail.checks_list.count()))
    detail.tabs.setCurrentWidget(detail.form_preview)
    assert detail.form_preview.page_count >= 2
    assert row.masked_id_number in detail.summary.text()
    detail.reveal_button.click()
    assert "*" not in detail.summary.text().split("·")[1]
    detail.close()

    dialog = window.decisions.decide_selected(DecisionOutcome.APPROVED)
    assert dialog is not None
    dialog.buttons_box = dialog.findChild(QDialogButtonBox)
    dialog.buttons_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.model.row_at(0) is None or window.model.total == 1
    window.state_combo.setCurrentIndex(window.state_combo.findData("first_approved"))
    assert window.model.total == 1

    out = tmp_path / "out"
    out.mkdir()
    window.export_decisions(out)
    names = sorted(p.suffix for p in out.iterdir())
    assert names == [".swddec", ".swdfwd"]
    assert window.service.audit_verify().ok


def test_rejecting_needs_a_reason(qtbot, review_window, bundles) -> None:  # type: ignore[no-untyped-def]
    window = review_window
    window.import_paths(bundles[:1])
    window.report_dialog.close()
    window.table.selectRow(0)
    dialog = window.decisions.decide_selected(DecisionOutcome.REJECTED)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.isVisible() and dialog.error_label.text()
    dialog.reason_checks["hours_short"].setChecked(True)
    dialog.reason_comments["hours_short"].setText("网络学时超过上限")
    ok.click()
    assert not dialog.isVisible()
    window.state_combo.setCurrentIndex(window.state_combo.findData("first_rejected"))
    assert window.model.total == 1


FULL_ID = __import__("re").compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")


def every_shown_text(view) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text a table or list shows or speaks: cells, tooltips, accessible texts and
    headers (what a screenshot or a screen reader of the table would hold)."""
    from PySide6.QtCore import Qt

    model = view.model()
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
    texts = [
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    ]
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            texts += [
                str(model.data(index, role))
                for role in roles
                if model.data(index, role) is not None
            ]
    return texts


def test_no_table_shows_a_full_id_number(
    qtbot,
    review_window,
    bundles,
    window,  # type: ignore[no-untyped-def]
    workspace,
) -> None:
    review_window.import_paths(bundles)
    review_window.report_dialog.close()
    texts = every_shown_text(review_window.table)
    assert any("*" in text for text in texts)  # the masked numbers are there
    assert [t for t in texts if FULL_ID.search(t)] == []

    window.profile_actions.load_demo()
    window.show_chooser()
    texts = [
        window.chooser_page.list.item(i).text() for i in range(window.chooser_page.list.count())
    ]
    for profile in workspace.profiles.list_profiles():
        window.show_profile(profile.id)
        window.tabs.setCurrentWidget(window.log_page)
        texts += every_shown_text(window.log_page.table)
        texts.append(window.dashboard.who_label.text())
    assert len(texts) > 20
    assert [t for t in texts if FULL_ID.search(t)] == []
