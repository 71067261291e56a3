"""The dashboard's figures: the rule engine applied to one practitioner today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from swdesk.domain.application import ApplicationDraft, ApplicationState
from swdesk.domain.rules import RegistrationStatus, compute_status

from .activities import ActivityService
from .applications import ApplicationService
from .profiles import ProfileService


class DashboardService:
    def __init__(self, profiles: ProfileService, activities: ActivityService,
                 clock: Callable[[], date] = date.today,
                 applications: ApplicationService | None = None) -> None:
        self._profiles = profiles
        self._activities = activities
        self._clock = clock
        self._applications = applications

    def latest_application(self, practitioner_id: int) -> ApplicationDraft | None:
        if self._applications is None:
            return None
        history = self._applications.history(practitioner_id)
        return history[0] if history else None

    def status_for(self, practitioner_id: int, today: date | None = None) -> RegistrationStatus:
        """The rule engine's view today; an exported application awaiting its decision makes
        the state "under review"."""
        record = self._profiles.get_record(practitioner_id)
        pack = self._profiles.pack_for(record.practitioner)
        activities = self._activities.list_activities(practitioner_id)
        latest = self.latest_application(practitioner_id)
        under_review = latest is not None and latest.state is ApplicationState.EXPORTED
        return compute_status(record, activities, pack, today or self._clock(),
                              under_review=under_review)
