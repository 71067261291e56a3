"""A database that cannot be used at start: detected, the file left untouched, the choices
offered by a dialog whose real buttons the tests click (restore the newest backup holding
data, open read-only, start afresh after a confirmation, quit), and every file a person
saved still there byte for byte; the data shown read-only with every writing action
disabled."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from ui_helpers import TODAY, sample_draft

from folder_samples import damage_an_index_page, demo_folder, made_read_only
from full_disk import fill, tiny_tmpfs
from swdesk.app import run
from swdesk.database.errors import DatabaseCorrupt
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.models import Activity
from swdesk.paths import DataLayout
from swdesk.services.backup import run_scheduled_backup
from swdesk.services.clock import china_today
from swdesk.services.demo_images import certificate_pdf, portrait_png
from swdesk.services.workspace import open_workspace, open_workspace_read_only
from swdesk.ui.main_window import MainWindow
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner


def _damaged_folder(tmp_path: Path) -> Path:
    data = demo_folder(tmp_path / "data", TODAY)
    damage_an_index_page(data / "swdesk.sqlite")
    return data


def test_damaged_database_opens_read_only(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _damaged_folder(tmp_path)
    db = data / "swdesk.sqlite"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(DatabaseCorrupt):
        open_workspace(data, clock=lambda: TODAY)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    workspace = open_workspace_read_only(data, clock=lambda: TODAY)
    try:
        window = MainWindow(workspace, UiSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.show()
        window.start()
        assert window.read_only_banner.isVisible()
        assert window.stack.currentWidget() is window.chooser_page
        assert window.chooser_page.list.count() == 5  # the data can still be read
        assert not window.chooser_page.new_button.isEnabled()  # made after the window
        window.chooser_page.list.setCurrentRow(0)
        window.chooser_page.open_button.click()
        assert window.dashboard.who_label.text() == "张晓梅"
        assert not window.menus.add_action.isEnabled() and not window.menus.apply_action.isEnabled()
        assert not window.dashboard.add_button.isEnabled()
        assert not window.log_page.add_button.isEnabled()
        window.log_page.table.selectRow(0)
        assert not window.log_page.delete_button.isEnabled()
    finally:
        workspace.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


# -- start-up on a folder whose database cannot be used: the dialog, driven by its buttons ------


def _saved_folder(tmp_path: Path) -> DataLayout:
    """One profile with a photo, an activity with two evidence files, and an automatic
    backup holding them; closed cleanly."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    photo = scratch / "照片.png"
    photo.write_bytes(portrait_png(5))
    proofs = []
    for tag in ("a", "b"):
        proofs.append(scratch / f"证书{tag}.pdf")
        proofs[-1].write_bytes(certificate_pdf([f"Training {tag}", "2025-03-01"]))
    layout = DataLayout(tmp_path / "data")
    ws = open_workspace(layout.root, clock=lambda: TODAY)
    try:
        pid = ws.profiles.create_profile(replace(sample_draft(), new_photo=photo))
        ws.activities.save_activity(
            pid,
            Activity(
                "社会工作伦理培训",
                "平凉市民政局",
                ActivityType.TRAINING,
                ContentArea.VALUES_ETHICS,
                date(2025, 3, 1),
                date(2025, 3, 2),
                Decimal(12),
            ),
            proofs,
        )
    finally:
        ws.close()
    taken = run_scheduled_backup(layout, now=datetime.now() + timedelta(days=2)).taken
    assert taken is not None
    for suffix in ("-wal", "-shm"):
        Path(f"{layout.database}{suffix}").unlink(missing_ok=True)
    return layout


