"""The dashboard's figures: the rule engine applied to one practitioner today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from swdesk.domain.rules import RegistrationStatus, compute_status

from .activities import ActivityService
from .profiles import ProfileService


class DashboardService:
    def __init__(self, profiles: ProfileService, activities: ActivityService,
                 clock: Callable[[], date] = date.today) -> None:
        self._profiles = profiles
        self._activities = activities
        self._clock = clock

    def status_for(self, practitioner_id: int, today: date | None = None) -> RegistrationStatus:
        record = self._profiles.get_record(practitioner_id)
        pack = self._profiles.pack_for(record.practitioner)
        activities = self._activities.list_activities(practitioner_id)
        return compute_status(record, activities, pack, today or self._clock())
