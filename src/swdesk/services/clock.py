"""Today in China, and whether the computer's clock can be believed.

Every deadline swdesk states is a date in China (北京时间): a registration ending on 28
February ends at midnight in Beijing, not at midnight wherever the computer thinks it is.
`china_today` reads the current instant and converts it to the rule pack's `time_zone`
(Asia/Shanghai in the shipped packs), so a PC left on UTC does not show an expired
registration as still open for eight more hours each morning. It is the default clock of
every service (`clock: Callable[[], date] = china_today`); tests pass a fixed day.

The zone data comes from the operating system or, where it has none (Windows), from the
`tzdata` package, a dependency for that reason.

A clock set back (a flat CMOS battery, a wrong manual setting) would make swdesk call a
lapsed registration valid. swdesk cannot know the right date, but it can notice a date
that cannot be right: earlier than the day of the last start, or earlier than a date
already recorded (an activity that ended, a registration that began, an export). The day
of the last start is kept in the data folder's `last-start.txt` (one ISO date; the
latest day ever seen, so a clock set back does not erase it); `clock_doubt` compares.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from swdesk.domain.errors import UserFixableError

if TYPE_CHECKING:
    from swdesk.storage.database import Database

__all__ = [
    "LAST_START_FILE",
    "ClockDoubt",
    "china_today",
    "clock_doubt",
    "default_now",
    "local_wall_time",
    "newest_record_day",
    "newest_record_in",
    "pack_time_zone",
    "read_last_start",
    "record_start",
    "today_in_zone",
]

log = logging.getLogger(__name__)

LAST_START_FILE = "last-start.txt"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def today_in_zone(zone: str, now: Callable[[], datetime] = _utc_now) -> date:
    """The date in `zone` (an IANA name) at the instant `now()` (timezone-aware)."""
    return now().astimezone(ZoneInfo(zone)).date()


@cache
def pack_time_zone() -> str:
    """The default rule pack's time zone ("Asia/Shanghai"). Both shipped packs name the same
    zone, so one zone serves every profile."""
    from swdesk.rulepacks import default_pack_id, load_pack

    return load_pack(default_pack_id()).time_zone


def china_today() -> date:
    """Today in the rule pack's time zone, whatever zone the computer is set to."""
    return today_in_zone(pack_time_zone())


def default_now(clock: Callable[[], date]) -> Callable[[], datetime]:
    """Now, timezone-aware to the second, on the day `clock` says (tests fix the day): the
    moment a service records (a declaration accepted, an application exported, a reviewer's
    audit entry).

    On the default clock (`china_today`) this is the real moment, also when the computer's
    own date differs from China's: then China's time, not the local time moved to China's
    date, a day off."""

    def now() -> datetime:
        current = datetime.now().astimezone().replace(microsecond=0)
        day = clock()
        if current.date() == day:
            return current
        china = current.astimezone(ZoneInfo(pack_time_zone()))
        if china.date() == day:  # the clock is today in China time (`china_today`)
            return china  # the same moment, not the local time moved to another day
        return datetime.combine(day, current.timetz())

    return now


def local_wall_time(moment: datetime) -> datetime:
    """`moment` (timezone-aware, e.g. from `default_now`) as the naive local time, to the
    second, that swdesk's database keeps (`core.timestamps` gives it its UTC offset again
    when it is written into a file)."""
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True, slots=True)
class ClockDoubt:
    """The computer's date is earlier than a day swdesk has already seen.

    `latest_seen`: that day; `source`: "last_start" (swdesk ran on that day) or "record" (a
    record carries that date: an activity's end, a registration's start, an export)."""

    today: date
    latest_seen: date
    source: str


def clock_doubt(
    today: date, last_start: date | None, newest_record: date | None
) -> ClockDoubt | None:
    """A ClockDoubt when `today` is before the last start or the newest record's date (the
    later of the two is reported), else None."""
    candidates = [
        (day, source)
        for day, source in ((newest_record, "record"), (last_start, "last_start"))
        if day is not None and day > today
    ]
    if not candidates:
        return None
    day, source = max(candidates, key=lambda c: c[0])
    return ClockDoubt(today, day, source)


def read_last_start(root: Path) -> date | None:
    """The day recorded in `root/last-start.txt`, None when absent or unreadable."""
    try:
        text = (root / LAST_START_FILE).read_text(encoding="ascii").strip()
        return date.fromisoformat(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def record_start(root: Path, today: date) -> date | None:
    """Remember that swdesk started on `today`; returns the day recorded before (None the
    first time). The file keeps the latest day ever seen: a start on a clock set back
    leaves it, so the warning stays until the clock is right. A file that cannot be written
    (read-only folder) is only logged: the check is a help, not a gate."""
    before = read_last_start(root)
    if before is not None and before >= today:
        return before
    # imported here: the first screen reads the clock before the services, and the atomic
    # writer's helpers (threads, host name, random names) are not needed for that
    from swdesk.core.datafiles import atomic_write_bytes

    try:
        atomic_write_bytes(root / LAST_START_FILE, (today.isoformat() + "\n").encode("ascii"))
    except (OSError, UserFixableError) as exc:  # e.g. read-only folder, full disk
        log.warning("day of this start not recorded: %s", exc)
    return before


def newest_record_day(days: Iterable[date | None]) -> date | None:
    """The latest of `days`, None when there is none."""
    return max((d for d in days if d is not None), default=None)


def newest_record_in(database: Database) -> date | None:
    """The latest date the records say has already happened: the end of an activity or the
    date a certificate was obtained (both refused when in the future at entry). Registration
    periods are left out: an approved renewal starts in the future."""
    from sqlalchemy import func, select

    from swdesk.storage.orm import ActivityRow, CertificateRow

    with database.session() as session:
        return newest_record_day(
            (
                session.scalar(select(func.max(ActivityRow.end_date))),
                session.scalar(select(func.max(CertificateRow.obtained_on))),
            )
        )
