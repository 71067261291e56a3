"""Deciding: approve or reject, sign the decision with the office key, record it.

At the first level (county or city) an approval is 初审通过 and locks the application; at
the province a final approval (终审通过) carries the new registration period. A rejection
needs at least one reason; a late application is approved only with the reason it is
accepted. Each decision is signed (`swdesk.signing`) as the next link of this office's
chain: sequence + 1 and the SHA-256 of the previous decision file.

Correcting: a rejected application may be decided again (a rejection by mistake is followed
by an approval); the practitioner's swdesk takes the newer decision of the same office as the
one that counts (docs/review-formats.md, "Which decision counts"). An approval is final at
its level: there is no revocation, a second decision on it is refused (`application_locked`).

Several people at once: `decide` takes the office's write lock before it reads the
application (`reviewstore.audit.lock_writes`), so it reads what another client just
committed and continues the chain after their link. A decision made on a view of an older
row version (`DecisionRequest.expected_version`) is refused ("application_changed"), and
the row is changed only `WHERE row_version = ?` as read; a decision on an application
someone else claimed is refused ("application_claimed") unless taken over (`take_over`,
audited). Deciding claims the application for the person deciding (`claims`).

The request itself (outcome, reasons, comments) is checked in `decision_request`.

People: a head's decision is signed at once (decided and signed by them). A reviewer's
decision waits in `pending_decisions` (one per application; the application's state does
not change) until a head signs it (`sign_pending`: the next link of the chain, decided by
the reviewer and signed by the head) or sends it back (`send_back`).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from swdesk.database.errors import RecordNotFound
from swdesk.domain.dates import period_end
from swdesk.domain.rulepack import RulePack
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.audit import lock_writes
from swdesk.reviewstore.decisions import DecisionStore
from swdesk.reviewstore.records import NewDecision, StoredApplication
from swdesk.reviewstore.staff import PendingStore
from swdesk.reviewstore.vocabulary import (
    DecisionOutcome,
    ReviewStage,
    ReviewState,
    decided_state,
)
from swdesk.signing import Decision, SigningError, sign_decision

from .claims import decision_refusal, hold_for_decision
from .context import ReviewContext
from .decision_request import MAX_COMMENT_CHARS, DecisionRequest
from .models import DecisionResult
from .views import decision_info, pending_info

__all__ = ["DecisionRequest", "Decider", "new_registration_period"]


def _waiting(session: Session, app_id: int) -> tuple[str, dict[str, object]] | None:
    """A decision about `app_id` already awaits a head's signature: sign or send it back
    first ("decision_pending", naming who decided)."""
    pending = PendingStore(session).for_application(app_id)
    if pending is None:
        return None
    return "decision_pending", {"decided_by": pending.decided_by}


def new_registration_period(
    app: StoredApplication, decided_on: date, pack: RulePack
) -> tuple[date, date]:
    """The period a final approval grants: from the day after the old period ends (from
    the decision day when late, or for a first registration) for `cycle_years`."""
    old_end = app.registration_valid_to
    start = decided_on if old_end is None or app.is_late else old_end + timedelta(days=1)
    return start, period_end(start, pack.cycle_years)


class Decider:
    """Decides applications one at a time, each in its own transaction."""

    def __init__(self, context: ReviewContext) -> None:
        self.context = context

    def decide(self, app_id: int, request: DecisionRequest) -> DecisionResult:
        context = self.context
        with context.database.session() as session:
            lock_writes(session)  # before reading: see the module's docstring
            applications, decisions = ApplicationStore(session), DecisionStore(session)
            try:
                app = applications.get(app_id, with_json=False)
            except RecordNotFound:
                return DecisionResult(app_id, "refused", "application_unknown")
            refusal = (
                decision_refusal(
                    context, applications, app, request.expected_version, request.take_over
                )
                or self._refusal(app, request, decisions)
                or _waiting(session, app_id)
            )
            if refusal:
                return DecisionResult(
                    app_id, "refused", refusal[0], refusal[1], applicant_name=app.applicant_name
                )
            if not hold_for_decision(context, applications, app, request.take_over):
                return DecisionResult(
                    app_id,
                    "refused",
                    "application_changed",
                    {"application": app_id},
                    applicant_name=app.applicant_name,
                )
            decision = self._decision(app, request, decisions)
            if not context.is_head:  # a reviewer's decision waits for a head's signature
                return self._propose(session, app, request, decision)
            return self._sign_and_store(
                session, app, request.outcome, request.reasons, decision, context.actor
            )

    def _sign_and_store(
        self,
        session: Session,
        app: StoredApplication,
        outcome: DecisionOutcome,
        reasons: tuple[tuple[str, str], ...],
        decision: Decision,
        decided_by: str,
    ) -> DecisionResult:
        """Sign `decision` as the next link of the chain, store it and set the state."""
        context = self.context
        app_id = app.id
        applications, decisions = ApplicationStore(session), DecisionStore(session)
        try:
            raw = sign_decision(context.signing_key(), decision)
        except SigningError as error:
            return DecisionResult(
                app_id,
                "refused",
                error.code,
                dict(error.params),
                applicant_name=app.applicant_name,
            )
        digest = hashlib.sha256(raw).hexdigest()
        decided_at = decision.decided_at.astimezone().replace(tzinfo=None)
        stored_id = decisions.add(
            NewDecision(
                application_id=app_id,
                issued_here=True,
                stage=context.stage,
                outcome=outcome,
                reasons=reasons,
                late_reason=decision.late_accepted_reason,
                registration_from=decision.registration_from,
                registration_to=decision.registration_to,
                decided_at=decided_at,
                sequence=decision.sequence,
                previous_hash=decision.previous_hash,
                digest=digest,
                raw=raw,
                office_fingerprint=context.office.fingerprint,
                office_name=context.office.name,
                office_level=str(context.office.level),
                decided_by=decided_by,
                signed_by=context.actor,
            )
        )
        applications.set_state(app_id, decided_state(context.stage, outcome), decided_at)
        details: dict[str, object] = {}
        if decided_by != context.actor:
            details["decided_by"] = decided_by
        context.audit(
            session,
            "decided" if decided_by == context.actor else "decision_signed",
            app_id,
            stage=str(context.stage),
            outcome=str(outcome),
            sequence=decision.sequence,
            reasons=[code for code, _ in reasons],
            late_accepted=bool(decision.late_accepted_reason),
            decision=digest[:16],
            **details,
        )
        stored = next(d for d in decisions.for_application(app_id) if d.id == stored_id)
        return DecisionResult(
            app_id, "decided", decision=decision_info(stored), applicant_name=app.applicant_name
        )

    def _propose(
        self,
        session: Session,
        app: StoredApplication,
        request: DecisionRequest,
        decision: Decision,
    ) -> DecisionResult:
        """Store a reviewer's decision to await a head's signature (state unchanged)."""
        context = self.context
        decided_at = decision.decided_at.astimezone().replace(tzinfo=None)
        PendingStore(session).add(
            application_id=app.id,
            stage=context.stage,
            outcome=request.outcome,
            reasons=request.reasons,
            late_reason=decision.late_accepted_reason,
            registration_from=decision.registration_from,
            registration_to=decision.registration_to,
            decided_at=decided_at,
            decided_by=context.actor,
        )
        context.audit(
            session,
            "decision_proposed",
            app.id,
            stage=str(context.stage),
            outcome=str(request.outcome),
            reasons=[code for code, _ in request.reasons],
            late_accepted=bool(decision.late_accepted_reason),
        )
        pending = PendingStore(session).for_application(app.id)
        assert pending is not None
        return DecisionResult(
            app.id,
            "pending",
            applicant_name=app.applicant_name,
            pending=pending_info(pending, app.applicant_name),
        )

    def sign_pending(self, app_id: int) -> DecisionResult:
        """Sign the reviewer's decision waiting about `app_id` (head only: the caller
        checks): the next link of this office's chain, decided by the reviewer and signed
        by the head signed in, in one transaction with the state change and the removal
        of the waiting row. Refused (in the result) when nothing waits
        ("nothing_pending") or the application cannot be decided any more (superseded by
        a newer version, ...)."""
        context = self.context
        with context.database.session() as session:
            lock_writes(session)  # two heads signing at once: the second finds it signed
            applications, decisions = ApplicationStore(session), DecisionStore(session)
            pending_store = PendingStore(session)
            pending = pending_store.for_application(app_id)
            try:
                app = applications.get(app_id, with_json=False)
            except RecordNotFound:
                return DecisionResult(app_id, "refused", "application_unknown")
            if pending is None:
                return DecisionResult(
                    app_id, "refused", "nothing_pending", applicant_name=app.applicant_name
                )
            request = DecisionRequest(pending.outcome, pending.reasons, pending.late_reason)
            refusal = self._refusal(app, request, decisions)
            if refusal:
                return DecisionResult(
                    app_id, "refused", refusal[0], refusal[1], applicant_name=app.applicant_name
                )
            decision = self._decision(app, request, decisions)
            decision = replace(  # as the reviewer decided it, signed now
                decision,
                decided_at=pending.decided_at.astimezone().replace(microsecond=0),
                late_accepted_reason=pending.late_reason,
                registration_from=pending.registration_from,
                registration_to=pending.registration_to,
            )
            pending_store.remove(pending.id)
            return self._sign_and_store(
                session, app, pending.outcome, pending.reasons, decision, pending.decided_by
            )

    def send_back(self, app_id: int, note: str = "") -> bool:
        """Delete the reviewer's decision waiting about `app_id` (head only: the caller
        checks), audit-logged "decision_sent_back" naming who decided; False when nothing
        waited."""
        context = self.context
        with context.database.session() as session:
            lock_writes(session)
            store = PendingStore(session)
            pending = store.for_application(app_id)
            if pending is None:
                return False
            store.remove(pending.id)
            context.audit(
                session,
                "decision_sent_back",
                app_id,
                decided_by=pending.decided_by,
                outcome=str(pending.outcome),
                note=note.strip()[:MAX_COMMENT_CHARS],
            )
        return True

    def _refusal(
        self, app: StoredApplication, request: DecisionRequest, decisions: DecisionStore
    ) -> tuple[str, dict[str, object]] | None:
        if app.state is ReviewState.SUPERSEDED:
            return "application_superseded", {"uid": app.uid, "version": app.version}
        if app.state.locked:
            return "application_locked", {"state": str(app.state)}
        if app.stage is not self.context.stage:
            return "wrong_stage", {"stage": str(app.stage)}
        if (
            request.outcome is DecisionOutcome.APPROVED
            and app.is_late
            and not self._late_reason(app, request, decisions)
        ):
            return "late_reason_required", {}
        return None

    def _late_reason(
        self, app: StoredApplication, request: DecisionRequest, decisions: DecisionStore
    ) -> str:
        """The reason a late application is accepted: the one given, else (province) the
        one the first level recorded when it approved."""
        if request.late_reason or self.context.stage is ReviewStage.FIRST:
            return request.late_reason
        received = [
            d
            for d in decisions.for_application(app.id)
            if not d.issued_here and d.outcome is DecisionOutcome.APPROVED
        ]
        return received[-1].late_reason if received else ""

    def _decision(
        self, app: StoredApplication, request: DecisionRequest, decisions: DecisionStore
    ) -> Decision:
        context = self.context
        decided_at = context.now()
        approved = request.outcome is DecisionOutcome.APPROVED
        period: tuple[date | None, date | None] = (None, None)
        if approved and context.stage is ReviewStage.FINAL:
            period = new_registration_period(app, decided_at.date(), context.pack)
        last = decisions.last_issued(context.office.fingerprint)
        return Decision(
            application_uid=app.uid,
            application_version=app.version,
            bundle_id=app.bundle_id,
            content_digest=app.content_digest,
            applicant_name=app.applicant_name,
            stage=str(context.stage),
            outcome=str(request.outcome),
            reasons=request.reasons,
            late_accepted_reason=self._late_reason(app, request, decisions)
            if approved and app.is_late
            else "",
            registration_from=period[0],
            registration_to=period[1],
            decided_at=decided_at,
            sequence=last[0] + 1 if last else 1,
            previous_hash=last[1] if last else "",
            office=context.office,
        )
