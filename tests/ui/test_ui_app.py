"""Whole-application behaviour: demo, language switch, calendar export, the real entry point."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import sample_draft

from cli_runner import run_cli
from swdesk.ui.settings import UiSettings


def test_demo_from_the_start_page_opens_a_dashboard(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.start_page.demo_button, Qt.MouseButton.LeftButton)
    profiles = workspace.profiles.list_profiles()
    assert len(profiles) == 5
    assert window.stack.currentWidget() is window.profile_page
    assert window.dashboard.who_label.text() == "张晓梅"
    status = window.dashboard.status
    assert status.state.value == "window_open"
    assert status.counted_hours >= status.required_hours
    states = {workspace.dashboard.status_for(p.id).state.value for p in profiles}
    assert {"window_open", "valid", "window_not_open", "overdue"} <= states


def test_language_choice_switches_and_persists(
    qtbot, window, settings: UiSettings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.start_page.create_button.text() != "&Create my profile"  # Chinese first
    window.appearance_actions.set_language("en")
    assert window.start_page.create_button.text() == "&Create my profile"
    assert UiSettings(tmp_path / "settings.ini").language == "en"
    window.appearance_actions.set_language("zh_CN")
    assert "档案" in window.start_page.create_button.text()


def test_reminders_export_as_ics(qtbot, window, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    target = tmp_path / "out" / "reminders.ics"
    target.parent.mkdir()
    window.calendar_actions.export_reminders(target)
    from icalendar import Calendar

    calendar = Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    codes = {str(e["uid"]).split("-")[1] for e in events}
    assert {"window_opens", "expires"} <= codes
    starts = sorted(e.decoded("dtstart").isoformat() for e in events)
    assert starts[-1] == "2027-02-28"
    assert all("620802" not in str(e.get("description", "")) for e in events)


def test_help_lists_the_options() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for option in ("--data-dir", "--demo", "--lang", "--version"):
        assert option in result.stdout


def test_window_size_and_theme_are_remembered(qtbot, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from swdesk.ui.main_window import MainWindow
    from swdesk.ui.tasks import TaskRunner

    settings = UiSettings(tmp_path / "remember.ini")
    first = MainWindow(workspace, settings, TaskRunner(synchronous=True))
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 520)
    first.appearance_actions.set_theme("dark")
    first.close()
    app = QApplication.instance()
    assert app.palette().window().color().lightness() < 80
    reopened = UiSettings(tmp_path / "remember.ini")
    assert reopened.theme == "dark"
    second = MainWindow(workspace, reopened, TaskRunner(synchronous=True))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 520)
    second.appearance_actions.set_theme("system")
    assert app.palette().window().color().lightness() > 80


def test_copy_diagnostics_has_versions_but_no_personal_data(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    import logging
    import re

    from PySide6.QtWidgets import QApplication

    window.log_dir = workspace.layout.log_dir
    window.log_dir.mkdir(parents=True, exist_ok=True)
    (window.log_dir / "swdesk.log").write_text(
        "2026-11-28 INFO swdesk: started\n2026-11-28 WARNING a line with 62080219910412422X\n",
        encoding="utf-8",
    )
    logging.getLogger("test").info("diagnostics test")
    text = window.help_actions.copy_diagnostics()
    assert QApplication.clipboard().text() == text
    assert "swdesk" in text and "Qt runtime" in text
    assert not re.search(r"\d{17}[\dX]", text)
