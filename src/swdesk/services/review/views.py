"""Turning stored records into what the UI sees: queue rows (masked ID number, county
name, working days against the deadline), decision infos and decisions awaiting a head's
signature."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from swdesk.domain.identity import mask_id_number
from swdesk.domain.rulepack import RulePack
from swdesk.reviewstore.queue import QueueRecord
from swdesk.reviewstore.records import StoredApplication, StoredDecision
from swdesk.reviewstore.staff import StoredPending
from swdesk.reviewstore.vocabulary import ReviewState
from swdesk.rulepacks.calendar import WorkingCalendar

from .models import DecisionInfo, PendingInfo, QueueRow
from .working_days import deadline_day, working_days_after

__all__ = ["decision_info", "pending_info", "queue_row", "tenths_to_hours"]


def tenths_to_hours(tenths: int) -> Decimal:
    """900 → Decimal("90"), 75 → Decimal("7.5")."""
    return Decimal(tenths) / 10


def queue_row(
    record: QueueRecord | StoredApplication,
    pack: RulePack,
    today: date,
    calendar: WorkingCalendar | None = None,
) -> QueueRow:
    """The queue's view of one application on `today`. Working days follow `calendar`
    (Monday to Friday without one, and in the years it does not know)."""
    end = record.decided_at.date() if record.decided_at else today
    received = record.received_at.date()
    waiting = working_days_after(received, end, calendar)
    deadline = pack.review_deadline_working_days
    deadline_on = deadline_day(received, deadline, calendar)
    unknown = calendar.unknown_years(received, max(end, deadline_on)) if calendar else ()
    county = pack.county(record.county)
    return QueueRow(
        id=record.id,
        uid=record.uid,
        version=record.version,
        applicant_name=record.applicant_name,
        masked_id_number=mask_id_number(record.id_number),
        county=record.county,
        county_name=county.name_zh if county else record.county,
        certificate_level=record.certificate_level,
        state=record.state,
        is_late=bool(record.is_late),
        received_at=record.received_at,
        waiting_working_days=waiting,
        deadline_working_days=deadline,
        overdue=not record.state.decided
        and waiting > deadline
        and record.state.value != "superseded",
        hours_counted=tenths_to_hours(record.hours_counted_tenths),
        hours_required=tenths_to_hours(record.hours_required_tenths),
        checks_failed=record.checks_failed,
        shares_id_number=record.state is ReviewState.PENDING
        and getattr(record, "same_id_pending", 0) > 0,
        deadline_on=deadline_on,
        calendar_unknown_years=unknown,
        row_version=record.row_version,
        claimed_by=getattr(record, "claimed_by", ""),
        claimed_by_name=getattr(record, "claimed_by_name", ""),
    )


def decision_info(stored: StoredDecision) -> DecisionInfo:
    return DecisionInfo(
        id=stored.id,
        application_id=stored.application_id,
        stage=stored.stage,
        outcome=stored.outcome,
        reasons=stored.reasons,
        late_reason=stored.late_reason,
        registration_from=stored.registration_from,
        registration_to=stored.registration_to,
        decided_at=stored.decided_at,
        sequence=stored.sequence,
        digest=stored.digest,
        office_name=stored.office_name,
        office_level=stored.office_level,
        office_fingerprint=stored.office_fingerprint,
        issued_here=stored.issued_here,
        exported_at=stored.exported_at,
        decided_by=stored.decided_by,
        signed_by=stored.signed_by,
    )


def pending_info(pending: StoredPending, applicant_name: str) -> PendingInfo:
    return PendingInfo(
        application_id=pending.application_id,
        applicant_name=applicant_name,
        outcome=pending.outcome,
        reasons=pending.reasons,
        late_reason=pending.late_reason,
        registration_from=pending.registration_from,
        registration_to=pending.registration_to,
        decided_at=pending.decided_at,
        decided_by=pending.decided_by,
    )
