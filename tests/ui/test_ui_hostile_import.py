"""One file, one verdict in the reviewer window: a folder import (Ctrl+Shift+O, on the
thread pool) of good bundles beside a bundle with implausible dates and one whose checks
fail in a way nobody foresaw. Each bad file gets a row with a sentence naming it; the good
ones are imported; no traceback and no error box reach the reviewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from review_ui_helpers import (
    CTRL,
    SHIFT,
    make_window,
    module_bundles,  # noqa: F401  (fixture: bundles)
    press,
)

from hostile_bundles import hostile_bundle, registration_change
from swdesk.services.review import checks as review_checks
from swdesk.services.review import file_check


def test_a_folder_with_hostile_files_imports_the_good_ones(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
    bundles,
) -> None:
    window = make_window(qtbot, tmp_path / "review", synchronous=False)
    usb = tmp_path / "usb"
    usb.mkdir()
    for good in (bundles.zhang, bundles.zhang_again):
        (usb / good.name).write_bytes(good.read_bytes())
    hostile_bundle(
        bundles.zhang,
        usb / "calendar-end.swdapp",
        [registration_change("9997-01-01", "9999-12-31")],
    )
    crashing = usb / "crashing.swdapp"
    crashing.write_bytes(bundles.zhang.read_bytes())  # the same bundle: its checks fail
    real = review_checks.run_checks

    def failing(*args: Any, **kwargs: Any) -> Any:
        if kwargs["file"] == crashing.name:
            raise OverflowError("date value out of range")
        return real(*args, **kwargs)

    monkeypatch.setattr(file_check, "run_checks", failing)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(usb)))
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        press(qtbot, window, Qt.Key.Key_O, CTRL | SHIFT)
    counts = window.last_report.counts()
    assert (counts["imported"], counts["refused"]) == (2, 2), window.last_report.entries
    outcomes = {Path(e.file).name: e for e in window.last_report.entries}
    assert outcomes["calendar-end.swdapp"].code == "application_invalid"
    assert outcomes["crashing.swdapp"].code == "import_failed"
    table = window.report_dialog.table
    reasons = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    for name in ("calendar-end.swdapp", "crashing.swdapp"):
        assert name in reasons[name], reasons
        assert "Traceback" not in reasons[name] and "import_failed" not in reasons[name]
    assert not [
        box
        for box in window.findChildren(QMessageBox)
        if box.isVisible() and box.objectName() == "errorMessage"
    ]
    window.report_dialog.close()
    assert window.model.total == 2