def _digests(layout: DataLayout) -> dict[str, str]:
    return {
        str(p.relative_to(layout.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for sub in (layout.evidence_dir, layout.photos_dir, layout.backups_dir)
        for p in sorted(sub.rglob("*"))
        if p.is_file()
    }


class DialogDriver:
    """Clicks the real buttons of each damaged-database dialog as it appears, in order,
    and records what each dialog showed."""

    def __init__(self, qtbot, clicks: list[str]) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.clicks = list(clicks)
        self.shown: list[dict[str, object]] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._poll)
        self.timer.start(20)

    def _poll(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                widget.objectName() != "damagedDatabase"
                or not widget.isVisible()
                or widget.property("driven")
            ):
                continue
            widget.setProperty("driven", True)
            buttons = {b.objectName(): b for b in widget.findChildren(QPushButton)}
            self.shown.append(
                {
                    "title": widget.windowTitle(),
                    "backup": widget.backup_label.text(),  # type: ignore[attr-defined]
                    "enabled": {name: b.isEnabled() for name, b in buttons.items()},
                }
            )
            name = self.clicks.pop(0) if self.clicks else "quit"
            self.qtbot.mouseClick(buttons[name], Qt.MouseButton.LeftButton)
            return


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answered as a person would: information boxes closed (their text
    recorded), the start-afresh confirmation answered Yes."""
    texts: list[str] = []

    def close_box(box: QMessageBox) -> int:
        texts.append(box.text())
        return int(QMessageBox.StandardButton.Ok)

    def yes(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        texts.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", close_box)
    monkeypatch.setattr(QMessageBox, "question", yes)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    return texts


def _run(
    qtbot,
    layout: DataLayout,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
    seen: list[MainWindow] | None = None,
) -> int:
    """Start swdesk on the folder as a person does. When the main window opens, its event
    loop is left at once (after recording the window in `seen`) instead of running."""

    def leave_once_shown(_app: QApplication) -> int:
        qtbot.waitUntil(
            lambda: any(
                isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
            )
        )
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if seen is not None:
            seen.extend(windows)
        return 0

    monkeypatch.setattr(QApplication, "exec", leave_once_shown)
    try:
        return run(["--data-dir", str(layout.root), "--lang", "en"])
    finally:
        QThreadPool.globalInstance().waitForDone(10000)  # the window's first loads
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()
                widget.deleteLater()


def test_empty_database_beside_saved_files_offers_choices_and_quit_keeps_all(
    qtbot,
    tmp_path: Path,
    answered: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layout = _saved_folder(tmp_path)
    layout.database.write_bytes(b"")
    before = _digests(layout)
    driver = DialogDriver(qtbot, ["quit"])
    assert _run(qtbot, layout, monkeypatch) == 1
    assert [d["title"] for d in driver.shown] == ["The database is missing"]
    enabled = driver.shown[0]["enabled"]
    assert enabled == {
        "restoreBackup": True,
        "openReadOnly": False,
        "startAfresh": True,
        "quit": True,
    }
    backup_text = str(driver.shown[0]["backup"])
    assert "1 profile(s)" in backup_text and "1 activity record(s)" in backup_text
    assert "3 saved file(s)" in backup_text
    assert _digests(layout) == before and layout.database.read_bytes() == b""


def test_restore_button_brings_the_data_back_and_deletes_no_file(
    qtbot,
    tmp_path: Path,
    answered: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layout = _saved_folder(tmp_path)
    layout.database.unlink()
    before = _digests(layout)
    driver = DialogDriver(qtbot, ["restoreBackup"])
    assert _run(qtbot, layout, monkeypatch) == 0
    assert len(driver.shown) == 1
    assert any("The backup was restored" in text for text in answered)
    current = _digests(layout)
    assert {name: current.get(name) for name in before} == before
    ws = open_workspace(layout.root, clock=lambda: TODAY)
    try:
        assert [p.name for p in ws.profiles.list_profiles()] == ["张晓梅"]
        assert ws.recovered is None
    finally:
        ws.close()


def test_start_afresh_asks_first_and_keeps_the_old_files_aside(
    qtbot,
    tmp_path: Path,
    answered: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layout = _saved_folder(tmp_path)
    layout.database.write_bytes(b"")
    digests = set(_digests(layout).values())
    driver = DialogDriver(qtbot, ["startAfresh"])
    assert _run(qtbot, layout, monkeypatch) == 0
    assert len(driver.shown) == 1
    assert any(text.startswith("Start with an empty database?") for text in answered)
    asides = list(layout.backups_dir.glob("before-fresh-start-*"))
    assert len(asides) == 1
    assert any(str(asides[0]) in text for text in answered)
    assert digests <= set(_digests(layout).values())
    assert len(list((asides[0] / "evidence").iterdir())) == 2


def test_read_only_on_a_damaged_header_explains_and_asks_again(
    qtbot,
    tmp_path: Path,
    answered: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layout = _saved_folder(tmp_path)
    data = bytearray(layout.database.read_bytes())
    data[:100] = b"\x00" * 100
    layout.database.write_bytes(bytes(data))
    before, db_before = _digests(layout), hashlib.sha256(bytes(data)).hexdigest()
    driver = DialogDriver(qtbot, ["openReadOnly", "quit"])
    assert _run(qtbot, layout, monkeypatch) == 1
    assert [d["title"] for d in driver.shown] == ["The database is damaged"] * 2
    assert any("too damaged to be opened even read-only" in text for text in answered)
    assert _digests(layout) == before
    assert hashlib.sha256(layout.database.read_bytes()).hexdigest() == db_before


def test_a_backup_of_an_empty_database_is_not_offered(
    qtbot,
    tmp_path: Path,
    answered: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layout = _saved_folder(tmp_path)
    for backup in layout.backups_dir.iterdir():
        backup.unlink()
    empty = tmp_path / "empty"
    open_workspace(empty, clock=lambda: TODAY).close()
    with (
        sqlite3.connect(empty / "swdesk.sqlite") as source,
        sqlite3.connect(layout.backups_dir / "swdesk-auto-20261201-080000.sqlite") as copy,
    ):
        source.backup(copy)
    layout.database.write_bytes(b"")
    driver = DialogDriver(qtbot, ["quit"])
    assert _run(qtbot, layout, monkeypatch) == 1
    assert driver.shown[0]["enabled"]["restoreBackup"] is False  # type: ignore[index]
    assert driver.shown[0]["backup"] == "There is no backup holding your data to restore."


@pytest.fixture
def read_only_database(tmp_path: Path) -> Iterator[DataLayout]:
    layout = _saved_folder(tmp_path)
    with made_read_only(layout.database):
        yield layout


def test_read_only_database_file_is_offered_read_only_and_opens(
    qtbot,
    tmp_path: Path,
    answered: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    read_only_database: DataLayout,
) -> None:
    layout = read_only_database
    before = _digests(layout)
    db_before = hashlib.sha256(layout.database.read_bytes()).hexdigest()
    driver = DialogDriver(qtbot, ["openReadOnly"])
    windows: list[MainWindow] = []
    assert _run(qtbot, layout, monkeypatch, windows) == 0
    assert [d["title"] for d in driver.shown] == ["The database cannot be written"]
    assert driver.shown[0]["enabled"]["restoreBackup"] is False  # type: ignore[index]
    assert len(windows) == 1 and windows[0].workspace.read_only
    assert not windows[0].read_only_banner.isHidden()
    assert _digests(layout) == before
    assert hashlib.sha256(layout.database.read_bytes()).hexdigest() == db_before


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tiny_tmpfs(tmp_path, "2m") as mount_point:
        yield mount_point


def test_a_full_disk_says_disk_full_not_damaged(
    qtbot,
    tmp_path: Path,
    tiny_disk: Path,
    answered: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = _saved_folder(tmp_path)
    layout = DataLayout(tiny_disk / "data")
    shutil.copytree(source.root, layout.root)
    before = _digests(layout)
    db_before = hashlib.sha256(layout.database.read_bytes()).hexdigest()
    filler = fill(tiny_disk)
    driver = DialogDriver(qtbot, [])
    try:
        assert _run(qtbot, layout, monkeypatch) == 1
    finally:
        filler.unlink()
    assert driver.shown == []  # no offer to restore a backup: nothing is damaged
    assert len(answered) == 1 and answered[0].startswith("The disk is full.")
    assert _digests(layout) == before
    assert hashlib.sha256(layout.database.read_bytes()).hexdigest() == db_before


def test_a_new_folder_still_starts_with_the_welcome_page(
    qtbot,
    tmp_path: Path,
    answered: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layout = DataLayout(tmp_path / "new")
    driver = DialogDriver(qtbot, [])
    windows: list[MainWindow] = []
    assert _run(qtbot, layout, monkeypatch, windows) == 0
    assert driver.shown == [] and answered == []
    assert len(windows) == 1 and windows[0].stack.currentWidget() is windows[0].start_page
    assert layout.database.is_file() and list(layout.backups_dir.iterdir()) == []


def test_files_no_record_refers_to_are_moved_and_the_person_is_told(
    qtbot,
    tmp_path: Path,
    answered: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layout = _saved_folder(tmp_path)
    stray = layout.evidence_dir / f"{'d' * 64}.pdf"
    stray.write_bytes(certificate_pdf(["copied in by hand"]))
    digest = hashlib.sha256(stray.read_bytes()).hexdigest()
    before = {k: v for k, v in _digests(layout).items() if "d" * 64 not in k}
    windows: list[MainWindow] = []
    assert _run(qtbot, layout, monkeypatch, windows) == 0
    assert len(windows) == 1
    recovered = layout.root / "recovered" / china_today().isoformat() / "evidence" / stray.name
    assert hashlib.sha256(recovered.read_bytes()).hexdigest() == digest
    assert len(answered) == 1 and answered[0].startswith("1 file(s) in the evidence")
    assert str(recovered.parent.parent) in answered[0]
    current = _digests(layout)
    assert {name: current.get(name) for name in before} == before
