"""`swdesk FILE` (what a double-click on a file runs): a bundle opens reviewer mode and is
imported, a decision file is imported in the practitioner window (once a profile is open).
The sub-commands still parse."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import sample_draft

from swdesk import app as app_module
from swdesk.cli import parse_args
from swdesk.services.review import init_review_workspace
from swdesk.signing import ReviewLevel
from swdesk.ui import main_window as main_window_module
from swdesk.ui.review import launcher as review_launcher
from swdesk.ui.review.window import ReviewWindow
from swdesk.ui.tasks import TaskRunner


@pytest.fixture
def no_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """run() returns at once instead of entering the event loop (and its excepthook is
    undone after the test)."""
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_parsing_takes_the_file_out_and_keeps_the_commands(tmp_path: Path) -> None:
    bundle = tmp_path / "申请 1.swdapp"
    args = parse_args(["--data-dir", str(tmp_path), "--lang", "en", str(bundle)])
    assert args.open_file == bundle and args.data_dir == str(tmp_path) and args.lang == "en"
    assert parse_args([str(tmp_path / "d.SWDDEC")]).open_file == tmp_path / "d.SWDDEC"
    verify = parse_args(["bundle", "verify", str(bundle)])
    assert verify.command == "bundle" and verify.file == str(bundle)
    assert verify.open_file is None
    decision = parse_args(["decision", "import", "--data-dir", "x", "a.swddec"])
    assert decision.command == "decision" and decision.file == "a.swddec"
    review = parse_args(["review", "import", "a.swdapp", "b.swdfwd"])
    assert review.paths == ["a.swdapp", "b.swdfwd"]
    assert parse_args([]).open_file is None
    with pytest.raises(SystemExit):
        parse_args(["notes.txt"])  # not a file swdesk opens: argparse's usual error


def test_a_bundle_opens_reviewer_mode_and_is_imported(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    no_event_loop: None,
) -> None:
    opened: list[ReviewWindow] = []

    def open_reviewer(root: Path, settings, parent=None, server_url=None) -> ReviewWindow:  # type: ignore[no-untyped-def]
        ws = init_review_workspace(
            root,
            office_name="平凉市民政局",
            region="620800",
            level=ReviewLevel.CITY,
            rule_pack_id="gansu",
            password="correct horse battery",
        )
        window = ReviewWindow(ws, settings, TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        opened.append(window)
        return window

    monkeypatch.setattr(review_launcher, "open_reviewer", open_reviewer)
    bundle = tmp_path / "usb" / "application.swdapp"
    bundle.parent.mkdir()
    bundle.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty ZIP: refused, with a report
    data = tmp_path / "data"
    assert app_module.run(["--data-dir", str(data), "--lang", "en", str(bundle)]) == 0
    assert len(opened) == 1
    window = opened[0]
    assert window.workspace.root == data / "review"
    report = window.last_report
    assert [entry.file for entry in report.entries] == [str(bundle)]
    assert report.counts()["refused"] == 1
    assert window.report_dialog.isVisible()
    window.report_dialog.close()


def test_a_decision_file_goes_to_the_practitioner_window(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    no_event_loop: None,
) -> None:
    seen: list[tuple[object, Path]] = []
    monkeypatch.setattr(
        main_window_module.MainWindow,
        "open_decision_file",
        lambda self, path: seen.append((self, path)),
    )
    decision = tmp_path / "decision.swddec"
    decision.write_bytes(b"{}")
    assert (
        app_module.run(["--data-dir", str(tmp_path / "data"), "--lang", "en", str(decision)]) == 0
    )
    assert len(seen) == 1 and seen[0][1] == decision
    window = seen[0][0]
    assert isinstance(window, main_window_module.MainWindow)
    qtbot.addWidget(window)


def test_a_decision_waits_until_a_profile_is_open(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    window.appearance_actions.set_language("en")
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_chooser()
    decision = tmp_path / "not-really.swddec"
    decision.write_bytes(b"{ not a decision")
    window.open_decision_file(decision)
    assert window.pending_decision == decision
    assert "not-really.swddec" in window.statusBar().currentMessage()
    window.show_profile(pid)  # now it is imported: this one is refused with a message
    assert window.pending_decision is None
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert [box.windowTitle() for box in boxes] == ["The decision was not applied"]
    for box in boxes:
        box.close()
