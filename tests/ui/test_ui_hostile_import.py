"""One file, one verdict in the reviewer window: a folder import (Ctrl+Shift+O, on the
thread pool) of good bundles beside a bundle with implausible dates and one whose checks
fail in a way nobody foresaw. Each bad file gets a row with a sentence naming it; the good
ones are imported; no traceback and no error box reach the reviewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from review_ui_helpers import (
    CTRL,
    SHIFT,
    import_all,
    make_window,
    module_bundles,  # noqa: F401  (fixture: bundles)
    press,
    press_on_first,
)

from hostile_bundles import Change, field_change, hostile_bundle, registration_change
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


# Markup that Qt would render if it took the text for HTML: a picture 4,000 pixels wide
# (with a real file's name, `src="/dev/zero"` would make Qt read for ever) and bold.
MARKUP = '<img width=4000 height=4000 src="photo.jpg"><b>粗体</b>'


def _shown_text(label: QLabel) -> str:
    """What the label shows, its markup (if it is rich text) rendered."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text()
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def test_markup_in_a_bundle_is_shown_as_its_characters(qtbot, tmp_path: Path, bundles) -> None:  # type: ignore[no-untyped-def]
    """A bundle's name, late explanation and activity title holding HTML are shown as the
    characters they are, in the detail window's labels, table and tooltips: no picture, no
    bold, no label wider than the screen. Every label of the detail window holding markup
    shows plain text, but the summary, whose own bold markup escapes what it shows."""

    def titled(app: dict[str, Any]) -> None:
        app["activities"][0]["title"] = MARKUP

    hostile = hostile_bundle(
        bundles.zhang,
        tmp_path / "markup.swdapp",
        [
            field_change(("applicant", "name"), "张<b>晓梅</b>"),
            field_change(("late_explanation",), MARKUP),
            Change("an activity title", titled),
        ],
    )
    window = make_window(qtbot, tmp_path / "review")
    import_all(window, [hostile])
    press_on_first(qtbot, window, Qt.Key.Key_Return)
    detail = window.decisions.detail_dialog
    assert _shown_text(detail.summary).startswith("张<b>晓梅</b> · ")
    labels = detail.findChildren(QLabel)
    explanation = [label for label in labels if label.text() == MARKUP]
    assert explanation, "the late explanation is shown in a label"
    for label in labels:
        if "<" in label.text() and label is not detail.summary:
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
        assert label.sizeHint().width() < 1366, label.text()
    table = detail.activities_table
    titles = [table.item(row, 0) for row in range(table.rowCount())]
    (title,) = [item for item in titles if item.text() == MARKUP]
    tooltip = QTextDocument()
    tooltip.setHtml(title.toolTip())
    assert tooltip.toPlainText() == MARKUP  # the tooltip, taken for HTML, shows the characters
    detail.close()
