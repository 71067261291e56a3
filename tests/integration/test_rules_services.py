"""The rules through the services on a real data folder: an assumed per-day figure never
refuses a record, today is China's, a clock set back is pointed out (dashboard, command line)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from ui_free_samples import sample_draft

from cli_runner import run_cli
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.models import Activity
from swdesk.services.clock import LAST_START_FILE, china_today
from swdesk.services.workspace import open_workspace

TODAY = date(2026, 11, 28)


def test_long_days_are_saved(tmp_path: Path) -> None:
    """A 3-day 30-hour course and 90 hours of online study over 11 days: 8 hours a day is an
    assumption of the rule pack, so both are saved (the UI shows a note)."""
    ws = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    try:
        pid = ws.profiles.create_profile(sample_draft())
        course = Activity(
            "三天集中培训",
            "平凉市民政局",
            ActivityType.TRAINING,
            ContentArea.THEORY_PRACTICE,
            date(2026, 5, 8),
            date(2026, 5, 10),
            Decimal(30),
        )
        online = Activity(
            "网络学习",
            "甘肃省社会工作继续教育平台",
            ActivityType.ONLINE,
            ContentArea.LAWS_POLICIES,
            date(2026, 6, 1),
            date(2026, 6, 11),
            Decimal(90),
        )
        ws.activities.save_activity(pid, course)
        ws.activities.save_activity(pid, online)
        saved = ws.activities.list_activities(pid)
        assert sorted(a.hours for a in saved) == [Decimal(30), Decimal(90)]
    finally:
        ws.close()


def test_a_clock_set_back_is_pointed_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ws = open_workspace(data, clock=lambda: TODAY)
    assert ws.clock_doubt is None
    pid = ws.profiles.create_profile(sample_draft())
    assert ws.dashboard.status_for(pid).clock_behind is None
    ws.close()
    assert (data / LAST_START_FILE).read_text(encoding="ascii") == "2026-11-28\n"

    earlier = TODAY - timedelta(days=3)
    ws = open_workspace(data, clock=lambda: earlier)
    try:
        assert ws.clock_doubt is not None
        assert (ws.clock_doubt.today, ws.clock_doubt.latest_seen, ws.clock_doubt.source) == (
            earlier,
            TODAY,
            "last_start",
        )
        status = ws.dashboard.status_for(pid)
        assert (status.today, status.clock_behind) == (earlier, TODAY)
    finally:
        ws.close()
    assert (data / LAST_START_FILE).read_text(encoding="ascii") == "2026-11-28\n"
    ws = open_workspace(data, clock=lambda: TODAY)  # the clock is right again
    try:
        assert ws.clock_doubt is None
    finally:
        ws.close()


def test_a_record_dated_after_today_is_pointed_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ws = open_workspace(data, clock=lambda: TODAY)
    pid = ws.profiles.create_profile(sample_draft())
    ws.activities.save_activity(
        pid,
        Activity(
            "伦理培训",
            "平凉市民政局",
            ActivityType.TRAINING,
            ContentArea.VALUES_ETHICS,
            TODAY,
            TODAY,
            Decimal(6),
        ),
    )
    ws.close()
    (data / LAST_START_FILE).unlink()  # only the record says the day was seen
    earlier = TODAY - timedelta(days=1)
    ws = open_workspace(data, clock=lambda: earlier)
    try:
        assert ws.clock_doubt is not None
        assert (ws.clock_doubt.latest_seen, ws.clock_doubt.source) == (TODAY, "record")
        assert ws.dashboard.status_for(pid).clock_behind == TODAY
    finally:
        ws.close()


def test_the_command_line_says_notice(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_workspace(data).close()  # today in China
    result = run_cli("profile", "list", "--data-dir", str(data))
    assert result.returncode == 0 and "notice:" not in result.stderr
    ahead = china_today() + timedelta(days=30)
    (data / LAST_START_FILE).write_text(ahead.isoformat() + "\n", encoding="ascii")
    result = run_cli("profile", "list", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    notice = [line for line in result.stderr.splitlines() if line.startswith("notice:")]
    assert len(notice) == 1
    assert f"before {ahead.isoformat()}" in notice[0]
    assert "swdesk last started on that day" in notice[0]


def test_a_note_never_holds_back_the_export(tmp_path: Path) -> None:
    """Late in Gansu with the cited 90 hours but not the assumed 120: the fix list notes the
    120 and the export goes through."""
    from dataclasses import replace

    from swdesk.bundle import verify_bundle
    from swdesk.domain.fix_list import blocking_items
    from swdesk.services.demo import populate_demo

    ws = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, TODAY):
            pass
        pid = next(p.id for p in ws.profiles.list_profiles() if p.name == "马明远")
        status = ws.dashboard.status_for(pid)
        assert status.is_late and status.blocking_hours == Decimal(90)
        missing = status.blocking_hours - status.counted_hours
        if missing > 0:
            proof = tmp_path / "证明.pdf"
            proof.write_bytes(b"%PDF-1.4\n%%EOF\n")
            ws.activities.save_activity(
                pid,
                Activity(
                    "补修课程",
                    "平凉市民政局",
                    ActivityType.ONLINE,
                    ContentArea.LAWS_POLICIES,
                    TODAY - timedelta(days=3),
                    TODAY - timedelta(days=1),
                    missing,
                ),
                [proof],
            )
        draft = replace(
            ws.applications.current_draft(pid),
            declaration_accepted=True,
            late_explanation="因长期在乡村驻点开展服务，未能及时关注再登记通知，特此说明。",
        )
        items = ws.applications.precheck(draft)
        assert [i.code for i in items] == ["hours_short_assumed"]
        assert blocking_items(items) == []
        result = ws.applications.export(draft, tmp_path / "late.swdapp")
        assert verify_bundle(result.path).application["is_late"] is True
    finally:
        ws.close()
