"""People in the reviewer window, as an office uses it: the head adding a reviewer in the
Staff dialog, the reviewer's decision waiting with the head's actions disabled for them, and
the head signing it through Review → Sign decisions… on the real thread pool."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from review_ui_helpers import (
    CTRL,
    PASSWORD,
    SHIFT,
    TODAY,
    action,
    import_all,
    make_window,
    module_bundles,  # noqa: F401  (fixture: bundles)
    ok_button,
    press,
    select_ids,
)

from swdesk.reviewstore.orm import DecisionRow
from swdesk.services.review import ReviewState, open_review_workspace
from swdesk.ui.review.window import ReviewWindow
from swdesk.ui.tasks import TaskRunner

LEFT = Qt.MouseButton.LeftButton
LIJUN_PASSWORD = "lijun's own password"


def _head_window(qtbot, tmp_path: Path, monkeypatch, folder_templates) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, tmp_path / "review", templates=folder_templates)


def _add_lijun_in_the_staff_dialog(qtbot, window: ReviewWindow) -> None:  # type: ignore[no-untyped-def]
    action(window, "staffAccounts").trigger()
    dialog = window.people.staff_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.add_button, LEFT)
    add = dialog.add_dialog
    assert add is not None
    qtbot.keyClicks(add.username_edit, "lijun")
    add.name_edit.setText("李军")  # Chinese cannot be typed through keyClicks
    qtbot.keyClicks(add.password_edit, LIJUN_PASSWORD)
    qtbot.keyClicks(add.repeat_edit, "a different one")
    qtbot.mouseClick(ok_button(add), LEFT)
    assert add.isVisible() and add.error_label.text()  # the two passwords differ
    add.repeat_edit.clear()
    qtbot.keyClicks(add.repeat_edit, LIJUN_PASSWORD)
    qtbot.mouseClick(ok_button(add), LEFT)
    assert not add.isVisible()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["head", "lijun"]
    assert dialog.table.item(1, 1).text() == "李军"
    dialog.close()


def test_a_reviewers_decision_waits_and_the_head_signs_it(
    qtbot,
    tmp_path: Path,
    monkeypatch,
    folder_templates,
    bundles,  # type: ignore[no-untyped-def]
) -> None:
    head_window = _head_window(qtbot, tmp_path, monkeypatch, folder_templates)
    assert "head" in head_window.windowTitle()
    assert head_window.people.user_label.text().count("head") >= 1
    _add_lijun_in_the_staff_dialog(qtbot, head_window)
    import_all(head_window, [bundles.zhang])
    root = head_window.workspace.root
    assert root is not None
    head_window.close()

    # the reviewer: the head's actions disabled, saying why; their decision waits
    reviewer = open_review_workspace(root, LIJUN_PASSWORD, user="lijun", clock=lambda: TODAY)
    window = ReviewWindow(reviewer, None, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    assert "lijun" in window.windowTitle()
    for name in ("exportDecisions", "importTrust", "staffAccounts", "signDecisions"):
        found = action(window, name)
        assert not found.isEnabled() and found.toolTip(), name
    app_id = window.model.row_at(0).id
    select_ids(window, [app_id])
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.mouseClick(ok_button(window.decisions.decide_dialog), LEFT)
    assert window.decisions.last_decisions[0].status == "pending"
    # the state names the person who decided, as the claims column does
    assert "李军" in window.model.data(window.model.index(0, _state_column(window)))
    assert window.service.counts()["pending"] == 1  # the state waits for the head
    action(window, "changeOwnPassword").trigger()  # allowed to everyone
    change = window.people.password_dialog
    assert change is not None and change.isVisible()
    qtbot.keyClicks(change.old_edit, "not my password")
    qtbot.keyClicks(change.new_edit, "lijun's new password")
    qtbot.keyClicks(change.repeat_edit, "lijun's new password")
    qtbot.mouseClick(ok_button(change), LEFT)
    assert change.isVisible() and change.error_label.text()  # wrong current password
    change.old_edit.clear()
    qtbot.keyClicks(change.old_edit, LIJUN_PASSWORD)
    qtbot.mouseClick(ok_button(change), LEFT)
    assert not change.isVisible()
    window.close()
    again = open_review_workspace(root, "lijun's new password", user="lijun")
    again.close()

    # the head signs it through Review → Sign decisions…, on the real thread pool
    head = open_review_workspace(root, PASSWORD, clock=lambda: TODAY)
    window = ReviewWindow(head, None, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_G, CTRL | SHIFT)  # the action's shortcut
    dialog = window.people.sign_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() == 1 and "lijun" in dialog.list.item(0).text()
    with qtbot.waitSignal(window.decisions_recorded, timeout=20000) as recorded:
        qtbot.mouseClick(dialog.sign_all_button, LEFT)
    assert recorded.args == [[app_id]]
    assert dialog.list.count() == 0 and not dialog.sign_all_button.isEnabled()
    assert window.service.counts()[ReviewState.FIRST_APPROVED.value] == 1
    with head.database.session() as session:
        signed = session.query(DecisionRow.decided_by, DecisionRow.signed_by).one()
    assert tuple(signed) == ("lijun", "head")
    assert window.service.audit_verify().ok
    dialog.close()
    select_ids(window, [app_id])
    press(qtbot, window, Qt.Key.Key_Return)  # the detail names who decided and who signed
    detail = window.decisions.detail_dialog
    assert detail is not None
    history = detail.history_list.item(0).text()
    assert "lijun" in history and "head" in history
    detail.close()
    window.close()


def _state_column(window: ReviewWindow) -> int:
    return list(window.model.COLUMNS).index("state")
