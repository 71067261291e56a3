"""The application wizard driven the way a person drives it: buttons clicked, keys pressed
on the fix list, files chosen through (patched) file dialogs; from the pre-check to a
verified bundle, and what the dashboard says afterwards."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from ui_helpers import TODAY

from swdesk.bundle import verify_bundle
from swdesk.cli import build_parser, run_command
from swdesk.domain.application import ApplicationState
from swdesk.domain.enums import RegistrationState
from swdesk.services.demo import populate_demo


def _demo_window(window, workspace, name: str | None = None) -> int:  # type: ignore[no-untyped-def]
    for _ in populate_demo(workspace.profiles, workspace.activities, TODAY):
        pass
    profiles = workspace.profiles.list_profiles()
    pid = (
        min(p.id for p in profiles)
        if name is None
        else next(p.id for p in profiles if p.name == name)
    )
    window.show_profile(pid)
    return pid


def _open_wizard(qtbot, window):  # type: ignore[no-untyped-def]
    """The wizard as a person sees it: opened over the main window and active."""
    wizard = window.application_actions.open_wizard()
    assert wizard is not None and wizard.isVisible()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def _fix_codes(wizard) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.code for item in wizard.fix_items]


def _click(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _press_enter_on_fix(qtbot, wizard, code: str) -> None:  # type: ignore[no-untyped-def]
    """Select the fix-list item `code` and press Enter on the list, as a keyboard user."""
    row = _fix_codes(wizard).index(code)
    wizard.fix_list.setCurrentRow(row)
    wizard.fix_list.setFocus()
    qtbot.keyClick(wizard.fix_list, Qt.Key.Key_Return)


def _click_step(qtbot, wizard, step: str) -> None:  # type: ignore[no-untyped-def]
    from swdesk.ui.wizard import STEPS

    item = wizard.steps.item(STEPS.index(step))
    rect = wizard.steps.visualItemRect(item)
    qtbot.mouseClick(wizard.steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert wizard.current_step() == step


@pytest.fixture
def no_file_dialog(monkeypatch):  # type: ignore[no-untyped-def]
    """Record every open-file dialog (none is expected) instead of showing it."""
    opened: list[str] = []

    def fake(*args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(args[1] if len(args) > 1 else kwargs.get("caption", "")))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    return opened


def _choose_file(monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def _choose_save_target(monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def _visible_message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_wizard_from_precheck_to_verified_bundle(
    qtbot,
    window,
    workspace,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
    no_file_dialog,
) -> None:
    pid = _demo_window(window, workspace)
    wizard = _open_wizard(qtbot, window)
    assert wizard is not None and wizard.isVisible()
    assert wizard.current_step() == "precheck"
    assert _fix_codes(wizard) == ["declaration_not_accepted"]  # photo taken from the profile
    assert not wizard.export_button.isEnabled()

    # Enter on the item jumps to the declaration and puts the focus on its check box; it
    # does not also press "Next" (the dialog's default button).
    _press_enter_on_fix(qtbot, wizard, "declaration_not_accepted")
    assert wizard.current_step() == "declaration"
    assert wizard.focusWidget() is wizard.declaration_check
    assert not wizard.declaration_check.isChecked()
    _click(qtbot, wizard.declaration_check)
    assert wizard.draft.declaration_accepted

    _click(qtbot, wizard.back_button)
    _click(qtbot, wizard.back_button)
    assert wizard.current_step() == "personal"
    phone = wizard.phone_edit
    phone.setFocus()
    phone.selectAll()
    qtbot.keyClicks(phone, "12345")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    assert wizard.personal_page.fields.fields["phone"].has_error
    phone.selectAll()
    qtbot.keyClicks(phone, "13993312345")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    assert not wizard.personal_page.fields.fields["phone"].has_error

    _click_step(qtbot, wizard, "form")
    assert wizard.pdf is not None and wizard.pdf.startswith(b"%PDF")
    # the check box recorded the acceptance; the service stamped it on saving, on its clock
    accepted_at = wizard.draft.declaration_accepted_at
    assert accepted_at is not None and accepted_at.date() == TODAY
    assert wizard.preview.page_count >= 2
    assert not wizard.form_page.draft_notice.isVisible()

    _click(qtbot, wizard.next_button)
    _click(qtbot, wizard.next_button)
    assert wizard.current_step() == "export"
    assert _fix_codes(wizard) == []
    target = tmp_path / "usb" / "application.swdapp"
    target.parent.mkdir()
    _choose_save_target(monkeypatch, target)
    _click(qtbot, wizard.export_button)
    assert wizard.last_export is not None and target.exists()

    # What the export page says: the file, its folder, a short check code, the next step.
    result = wizard.export_result.text()
    assert "application.swdapp" in result and str(target.parent) in result
    assert not re.search(r"[0-9a-f]{16}", result)  # no 64-character identifiers
    code = f"{wizard.last_export.bundle_id[:4]} {wizard.last_export.bundle_id[4:8]}"
    assert code in result
    assert "已导出，尚未提交" in result
    next_step = wizard.export_page.next_step
    assert next_step.isVisible() and "平凉市民政局" in next_step.text()
    assert "签字" in next_step.text() and "U 盘" in next_step.text()
    assert not no_file_dialog

    verified = verify_bundle(target)
    assert verified.bundle_id == wizard.last_export.bundle_id
    assert verified.application["applicant"]["phone"] == "13993312345"
    assert not [m for m in verified.members if m.role == "signed_form"]
    printed_before_export = workspace.applications.plan(wizard.draft)[1].qr_payload
    assert printed_before_export.endswith(verified.content_digest)
    assert workspace.profiles.get_record(pid).practitioner.phone == "13993312345"
    from swdesk.storage.repositories import ProfileChangeRepository

    with workspace.database.session() as session:
        changes = ProfileChangeRepository(session).list_for(pid)
    assert [(c.field, c.new_value, c.application_uid) for c in changes] == [
        ("phone", "13993312345", wizard.draft.uid)
    ]
    history = workspace.applications.history(pid)
    assert [a.state for a in history] == [ApplicationState.EXPORTED]

    out = io.StringIO()
    args = build_parser().parse_args(["bundle", "verify", str(target)])
    assert run_command(args, out=out) == 0
    assert verified.bundle_id[:16] in out.getvalue()
    _click(qtbot, wizard.close_button)
    assert not wizard.isVisible()
    reopened = _open_wizard(qtbot, window)  # the exported version, with its check code
    _click_step(qtbot, reopened, "export")
    assert code in reopened.export_result.text() and "第 1 版" in reopened.export_result.text()
    _click(qtbot, reopened.close_button)

    # The dashboard says what is true: exported, not yet handed in, and where to take it.
    assert window.status.state is RegistrationState.AWAITING_SUBMISSION
    assert window.dashboard.state_label.text() == "已导出，尚未提交"
    assert "审核中" not in window.dashboard.state_label.text()
    assert "平凉市民政局" in window.dashboard.next_label.text()
    assert "尚未提交" in window.dashboard.application_label.text()


def test_enter_on_the_late_explanation_item_only_focuses_the_text(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, no_file_dialog
) -> None:
    _demo_window(window, workspace, "马明远")  # registered 38 months ago: overdue
    wizard = _open_wizard(qtbot, window)
    assert "late_explanation_missing" in _fix_codes(wizard)
    _press_enter_on_fix(qtbot, wizard, "late_explanation_missing")
    assert wizard.current_step() == "materials"
    assert wizard.focusWidget() is wizard.late_edit
    assert no_file_dialog == []  # the photo chooser did not open
    assert not _visible_message_boxes()
    wizard.close()


def test_double_click_on_a_training_item_opens_the_log(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    pid = _demo_window(window, workspace)
    activity = workspace.activities.list_activities(pid)[0]
    workspace.activities.save_activity(pid, replace(activity, evidence=()))
    wizard = _open_wizard(qtbot, window)
    codes = _fix_codes(wizard)
    assert "activity_without_evidence" in codes
    item = wizard.fix_list.item(codes.index("activity_without_evidence"))
    wizard.fix_list.scrollToItem(item)
    pos = wizard.fix_list.visualItemRect(item).center()
    qtbot.mouseClick(wizard.fix_list.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(wizard.fix_list.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert not wizard.isVisible()
    assert window.tabs.currentWidget() is window.log_page


def test_the_wizard_fits_the_screen_and_clamps_a_remembered_size(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, settings
) -> None:
    _demo_window(window, workspace)
    wizard = _open_wizard(qtbot, window)
    qtbot.waitExposed(wizard)
    area = wizard.screen().availableGeometry()

    def inside(w: QWidget) -> bool:
        top_left = w.mapToGlobal(w.rect().topLeft())
        bottom_right = w.mapToGlobal(w.rect().bottomRight())
        return area.contains(top_left) and area.contains(bottom_right)

    for step in ("precheck", "personal", "materials", "declaration", "form", "signed", "export"):
        _click_step(qtbot, wizard, step)
        assert wizard.frameGeometry().width() <= area.width()
        assert wizard.frameGeometry().height() <= area.height()
        for button in (wizard.next_button, wizard.close_button, wizard.save_button):
            assert inside(button), (step, button.objectName())
    # a window remembered from a large monitor: reopened, it is pulled back onto this one
    wizard.resize(area.width() * 2, area.height() * 2)
    wizard.move(area.right() + 500, area.bottom() + 500)
    _click(qtbot, wizard.close_button)
    assert settings.geometry("wizard") is not None
    again = _open_wizard(qtbot, window)
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: area.contains(again.frameGeometry().topLeft()))
    assert again.frameGeometry().width() <= area.width()
    assert again.frameGeometry().height() <= area.height()
    assert inside(again.next_button) and inside(again.close_button)
    again.close()


def test_a_huge_photo_is_scaled_and_a_tiny_one_is_refused_next_to_the_field(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, tmp_path: Path, monkeypatch
) -> None:
    from PIL import Image

    _demo_window(window, workspace)
    wizard = _open_wizard(qtbot, window)
    _click_step(qtbot, wizard, "materials")
    page = wizard.materials_page

    tiny = tmp_path / "small.png"
    Image.new("RGB", (120, 160), (200, 180, 160)).save(tiny)
    _choose_file(monkeypatch, tiny)
    _click(qtbot, page.photo_button)
    assert page.photo_error.isVisible()
    assert "120×160" in page.photo_error.text() and "240×320" in page.photo_error.text()
    assert not _visible_message_boxes()
    old_photo = wizard.draft.photo
    assert old_photo is not None  # the refused file replaced nothing

    huge = tmp_path / "相机原图.jpg"
    Image.new("L", (9000, 12000), 150).save(huge, "JPEG", quality=90)
    _choose_file(monkeypatch, huge)
    _click(qtbot, page.photo_button)
    assert not page.photo_error.isVisible()
    assert not _visible_message_boxes()
    photo = wizard.draft.photo
    assert photo is not None and photo.original_name == "相机原图.jpg" and photo != old_photo
    assert not wizard.photo_label.pixmap().isNull()
    stored = workspace.applications.material_path(photo)
    with Image.open(stored) as image:
        assert image.size == (354, 472)
    wizard.close()


def _pooled_wizard(qtbot, workspace, settings):  # type: ignore[no-untyped-def]
    """A main window on the real thread pool (not the tests' synchronous runner), its
    wizard open on the first demo practitioner."""
    from swdesk.ui.main_window import MainWindow
    from swdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    window = MainWindow(workspace, settings, runner)
    qtbot.addWidget(window)
    window.show()
    for _ in populate_demo(workspace.profiles, workspace.activities, TODAY):
        pass
    with qtbot.waitSignal(window.dashboard_updated, timeout=30000):
        window.show_profile(min(p.id for p in workspace.profiles.list_profiles()))
    return runner, _open_wizard(qtbot, window)


def test_print_on_the_first_click_waits_for_the_form(
    qtbot,
    workspace,
    settings,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    """With the real thread pool the form is still being generated when Print is
    clicked; it is printed as soon as it is ready."""
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    runner, wizard = _pooled_wizard(qtbot, workspace, settings)
    printed = tmp_path / "printed.pdf"
    asked: list[int] = []

    def accept_to_file(dialog: QPrintDialog) -> int:
        asked.append(1)
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept_to_file)
    with qtbot.waitSignal(wizard.form_ready, timeout=30000):
        _click_step(qtbot, wizard, "form")
        assert wizard.pdf is None  # still being generated on the pool
        _click(qtbot, wizard.print_button)
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 0, timeout=30000)
    assert asked == [1]
    assert len(PdfReader(str(printed)).pages) == wizard.preview.page_count
    # it is a draft (the declaration is not accepted yet), and says so on screen
    assert wizard.form_page.draft_notice.isVisible()
    wizard.close()
    runner.wait_for_idle()


def test_closing_while_the_form_is_generated_drops_the_result(qtbot, workspace, settings) -> None:  # type: ignore[no-untyped-def]
    runner, wizard = _pooled_wizard(qtbot, workspace, settings)
    _click_step(qtbot, wizard, "form")
    assert wizard.pdf is None
    _click(qtbot, wizard.close_button)
    assert not wizard.isVisible()
    assert runner.wait_for_idle()
    qtbot.waitUntil(lambda: not runner.busy, timeout=30000)  # delivered, and dropped quietly


def test_a_form_printed_with_open_fixes_is_a_draft_on_every_page(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from pypdf import PdfReader

    _demo_window(window, workspace)
    wizard = _open_wizard(qtbot, window)
    assert _fix_codes(wizard) == ["declaration_not_accepted"]
    _click_step(qtbot, wizard, "form")
    pages = PdfReader(io.BytesIO(wizard.pdf)).pages
    assert len(pages) >= 2
    for page in pages:
        assert "预审未通过，草稿" in page.extract_text()
    assert wizard.form_page.draft_notice.isVisible()

    _click_step(qtbot, wizard, "declaration")
    _click(qtbot, wizard.declaration_check)
    _click_step(qtbot, wizard, "form")
    assert not any(
        "草稿" in page.extract_text() for page in PdfReader(io.BytesIO(wizard.pdf)).pages
    )
    assert not wizard.form_page.draft_notice.isVisible()
    wizard.close()


def test_escape_keeps_an_edit_not_yet_confirmed(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    pid = _demo_window(window, workspace)
    wizard = _open_wizard(qtbot, window)
    _click_step(qtbot, wizard, "personal")
    wizard.phone_edit.setFocus()
    wizard.phone_edit.selectAll()
    qtbot.keyClicks(wizard.phone_edit, "13911112222")  # no Enter, no Tab
    qtbot.keyClick(wizard.phone_edit, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert workspace.applications.current_draft(pid).phone == "13911112222"


def test_edits_are_saved_a_moment_after_typing(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    pid = _demo_window(window, workspace, "马明远")
    wizard = _open_wizard(qtbot, window)
    _click_step(qtbot, wizard, "materials")
    with qtbot.waitSignal(wizard.draft_saved, timeout=10000):
        wizard.late_edit.setFocus()
        qtbot.keyClicks(wizard.late_edit, "Hospital stay from March to June.")
        assert wizard.isWindowModified()
    assert workspace.applications.current_draft(pid).late_explanation.startswith("Hospital")
    assert not wizard.isWindowModified()
    wizard.close()


def test_a_failed_save_on_closing_asks_before_losing_the_edits(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    from swdesk.domain.errors import UserFixableError

    _demo_window(window, workspace)
    wizard = _open_wizard(qtbot, window)
    asked: list[str] = []

    def disk_full(_draft):  # type: ignore[no-untyped-def]
        raise UserFixableError("disk_full", path="/data")

    def answer(parent, title, text, buttons, default):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(workspace.applications, "save_draft", disk_full)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(answer))
    _click(qtbot, wizard.close_button)
    assert wizard.isVisible() and len(asked) == 1  # kept open: nothing lost
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda *a: QMessageBox.StandardButton.Discard)
    )
    _click(qtbot, wizard.close_button)
    assert not wizard.isVisible()


def test_signed_scan_later_keeps_the_version_and_is_recorded(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
) -> None:
    pid = _demo_window(window, workspace)
    wizard = _open_wizard(qtbot, window)
    _click_step(qtbot, wizard, "declaration")
    _click(qtbot, wizard.declaration_check)
    _click_step(qtbot, wizard, "export")
    first = tmp_path / "first.swdapp"
    _choose_save_target(monkeypatch, first)
    _click(qtbot, wizard.export_button)
    assert "签字" in wizard.export_page.next_step.text()
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n% signed form scan\n%%EOF\n")
    _click_step(qtbot, wizard, "signed")
    _choose_file(monkeypatch, scan)
    _click(qtbot, wizard.signed_page.signed_button)
    assert "signed.pdf" in wizard.signed_page.signed_label.text()
    second = tmp_path / "second.swdapp"
    _click_step(qtbot, wizard, "export")
    _choose_save_target(monkeypatch, second)
    _click(qtbot, wizard.export_button)
    a, b = verify_bundle(first), verify_bundle(second)
    assert [m.name for m in b.members if m.role == "signed_form"] == ["signed-form.pdf"]
    assert a.application == b.application
    assert a.content_digest == b.content_digest  # the printed QR still matches
    assert a.bundle_id != b.bundle_id
    assert [x.version for x in workspace.applications.history(pid)] == [1]
    wizard.close()


def test_printing_draws_every_page_at_full_size(qtbot, window, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from swdesk.ui.pdf_preview import print_pdf

    _demo_window(window, workspace)
    wizard = _open_wizard(qtbot, window)
    _click_step(qtbot, wizard, "form")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))  # a US default is overridden
    pages = print_pdf(wizard.pdf, printer)
    reader = PdfReader(str(printed))
    assert len(reader.pages) == pages == len(PdfReader(io.BytesIO(wizard.pdf)).pages)
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4
    wizard.close()
