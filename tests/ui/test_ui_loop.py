"""The whole loop through the windows, with three data folders: the practitioner exports,
the city approves and forwards, the province approves, the practitioner imports the decision
(and the same with a rejection that reopens the wizard with the reasons marked)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from ui_helpers import TODAY

from swdesk.domain.dates import period_end
from swdesk.domain.enums import RegistrationState
from swdesk.services.demo import populate_demo
from swdesk.services.review import init_review_workspace
from swdesk.signing import ReviewLevel
from swdesk.ui.review.window import ReviewWindow
from swdesk.ui.tasks import TaskRunner

PASSWORD = "correct horse battery"


def _reviewer(qtbot, root: Path, name: str, region: str, level: ReviewLevel) -> ReviewWindow:  # type: ignore[no-untyped-def]
    ws = init_review_workspace(
        root,
        office_name=name,
        region=region,
        level=level,
        rule_pack_id="gansu",
        password=PASSWORD,
        clock=lambda: TODAY,
    )
    window = ReviewWindow(ws, None, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    return window


def _select_first(window: ReviewWindow) -> None:
    """Select the queue's first row through the selection model: QTableView.selectRow
    follows the keyboard modifiers Qt believes are held, which key presses of earlier
    tests can leave behind."""
    window.table.selectionModel().select(
        window.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def _decide(window: ReviewWindow, outcome: str, reason: str = "") -> None:
    window.apply_filters()
    _select_first(window)
    dialog = window.decisions.decide_selected(outcome)
    if reason:
        dialog.reason_checks[reason].setChecked(True)
        dialog.reason_comments[reason].setText("请补充结业证书原件扫描件")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()


@pytest.fixture
def offices(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    city = _reviewer(
        qtbot, tmp_path / "city" / "review", "平凉市民政局", "620800", ReviewLevel.CITY
    )
    province = _reviewer(
        qtbot, tmp_path / "province" / "review", "甘肃省民政厅", "620000", ReviewLevel.PROVINCE
    )
    city.service.export_public_key(tmp_path / "city.swdkey")
    province.service.publish_trust([tmp_path / "city.swdkey"], tmp_path / "gansu.swdtrust")
    return city, province, tmp_path / "gansu.swdtrust"


def _export(window, workspace, folder: Path) -> tuple[int, Path]:  # type: ignore[no-untyped-def]
    pid = min(p.id for p in workspace.profiles.list_profiles())
    window.show_profile(pid)
    wizard = window.application_actions.open_wizard()
    wizard.declaration_check.setChecked(True)
    target = folder / "application.swdapp"
    wizard.export_actions.export_to(target)
    wizard.close()
    return pid, target


def _trust(qtbot, window, trust: Path) -> None:  # type: ignore[no-untyped-def]
    """Import the province's trust list and click 确认 in the box showing its fingerprint."""
    window.decision_actions.import_trust(trust)
    [asked] = [
        b
        for b in window.findChildren(QMessageBox)
        if b.isVisible() and b.objectName() == "trustConfirmation"
    ]
    confirm = next(b for b in asked.buttons() if b.text() == "确认")
    with qtbot.waitSignal(window.decision_actions.trust_imported):
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)


def test_approval_loop(qtbot, window, workspace, offices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    city, province, trust = offices
    for _ in populate_demo(workspace.profiles, workspace.activities, TODAY):
        pass
    pid, bundle = _export(window, workspace, tmp_path)
    old_expiry = workspace.profiles.get_record(pid).latest_registration.valid_to
    # written to the stick, not yet handed in: no office has it yet
    assert window.status.state is RegistrationState.AWAITING_SUBMISSION

    city.import_paths([bundle])
    city.report_dialog.close()
    _decide(city, "approved")
    city_out = tmp_path / "city-out"
    city_out.mkdir()
    city.export_decisions(city_out)
    forward = next(city_out.glob("*.swdfwd"))
    first_decision = next(city_out.glob("*.swddec"))

    province.import_paths([forward])
    assert province.last_report.counts()["imported"] == 1
    province.report_dialog.close()
    _select_first(province)
    detail = province.decisions.open_detail()
    assert detail.detail.first_level_decision is not None
    detail.close()
    _decide(province, "approved")
    province_out = tmp_path / "province-out"
    province_out.mkdir()
    province.export_decisions(province_out)
    final = next(province_out.glob("*.swddec"))

    _trust(qtbot, window, trust)
    window.decision_actions.import_decision(first_decision)  # 初审通过: informational
    assert window.status.state is RegistrationState.UNDER_REVIEW
    window.decision_actions.import_decision(final)
    record = workspace.profiles.get_record(pid)
    new = record.latest_registration
    assert new.valid_from == old_expiry + (date(2000, 1, 2) - date(2000, 1, 1))
    assert new.valid_to == period_end(new.valid_from, 3)
    assert window.status.state is RegistrationState.VALID
    certificate = window.decision_actions.latest_certificate()
    assert certificate is not None and certificate.read_bytes().startswith(b"%PDF")
    window.decision_actions.import_decision(final)  # the same decision again is refused: no change
    assert workspace.profiles.get_record(pid).latest_registration == new


def test_rejection_reopens_the_wizard_with_the_reasons(
    qtbot,
    window,
    workspace,
    offices,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    city, _province, trust = offices
    for _ in populate_demo(workspace.profiles, workspace.activities, TODAY):
        pass
    pid, bundle = _export(window, workspace, tmp_path)
    city.import_paths([bundle])
    city.report_dialog.close()
    _decide(city, "rejected", "material_unclear")
    out = tmp_path / "out"
    out.mkdir()
    city.export_decisions(out)
    _trust(qtbot, window, trust)
    window.decision_actions.import_decision(next(out.glob("*.swddec")))
    wizard = window.application_actions.wizard
    assert wizard.isVisible() and wizard.draft.parent_id is not None
    assert wizard.findings_list.count() == 1
    assert "请补充结业证书原件扫描件" in wizard.findings_list.item(0).text()
    wizard.findings_list.setCurrentRow(0)
    qtbot.keyClick(wizard.findings_list, Qt.Key.Key_Return)
    assert wizard.current_step() == "materials"
    wizard.declaration_check.setChecked(True)
    resubmitted = tmp_path / "again.swdapp"
    wizard.export_actions.export_to(resubmitted)
    wizard.close()
    city.import_paths([resubmitted])
    entry = city.last_report.entries[0]
    assert entry.status == "imported"
    detail = city.service.detail(entry.application_id)
    assert any(h.relation == "resubmission" for h in detail.history)
