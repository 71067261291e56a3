"""One application read for the reviewer: everything about it (`read_detail`: the queue
row, members, checks, decisions, the history of its uid and its resubmissions, a pending
decision), and finding it by queue number, uid or an attendance certificate's QR text."""

from __future__ import annotations

import json
from dataclasses import replace

from swdesk.database.errors import RecordNotFound
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.decisions import DecisionStore
from swdesk.reviewstore.queue import certificate_code
from swdesk.reviewstore.records import StoredApplication
from swdesk.reviewstore.staff import PendingStore
from swdesk.reviewstore.vocabulary import ReviewStage, ReviewState

from .application_checks import declaration_date
from .context import ReviewContext
from .models import (
    ApplicationDetail,
    CertificateMatch,
    CheckResult,
    HistoryEntry,
    MemberInfo,
)
from .views import decision_info, pending_info, queue_row

__all__ = ["find_application", "find_certificate", "get_application", "read_detail"]


def get_application(applications: ApplicationStore, app_id: int) -> StoredApplication:
    """The stored application `app_id`; UserFixableError "application_unknown" if none."""
    try:
        return applications.get(app_id)
    except RecordNotFound as error:
        raise UserFixableError("application_unknown", application=app_id) from error


def find_application(context: ReviewContext, reference: str) -> int:
    """An application by queue number or uid (the newest version not superseded)."""
    reference = reference.strip()
    with context.database.session() as session:
        applications = ApplicationStore(session)
        if reference.isdigit():
            get_application(applications, int(reference))
            return int(reference)
        found = applications.latest_id_of_uid(reference.lower())
    if found is None:
        raise UserFixableError("application_unknown", application=reference)
    return found


def find_certificate(context: ReviewContext, text: str) -> CertificateMatch | None:
    """The applications carrying the record an attendance certificate's QR text names, or
    None when `text` is not such a text. The record file's SHA-256 must match too: a
    certificate whose digest differs from the stored record's is a "mismatch" and finds
    nothing."""
    code = certificate_code(text)
    if code is None:
        return None
    record_id, digest = code
    with context.database.session() as session:
        holders = ApplicationStore(session).holders_of_record(record_id)
    matching = tuple(app_id for app_id, stored in holders if stored == digest)
    if matching:
        return CertificateMatch(record_id, "found", matching)
    return CertificateMatch(record_id, "mismatch" if holders else "unknown")


def read_detail(context: ReviewContext, app_id: int, *, opened: bool = True) -> ApplicationDetail:
    """Everything about one application (audit-logged as "opened" unless `opened` is
    False: a view already open reloading after a decision)."""
    with context.database.session() as session:
        applications, decisions = ApplicationStore(session), DecisionStore(session)
        app = get_application(applications, app_id)
        related = applications.many(applications.related_ids(app_id))
        by_app = decisions.for_applications(a.id for a in related)
        members = applications.members(app_id)
        checks = applications.checks(app_id)
        records = applications.records(app_id)
        same_id = applications.same_id_pending(app_id) if app.state is ReviewState.PENDING else 0
        pending = PendingStore(session).for_application(app_id)
        waiting_by = PendingStore(session).deciders([app_id]).get(app_id, ("", ""))
        holder = applications.claimant(app_id)
        if opened:
            context.audit(session, "opened", app_id)
    own = tuple(decision_info(d) for d in by_app.get(app_id, []))
    application = json.loads(app.application_json or "{}")
    first = next(
        (d for d in reversed(own) if not d.issued_here and d.stage is ReviewStage.FIRST), None
    )
    history = tuple(
        HistoryEntry(
            a.id,
            a.uid,
            a.version,
            a.received_at,
            a.state,
            "this" if a.id == app_id else "version" if a.uid == app.uid else "resubmission",
            tuple(decision_info(d) for d in by_app.get(a.id, [])),
        )
        for a in related
    )
    return ApplicationDetail(
        row=replace(
            queue_row(app, context.pack, context.clock(), context.calendar),
            shares_id_number=same_id > 0,
            claimed_by=holder[1] if holder else "",
            claimed_by_name=holder[2] if holder else "",
            pending_by=waiting_by[0],
            pending_by_name=waiting_by[1],
        ),
        application=application,
        members=tuple(MemberInfo(m.name, m.role, m.size, m.sha256, m.media_type) for m in members),
        checks=tuple(CheckResult(c.code, c.passed, c.params) for c in checks),
        decisions=own,
        history=history,
        first_level_decision=first,
        bundle_id=app.bundle_id,
        content_digest=app.content_digest,
        original_name=app.original_name,
        decidable=not app.state.locked and app.stage is context.stage,
        declared_on=declaration_date(application),
        pending=pending_info(pending, app.applicant_name) if pending else None,
        records=tuple(records),
    )
