"""Today in China whatever the computer's zone, and a clock set back noticed."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from swdesk.rulepacks import load_pack
from swdesk.services.clock import (
    LAST_START_FILE,
    ClockDoubt,
    china_today,
    clock_doubt,
    read_last_start,
    record_start,
    today_in_zone,
)


def test_the_packs_name_china_time() -> None:
    assert {load_pack(p).time_zone for p in ("gansu", "national")} == {"Asia/Shanghai"}


@pytest.mark.parametrize(
    ("utc", "china"),
    [
        (datetime(2027, 2, 28, 15, 59, tzinfo=UTC), date(2027, 2, 28)),
        (datetime(2027, 2, 28, 16, 0, tzinfo=UTC), date(2027, 3, 1)),  # midnight in Beijing
        (datetime(2028, 2, 28, 16, 30, tzinfo=UTC), date(2028, 2, 29)),
        (datetime(2026, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5))), date(2027, 1, 1)),
    ],
)
def test_today_in_the_packs_zone(utc: datetime, china: date) -> None:
    """A PC on UTC at 16:00 on the last valid day is already past it in China."""
    assert today_in_zone("Asia/Shanghai", lambda: utc) == china


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)")
@pytest.mark.parametrize("machine_zone", ["UTC", "America/Los_Angeles", "Pacific/Kiritimati"])
def test_china_today_ignores_the_machines_zone(
    monkeypatch: pytest.MonkeyPatch, machine_zone: str
) -> None:
    monkeypatch.setenv("TZ", machine_zone)
    time.tzset()
    try:
        expected = datetime.now(UTC).astimezone(timezone(timedelta(hours=8))).date()
        assert china_today() == expected
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_clock_doubt() -> None:
    today = date(2026, 5, 1)
    assert clock_doubt(today, None, None) is None
    assert clock_doubt(today, date(2026, 5, 1), date(2026, 4, 30)) is None
    assert clock_doubt(today, date(2026, 5, 2), None) == ClockDoubt(
        today, date(2026, 5, 2), "last_start"
    )
    assert clock_doubt(today, date(2026, 5, 2), date(2026, 6, 1)) == ClockDoubt(
        today, date(2026, 6, 1), "record"
    )


def test_record_start_keeps_the_latest_day(tmp_path: Path) -> None:
    assert record_start(tmp_path, date(2026, 5, 1)) is None
    assert (tmp_path / LAST_START_FILE).read_text(encoding="ascii") == "2026-05-01\n"
    assert record_start(tmp_path, date(2026, 5, 3)) == date(2026, 5, 1)
    assert record_start(tmp_path, date(2025, 1, 1)) == date(2026, 5, 3)  # clock set back
    assert read_last_start(tmp_path) == date(2026, 5, 3)  # not overwritten by the wrong day
    assert [p.name for p in tmp_path.iterdir()] == [LAST_START_FILE]  # no temporary left


def test_an_unreadable_or_unwritable_file_is_no_failure(tmp_path: Path) -> None:
    (tmp_path / LAST_START_FILE).write_text("yesterday", encoding="ascii")
    assert read_last_start(tmp_path) is None
    assert record_start(tmp_path / "missing-folder", date(2026, 5, 1)) is None


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, and root ignores them"
)
def test_a_read_only_folder_only_logs(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        assert record_start(tmp_path, date(2026, 5, 1)) is None
    finally:
        tmp_path.chmod(0o700)


def test_china_time_works_without_a_system_zone_database() -> None:
    """As on Windows: no zone files on the system, the tzdata package (a dependency) has
    them."""
    import zoneinfo

    saved = zoneinfo.TZPATH
    zoneinfo.reset_tzpath(to=[])
    try:
        zone = zoneinfo.ZoneInfo.no_cache("Asia/Shanghai")
        moment = datetime(2027, 2, 28, 16, 0, tzinfo=UTC)
        assert moment.astimezone(zone).date() == date(2027, 3, 1)
    finally:
        zoneinfo.reset_tzpath(to=saved)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)")
@pytest.mark.parametrize("machine_zone", ["Etc/GMT+12", "Etc/GMT-14"])
def test_the_reviewers_now_is_the_real_moment_on_china_time(
    monkeypatch: pytest.MonkeyPatch, machine_zone: str
) -> None:
    """The review office's audit time on the default clock (today in China): the real
    moment, also when the computer's own date differs from China's (at any moment one of
    UTC-12 and UTC+14 does)."""
    from swdesk.services.review.context import default_now

    monkeypatch.setenv("TZ", machine_zone)
    time.tzset()
    try:
        stamp = default_now(china_today)()
        assert abs((stamp - datetime.now(UTC)).total_seconds()) < 5
        assert stamp.tzinfo is not None
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
