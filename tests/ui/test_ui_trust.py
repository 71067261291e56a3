"""The province's trust list in the practitioner's window, as a person handles it: 记录 →
导入… shows the province's fingerprint and the offices and stores nothing until 确认 is
clicked; 取消 leaves everything as it was; a list of a new province key shows the old and
the new fingerprint; 记录 → 移除可信机关名单 asks before forgetting the list."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from swdesk.services.workspace import Workspace
from swdesk.signing import ReviewLevel, generate_office_key
from swdesk.ui.main_window import MainWindow

_SAMPLES = Path(__file__).resolve().parents[1] / "integration" / "decision_samples.py"
_spec = importlib.util.spec_from_file_location("decision_samples", _SAMPLES)
assert _spec and _spec.loader
samples = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("decision_samples", samples)  # dataclasses look their module up
_spec.loader.exec_module(samples)

NEW_PROVINCE = generate_office_key("甘肃省民政厅", "620000", ReviewLevel.PROVINCE)


@pytest.fixture
def choose(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the open-file dialog answers, in order."""
    answers: list[Path] = []

    def answer(*args, **kwargs):  # type: ignore[no-untyped-def]
        return (str(answers.pop(0)) if answers else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    return answers


def _box(window: MainWindow, name: str) -> QMessageBox:
    boxes = [
        b for b in window.findChildren(QMessageBox) if b.isVisible() and b.objectName() == name
    ]
    assert len(boxes) == 1, name
    return boxes[0]


def _button(box: QMessageBox, text: str) -> QPushButton:
    button = next(b for b in box.buttons() if b.text() == text)
    assert isinstance(button, QPushButton)
    return button


def _trust_rows(workspace: Workspace) -> object:
    return samples.snapshot(workspace.layout.database, workspace.layout.evidence_dir)["trust"]


def test_cancel_stores_nothing_and_confirm_stores_the_list(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, workspace: Workspace, choose: list[Path], tmp_path: Path
) -> None:
    keys = samples.offices()
    trust = samples.write(tmp_path / "甘肃省.swdtrust", samples.trust_file())
    choose.append(trust)
    window.menus.trust_action.trigger()
    asked = _box(window, "trustConfirmation")
    text = asked.text()
    assert keys.province.identity.fingerprint_groups in text
    assert "平凉市民政局（620800）" in text and "甘肃省民政厅（620000）" in text
    assert asked.defaultButton() is _button(asked, "取消")
    qtbot.mouseClick(_button(asked, "取消"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not asked.isVisible())
    assert _trust_rows(workspace) == [] and workspace.decisions.trust_list() is None

    choose.append(trust)
    window.menus.trust_action.trigger()
    asked = _box(window, "trustConfirmation")
    with qtbot.waitSignal(window.decision_actions.trust_imported):
        qtbot.mouseClick(_button(asked, "确认"), Qt.MouseButton.LeftButton)
    in_force = workspace.decisions.trust_list()
    assert in_force is not None and in_force.issuer == keys.province.identity
    assert len(_trust_rows(workspace)) == 2  # type: ignore[arg-type]


def test_the_confirmation_lists_the_training_providers_too(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, workspace: Workspace, choose: list[Path], tmp_path: Path
) -> None:
    from swdesk.domain.credit_code import credit_code_check_char
    from swdesk.signing import generate_provider_key

    stem = "51620000MJX000001"
    association = generate_provider_key("甘肃省社会工作协会", stem + credit_code_check_char(stem))
    choose.append(
        samples.write(
            tmp_path / "甘肃省.swdtrust", samples.trust_file(providers=[association.identity])
        )
    )
    window.menus.trust_action.trigger()
    asked = _box(window, "trustConfirmation")
    text = asked.text()
    assert "名单所列的培训机构：\n甘肃省社会工作协会" in text
    assert text.index("平凉市民政局（620800）") < text.index("甘肃省社会工作协会")
    with qtbot.waitSignal(window.decision_actions.trust_imported):
        qtbot.mouseClick(_button(asked, "确认"), Qt.MouseButton.LeftButton)
    in_force = workspace.decisions.trust_list()
    assert in_force is not None and len(in_force.offices) == 2


def test_a_new_province_key_shows_both_fingerprints(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, workspace: Workspace, choose: list[Path], tmp_path: Path
) -> None:
    keys = samples.offices()
    workspace.decisions.import_trust_file(
        samples.write(tmp_path / "old.swdtrust", samples.trust_file(2))
    )
    choose.append(
        samples.write(tmp_path / "new.swdtrust", samples.trust_file(1, province=NEW_PROVINCE))
    )
    window.menus.trust_action.trigger()
    asked = _box(window, "trustConfirmation")
    text = asked.text()
    new, old = NEW_PROVINCE.identity.fingerprint_groups, keys.province.identity.fingerprint_groups
    assert new in text and old in text and text.index(new) < text.index(old)
    assert "新的省级密钥" in text
    with qtbot.waitSignal(window.decision_actions.trust_imported):
        qtbot.mouseClick(_button(asked, "确认"), Qt.MouseButton.LeftButton)
    in_force = workspace.decisions.trust_list()
    assert in_force is not None and in_force.issuer == NEW_PROVINCE.identity


def test_a_damaged_trust_file_is_explained_and_nothing_asked(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, workspace: Workspace, choose: list[Path], tmp_path: Path
) -> None:
    choose.append(samples.write(tmp_path / "坏.swdtrust", samples.trust_file()[:-20]))
    window.menus.trust_action.trigger()
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert box.objectName() == "errorMessage" and "坏.swdtrust" in box.text()
    assert workspace.decisions.trust_list() is None


def test_remove_the_trust_list_from_the_menu_asks_first(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:
    workspace.decisions.import_trust_file(
        samples.write(tmp_path / "wrong.swdtrust", samples.trust_file(1, province=NEW_PROVINCE))
    )
    assert window.menus.remove_trust_action.text() == "移除可信机关名单…"
    window.menus.remove_trust_action.trigger()
    asked = _box(window, "trustRemoval")
    assert NEW_PROVINCE.identity.fingerprint_groups in asked.text()
    qtbot.mouseClick(_button(asked, "取消"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not asked.isVisible())
    assert workspace.decisions.trust_list() is not None

    window.menus.remove_trust_action.trigger()
    asked = _box(window, "trustRemoval")
    with qtbot.waitSignal(window.decision_actions.trust_removed):
        qtbot.mouseClick(_button(asked, "移除"), Qt.MouseButton.LeftButton)
    assert workspace.decisions.trust_list() is None and _trust_rows(workspace) == []
