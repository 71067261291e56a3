"""Every menu action of the practitioner's window, driven as a person drives it: the real
QAction triggered (and its shortcut pressed), file dialogs answered with real files, the
result checked on disk and in the data. Qt's `triggered(bool)` must never reach a slot as
its path argument."""

from __future__ import annotations

import importlib.util
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QPushButton
from ui_helpers import TODAY, mnemonic_clashes, sample_draft

from folder_samples import damage_an_index_page
from swdesk.services.demo import populate_demo
from swdesk.services.workspace import Workspace
from swdesk.ui.main_window import MainWindow
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner

_SAMPLES = Path(__file__).resolve().parents[1] / "integration" / "decision_samples.py"
_spec = importlib.util.spec_from_file_location("decision_samples", _SAMPLES)
assert _spec and _spec.loader
samples = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("decision_samples", samples)  # dataclasses look their module up
_spec.loader.exec_module(samples)


class FileDialogs:
    """Answers QFileDialog's static methods with prepared paths and records each call."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[Path | None] = []
        self.calls: list[tuple[str, str]] = []  # (method, the path offered)
        self.events: list[str] = []  # file dialogs and message boxes, in order
        for method in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, method, self._answer(method))

    def _answer(self, method: str):  # type: ignore[no-untyped-def]
        def answer(parent, caption="", directory="", filter="", *args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls.append((method, str(directory)))
            self.events.append(method)
            chosen = self.answers.pop(0) if self.answers else None
            return (str(chosen) if chosen is not None else "", filter)

        return answer


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    return FileDialogs(monkeypatch)


def answer_questions(
    monkeypatch: pytest.MonkeyPatch, dialogs: FileDialogs, button: QMessageBox.StandardButton
) -> list[str]:
    """QMessageBox.question/warning answer `button`; the texts asked are returned."""
    asked: list[str] = []

    def ask(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        dialogs.events.append("question")
        return button

    monkeypatch.setattr(QMessageBox, "question", ask)
    monkeypatch.setattr(QMessageBox, "warning", ask)
    return asked


def visible_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def press(
    qtbot,
    window: MainWindow,
    key: Qt.Key,  # type: ignore[no-untyped-def]
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """The shortcut as typed on the keyboard into the active window."""
    modal = QApplication.activeModalWidget()
    assert modal is None or modal.windowModality() != Qt.WindowModality.ApplicationModal, (
        f"an application-modal {modal.objectName()} left open blocks the keyboard"
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifiers)


@pytest.fixture
def zhang(window: MainWindow, workspace: Workspace) -> int:
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    return pid


# -- Profile menu --------------------------------------------------------------------------
def test_export_reminders_from_the_menu_and_ctrl_shift_e(
    qtbot,
    window,
    zhang,
    dialogs,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from icalendar import Calendar

    first, second = tmp_path / "menu.ics", tmp_path / "key"
    dialogs.answers = [first, second]
    window.menus.export_action.trigger()
    press(
        qtbot,
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    offered = [Path(path).name for _method, path in dialogs.calls]
    assert offered == ["张晓梅-提醒-2026-11-28.ics"] * 2
    for written in (first, second.with_suffix(".ics")):
        events = list(Calendar.from_ical(written.read_bytes()).walk("VEVENT"))
        assert {str(e["uid"]).split("-")[1] for e in events} >= {"window_opens", "expires"}
    assert not visible_boxes(window)


def test_back_up_from_the_menu_writes_a_verified_file(
    qtbot,
    workspace,
    settings,
    zhang,  # type: ignore[no-untyped-def]
    dialogs,
    tmp_path: Path,
) -> None:
    from swdesk.storage.backup_file import read_backup_archive

    window = MainWindow(workspace, settings, TaskRunner())  # the real thread pool
    qtbot.addWidget(window)
    window.show()
    window.show_profile(zhang)
    qtbot.waitUntil(lambda: window.record is not None)
    target = tmp_path / "stick" / "mine"
    target.parent.mkdir()
    dialogs.answers = [target]
    with qtbot.waitSignal(window.backup_actions.backup_finished, timeout=30000) as blocker:
        window.menus.backup_action.trigger()
    info = blocker.args[0]
    written = target.with_name("mine.swdbak")
    assert info is not None and info.path == written
    assert Path(dialogs.calls[0][1]).name == "张晓梅-备份-2026-11-28.swdbak"
    manifest = read_backup_archive(written)
    assert manifest.schema_revision == info.schema_revision
    assert "mine.swdbak" in window.statusBar().currentMessage()
    assert not visible_boxes(window)


def test_restore_asks_for_the_file_first_then_confirms_and_reopens(  # type: ignore[no-untyped-def]
    qtbot, workspace, settings, zhang, dialogs, monkeypatch, tmp_path: Path
) -> None:
    from swdesk.services.backup import create_backup_file

    backup = tmp_path / "zhang.swdbak"
    create_backup_file(workspace.layout, backup)
    workspace.profiles.create_profile(sample_draft("李明", sequence=431))  # after the backup
    window = MainWindow(workspace, settings, TaskRunner())  # the real thread pool
    qtbot.addWidget(window)
    window.show()
    window.start()
    asked = answer_questions(monkeypatch, dialogs, QMessageBox.StandardButton.Yes)
    dialogs.answers = [backup]
    with qtbot.waitSignal(window.backup_actions.restore_finished, timeout=30000) as blocker:
        window.menus.restore_action.trigger()
    assert dialogs.events == ["getOpenFileName", "question"]  # the file first, then confirm
    assert "zhang.swdbak" in asked[0]
    info = blocker.args[0]
    assert info is not None and info.kept_aside.is_dir()
    restored = window.workspace
    try:
        assert restored is not workspace
        assert [p.name for p in restored.profiles.list_profiles()] == ["张晓梅"]
        assert not workspace.lock.held and restored.lock.held  # one owner of the folder
        assert window.stack.currentWidget() is window.profile_page
        qtbot.waitUntil(lambda: window.record is not None)
        assert window.record.practitioner.name == "张晓梅"
        assert window.windowTitle().startswith("张晓梅")
        boxes = visible_boxes(window)
        assert [b.windowTitle() for b in boxes] == ["备份已恢复"]
    finally:
        restored.close()


def test_restore_cancelled_in_its_progress_dialog_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, workspace, settings, zhang, dialogs, monkeypatch, tmp_path: Path
) -> None:
    from swdesk.services.backup import create_backup_file
    from swdesk.services.backup import restore as backup_service

    backup = tmp_path / "zhang.swdbak"
    create_backup_file(workspace.layout, backup)
    workspace.profiles.create_profile(sample_draft("李明", sequence=431))
    release = threading.Event()
    real_read = backup_service.read_backup_archive

    def slow_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(30)  # until the test has pressed Cancel
        return real_read(*args, **kwargs)

    monkeypatch.setattr(backup_service, "read_backup_archive", slow_read)
    window = MainWindow(workspace, settings, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.start()
    answer_questions(monkeypatch, dialogs, QMessageBox.StandardButton.Yes)
    dialogs.answers = [backup]
    with qtbot.waitSignal(window.backup_actions.restore_finished, timeout=30000) as blocker:
        window.menus.restore_action.trigger()
        progress = window.backup_actions.progress
        assert progress is not None
        cancel = progress.findChild(QPushButton, "progressCancel")
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        release.set()
    assert blocker.args == [None]
    reopened = window.workspace
    try:
        names = sorted(p.name for p in reopened.profiles.list_profiles())
        assert names == sorted(["张晓梅", "李明"])
        assert "取消" in window.statusBar().currentMessage()
        assert not list(reopened.layout.backups_dir.glob("before-restore-*"))
    finally:
        reopened.close()


def test_restore_of_a_file_that_is_no_backup_is_refused(
    qtbot,
    window,
    workspace,
    zhang,  # type: ignore[no-untyped-def]
    dialogs,
    monkeypatch,
    tmp_path: Path,
) -> None:
    junk = tmp_path / "照片.swdbak"
    junk.write_bytes(b"PK\x03\x04 not a backup at all")
    answer_questions(monkeypatch, dialogs, QMessageBox.StandardButton.Yes)
    dialogs.answers = [junk]
    with qtbot.waitSignal(window.backup_actions.restore_finished) as blocker:
        window.menus.restore_action.trigger()
    assert blocker.args == [None]
    reopened = window.workspace
    try:
        assert [p.name for p in reopened.profiles.list_profiles()] == ["张晓梅"]
        boxes = visible_boxes(window)
        assert len(boxes) == 1 and "照片.swdbak" in boxes[0].text()
        assert "意外" not in boxes[0].text()
        boxes[0].accept()
    finally:
        reopened.close()


def test_restore_cancelled_in_the_file_dialog_asks_nothing(
    qtbot,
    window,
    dialogs,  # type: ignore[no-untyped-def]
    monkeypatch,
    workspace,
) -> None:
    asked = answer_questions(monkeypatch, dialogs, QMessageBox.StandardButton.Yes)
    window.menus.restore_action.trigger()
    assert dialogs.events == ["getOpenFileName"] and asked == []
    assert window.workspace is workspace and workspace.lock.held


def test_switch_profile_from_the_menu_and_ctrl_shift_p(qtbot, window, workspace, zhang) -> None:  # type: ignore[no-untyped-def]
    workspace.profiles.create_profile(sample_draft("李明", sequence=431))
    window.menus.switch_action.trigger()
    assert window.stack.currentWidget() is window.chooser_page
    window.show_profile(zhang)
    press(
        qtbot,
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.stack.currentWidget() is window.chooser_page


def _open_dialog_named(window: MainWindow, name: str) -> QDialog:
    found = [
        d
        for d in QApplication.topLevelWidgets()
        if isinstance(d, QDialog) and d.objectName() == name and d.isVisible()
    ]
    assert found, f"no visible {name}"
    return found[-1]


@pytest.mark.parametrize(
    ("action", "shortcut", "dialog"),
    [
        ("new_profile_action", (Qt.Key.Key_N, "shift"), "profileEditor"),
        ("edit_action", (Qt.Key.Key_E, ""), "profileEditor"),
        ("add_action", (Qt.Key.Key_N, ""), "activityDialog"),
        ("apply_action", (Qt.Key.Key_A, "shift"), "applicationWizard"),
    ],
)
def test_menu_actions_open_their_dialogs(
    qtbot,
    window,
    zhang,
    action: str,  # type: ignore[no-untyped-def]
    shortcut: tuple[Qt.Key, str],
    dialog: str,
) -> None:
    getattr(window.menus, action).trigger()
    opened = _open_dialog_named(window, dialog)
    opened.reject()
    opened.close()
    key, shift = shortcut
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, key, modifiers)
    again = _open_dialog_named(window, dialog)
    again.reject()
    again.close()


def test_pin_action_opens_the_pin_dialog(qtbot, window, zhang, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from swdesk.ui.pin_dialog import PinDialog

    shown: list[str] = []

    def fake_exec(dialog: PinDialog) -> int:
        shown.append(dialog.windowTitle())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(PinDialog, "exec", fake_exec)
    window.menus.pin_action.trigger()
    assert len(shown) == 1 and shown[0]


def test_delete_action_asks_then_deletes(
    qtbot,
    window,
    workspace,
    zhang,
    dialogs,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    asked = answer_questions(monkeypatch, dialogs, QMessageBox.StandardButton.Cancel)
    window.menus.delete_action.trigger()
    assert "张晓梅" in asked[0] and len(workspace.profiles.list_profiles()) == 1
    answer_questions(monkeypatch, dialogs, QMessageBox.StandardButton.Yes)
    window.menus.delete_action.trigger()
    assert workspace.profiles.list_profiles() == []
    assert window.stack.currentWidget() is window.start_page


def test_demo_action_adds_the_demo_practitioners(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    window.menus.demo_action.trigger()
    assert len(workspace.profiles.list_profiles()) == 5
    assert window.stack.currentWidget() is window.profile_page


def test_reviewer_action_opens_the_office_set_up(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from swdesk.ui.review.login import OfficeSetupDialog

    shown: list[str] = []

    def fake_exec(dialog: OfficeSetupDialog) -> int:
        shown.append(dialog.objectName())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(OfficeSetupDialog, "exec", fake_exec)
    window.menus.reviewer_action.trigger()
    assert shown == ["officeSetup"]


def test_quit_action_closes_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.menus.quit_action.trigger()
    assert not window.isVisible()


# -- Records menu --------------------------------------------------------------------------
@pytest.fixture
def exported(window: MainWindow, workspace: Workspace, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The demo 张晓梅 exported her re-registration application."""
    for _ in populate_demo(workspace.profiles, workspace.activities, TODAY):
        pass
    pid = min(p.id for p in workspace.profiles.list_profiles())
    draft = replace(workspace.applications.current_draft(pid), declaration_accepted=True)
    application = workspace.applications.export(draft, tmp_path / "zhang.swdapp").application
    window.show_profile(pid)
    return pid, application


