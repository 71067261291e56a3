"""Save PNG screenshots of swdesk's screens, to look at them as a person would.

    .venv/bin/python scripts/screenshots.py OUTPUT_DIR [--lang zh_CN|en] [--scale 1.5]
                                            [--theme light|dark]
    .venv/bin/python scripts/screenshots.py OUTPUT_DIR --all
    .venv/bin/python scripts/screenshots.py OUTPUT_DIR --guide

`--guide` takes the screens at 100 %, light, in both languages, and writes the user guide's
pictures (resources/guide/images/) and the README's (docs/screenshots/) as small PNGs.

`--all` takes every screen in both languages, at 100 % and 150 %, light and dark (one run per
combination, since the scale is fixed when Qt starts). Run it on the office laptop's screen:

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 .venv/bin/python scripts/screenshots.py shots --all

Without DISPLAY it falls back to Qt's offscreen platform (an 800×600 screen). Windows are
shown at the size swdesk gives them on that screen (nothing is resized here), and a window
larger than the screen's available area is reported as TOO LARGE. Uses a fresh temporary
data folder filled with the demo practitioners.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

LANGS = ("zh_CN", "en")
SCALES = ("1", "1.5")
THEMES = ("light", "dark")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", default="zh_CN", choices=LANGS)
    parser.add_argument("--scale", default="1")
    parser.add_argument("--theme", default="light", choices=["system", *THEMES])
    parser.add_argument(
        "--all",
        action="store_true",
        help="every language × scale (100 %%, 150 %%) × theme (light, dark)",
    )
    parser.add_argument(
        "--guide",
        action="store_true",
        help="also write the user guide's and the README's screenshots",
    )
    args = parser.parse_args()
    if args.all:
        return run_all(args.output)
    if args.guide:
        for lang in LANGS:
            code = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    str(args.output),
                    "--lang",
                    lang,
                    "--scale",
                    "1",
                    "--theme",
                    "light",
                ],
                check=False,
            ).returncode
            if code:
                return code
        return publish(args.output)
    return take(args.output, args.lang, args.scale, args.theme)


def run_all(output: Path) -> int:
    failed = 0
    for lang in LANGS:
        for scale in SCALES:
            for theme in THEMES:
                result = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        str(output),
                        "--lang",
                        lang,
                        "--scale",
                        scale,
                        "--theme",
                        theme,
                    ],
                    check=False,
                )
                failed += result.returncode != 0
    return 1 if failed else 0


ROOT = Path(__file__).resolve().parent.parent
#: screenshot → the name it has in the user guide and the README
PUBLISHED = {
    "02-dashboard-window-open": "dashboard",
    "03-activity-log": "activity-log",
    "10-wizard-precheck": "wizard",
    "21-review-queue": "review-queue",
}


def publish(shots: Path, width: int = 900) -> int:
    """The 100 % light screenshots, at most `width` pixels wide in 256 colours, into
    resources/guide/images (shipped, shown by Help → User guide: NAME.png in Chinese,
    NAME.en.png in English) and docs/screenshots (the README's, Chinese)."""
    from PIL import Image

    guide = ROOT / "resources" / "guide" / "images"
    for folder, lang, suffix in (
        (guide, "zh_CN", ""),
        (guide, "en", ".en"),
        (ROOT / "docs" / "screenshots", "zh_CN", ""),
    ):
        folder.mkdir(parents=True, exist_ok=True)
        for shot, name in PUBLISHED.items():
            with Image.open(shots / f"{shot}-{lang}.png") as image:
                picture = image.convert("RGB")
                if picture.width > width:
                    picture = picture.resize(
                        (width, round(picture.height * width / picture.width)),
                        Image.Resampling.LANCZOS,
                    )
                picture = picture.quantize(256, method=Image.Quantize.MEDIANCUT)
                target = folder / f"{name}{suffix}.png"
                picture.save(target, optimize=True)
                print(f"{target} ({target.stat().st_size // 1024} KB)")
    return 0


def take(out: Path, lang: str, scale: str, theme: str) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = scale

    from PySide6.QtWidgets import QApplication, QFileDialog

    from swdesk.services.workspace import open_workspace
    from swdesk.ui.fonts import register_cjk_font
    from swdesk.ui.i18n import install_language
    from swdesk.ui.main_window import MainWindow
    from swdesk.ui.settings import UiSettings
    from swdesk.ui.tasks import TaskRunner
    from swdesk.ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    app.setApplicationName("swdesk")
    app.setApplicationDisplayName("swdesk")
    register_cjk_font(app)
    install_language(app, lang)
    apply_theme(app, theme)
    out.mkdir(parents=True, exist_ok=True)
    suffix = (
        f"-{lang}"
        + ("" if scale == "1" else f"-x{scale}")
        + ("" if theme == "light" else f"-{theme}")
    )
    too_large: list[str] = []

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        if not widget.isVisible():
            widget.show()
        for _ in range(3):
            app.processEvents()
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        area = widget.screen().availableGeometry()
        frame = widget.frameGeometry()
        note = ""
        if widget.isWindow() and (frame.width() > area.width() or frame.height() > area.height()):
            note = (
                f"  TOO LARGE: {frame.width()}×{frame.height()} on {area.width()}×{area.height()}"
            )
            too_large.append(name)
        print(f"{path}{note}")

    with tempfile.TemporaryDirectory() as tmp:
        workspace = open_workspace(Path(tmp) / "data", clock=date.today)
        settings = UiSettings(Path(tmp) / "settings.ini")
        settings.language = lang
        window = MainWindow(workspace, settings, TaskRunner(synchronous=True))
        window.show()
        window.start()
        shot(window, "01-start")
        window.profile_actions.load_demo()
        shot(window, "02-dashboard-window-open")
        window.tabs.setCurrentWidget(window.log_page)
        shot(window, "03-activity-log")
        window.log_page.table.selectRow(0)
        dialog = window.log_page.edit_selected()
        if dialog is not None:
            shot(dialog, "04-activity-dialog")
            dialog.reject()
        window.show_profile(min(p.id for p in workspace.profiles.list_profiles()))
        wizard = window.application_actions.open_wizard()
        if wizard is not None:
            shot(wizard, "10-wizard-precheck")
            wizard.declaration_check.setChecked(True)
            for step in ("personal", "materials", "declaration", "form", "signed", "export"):
                wizard.go_to(step)
                shot(wizard, f"11-wizard-{step}")
            wizard.export_actions.export_to(Path(tmp) / "application.swdapp")
            shot(wizard, "12-wizard-exported")
            wizard.close()
            reviewer_shots(Path(tmp), shot)
        files = QFileDialog(
            window, window.tr("Restore from a backup"), tmp, "swdesk backup (*.swdbak)"
        )
        files.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own, translated
        shot(files, "13-file-dialog")
        files.close()
        guide = window.help_actions.show_guide()
        shot(guide, "14-user-guide")
        guide.close()
        about = window.help_actions.show_about()
        shot(about, "15-about")
        about.close()
        from swdesk.ui.pin_dialog import PinDialog

        pin_dialog = PinDialog(False, window)
        pin_dialog.adjustSize()
        shot(pin_dialog, "09-pin-dialog")
        pin_dialog.reject()
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
        editor = window.profile_actions.edit_profile()
        if editor is not None:
            shot(editor, "07-profile-editor")
            editor.validate()
            editor.reject()
        new = window.profile_actions.new_profile()
        new.validate()
        shot(new, "08-profile-editor-errors")
        new.reject()
        window.close()
        window.workspace.close()
    if too_large:
        print(f"windows larger than the screen: {', '.join(too_large)}", file=sys.stderr)
    return 0


def reviewer_shots(tmp: Path, shot) -> None:  # type: ignore[no-untyped-def]
    """The city's reviewer window with the exported bundle imported."""
    from swdesk.services.review import init_review_workspace
    from swdesk.signing import ReviewLevel
    from swdesk.ui.review.window import ReviewWindow
    from swdesk.ui.tasks import TaskRunner

    ws = init_review_workspace(
        tmp / "city" / "review",
        office_name="平凉市民政局",
        region="620800",
        level=ReviewLevel.CITY,
        rule_pack_id="gansu",
        password="screenshot password",
    )
    window = ReviewWindow(ws, None, TaskRunner(synchronous=True))
    window.show()
    junk = tmp / "损坏的申请包.swdapp"
    junk.write_bytes(b"PK\x03\x04 not a bundle")
    window.import_paths([tmp / "application.swdapp", junk])
    shot(window.report_dialog, "20-review-import-report")
    window.report_dialog.close()
    shot(window, "21-review-queue")
    window.table.selectRow(0)
    detail = window.decisions.open_detail()
    if detail is not None:
        shot(detail, "22-review-detail-data")
        detail.tabs.setCurrentIndex(1)
        shot(detail, "23-review-detail-checks")
        detail.tabs.setCurrentWidget(detail.form_preview)
        shot(detail, "24-review-detail-form")
        detail.close()
    dialog = window.decisions.decide_selected("rejected")
    if dialog is not None:
        shot(dialog, "25-review-decide")
        dialog.reject()
    window.close()


if __name__ == "__main__":
    sys.exit(main())
