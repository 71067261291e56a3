"""Reminders as an iCalendar (.ics) file that calendar programs import.

The UI supplies the texts (already in the user's language); this module builds the file
with `icalendar` and writes it atomically into the folder the user chose
(`swdesk.core.outfiles`: a temporary name, fsync, rename; leftovers of a writer that died
there are removed first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import swdesk
from swdesk.core.outfiles import write_bytes


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    key: str  # stable part of the UID, e.g. "reminder", "window_opens", "expires"
    day: date
    summary: str
    description: str = ""


def build_ics(
    entries: Sequence[CalendarEntry], owner_key: str, now: datetime | None = None
) -> bytes:
    """An iCalendar document with one all-day event (and a morning alarm) per entry.

    `owner_key` keeps UIDs stable per profile, so importing again updates instead of
    duplicating; it must not contain personal data.
    """
    from icalendar import Alarm, Calendar, Event

    stamp = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", f"-//swdesk//swdesk {swdesk.__version__}//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for entry in entries:
        event = Event()
        event.add("uid", f"{owner_key}-{entry.key}-{entry.day.isoformat()}@swdesk")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.summary)
        if entry.description:
            event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.summary)
        alarm.add("trigger", timedelta(hours=9))
        event.add_component(alarm)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def export_ics(path: Path, entries: Sequence[CalendarEntry], owner_key: str) -> Path:
    """Write the reminders to `path` atomically; returns the path written. Raises
    UserFixableError "disk_full" / "not_writable" / "folder_missing"."""
    write_bytes(path, build_ics(entries, owner_key))
    return path
