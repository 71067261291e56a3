"""Which activities count towards a registration period and how many hours they add up to.

An activity counts when it lies wholly inside the period (both ends inclusive) and has
ended by the cut-off day; one straddling the period's start does not (the office decides on
such cases). The dashboard, the pre-check, the printed form, the bundle and the reviewer's
checks all count through `counted_on`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .enums import ActivityType, ContentArea
from .models import Activity, PractitionerRecord

__all__ = [
    "Cycle",
    "counted_activities",
    "counted_on",
    "cycles_of",
    "hours_by_area",
    "hours_by_type",
    "total_hours",
]

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Cycle:
    """A span of days, both ends inclusive (empty when end < start)."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def holds(self, activity: Activity) -> bool:
        """True when the whole activity lies inside this span."""
        return self.start <= activity.start_date and activity.end_date <= self.end


def total_hours(activities: Iterable[Activity]) -> Decimal:
    return sum((a.hours for a in activities), _ZERO)


def counted_activities(activities: Iterable[Activity], cycle: Cycle) -> list[Activity]:
    """The activities lying wholly inside `cycle`, in their original order."""
    return [a for a in activities if cycle.holds(a)]


def counted_on(
    activities: Iterable[Activity], period: Cycle | None, cut_off: dt.date
) -> list[Activity]:
    """The activities that count: wholly inside `period` and ended on or before `cut_off`
    (today for a practitioner, the day received for a reviewer). The one count behind the
    dashboard, the pre-check, the printed form, the bundle and the reviewer's checks."""
    if period is None:
        return []
    return [a for a in counted_activities(activities, period) if a.end_date <= cut_off]


def hours_by_type(activities: Iterable[Activity]) -> dict[ActivityType, Decimal]:
    """Hours per activity type, every type present (0 when none), in enum order."""
    result = dict.fromkeys(ActivityType, _ZERO)
    for a in activities:
        result[a.activity_type] += a.hours
    return result


def hours_by_area(activities: Iterable[Activity]) -> dict[ContentArea, Decimal]:
    """Hours per content area, every area present (0 when none), in enum order."""
    result = dict.fromkeys(ContentArea, _ZERO)
    for a in activities:
        result[a.content_area] += a.hours
    return result


def cycles_of(record: PractitionerRecord) -> list[Cycle]:
    """Every registration period as a Cycle, newest first (for the activity log's filter)."""
    periods = sorted(record.registrations, key=lambda r: r.valid_from, reverse=True)
    return [Cycle(r.valid_from, r.valid_to) for r in periods]
