"""Shared by the reviewer GUI tests: real bundles exported by the practitioner side, a
reviewer window on a fresh office, and answering the file dialogs the menus open."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from ui_helpers import TODAY

from swdesk.services.demo import populate_demo
from swdesk.services.review import ReviewWorkspace, init_review_workspace, open_review_workspace
from swdesk.services.workspace import open_workspace
from swdesk.signing import ReviewLevel
from swdesk.ui.review.window import ReviewWindow
from swdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from folder_samples import FolderTemplates

PASSWORD = "correct horse battery"
FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@dataclass(frozen=True)
class ReviewBundles:
    """`zhang`: 张晓梅's application from one practitioner folder; `zhang_again`: the same
    person's application exported from a second folder (another uid, same ID number)."""

    zhang: Path
    zhang_again: Path
    id_number: str


def export_zhang(folder: Path, dest: Path) -> str:
    """A demo practitioner folder in `folder`; 张晓梅's application exported to `dest`.
    Returns her ID number."""
    ws = open_workspace(folder, clock=lambda: TODAY)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, TODAY):
            pass
        pid = min(p.id for p in ws.profiles.list_profiles())
        # declared on the day the reviewer's office (clock TODAY) receives it
        draft = replace(
            ws.applications.current_draft(pid),
            declaration_accepted=True,
            declaration_accepted_at=datetime.combine(TODAY, time(9, 30)),
        )
        ws.applications.export(draft, dest)
        return ws.profiles.get_record(pid).practitioner.id_number
    finally:
        ws.close()


def make_bundles(folder: Path) -> ReviewBundles:
    (folder / "usb").mkdir(parents=True, exist_ok=True)
    id_number = export_zhang(folder / "first", folder / "usb" / "zhang.swdapp")
    export_zhang(folder / "second", folder / "usb" / "zhang-again.swdapp")
    return ReviewBundles(
        folder / "usb" / "zhang.swdapp", folder / "usb" / "zhang-again.swdapp", id_number
    )


def _bundles_template(root: Path) -> None:
    """`make_bundles` in `root`: the bundles in usb/, the ID number in id-number.txt (the
    practitioner folders they came from are not kept)."""
    bundles = make_bundles(root)
    shutil.rmtree(root / "first")
    shutil.rmtree(root / "second")
    (root / "id-number.txt").write_text(bundles.id_number, encoding="ascii")


@pytest.fixture(scope="module", name="bundles")
def module_bundles(
    folder_templates: FolderTemplates, tmp_path_factory: pytest.TempPathFactory
) -> ReviewBundles:
    """`bundles`, in a test module that imports this fixture: made once per session, copied
    for each such module."""
    folder = folder_templates.copy(
        "review-ui-bundles", _bundles_template, tmp_path_factory.mktemp("review-bundles") / "b"
    )
    return ReviewBundles(
        folder / "usb" / "zhang.swdapp",
        folder / "usb" / "zhang-again.swdapp",
        (folder / "id-number.txt").read_text(encoding="ascii"),
    )


@pytest.fixture(name="window")
def reviewer_window(qtbot, tmp_path: Path, folder_templates):  # type: ignore[no-untyped-def]
    """`window`, in a test module that imports this fixture: a reviewer window on a new
    city office (in place of the practitioner's main window of tests/ui/conftest.py), a copy
    of one set up once per session."""
    return make_window(qtbot, tmp_path / "review", templates=folder_templates)


def _new_office(root: Path, level: ReviewLevel, name: str, region: str) -> ReviewWorkspace:
    return init_review_workspace(
        root,
        office_name=name,
        region=region,
        level=level,
        rule_pack_id="gansu",
        password=PASSWORD,
        clock=lambda: TODAY,
    )


def make_window(
    qtbot,
    root: Path,
    synchronous: bool = True,  # type: ignore[no-untyped-def]
    level: ReviewLevel = ReviewLevel.CITY,
    name: str = "平凉市民政局",
    region: str = "620800",
    templates: FolderTemplates | None = None,
) -> ReviewWindow:
    """A reviewer window on a new office in `root`. `templates`: the office is set up once
    per session and copied to `root`, then opened with the password (its audit log also
    says workspace_opened)."""
    if templates is not None:
        templates.copy(
            f"office-{level}-{region}-{name}-ui",
            lambda folder: _new_office(folder, level, name, region).close(),
            root,
        )
        ws = open_review_workspace(root, PASSWORD, clock=lambda: TODAY)
    else:
        ws = _new_office(root, level, name, region)
    window = ReviewWindow(ws, None, TaskRunner(synchronous=synchronous))
    qtbot.addWidget(window)
    window.show()
    return window


def press(
    qtbot,
    window: ReviewWindow,
    key: Qt.Key,  # type: ignore[no-untyped-def]
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """The shortcut as typed into the active window (shortcuts reach it only), with the
    focus in the queue."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window.table, key, modifiers)


def press_on_first(
    qtbot,
    window: ReviewWindow,
    key: Qt.Key,  # type: ignore[no-untyped-def]
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Select the first application of the queue and type the shortcut (Return opens it,
    Ctrl+Shift+A / Ctrl+Shift+R open the decision dialog on it)."""
    select_ids(window, [window.model.row_at(0).id])
    press(qtbot, window, key, modifiers)


def import_all(window: ReviewWindow, paths: list[Path]) -> None:
    """Import through File → Import bundles (the real action and its file dialog)."""
    original = QFileDialog.getOpenFileNames
    QFileDialog.getOpenFileNames = staticmethod(  # type: ignore[method-assign]
        lambda *a, **k: ([str(p) for p in paths], "")
    )
    try:
        action(window, "importBundles").trigger()
    finally:
        QFileDialog.getOpenFileNames = original  # type: ignore[method-assign]
    window.report_dialog.close()


def action(window: ReviewWindow, name: str):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def ok_button(dialog) -> object:  # type: ignore[no-untyped-def]
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def row_of(window: ReviewWindow, app_id: int) -> int:
    for row in range(window.model.rowCount()):
        if window.model.row_at(row).id == app_id:
            return row
    raise AssertionError(f"application {app_id} not in the queue")


def select_ids(window: ReviewWindow, app_ids: list[int]) -> None:
    from PySide6.QtCore import QItemSelectionModel

    selection = window.table.selectionModel()
    selection.clearSelection()
    for app_id in app_ids:
        selection.select(
            window.model.index(row_of(window, app_id), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    window.table.setFocus()


def tick(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    """Click a check box or radio button on its indicator (a click in the middle of a
    wide one lands beside its text and does nothing, as it would for a person)."""
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
