"""The dashboard's figures: the rule engine applied to one practitioner today.

An exported application is "exported, not yet submitted" (AWAITING_SUBMISSION) until a
decision on it is imported: writing the bundle to a USB stick submits nothing, and swdesk
cannot see the stick reach the office. Once an office's decision on that version is in (a
first-level approval, 初审通过, while the province decides), it is "under review".

"Today" is the clock's day (the rule pack's time zone, `clock.china_today`); when it is
before a day swdesk has already seen (the last start, an activity's end), the status says
so in `clock_behind` and the dashboard warns that the computer's date may be wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from swdesk.domain.application import ApplicationDraft, ApplicationState
from swdesk.domain.models import Activity, PractitionerRecord
from swdesk.domain.rulepack import RulePack
from swdesk.domain.rules import RegistrationStatus, compute_status

from .clock import china_today

if TYPE_CHECKING:  # this module is also the first screen's, read before SQLAlchemy loads
    from .activities import ActivityService
    from .applications import ApplicationService
    from .profiles import ProfileService

#: Whether any decision was imported for an application version (by its database id).
DecisionLookup = Callable[[int], bool]


class DashboardService:
    def __init__(
        self,
        profiles: ProfileService,
        activities: ActivityService,
        clock: Callable[[], date] = china_today,
        applications: ApplicationService | None = None,
        has_decision: DecisionLookup | None = None,
    ) -> None:
        self._profiles = profiles
        self._activities = activities
        self._clock = clock
        self._applications = applications
        self._has_decision = has_decision
        # The latest day swdesk has seen (the last start, the newest record), set when the
        # workspace opens; a status for an earlier day says the clock may be wrong.
        self.latest_seen: date | None = None

    def latest_application(self, practitioner_id: int) -> ApplicationDraft | None:
        if self._applications is None:
            return None
        history = self._applications.history(practitioner_id)
        return history[0] if history else None

    def status_for(self, practitioner_id: int, today: date | None = None) -> RegistrationStatus:
        """The rule engine's view today. The latest application, once exported, makes the
        state "exported, not yet submitted"; "under review" once a decision on it is in."""
        record = self._profiles.get_record(practitioner_id)
        has_decision = self._has_decision
        return dashboard_status(
            record,
            self._activities.list_activities(practitioner_id),
            self._profiles.pack_for(record.practitioner),
            self.latest_application(practitioner_id),
            (lambda app_id: False) if has_decision is None else has_decision,
            today or self._clock(),
            self.latest_seen,
        )


def dashboard_status(
    record: PractitionerRecord,
    activities: Sequence[Activity],
    pack: RulePack,
    latest: ApplicationDraft | None,
    has_decision: DecisionLookup,
    day: date,
    latest_seen: date | None,
) -> RegistrationStatus:
    """The dashboard's status from what was read (by the services, or by the first
    screen's quick reader): `compute_status` with the latest application's state, and
    `clock_behind` when `day` is before `latest_seen` or the newest activity's end."""
    exported = latest is not None and latest.state is ApplicationState.EXPORTED
    decided = exported and latest is not None and latest.id is not None and has_decision(latest.id)
    status = compute_status(
        record,
        activities,
        pack,
        day,
        under_review=decided,
        awaiting_submission=exported and not decided,
    )
    newest = max((a.end_date for a in activities), default=None)
    seen = max((d for d in (latest_seen, newest) if d is not None), default=None)
    if seen is not None and seen > day:
        status = replace(status, clock_behind=seen)
    return status
