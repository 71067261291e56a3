"""The application wizard driven end to end: pre-check, fixes, form, export, verify."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import TODAY

from swdesk.bundle import verify_bundle
from swdesk.cli import build_parser
from swdesk.commands import run_command
from swdesk.domain.application import ApplicationState
from swdesk.services.demo import populate_demo


def _demo_window(window, workspace):  # type: ignore[no-untyped-def]
    for _ in populate_demo(workspace.profiles, workspace.activities, TODAY):
        pass
    first = min(p.id for p in workspace.profiles.list_profiles())
    window.show_profile(first)
    return first


def _fix_codes(wizard) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.code for item in wizard.fix_items]


def test_wizard_from_precheck_to_verified_bundle(qtbot, window, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pid = _demo_window(window, workspace)
    wizard = window.open_wizard()
    assert wizard is not None and wizard.isVisible()
    assert wizard.current_step() == "precheck"
    assert _fix_codes(wizard) == ["declaration_not_accepted"]  # photo taken from the profile
    assert not wizard.export_button.isEnabled()

    wizard.fix_list.setCurrentRow(0)
    wizard._on_fix_list_item_activated(wizard.fix_list.currentItem())
    assert wizard.current_step() == "declaration"
    qtbot.mouseClick(wizard.declaration_check, Qt.MouseButton.LeftButton)
    assert wizard.draft.declaration_accepted

    wizard.go_to("personal")
    wizard.phone_edit.setText("12345")
    wizard.phone_edit.editingFinished.emit()
    assert wizard._personal.fields["phone"].has_error
    wizard.phone_edit.setText("13993312345")
    wizard.phone_edit.editingFinished.emit()
    assert not wizard._personal.fields["phone"].has_error

    wizard.go_to("form")
    assert wizard.pdf is not None and wizard.pdf.startswith(b"%PDF")
    assert wizard.preview.page_count >= 2

    wizard.go_to("export")
    assert _fix_codes(wizard) == []
    assert wizard.export_button.isEnabled()
    target = tmp_path / "usb" / "application.swdapp"
    target.parent.mkdir()
    wizard.export_to(target)
    assert wizard.last_export is not None
    assert str(target) in wizard.export_result.text()

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
        ("phone", "13993312345", wizard.draft.uid)]
    history = workspace.applications.history(pid)
    assert [a.state for a in history] == [ApplicationState.EXPORTED]

    out = io.StringIO()
    args = build_parser().parse_args(["bundle", "verify", str(target)])
    assert run_command(args, out=out) == 0
    assert verified.bundle_id[:16] in out.getvalue()
    wizard.close()


def test_signed_scan_later_keeps_the_version_and_is_recorded(qtbot, window, workspace,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    from swdesk.domain.application import MaterialRole

    pid = _demo_window(window, workspace)
    wizard = window.open_wizard()
    wizard.declaration_check.setChecked(True)
    first = tmp_path / "first.swdapp"
    wizard.export_to(first)
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n% signed form scan\n%%EOF\n")
    wizard.attach_file(MaterialRole.SIGNED_FORM, scan)
    second = tmp_path / "second.swdapp"
    wizard.export_to(second)
    a, b = verify_bundle(first), verify_bundle(second)
    assert [m.name for m in b.members if m.role == "signed_form"] == ["signed-form.pdf"]
    assert a.application == b.application
    assert a.content_digest == b.content_digest  # the printed QR still matches
    assert a.bundle_id != b.bundle_id
    assert [x.version for x in workspace.applications.history(pid)] == [1]


def test_fix_list_jumps_to_the_training_log(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    pid = _demo_window(window, workspace)
    record = workspace.profiles.get_record(pid)
    activity = workspace.activities.list_activities(pid)[0]
    workspace.activities.save_activity(pid, replace(activity, evidence=()))
    assert record is not None
    wizard = window.open_wizard()
    codes = _fix_codes(wizard)
    assert "activity_without_evidence" in codes
    row = codes.index("activity_without_evidence")
    wizard.fix_list.setCurrentRow(row)
    wizard._on_fix_list_item_activated(wizard.fix_list.currentItem())
    assert not wizard.isVisible()
    assert window.tabs.currentWidget() is window.log_page


def test_printing_draws_every_page_at_full_size(qtbot, window, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from swdesk.ui.pdf_preview import print_pdf

    _demo_window(window, workspace)
    wizard = window.open_wizard()
    wizard.go_to("form")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    from PySide6.QtGui import QPageSize

    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))  # a US default is overridden
    pages = print_pdf(wizard.pdf, printer)
    reader = PdfReader(str(printed))
    assert len(reader.pages) == pages == len(PdfReader(__import__("io").BytesIO(wizard.pdf)).pages)
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4
    wizard.close()
