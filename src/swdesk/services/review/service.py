"""`ReviewService`: the reviewer's use cases behind one small facade.

The work is done by the modules beside it (importer with batch_import, application_detail,
checks, deciding, claims, staff, retention, exporting, trust, forward); this class wires
them to one `ReviewContext` and keeps transactions short. It returns the dataclasses of
`models`, never ORM rows, and has no Qt in it: the GUI runs the long calls (`import_files`,
`export_decisions`, `export_roster`) on a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from swdesk.core.progress import ItemProgress
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.audit import newest_change, verify_chain
from swdesk.reviewstore.decisions import DecisionStore
from swdesk.reviewstore.queue import QueueFilter
from swdesk.reviewstore.staff import PendingStore
from swdesk.reviewstore.vocabulary import ReviewStage, ReviewState
from swdesk.signing import OfficeIdentity, ProviderIdentity, TrustList

from . import batch_import, exporting, trust
from .application_detail import find_application, find_certificate, get_application, read_detail
from .claims import Claims, ClaimState, staff_id
from .context import ReviewContext
from .deciding import Decider
from .decision_request import DecisionRequest
from .folder_bundle_store import FolderBundleStore
from .importer import Importer
from .models import (
    ApplicationDetail,
    AuditVerification,
    CertificateMatch,
    DecisionResult,
    ImportReport,
    PendingInfo,
    PurgeReport,
    QueueRow,
)
from .retention import Eraser
from .staff import StaffManager
from .views import pending_info, queue_row

__all__ = ["Progress", "ReviewService"]

#: the import's `core.progress.ItemProgress`: (files done, files in all, file just
#: handled) → False to cancel after that file
Progress = ItemProgress


class ReviewService:
    """Everything a reviewer does in one office's workspace."""

    def __init__(self, context: ReviewContext) -> None:
        self._context = context
        self._importer = Importer(context)
        self._decider = Decider(context)
        self._eraser = Eraser(context)
        self._claims = Claims(context)
        self.staff = StaffManager(context)

    @property
    def context(self) -> ReviewContext:
        """The office, its database, its clock and who is signed in: what another service
        on the same office (another person's session) is built from."""
        return self._context

    @property
    def office(self) -> OfficeIdentity:
        return self._context.office

    @property
    def actor(self) -> str:
        """The user name of the person signed in (who the audit log names)."""
        return self._context.actor

    @property
    def role(self) -> str:
        """ "head" (decides, signs, exports, manages) or "reviewer" (decides; a head signs)."""
        return self._context.role

    @property
    def is_head(self) -> bool:
        return self._context.is_head

    @property
    def holds_key(self) -> bool:
        """Whether this sign-in unlocked the office key (needed to sign)."""
        return self._context.key is not None

    @property
    def stage(self) -> ReviewStage:
        """The stage this office decides: "first" (county, city) or "final" (province)."""
        return self._context.stage

    @property
    def review_deadline_working_days(self) -> int:
        return self._context.pack.review_deadline_working_days

    def close(self) -> None:
        """Stop what the service started: the import's worker processes (`check_pool`)."""
        self._importer.close()

    # -- importing -------------------------------------------------------------------------
    expand_paths = staticmethod(batch_import.expand_paths)

    def import_files(
        self, paths: Iterable[Path | str], progress: Progress | None = None
    ) -> ImportReport:
        """Verify and import files and folders (`batch_import.import_files`): refused
        files leave nothing behind; `progress` returning False cancels after the current
        file, the rest reported "cancelled"."""
        return batch_import.import_files(self._importer, paths, progress)

    def prepare_import(self) -> None:
        """Get ready for an import of many files: on Linux, start the fork server the
        import's worker processes are forked from, which imports the checking modules in
        the background while the reviewer chooses files (`check_pool.CheckPool.prepare`);
        nothing elsewhere. The reviewer's window calls it once it is shown."""
        self._importer.prepare()

    # -- the queue -------------------------------------------------------------------------
    def queue_count(self, queue_filter: QueueFilter | None = None) -> int:
        with self._context.database.session() as session:
            return ApplicationStore(session).count(self._mine(session, queue_filter))

    def queue_page(
        self,
        queue_filter: QueueFilter | None = None,
        sort_key: str = "received_at",
        ascending: bool = True,
        offset: int = 0,
        limit: int = 100,
    ) -> list[QueueRow]:
        """One page of the queue, filtered and sorted in SQL. `sort_key` is a QueueRow
        field name (see `swdesk.reviewstore.queue.SORT_KEYS`)."""
        with self._context.database.session() as session:
            records = ApplicationStore(session).page(
                self._mine(session, queue_filter), sort_key, ascending, offset, limit
            )
            waiting = PendingStore(session).deciders(record.id for record in records)
        today = self._context.clock()
        rows = [
            queue_row(record, self._context.pack, today, self._context.calendar)
            for record in records
        ]
        return [
            replace(r, pending_by=waiting[r.id][0], pending_by_name=waiting[r.id][1])
            if r.id in waiting
            else r
            for r in rows
        ]

    def counts(self) -> dict[str, int]:
        """Applications per state, every state present."""
        with self._context.database.session() as session:
            found = ApplicationStore(session).counts_by_state()
        return {state.value: found.get(state.value, 0) for state in ReviewState}

    # -- one application -------------------------------------------------------------------
    def detail(self, app_id: int, *, opened: bool = True) -> ApplicationDetail:
        """Everything about one application (audit-logged as "opened" unless `opened` is
        False: a view already open reloading after a decision)."""
        return read_detail(self._context, app_id, opened=opened)

    def member_bytes(self, app_id: int, name: str) -> bytes:
        """One member of the stored bundle, its SHA-256 checked again while reading
        (BundleError "member_hash_mismatch" if the stored file was altered)."""
        with self._context.database.session() as session:
            applications = ApplicationStore(session)
            app = get_application(applications, app_id)
            member = next((m for m in applications.members(app_id) if m.name == name), None)
        if member is None:
            raise KeyError(name)
        return self._context.bundles.read_member(app.stored_name, name, member.sha256)

    def stored_name(self, app_id: int) -> str:
        """The name the office stores the bundle of an application under."""
        with self._context.database.session() as session:
            return get_application(ApplicationStore(session), app_id).stored_name

    def bundle_path(self, app_id: int) -> Path:
        """Where the stored bundle file of an application is, in an office in a folder
        (read-only for callers). An office on a server keeps no such file: ValueError."""
        bundles = self._context.bundles
        if not isinstance(bundles, FolderBundleStore):
            raise ValueError("the office's bundles are rows of its server database")
        return bundles.path(self.stored_name(app_id))

    def reveal_id_number(self, app_id: int) -> str:
        """The full ID number (audit-logged as "id_revealed")."""
        with self._context.database.session() as session:
            app = get_application(ApplicationStore(session), app_id)
            self._context.audit(session, "id_revealed", app_id)
        return app.id_number

    def find(self, reference: str) -> int:
        """An application by queue number or uid (the newest version not superseded)."""
        return find_application(self._context, reference)

    def find_certificate(self, text: str) -> CertificateMatch | None:
        """What an attendance certificate's QR text (`SWDCE1|<record_id>|<sha256>`, as a
        barcode scanner types it into the search) finds here; None when `text` is not
        one. The queue's search with that text lists the same applications."""
        return find_certificate(self._context, text)

    # -- claims and the live queue ---------------------------------------------------------
    def _mine(self, session: Session, queue_filter: QueueFilter | None) -> QueueFilter:
        """The filter with "mine" resolved to the person signed in."""
        queue_filter = queue_filter or QueueFilter()
        if queue_filter.claims != "mine":
            return queue_filter
        return replace(queue_filter, mine_id=staff_id(self._context, session))

    def claim(
        self, app_id: int, *, take_over: bool = False, expected_version: int | None = None
    ) -> ClaimState:
        """Claim an application for the person signed in (audit "claimed"). Someone
        else's claim: UserFixableError "application_claimed" (naming them) unless
        `take_over` (audit "claim_taken_over"); a view older than the row (with
        `expected_version`): "application_changed"."""
        return self._claims.claim(app_id, take_over=take_over, expected_version=expected_version)

    def release(
        self, app_id: int, *, take_over: bool = False, expected_version: int | None = None
    ) -> ClaimState:
        """Give up one's claim (audit "released"); someone else's as for `claim`."""
        return self._claims.release(app_id, take_over=take_over, expected_version=expected_version)

    def claim_if_unclaimed(self, app_id: int) -> bool:
        """Claim an application nobody claimed (opening it to decide); True if it was."""
        return self._claims.claim_if_unclaimed(app_id)

    def change_marker(self) -> int:
        """A cheap value that changes with every import, decision, claim or deletion by
        anyone (the newest audit entry recording a change): poll it, and reload the
        queue when it differs from the last value seen."""
        with self._context.database.read_session() as session:
            return newest_change(session)

    # -- deciding --------------------------------------------------------------------------
    def decide(
        self,
        app_ids: Sequence[int] | int,
        outcome: str,
        reasons: Sequence[tuple[str, str]] = (),
        late_reason: str = "",
        *,
        expected_version: int | None = None,
        take_over: bool = False,
    ) -> list[DecisionResult]:
        """Approve or reject one or many applications (each signed and stored in its own
        transaction). The request itself is checked first (UserFixableError:
        outcome_unknown, reason_unknown, reason_required, comment_too_long); per
        application a refusal comes back in its result: application_unknown,
        application_locked, application_superseded, wrong_stage, late_reason_required,
        decision_pending. A head's decision is signed at once ("decided"); a reviewer's
        awaits a head's signature ("pending", the state unchanged)."""
        # `expected_version`: the row version the reviewer saw (one application): a
        # newer row refuses "application_changed"; someone else's claim refuses
        # "application_claimed" unless `take_over`
        request = DecisionRequest.checked(
            outcome, reasons, late_reason, expected_version=expected_version, take_over=take_over
        )
        ids = [app_ids] if isinstance(app_ids, int) else list(app_ids)
        return [self._decider.decide(app_id, request) for app_id in ids]

    def decided_by(self, app_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        """application id → (who decided, who signed) this office's newest decision about
        it, for those of `app_ids` decided here by a signed-in person."""
        ids = list(app_ids)
        if not ids:
            return {}
        with self._context.database.session() as session:
            newest = DecisionStore(session).latest_issued(ids)
        return {d.application_id: (d.decided_by, d.signed_by) for d in newest if d.decided_by}

    def pending_decisions(self) -> list[PendingInfo]:
        """The reviewers' decisions awaiting a head's signature, oldest first."""
        with self._context.database.session() as session:
            waiting = PendingStore(session).all()
            names = {
                a.id: a.applicant_name
                for a in ApplicationStore(session).many([p.application_id for p in waiting])
            }
        return [pending_info(p, names.get(p.application_id, "")) for p in waiting]

    def sign_pending(self, app_ids: Iterable[int] | None = None) -> list[DecisionResult]:
        """Sign the waiting decisions about `app_ids` (None: all of them), each in its own
        transaction as the next link of this office's chain. Head only (UserFixableError
        "head_only"; "office_key_locked" when this sign-in did not unlock the key)."""
        self._context.require_head("sign")
        self._context.signing_key()
        ids = (
            [p.application_id for p in self.pending_decisions()]
            if app_ids is None
            else list(app_ids)
        )
        return [self._decider.sign_pending(app_id) for app_id in ids]

    def send_back(self, app_id: int, note: str = "") -> bool:
        """Return a reviewer's waiting decision undecided (head only); False if none."""
        self._context.require_head("sign")
        return self._decider.send_back(app_id, note)

    # -- exports ---------------------------------------------------------------------------
    def export_decisions(self, folder: Path, app_ids: Iterable[int] | None = None) -> list[Path]:
        """Decision files (and, at the first level, forward packages of approvals) for the
        decided applications not yet exported, or for `app_ids`. Head only."""
        self._context.require_head("export_decisions")
        return exporting.export_decisions(self._context, Path(folder), app_ids)

    def export_roster(self, path: Path) -> Path:
        """The Excel roster (.xlsx) of the decisions and the counts by county and state."""
        return exporting.export_roster(self._context, Path(path))

    # -- retention and deletion on request (see `retention` for what is kept) -------------
    def retention_days(self) -> int:
        """Days after this office's decision an application is deleted (0: kept forever)."""
        return self._eraser.retention_days()

    def set_retention_days(self, days: int) -> None:
        """Change the retention period (audit-logged "retention_set"); ValueError unless
        0 <= days <= 36500. Takes effect at the next purge (every opening). Head only."""
        self._context.require_head("retention")
        self._eraser.set_retention_days(days)

    def expired_ids(self, today: date | None = None) -> list[int]:
        """What `purge_expired(today)` would delete (for a confirmation before it runs)."""
        return self._eraser.expired_ids(today)

    def purge_expired(self, today: date | None = None) -> PurgeReport:
        """Delete the applications decided (and exported) more than the retention period
        before `today` (default: today), one "purged" audit entry each. Runs at every
        opening of the workspace."""
        return self._eraser.purge_expired(today)

    def find_person(self, person: str | int) -> list[int]:
        """The applications `delete_person(person)` would delete, in id order."""
        return self._eraser.find_person(person)

    def delete_person(self, person: str | int) -> int:
        """Delete every application (all versions and resubmissions) of one practitioner,
        given the full ID number or an application (queue number or uid); one
        "deleted_on_request" audit entry each. Returns how many; UserFixableError
        "application_unknown" for an unknown application (an unknown ID number gives 0)."""
        return self._eraser.delete_person(person)

    def sweep_orphans(self) -> int:
        """The sweep of the bundles folder (`Eraser.sweep`: deletes only what the database
        proves is garbage, moves files of unknown status to recovered/); only while no
        import runs (the workspace does it at opening). Returns how many were deleted."""
        return self._eraser.sweep_orphans()

    # -- audit -----------------------------------------------------------------------------
    def audit_verify(self) -> AuditVerification:
        with self._context.database.session() as session:
            check = verify_chain(session)
        return AuditVerification(check.ok, check.entries, check.first_broken)

    # -- keys and trust --------------------------------------------------------------------
    def export_public_key(self, path: Path) -> Path:
        return trust.export_key(self._context, Path(path))

    def publish_trust(self, key_files: Sequence[Path], out: Path) -> TrustList:
        self._context.require_head("trust")
        return trust.publish_trust(self._context, [Path(p) for p in key_files], Path(out))

    def inspect_trust(self, path: Path) -> trust.TrustInspection:
        """Verify a trust file and describe it without storing anything (to confirm)."""
        return trust.inspect_trust(self._context, Path(path))

    def import_trust(self, path: Path, *, new_issuer_fingerprint: str | None = None) -> TrustList:
        """Put the province's trust file in force (see `trust.import_trust`; a new province
        key needs `new_issuer_fingerprint` confirmed). Head only."""
        self._context.require_head("trust")
        return trust.import_trust(
            self._context, Path(path), new_issuer_fingerprint=new_issuer_fingerprint
        )

    def trusted_offices(self) -> list[OfficeIdentity]:
        return trust.trusted(self._context)

    def trusted_providers(self) -> tuple[ProviderIdentity, ...]:
        """The training providers whose attendance records the trust list in force lets
        count as verified."""
        return trust.trusted_providers(self._context)
