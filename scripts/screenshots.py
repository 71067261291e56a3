"""Save PNG screenshots of swdesk's main screens (offscreen), to look at them as a person would.

    .venv/bin/python scripts/screenshots.py OUTPUT_DIR [--lang zh_CN|en] [--scale 1.5]

Uses a fresh temporary data folder filled with the demo practitioners.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--scale", default="1")
    parser.add_argument("--theme", default="light", choices=["system", "light", "dark"])
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = args.scale

    from PySide6.QtWidgets import QApplication

    from swdesk.services.workspace import open_workspace
    from swdesk.ui.fonts import register_cjk_font
    from swdesk.ui.i18n import install_language
    from swdesk.ui.main_window import MainWindow
    from swdesk.ui.settings import UiSettings
    from swdesk.ui.tasks import TaskRunner
    from swdesk.ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    register_cjk_font(app)
    install_language(app, args.lang)
    apply_theme(app, args.theme)
    out = args.output
    out.mkdir(parents=True, exist_ok=True)
    suffix = f"-{args.lang}" + ("" if args.scale == "1" else f"-x{args.scale}") + (
        "" if args.theme == "light" else f"-{args.theme}")

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        app.processEvents()
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        print(path)

    with tempfile.TemporaryDirectory() as tmp:
        workspace = open_workspace(Path(tmp) / "data", clock=date.today)
        settings = UiSettings(Path(tmp) / "settings.ini")
        settings.language = args.lang
        window = MainWindow(workspace, settings, TaskRunner(synchronous=True))
        window.resize(1100, 760)
        window.show()
        window.start()
        shot(window, "01-start")
        window.load_demo()
        shot(window, "02-dashboard-window-open")
        window.tabs.setCurrentWidget(window.log_page)
        shot(window, "03-activity-log")
        window.log_page.table.selectRow(0)
        dialog = window.log_page.edit_selected()
        if dialog is not None:
            dialog.adjustSize()
            shot(dialog, "04-activity-dialog")
            dialog.reject()
        window.show_profile(min(p.id for p in workspace.profiles.list_profiles()))
        wizard = window.open_wizard()
        if wizard is not None:
            wizard.resize(1100, 760)
            shot(wizard, "10-wizard-precheck")
            wizard.declaration_check.setChecked(True)
            for step in ("personal", "materials", "declaration", "form", "signed", "export"):
                wizard.go_to(step)
                shot(wizard, f"11-wizard-{step}")
            wizard.export_to(Path(tmp) / "application.swdapp")
            shot(wizard, "12-wizard-exported")
            wizard.close()
            reviewer_shots(Path(tmp), shot)
        from swdesk.ui.pin_dialog import PinDialog

        pin_dialog = PinDialog(False, window)
        pin_dialog.adjustSize()
        shot(pin_dialog, "09-pin-dialog")
        protected = sorted(p.id for p in workspace.profiles.list_profiles())[1]
        workspace.profiles.set_pin(protected, "24682468")  # sealed: the chooser shows it
        window.show_chooser()
        window.chooser_page.refresh(protected)
        shot(window, "05-profile-chooser")
        workspace.profiles.unlock(protected, "24682468")
        for profile in workspace.profiles.list_profiles()[1:]:
            window.show_profile(profile.id)
            status = window.status
            assert status is not None
            shot(window, f"06-dashboard-{status.state.value}")
        editor = window.edit_profile()
        if editor is not None:
            editor.resize(640, 900)
            shot(editor, "07-profile-editor")
            editor.validate()
            editor.reject()
        new = window.new_profile()
        new.resize(640, 900)
        new.validate()
        shot(new, "08-profile-editor-errors")
        new.reject()
        window.close()
        workspace.close()
    return 0


def reviewer_shots(tmp: Path, shot) -> None:  # type: ignore[no-untyped-def]
    """The city's reviewer window with the exported bundle imported."""
    from swdesk.services.review import init_review_workspace
    from swdesk.signing import ReviewLevel
    from swdesk.ui.review_window import ReviewWindow
    from swdesk.ui.tasks import TaskRunner

    ws = init_review_workspace(tmp / "city" / "review", office_name="平凉市民政局",
                               region="620800", level=ReviewLevel.CITY, rule_pack_id="gansu",
                               password="screenshot password")
    window = ReviewWindow(ws, None, TaskRunner(synchronous=True))
    window.resize(1200, 760)
    window.show()
    junk = tmp / "损坏的申请包.swdapp"
    junk.write_bytes(b"PK\x03\x04 not a bundle")
    window.import_paths([tmp / "application.swdapp", junk])
    window.report_dialog.resize(900, 300)
    shot(window.report_dialog, "20-review-import-report")
    window.report_dialog.close()
    shot(window, "21-review-queue")
    window.table.selectRow(0)
    detail = window.open_detail()
    if detail is not None:
        detail.resize(1150, 760)
        shot(detail, "22-review-detail-data")
        detail.tabs.setCurrentIndex(1)
        shot(detail, "23-review-detail-checks")
        detail.tabs.setCurrentWidget(detail.form_preview)
        shot(detail, "24-review-detail-form")
        detail.close()
    dialog = window.decide_selected("rejected")
    if dialog is not None:
        shot(dialog, "25-review-decide")
        dialog.reject()
    window.close()


if __name__ == "__main__":
    sys.exit(main())
