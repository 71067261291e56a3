"""Every menu action of the reviewer window, the way a reviewer uses it: the real QAction
(by its shortcut where it has one), the real file dialogs answered, and the file it is meant
to write opened and checked. `QAction.triggered` passes `checked`; none of these may
mistake it for a path."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from review_ui_helpers import (
    CTRL,
    FULL_ID,
    SHIFT,
    ReviewBundles,
    action,
    import_all,
    make_window,
    module_bundles,  # noqa: F401  (fixture: bundles)
    ok_button,
    press,
    press_on_first,
    reviewer_window,  # noqa: F401  (fixture: window)
    select_ids,
    tick,
)
from ui_helpers import mnemonic_clashes

from swdesk.signing import ReviewLevel, read_decision, read_public_key, read_trust_file
from swdesk.ui.review.detail import ReviewDetailDialog


def _approve_first(qtbot, window) -> int:  # type: ignore[no-untyped-def]
    """Approve the first application of the queue with Ctrl+Shift+A and OK."""
    app_id = window.model.row_at(0).id
    select_ids(window, [app_id])
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.decisions.decide_dialog
    assert dialog.isVisible() and dialog.outcome() == "approved"
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert [r.status for r in window.decisions.last_decisions] == ["decided"]
    return app_id


def _messages(window) -> list[QMessageBox]:  # type: ignore[no-untyped-def]
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_export_decisions_with_ctrl_e_on_the_thread_pool(
    qtbot,
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
    bundles,
) -> None:
    window = make_window(qtbot, tmp_path / "review", synchronous=False)
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        monkeypatch.setattr(
            QFileDialog,
            "getOpenFileNames",
            staticmethod(lambda *a, **k: ([str(bundles.zhang)], "")),
        )
        press(qtbot, window, Qt.Key.Key_O, CTRL)
    window.report_dialog.close()
    assert window.model.total == 1
    app_id = window.model.row_at(0).id
    select_ids(window, [app_id])
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    with qtbot.waitSignal(window.decisions_recorded, timeout=60000) as recorded:
        qtbot.mouseClick(ok_button(window.decisions.decide_dialog), Qt.MouseButton.LeftButton)
    assert recorded.args == [[app_id]]

    out = tmp_path / "to-province"
    out.mkdir()
    asked: list[str] = []

    def choose(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append("folder")
        return str(out)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose))
    with qtbot.waitSignal(window.decisions_exported, timeout=60000) as exported:
        press(qtbot, window, Qt.Key.Key_E, CTRL)
    assert asked == ["folder"]
    files = sorted(out.iterdir())
    assert sorted(p.suffix for p in files) == [".swddec", ".swdfwd"]
    decision_file = next(p for p in files if p.suffix == ".swddec")
    signed = read_decision(decision_file.read_bytes(), file=decision_file.name)
    assert signed.decision.outcome == "approved" and signed.decision.stage == "first"
    assert signed.decision.applicant_name == "张晓梅"
    assert signed.decision.office.name == "平凉市民政局"
    assert sorted(exported.args[0]) == files
    [box] = _messages(window)
    assert str(out) in box.text() and "2" in box.text()
    box.close()
    window.close()


def test_export_decisions_of_the_selected_with_ctrl_shift_e(
    qtbot,
    window,
    tmp_path,  # type: ignore[no-untyped-def]
    monkeypatch,
    bundles,
) -> None:
    import_all(window, [bundles.zhang])
    app_id = _approve_first(qtbot, window)
    out = tmp_path / "selected"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out)))
    # exported once with Ctrl+E: the selected export writes it again on request
    press(qtbot, window, Qt.Key.Key_E, CTRL)
    first = sorted(p.name for p in out.iterdir())
    for box in _messages(window):
        box.close()
    for path in out.iterdir():
        path.unlink()
    select_ids(window, [app_id])
    press(qtbot, window, Qt.Key.Key_E, CTRL | SHIFT)
    assert sorted(p.name for p in out.iterdir()) == first
    assert len(first) == 2


def test_export_decisions_when_none_is_waiting_says_so(
    qtbot,
    window,
    tmp_path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out)))
    action(window, "exportDecisions").trigger()
    assert list(out.iterdir()) == []
    [box] = _messages(window)
    assert box.icon() == QMessageBox.Icon.Information
    assert box.objectName() == "informMessage"  # not the "unexpected error" box
    box.close()


def test_export_roster_menu_writes_the_workbook(
    qtbot,
    window,
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
    bundles,
) -> None:
    import_all(window, [bundles.zhang])
    _approve_first(qtbot, window)
    typed = tmp_path / "花名册"  # typed without ".xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(typed), "Excel (*.xlsx)"))
    )
    action(window, "exportRoster").trigger()
    written = tmp_path / "花名册.xlsx"
    assert written.is_file()
    book = load_workbook(written, read_only=True)
    rows = list(book["审核决定"].iter_rows(values_only=True))
    assert rows[0][2] == "姓名" and len(rows) == 2
    assert rows[1][2] == "张晓梅"
    assert rows[1][3] != bundles.id_number and "*" in rows[1][3]
    assert rows[1][8] == "通过"
    assert str(written) in window.statusBar().currentMessage()
    assert not [box for box in _messages(window) if box.objectName() == "errorMessage"]


def test_import_folder_with_ctrl_shift_o(qtbot, window, monkeypatch, bundles) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(bundles.zhang.parent))
    )
    press(qtbot, window, Qt.Key.Key_O, CTRL | SHIFT)
    report = window.report_dialog
    assert report.isVisible() and report.table.rowCount() == 2
    assert window.last_report.counts()["imported"] == 2
    # the same folder again: both recognised, in words
    report.close()
    press(qtbot, window, Qt.Key.Key_O, CTRL | SHIFT)
    table = window.report_dialog.table
    reasons = [table.item(r, 2).text() for r in range(table.rowCount())]
    assert len(reasons) == 2 and all(reasons)
    assert not [r for r in reasons if "already_imported" in r or "_" in r]


def test_open_application_with_return(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    import_all(window, [bundles.zhang])
    press_on_first(qtbot, window, Qt.Key.Key_Return)
    detail = window.decisions.detail_dialog
    assert isinstance(detail, ReviewDetailDialog) and detail.isVisible()
    assert "张晓梅" in detail.windowTitle()
    detail.close()


def test_reject_selected_with_ctrl_shift_r(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    import_all(window, [bundles.zhang])
    press_on_first(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    dialog = window.decisions.decide_dialog
    assert dialog.outcome() == "rejected" and dialog.reasons_box.isEnabled()
    tick(qtbot, dialog.reason_checks["material_unclear"])
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert [r.status for r in window.decisions.last_decisions] == ["decided"]
    assert window.service.counts()["first_rejected"] == 1


def test_refresh_with_f5_shows_what_arrived_meanwhile(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    window.service.import_files([bundles.zhang])  # e.g. by the command line
    assert window.model.total == 0
    press(qtbot, window, Qt.Key.Key_F5)
    assert window.model.total == 1


def test_office_menu_exports_the_public_key(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "city.swdkey"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    action(window, "exportKey").trigger()
    office = read_public_key(target.read_bytes(), file=target.name)
    assert office.fingerprint == window.workspace.office.fingerprint
    [box] = _messages(window)
    assert window.workspace.office.fingerprint_groups in box.text()
    box.close()


def test_province_publishes_a_trust_file_the_city_imports(
    qtbot,
    window,
    tmp_path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    province = make_window(
        qtbot,
        tmp_path / "province",
        level=ReviewLevel.PROVINCE,
        name="甘肃省民政厅",
        region="620000",
    )
    key = window.service.export_public_key(tmp_path / "city.swdkey")
    trust = tmp_path / "gansu.swdtrust"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(key)], ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(trust), ""))
    )
    action(province, "publishTrust").trigger()
    listed = read_trust_file(trust.read_bytes(), file=trust.name)
    assert listed.find(window.workspace.office.fingerprint) is not None
    from PySide6.QtGui import QAction

    assert window.findChild(QAction, "publishTrust") is None  # only the province publishes

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(trust), ""))
    )
    province_fingerprint = province.workspace.office.fingerprint_groups

    # shown first, with the province's fingerprint and the offices: Cancel stores nothing
    action(window, "importTrust").trigger()
    [box] = _messages(window)
    assert box.objectName() == "trustConfirmation"
    assert province_fingerprint in box.text() and "平凉市民政局" in box.text()
    assert box.defaultButton() is box.escapeButton()  # Cancel is the default
    qtbot.mouseClick(box.escapeButton(), Qt.MouseButton.LeftButton)
    assert window.service.trusted_offices() == []

    action(window, "importTrust").trigger()
    [box] = _messages(window)
    [confirm] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage()
    offices = window.service.trusted_offices()
    assert {o.name for o in offices} >= {"甘肃省民政厅", "平凉市民政局"}
    assert not _messages(window)


def test_a_trust_file_from_a_new_province_key_shows_both_fingerprints(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path, monkeypatch
) -> None:
    key = window.service.export_public_key(tmp_path / "city.swdkey")
    provinces = []
    for number in (1, 2):  # the province's old key, then a new one (a key rotation)
        province = make_window(
            qtbot,
            tmp_path / f"province-{number}",
            level=ReviewLevel.PROVINCE,
            name="甘肃省民政厅",
            region="620000",
        )
        province.service.publish_trust([key], tmp_path / f"gansu-{number}.swdtrust")
        provinces.append(province.workspace.office)
    old, new = provinces
    window.service.import_trust(tmp_path / "gansu-1.swdtrust")

    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "gansu-2.swdtrust"), "")),
    )
    action(window, "importTrust").trigger()
    [box] = _messages(window)
    assert new.fingerprint_groups in box.text() and old.fingerprint_groups in box.text()
    [confirm] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert not _messages(window)
    trusted = {o.fingerprint for o in window.service.trusted_offices()}
    assert new.fingerprint in trusted and old.fingerprint not in trusted
    assert window.service.audit_verify().ok


def test_verify_audit_log_reports_intact(qtbot, window, bundles) -> None:  # type: ignore[no-untyped-def]
    import_all(window, [bundles.zhang])
    action(window, "verifyAudit").trigger()
    [box] = _messages(window)
    assert box.icon() == QMessageBox.Icon.Information
    assert not FULL_ID.search(box.text())
    box.close()


def test_about_opens(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    action(window, "about").trigger()
    assert window.about_dialog.isVisible()
    window.about_dialog.close()


def test_quit_with_ctrl_q_closes_the_workspace(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()


def test_every_menu_action_is_named_and_survives_checked(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each action triggered (QAction passes checked=False to its slot) with every dialog
    cancelled: no error box, whatever the slot's parameters."""
    from PySide6.QtGui import QAction

    for name in ("getOpenFileNames", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    names = {a.objectName() for a in window.findChildren(QAction) if a.objectName()}
    assert {
        "importBundles",
        "importFolder",
        "exportDecisions",
        "exportSelectedDecisions",
        "exportRoster",
        "openApplication",
        "approveSelected",
        "rejectSelected",
        "refresh",
        "exportKey",
        "importTrust",
        "verifyAudit",
        "about",
        "quit",
    } <= names
    for name in sorted(names - {"quit", "about", "verifyAudit"}):
        action(window, name).trigger()
        assert not [b for b in _messages(window) if b.objectName() == "errorMessage"], name


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_alt_letter_of_the_window_reaches_one_thing(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path,
    folder_templates,
    bundles: ReviewBundles,
    language: str,
) -> None:
    """The menus, the queue's filters and the banner of applications sharing an ID number
    share the window: each Alt+letter is claimed by one of them only, in both languages (a
    clash made Alt+O reach the county filter instead of the Office menu)."""
    from PySide6.QtWidgets import QApplication

    from swdesk.ui.i18n import install_language

    app = QApplication.instance()
    install_language(app, language)
    try:
        window = make_window(qtbot, tmp_path / "review", templates=folder_templates)
        import_all(window, [bundles.zhang, bundles.zhang_again])
        assert window.findChild(QPushButton, "showSharedId").isVisible()
        assert mnemonic_clashes(window) == {}
    finally:
        install_language(app, "zh_CN")
