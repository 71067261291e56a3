"""The rules as a practitioner meets them on screen: each requirement with its 依据 line, the
first-registration deadline, a warning when the computer's date is before a day already seen,
and a long training day saved with a note instead of refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from ui_helpers import TODAY, active_dialog, sample_draft, type_text

from swdesk.services.workspace import open_workspace
from swdesk.ui.activity_dialog import ActivityDialog
from swdesk.ui.main_window import MainWindow
from swdesk.ui.settings import UiSettings
from swdesk.ui.tasks import TaskRunner


def test_dashboard_shows_the_basis_of_each_requirement(window, workspace) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft())  # 2024-03-01 .. 2027-02-28
    window.show_profile(pid)
    dashboard = window.dashboard
    window_basis = dashboard.window_basis_label
    assert window_basis.isVisible()
    assert window_basis.text().startswith(
        "依据：民发〔2009〕44号《社会工作者职业水平证书登记办法》第四条"
    )
    assert "2009-04-08" in window_basis.text() and "未与官方发布文本核对" in window_basis.text()
    hours_basis = dashboard.hours_basis_label
    assert hours_basis.isVisible()
    assert "《关于平凉助理社会工作师需要年审吗怎么操作的综合评述》" in hours_basis.text()
    assert not dashboard.first_registration_label.isVisible()
    assert not dashboard.clock_banner.isVisible()


def test_late_hours_resting_on_an_assumption_say_so(window, workspace) -> None:  # type: ignore[no-untyped-def]
    """Overdue in Gansu: the 120 hours are the article's example; the line says it is an
    assumption and names the cited 90 hours below which the office refuses."""
    pid = workspace.profiles.create_profile(sample_draft(valid_from=date(2023, 3, 1)))
    window.show_profile(pid)
    lines = window.dashboard.hours_basis_label.text().splitlines()
    assert lines[0].startswith("依据：未找到公开的规定")
    assert lines[1].startswith("低于 90 学时才会被退回：依据：《关于平凉")


def test_first_registration_deadline_on_the_dashboard(window, workspace) -> None:  # type: ignore[no-untyped-def]
    draft = sample_draft()
    certificate = replace(draft.certificate, obtained_on=TODAY - timedelta(days=300))
    pid = workspace.profiles.create_profile(
        replace(draft, certificate=certificate, registration=None)
    )
    window.show_profile(pid)
    dashboard = window.dashboard
    due = TODAY - timedelta(days=300) + timedelta(days=364)  # one year, less a day
    label = dashboard.first_registration_label
    assert label.isVisible()
    assert label.text() == f"首次登记须在 {due.isoformat()} 前办理：还剩 64 天。"
    assert dashboard.window_basis_label.text().startswith(
        "依据：民发〔2009〕44号《社会工作者职业水平证书登记办法》第四条"
    )
    assert f"请在 {due.isoformat()} 前申请首次登记" in dashboard.next_label.text()
    assert dashboard.export_button.isEnabled()  # the due date goes into the .ics


def test_an_overdue_first_registration_is_said_plainly(window, workspace) -> None:  # type: ignore[no-untyped-def]
    draft = sample_draft()
    certificate = replace(draft.certificate, obtained_on=date(2024, 6, 1))  # due 2025-05-31
    pid = workspace.profiles.create_profile(
        replace(draft, certificate=certificate, registration=None)
    )
    window.show_profile(pid)
    text = window.dashboard.first_registration_label.text()
    days = (TODAY - date(2025, 5, 31)).days
    assert text.startswith(f"首次登记期限已于 2025-05-31 届满（已过 {days} 天）")


def test_a_clock_set_back_shows_a_banner(qtbot, tmp_path: Path, settings: UiSettings) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "clock-data"
    first = open_workspace(data, clock=lambda: TODAY)
    pid = first.profiles.create_profile(sample_draft())
    first.close()
    earlier = TODAY - timedelta(days=2)
    workspace = open_workspace(data, clock=lambda: earlier)
    try:
        window = MainWindow(workspace, settings, TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.show()
        window.show_profile(pid)
        banner = window.dashboard.clock_banner
        assert banner.isVisible()
        assert banner.text().startswith(f"电脑日期（{earlier.isoformat()}，北京时间）早于")
        assert TODAY.isoformat() in banner.text()
        window.close()
    finally:
        workspace.close()


def test_a_three_day_thirty_hour_course_is_saved_with_a_note(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    window.menus.add_action.trigger()
    dialog = active_dialog(qtbot, window, ActivityDialog)
    type_text(dialog.title_edit, "三天集中培训")
    type_text(dialog.organiser_edit, "平凉市民政局")
    dialog.start_edit.setDate(QDate(2026, 5, 8))
    dialog.end_edit.setDate(QDate(2026, 5, 10))
    dialog.hours_edit.setFocus()
    qtbot.keyClicks(dialog.hours_edit, "30")
    qtbot.keyClick(dialog.hours_edit, Qt.Key.Key_Tab)
    assert dialog.hours_note.isVisible()
    assert dialog.hours_note.text().startswith("学时：3 天共 30 学时，超过 swdesk")
    assert not dialog.fields["hours"].has_error
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [a.hours for a in workspace.activities.list_activities(pid)] == [30]
    assert QApplication.activeModalWidget() is None


def test_the_fix_list_shows_the_basis_and_marks_notes(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    """Overdue in Gansu short of 90 hours: the cited 90 blocks, the assumed 120 is a note;
    both items carry their 依据 line."""
    from swdesk.services.demo import populate_demo

    for _ in populate_demo(workspace.profiles, workspace.activities, TODAY):
        pass
    pid = next(p.id for p in workspace.profiles.list_profiles() if p.name == "马明远")
    window.show_profile(pid)
    wizard = window.application_actions.open_wizard()
    assert wizard is not None and wizard.isVisible()
    codes = [item.code for item in wizard.fix_items]
    short, note = codes.index("hours_short"), codes.index("hours_short_assumed")
    assert wizard.fix_items[short].blocking and not wizard.fix_items[note].blocking
    short_text = wizard.fix_list.item(short).text()
    assert short_text.startswith("· ")
    assert "\n    依据：《关于平凉助理社会工作师需要年审吗怎么操作的综合评述》" in short_text
    note_text = wizard.fix_list.item(note).text()
    assert note_text.startswith("○ 提示：")
    assert "\n    依据：未找到公开的规定" in note_text
    blocking = sum(1 for item in wizard.fix_items if item.blocking)
    status = wizard.precheck_page.status_label.text()
    assert f"导出前需补正 {blocking} 项：" in status  # the notes are not counted
    assert f"{len(codes) - blocking} 条提示，不影响导出：" in status
    wizard.close()


def test_the_first_registration_deadline_goes_into_the_ics(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
) -> None:
    from icalendar import Calendar
    from PySide6.QtWidgets import QFileDialog

    draft = sample_draft()
    certificate = replace(draft.certificate, obtained_on=date(2026, 3, 2))  # due 2027-03-01
    pid = workspace.profiles.create_profile(
        replace(draft, certificate=certificate, registration=None)
    )
    window.show_profile(pid)
    target = tmp_path / "reminders.ics"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    with qtbot.waitSignal(window.calendar_actions.reminders_exported, timeout=10000):
        qtbot.mouseClick(window.dashboard.export_button, Qt.MouseButton.LeftButton)
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == date(2027, 3, 1)
    assert str(event["summary"]) == "swdesk：首次登记截止日"
    assert str(event["description"]).startswith("请在 2027-03-01 前申请首次登记")


def test_in_english_one_day_and_the_basis_read_properly(window, workspace, settings) -> None:  # type: ignore[no-untyped-def]
    from swdesk.ui.i18n import install_language
    from swdesk.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings.language = "en"
    install_language(app, "en")
    try:
        draft = sample_draft()
        due = TODAY + timedelta(days=1)
        certificate = replace(
            draft.certificate, obtained_on=due.replace(year=due.year - 1) + timedelta(days=1)
        )
        pid = workspace.profiles.create_profile(
            replace(draft, certificate=certificate, registration=None)
        )
        window.show_profile(pid)
        dashboard = window.dashboard
        assert dashboard.first_registration_label.text() == (
            f"First registration is due by {due.isoformat()}: 1 day left."
        )
        assert dashboard.window_basis_label.text() == (
            "Basis: 民发〔2009〕44号《社会工作者职业水平证书登记办法》第四条 (2009-04-08; "
            "民政部《民政部关于印发〈社会工作者职业水平证书登记办法〉的通知》"
            "（全文转载：233网校）; "
            "not checked against the official publication)"
        )
    finally:
        install_language(app, "zh_CN")
        apply_theme(app, "system")


def test_the_reviewer_sees_the_assumed_late_hours_named(window) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from swdesk.ui.texts import check_detail_text

    check = SimpleNamespace(
        code="hours_requirement",
        passed=True,
        params={
            "counted": "100",
            "required": "90",
            "claimed": "100",
            "late": True,
            "assumed_required": "120",
        },
    )
    assert check_detail_text(check).endswith(
        "；逾期申请可能被要求 120 学时（此为假定，并非公开规定）"
    )