def test_import_the_trust_file_from_the_menu(
    qtbot,
    window,
    workspace,
    exported,
    dialogs,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    trust = samples.write(tmp_path / "甘肃省.swdtrust", samples.trust_file())
    dialogs.answers = [trust]
    window.menus.trust_action.trigger()
    [asked] = visible_boxes(window)  # nothing is trusted before the user confirms
    fingerprint = samples.offices().province.identity.fingerprint_groups
    assert fingerprint in asked.text() and workspace.decisions.trust_list() is None
    confirm = next(b for b in asked.buttons() if b.text() == "确认")
    with qtbot.waitSignal(window.decision_actions.trust_imported) as blocker:
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    offices = blocker.args[0].offices
    assert sorted(o.name for o in offices) == ["平凉市民政局", "甘肃省民政厅"]
    boxes = visible_boxes(window)
    assert len(boxes) == 1 and blocker.args[0].issuer.fingerprint_groups in boxes[0].text()
    sample = samples.snapshot(workspace.layout.database, workspace.layout.evidence_dir)
    assert len(sample["trust"]) == 2  # the province and the city it lists


def test_import_decisions_from_the_menu_and_ctrl_i_then_the_certificate(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, exported, dialogs, monkeypatch, tmp_path: Path
) -> None:
    from pypdf import PdfReader
    from PySide6.QtGui import QDesktopServices

    pid, application = exported
    keys = samples.offices()
    workspace.decisions.import_trust_file(
        samples.write(tmp_path / "t.swdtrust", samples.trust_file())
    )
    first = samples.write(tmp_path / "city.swddec", samples.decision_file(keys.city, application))
    final = samples.write(
        tmp_path / "province.swddec",
        samples.decision_file(keys.province, application, stage="final"),
    )
    dialogs.answers = [first]
    with qtbot.waitSignal(window.decision_actions.decision_imported):
        window.menus.decision_action.trigger()
    told = visible_boxes(window)
    assert [b.windowTitle() for b in told] == ["初审通过"]
    told[0].accept()  # the window-modal message is read and closed before the next key
    dialogs.answers = [final]
    with qtbot.waitSignal(window.decision_actions.decision_imported):
        press(qtbot, window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    registration = workspace.profiles.get_record(pid).latest_registration
    assert (registration.valid_from, registration.valid_to) == (samples.NEW_FROM, samples.NEW_TO)
    assert window.status.state.value == "valid"

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    window.menus.certificate_action.trigger()
    assert len(opened) == 1 and Path(opened[0]).read_bytes().startswith(b"%PDF")

    copy = tmp_path / "out" / "证书"
    copy.parent.mkdir()
    dialogs.answers = [copy]
    with qtbot.waitSignal(window.decision_actions.certificate_saved):
        window.menus.save_certificate_action.trigger()
    assert Path(dialogs.calls[-1][1]).name == "张晓梅-电子登记证书-2027-01-28.pdf"
    assert len(PdfReader(copy.with_name("证书.pdf")).pages) >= 1


def test_refresh_action_and_f5_update_the_dashboard(qtbot, window, zhang) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.dashboard_updated):
        window.menus.refresh_action.trigger()
    with qtbot.waitSignal(window.dashboard_updated):
        press(qtbot, window, Qt.Key.Key_F5)


# -- View and Help menus -------------------------------------------------------------------
def test_view_actions_switch_tabs_with_ctrl_1_and_ctrl_2(qtbot, window, zhang) -> None:  # type: ignore[no-untyped-def]
    window.menus.view_log_action.trigger()
    assert window.tabs.currentWidget() is window.log_page
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.dashboard
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.log_page


def _menu_action(window: MainWindow, text: str) -> QAction:
    found = [a for a in window.findChildren(QAction) if a.text() == text]
    assert len(found) == 1, text
    return found[0]


def test_language_and_theme_actions(qtbot, window, settings: UiSettings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _menu_action(window, "English").trigger()
    assert window.start_page.create_button.text() == "&Create my profile"
    assert UiSettings(tmp_path / "settings.ini").language == "en"
    _menu_action(window, "Dark").trigger()
    assert QApplication.instance().palette().window().color().lightness() < 80
    _menu_action(window, "Light").trigger()
    _menu_action(window, "简体中文").trigger()
    assert "档案" in window.start_page.create_button.text()


def test_diagnostics_and_about_actions(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    window.log_dir = workspace.layout.log_dir
    window.menus.diagnostics_action.trigger()
    assert "swdesk" in QApplication.clipboard().text()
    window.menus.about_action.trigger()
    about = _open_dialog_named(window, "aboutDialog")
    assert str(workspace.layout.root) in about.folder_label.text()
    about.close()


def test_restore_from_the_read_only_window_of_a_damaged_database(  # type: ignore[no-untyped-def]
    qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:

    from swdesk.services.backup import create_backup_file
    from swdesk.services.workspace import open_workspace, open_workspace_read_only

    data = tmp_path / "damaged"
    ws = open_workspace(data, clock=lambda: TODAY)
    ws.profiles.create_profile(sample_draft())
    backup = tmp_path / "good.swdbak"
    create_backup_file(ws.layout, backup)
    ws.close()
    damage_an_index_page(data / "swdesk.sqlite")
    damaged = open_workspace_read_only(data, clock=lambda: TODAY)
    window = MainWindow(damaged, UiSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert window.read_only_banner.isVisible() and window.menus.restore_action.isEnabled()
    answer_questions(monkeypatch, dialogs, QMessageBox.StandardButton.Yes)
    dialogs.answers = [backup]
    with qtbot.waitSignal(window.backup_actions.restore_finished) as blocker:
        window.menus.restore_action.trigger()
    assert blocker.args[0] is not None
    restored = window.workspace
    try:
        assert not restored.read_only and not window.read_only_banner.isVisible()
        assert window.record is not None and window.record.practitioner.name == "张晓梅"
        assert window.menus.add_action.isEnabled() and window.menus.apply_action.isEnabled()
    finally:
        restored.close()


def test_restore_removes_the_decrypted_viewer_copies_of_the_closed_workspace(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, dialogs, monkeypatch, tmp_path: Path
) -> None:

    from swdesk.services.backup import create_backup_file

    for _ in populate_demo(workspace.profiles, workspace.activities, TODAY):
        pass
    pid = min(p.id for p in workspace.profiles.list_profiles())
    workspace.profiles.set_pin(pid, "24682468")  # sealed: viewers get decrypted copies
    backup = tmp_path / "all.swdbak"
    create_backup_file(workspace.layout, backup)
    window.start()
    assert workspace.profiles.unlock(pid, "24682468")
    evidence = next(e for a in workspace.activities.list_activities(pid) for e in a.evidence)
    copy = workspace.activities.evidence_path(evidence)
    assert copy.is_file() and workspace.layout.root not in copy.parents  # a decrypted copy
    answer_questions(monkeypatch, dialogs, QMessageBox.StandardButton.Yes)
    dialogs.answers = [backup]
    with qtbot.waitSignal(window.backup_actions.restore_finished) as blocker:
        window.menus.restore_action.trigger()
    assert blocker.args[0] is not None
    try:
        assert not copy.exists() and not copy.parent.exists()
    finally:
        window.workspace.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_alt_letter_of_the_main_window_reaches_one_thing(
    qtbot,  # type: ignore[no-untyped-def]
    workspace: Workspace,
    settings: UiSettings,
    language: str,
) -> None:
    """On the dashboard and on the log, in both languages, each Alt+letter is claimed by one
    menu, button or labelled field only."""
    from swdesk.ui.i18n import install_language

    app = QApplication.instance()
    install_language(app, language)
    try:
        pid = workspace.profiles.create_profile(sample_draft())
        window = MainWindow(workspace, settings, TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.show()
        window.show_profile(pid)
        for index, key in enumerate((Qt.Key.Key_1, Qt.Key.Key_2)):
            press(qtbot, window, key, Qt.KeyboardModifier.ControlModifier)
            assert window.tabs.currentIndex() == index
            assert mnemonic_clashes(window) == {}, key
    finally:
        install_language(app, "zh_CN")
