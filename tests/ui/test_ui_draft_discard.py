"""The wizard's draft follows the registration, and a person can discard it: the real
button, the real question (Cancel by default, naming what is lost), the files released.
An exported application offers no discard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from ui_helpers import sample_draft

from swdesk.domain.application import ApplicationKind, MaterialRole
from swdesk.services.demo_images import portrait_png
from swdesk.services.profiles import ProfileDraft

IN_WINDOW = date(2024, 1, 15)  # valid to 2027-01-14: the renewal window is open on TODAY


def _open_wizard(qtbot, window):  # type: ignore[no-untyped-def]
    window.menus.apply_action.trigger()
    wizard = window.application_actions.wizard
    assert wizard is not None and wizard.isVisible()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def _click(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _question(qtbot, wizard) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(b.isVisible() for b in wizard.findChildren(QMessageBox)))
    box = next(b for b in wizard.findChildren(QMessageBox) if b.isVisible())
    assert box.objectName() == "discardDraftQuestion"
    return box


def _first_registration_draft(workspace, tmp_path: Path) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """An unregistered practitioner with a saved first-registration draft holding a photo
    and a proof of identity change; returns the id and the two stored file names."""
    pid = workspace.profiles.create_profile(replace(sample_draft("刘喆"), registration=None))
    apps = workspace.applications
    photo = tmp_path / "证件照.png"
    photo.write_bytes(portrait_png(6))
    proof = tmp_path / "户口本变更页.pdf"
    proof.write_bytes(b"%PDF-1.4\n% proof\n%%EOF\n")
    draft = apps.attach(apps.current_draft(pid), MaterialRole.PHOTO, photo)
    draft = apps.attach(draft, MaterialRole.IDENTITY_CHANGE, proof)
    saved = apps.save_draft(replace(draft, identity_changed=True, declaration_accepted=True))
    assert saved.kind is ApplicationKind.FIRST
    assert saved.photo is not None
    return (
        pid,
        saved.photo.stored_name,
        saved.materials_with(MaterialRole.IDENTITY_CHANGE)[0].stored_name,
    )


def _record_registration(workspace, pid: int, valid_from: date = IN_WINDOW) -> None:  # type: ignore[no-untyped-def]
    from swdesk.domain.dates import period_end
    from swdesk.domain.enums import RegistrationKind
    from swdesk.domain.models import RegistrationPeriod

    record = workspace.profiles.get_record(pid)
    workspace.profiles.update_profile(
        pid,
        ProfileDraft(
            record.practitioner,
            record.current_certificate,
            RegistrationPeriod(RegistrationKind.FIRST, valid_from, period_end(valid_from, 3)),
        ),
    )


def test_a_draft_follows_a_registration_recorded_later(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    pid, _photo, _proof = _first_registration_draft(workspace, tmp_path)
    window.show_profile(pid)
    wizard = _open_wizard(qtbot, window)
    assert wizard.draft.kind is ApplicationKind.FIRST
    assert wizard.windowTitle().startswith(wizard.tr("First registration application"))
    assert [item.code for item in wizard.fix_items] == []
    assert not wizard.precheck_page.notice_label.isVisible()
    _click(qtbot, wizard.close_button)

    _record_registration(workspace, pid)
    window.show_profile(pid)
    wizard = _open_wizard(qtbot, window)
    assert wizard.draft.kind is ApplicationKind.RENEWAL
    assert wizard.windowTitle().startswith(wizard.tr("Re-registration application"))
    notice = wizard.precheck_page.notice_label  # the person is told why, and what was kept
    assert notice.isVisible() and notice.text() == wizard.precheck_page.tr(
        "A registration was recorded in your profile since this draft was saved, so it is "
        "now a re-registration application. Your entries and files were kept; accept the "
        "declaration again for it."
    )
    codes = [item.code for item in wizard.fix_items]
    assert "already_registered" not in codes
    assert "declaration_not_accepted" in codes  # given for the first registration
    assert not wizard.declaration_check.isChecked()
    assert wizard.draft.identity_changed and wizard.draft.photo is not None
    _click(qtbot, wizard.close_button)
    assert [a.kind for a in workspace.applications.history(pid)] == [ApplicationKind.RENEWAL]


def test_an_overdue_registration_asks_for_the_explanation_in_the_wizard(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, tmp_path: Path
) -> None:
    pid, _photo, _proof = _first_registration_draft(workspace, tmp_path)
    _record_registration(workspace, pid, date(2023, 6, 1))  # lapsed on 2026-05-31
    window.show_profile(pid)
    wizard = _open_wizard(qtbot, window)
    assert wizard.draft.kind is ApplicationKind.RENEWAL
    codes = [item.code for item in wizard.fix_items]
    assert "late_explanation_missing" in codes and "hours_short" in codes
    wizard.go_to("materials")
    assert wizard.late_edit.isVisible()
    _click(qtbot, wizard.close_button)


def test_discarding_asks_first_and_then_deletes_the_draft_and_its_files(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, tmp_path: Path
) -> None:
    pid, photo, proof = _first_registration_draft(workspace, tmp_path)
    evidence = workspace.layout.evidence_dir
    window.show_profile(pid)
    wizard = _open_wizard(qtbot, window)
    wizard.go_to("materials")
    wizard.late_edit.setPlainText("不需要")  # an edit not yet saved counts as well

    # Cancel is the default: Enter keeps the draft
    _click(qtbot, wizard.discard_button)
    box = _question(qtbot, wizard)
    text = box.text()
    assert "证件照.png" in text and "户口本变更页.pdf" in text
    assert box.defaultButton() is box.findChild(QWidget, "cancelDiscard")
    assert box.escapeButton() is box.findChild(QWidget, "cancelDiscard")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert wizard.isVisible()
    assert len(workspace.applications.history(pid)) == 1
    assert (evidence / photo).is_file()

    _click(qtbot, wizard.discard_button)
    box = _question(qtbot, wizard)
    _click(qtbot, box.findChild(QWidget, "cancelDiscard"))
    assert wizard.isVisible() and len(workspace.applications.history(pid)) == 1

    _click(qtbot, wizard.discard_button)
    box = _question(qtbot, wizard)
    with qtbot.waitSignal(wizard.draft_discarded):
        _click(qtbot, box.findChild(QWidget, "confirmDiscard"))
    assert not wizard.isVisible()
    assert workspace.applications.history(pid) == []  # closing did not save it again
    assert not (evidence / photo).exists() and not (evidence / proof).exists()
    assert window.dashboard.application_label.text() == window.dashboard.tr("No application yet.")
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_an_exported_application_offers_no_discard(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    pid, photo, _proof = _first_registration_draft(workspace, tmp_path)
    workspace.applications.export(
        workspace.applications.current_draft(pid), tmp_path / "first.swdapp"
    )
    window.show_profile(pid)
    wizard = _open_wizard(qtbot, window)
    assert not wizard.discard_button.isEnabled()
    assert wizard.discard_button.toolTip()
    assert wizard.draft_discard.ask() is None  # even when asked directly: no question, no loss
    # editing it starts the next version, a draft again: that one can be discarded
    wizard.go_to("personal")
    wizard.personal_page.post_edit.setText("社会工作督导")
    _click(qtbot, wizard.save_button)
    assert wizard.draft.version == 2 and wizard.discard_button.isEnabled()
    _click(qtbot, wizard.discard_button)
    _click(qtbot, _question(qtbot, wizard).findChild(QWidget, "confirmDiscard"))
    assert [a.version for a in workspace.applications.history(pid)] == [1]
    assert (workspace.layout.evidence_dir / photo).is_file()  # the exported one keeps it
