"""Claims: who in the office works on an application, so two people do not review the same
one. The queue shows the claimant (and filters "mine" / "unclaimed"); opening an application
to decide claims it when nobody has; deciding an application someone else claimed is
refused ("application_claimed", naming them) unless the person takes it over explicitly,
which the audit log records ("claim_taken_over").

The claimant is the person signed in (`ReviewContext.actor`, a staff user name). An office
used by one person without accounts (no staff row names them) has nobody to tell apart:
claims are then not recorded and never refuse anything.

Each claim or release changes the application row, so it raises the row version, and it is
made only if the row is still at the version just read ("application_changed" otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from swdesk.database.errors import RecordNotFound
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.audit import lock_writes
from swdesk.reviewstore.orm import StaffRow
from swdesk.reviewstore.records import StoredApplication

from .context import ReviewContext

__all__ = [
    "ClaimState",
    "Claims",
    "changed",
    "claimed_refusal",
    "decision_refusal",
    "hold_for_decision",
]


@dataclass(frozen=True, slots=True)
class ClaimState:
    """Who has claimed an application after a claim or release."""

    application_id: int
    claimed_by: str  # a user name; "" nobody
    claimed_by_name: str  # their display name
    row_version: int
    mine: bool


def changed(app_id: int) -> UserFixableError:
    """The refusal of a change made on a view older than the stored row."""
    return UserFixableError("application_changed", application=app_id)


def claimed_refusal(app_id: int, claimant: tuple[int, str, str]) -> UserFixableError:
    """The refusal of deciding (or claiming) what `claimant` (id, user, name) claimed."""
    return UserFixableError(
        "application_claimed",
        application=app_id,
        claimed_by=claimant[2] or claimant[1],
        username=claimant[1],
    )


def staff_id(context: ReviewContext, session: Session) -> int | None:
    """The staff row of the person signed in; None when no staff row names them (an
    office used without accounts)."""
    actor = context.actor
    if not actor:
        return None
    found = session.execute(select(StaffRow.id).where(StaffRow.username == actor)).scalar()
    return int(found) if found is not None else None


def decision_refusal(
    context: ReviewContext,
    applications: ApplicationStore,
    app: StoredApplication,
    expected_version: int | None,
    take_over: bool,
) -> tuple[str, dict[str, object]] | None:
    """Why a decision on `app` is refused before anything else is looked at:
    "application_changed" for a view older than the row (`expected_version`),
    "application_claimed" for an application someone else claimed (unless `take_over`)."""
    if expected_version is not None and expected_version != app.row_version:
        return "application_changed", {"application": app.id}
    if app.claimed_by_id is None or take_over:
        return None
    holder = applications.claimant(app.id)
    if holder is None or holder[0] == staff_id(context, applications.session):
        return None
    refusal = claimed_refusal(app.id, holder)
    return refusal.code, dict(refusal.params)


def hold_for_decision(
    context: ReviewContext, applications: ApplicationStore, app: StoredApplication, take_over: bool
) -> bool:
    """The decision's first write: the row changes from the version read (`WHERE
    row_version = ?`) and is claimed by the person deciding. False when another change
    came first (nothing is written then). A claim taken over is audited."""
    session = applications.session
    me = staff_id(context, session)
    holder = applications.claimant(app.id) if app.claimed_by_id is not None else None
    claimant = me if me is not None else app.claimed_by_id
    if not applications.claim(app.id, claimant, context.local_now(), app.row_version):
        return False
    if take_over and holder is not None and holder[0] != me:
        context.audit(session, "claim_taken_over", app.id, taken_from=holder[1])
    return True


class Claims:
    """Claim and release applications for the person signed in."""

    def __init__(self, context: ReviewContext) -> None:
        self.context = context

    def claim(
        self, app_id: int, *, take_over: bool = False, expected_version: int | None = None
    ) -> ClaimState:
        """Claim for the person signed in. Claimed by someone else: refused
        ("application_claimed") unless `take_over`. Already theirs: nothing changes."""
        return self._set(app_id, True, take_over, expected_version)

    def release(
        self, app_id: int, *, take_over: bool = False, expected_version: int | None = None
    ) -> ClaimState:
        """Give up the claim. Someone else's claim is refused unless `take_over`."""
        return self._set(app_id, False, take_over, expected_version)

    def claim_if_unclaimed(self, app_id: int) -> bool:
        """Claim when nobody has (opening an application to decide); True if claimed now."""
        context = self.context
        with context.database.session() as session:
            lock_writes(session)
            applications = ApplicationStore(session)
            app = _get(applications, app_id)
            me = staff_id(context, session)
            if me is None or app.claimed_by_id is not None or app.state.locked:
                return False
            if not applications.claim(app_id, me, context.local_now(), app.row_version):
                return False
            context.audit(session, "claimed", app_id)
            return True

    def _set(
        self, app_id: int, claim: bool, take_over: bool, expected_version: int | None
    ) -> ClaimState:
        context = self.context
        with context.database.session() as session:
            lock_writes(session)  # before reading: the row read is the one changed
            applications = ApplicationStore(session)
            app = _get(applications, app_id)
            if expected_version is not None and expected_version != app.row_version:
                raise changed(app_id)
            me = staff_id(context, session)
            holder = applications.claimant(app_id)
            if me is None:
                return _state(app, holder, me)
            wanted = me if claim else None
            if app.claimed_by_id == wanted:
                return _state(app, holder, me)
            taken_from = ""
            if holder is not None and holder[0] != me:
                if not take_over:
                    raise claimed_refusal(app_id, holder)
                taken_from = holder[1]
            if not applications.claim(
                app_id, wanted, context.local_now() if claim else None, app.row_version
            ):
                raise changed(app_id)
            if taken_from:
                context.audit(
                    session,
                    "claim_taken_over",
                    app_id,
                    taken_from=taken_from,
                    released=not claim,
                )
            else:
                context.audit(session, "claimed" if claim else "released", app_id)
            holder = applications.claimant(app_id)
            return ClaimState(
                app_id,
                holder[1] if holder else "",
                holder[2] if holder else "",
                app.row_version + 1,
                claim,
            )


def _get(applications: ApplicationStore, app_id: int) -> StoredApplication:
    try:
        return applications.get(app_id, with_json=False)
    except RecordNotFound as error:
        raise UserFixableError("application_unknown", application=app_id) from error


def _state(
    app: StoredApplication, holder: tuple[int, str, str] | None, me: int | None
) -> ClaimState:
    return ClaimState(
        app.id,
        holder[1] if holder else "",
        holder[2] if holder else "",
        app.row_version,
        holder is not None and holder[0] == me,
    )
