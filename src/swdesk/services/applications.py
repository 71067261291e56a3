"""Re-registration (and first registration) applications: the draft the wizard edits, the
pre-check, the printable form, and the exported bundle.

The rules a draft follows on saving live in `application_drafts`, the material files in
`application_materials`, the writing of an export (form, bundle, record, publication,
recovery) in `application_export`; `ApplicationService` is the one door the windows and
the command line use."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from swdesk.database.errors import RecordNotFound
from swdesk.domain.application import ApplicationDraft, ApplicationState, MaterialFile, MaterialRole
from swdesk.domain.application_form import ApplicationFormData
from swdesk.domain.counting import counted_on
from swdesk.domain.errors import UserFixableError
from swdesk.domain.fix_list import FixItem, blocking_items
from swdesk.domain.models import PractitionerRecord
from swdesk.domain.precheck import precheck
from swdesk.domain.printable import unprintable_items
from swdesk.domain.rules import compute_status
from swdesk.storage.application_repository import ApplicationRepository
from swdesk.storage.attendance_record_repository import AttendanceRecordRepository
from swdesk.storage.database import Database
from swdesk.storage.files import EvidenceStore
from swdesk.storage.references import unreferenced
from swdesk.storage.repositories import ActivityRepository, PractitionerRepository
from swdesk.storage.sealing import ProfileLocked

from .application_bundle import BundlePlan, plan_bundle
from .application_drafts import (
    ApplicationContext,
    ApplicationNotDiscardable,
    declaration_stamped,
    follow_record,
    kind_for,
    next_version,
    normalised_draft,
    resubmission,
    same_content,
)
from .application_export import (
    PERSONAL_FIELDS,
    ExportResult,
    FixListOpen,
    publish_export,
    recover_exports,
)
from .application_form import build_form_data
from .application_materials import member_source, with_material
from .clock import china_today, default_now, local_wall_time
from .profiles import ProfileService, normalised_practitioner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "PERSONAL_FIELDS",
    "ApplicationContext",
    "ApplicationNotDiscardable",
    "ApplicationService",
    "Clock",
    "ExportResult",
    "FixListOpen",
    "follow_record",
    "kind_for",
    "normalised_draft",
]

Clock = Callable[[], date]


class ApplicationService:
    def __init__(
        self,
        database: Database,
        evidence: EvidenceStore,
        profiles: ProfileService,
        clock: Clock = china_today,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._db = database
        self._evidence = evidence
        self._profiles = profiles
        self._clock = clock
        # the moment a declaration is accepted or an application exported
        self._now = now or default_now(clock)

    # -- reading -------------------------------------------------------------------------
    def context(self, practitioner_id: int, under_review: bool = False) -> ApplicationContext:
        with self._db.session() as session:
            record = PractitionerRepository(session).get_record(practitioner_id)
            activities = ActivityRepository(session).list_for(practitioner_id)
        # data stored before the services normalised it is read in its canonical form, so
        # the form and the bundle never carry a tab or a full-width digit the checks ignored
        record = replace(record, practitioner=normalised_practitioner(record.practitioner))
        pack = self._profiles.pack_for(record.practitioner)
        status = compute_status(record, activities, pack, self._clock(), under_review=under_review)
        counted = counted_on(activities, status.counting_period, status.today)
        return ApplicationContext(record, status, activities, counted)

    def set_registration_number(self, practitioner_id: int, number: str) -> ApplicationContext:
        """Record the number of the expiring registration (entered in the wizard) in the
        profile at once, and return the context read again (the fix list follows it)."""
        self._profiles.set_registration_number(practitioner_id, number)
        return self.context(practitioner_id)

    def history(self, practitioner_id: int) -> list[ApplicationDraft]:
        with self._db.session() as session:
            return ApplicationRepository(session).history(practitioner_id)

    def current_draft(self, practitioner_id: int) -> ApplicationDraft:
        """The application to continue: the open draft, the exported one awaiting review, or
        a new draft (starting from a rejected application when there is one). A draft's
        kind follows the record as it is now (`follow_record`)."""
        with self._db.session() as session:
            latest = ApplicationRepository(session).latest_for(practitioner_id)
            record = PractitionerRepository(session).get_record(practitioner_id)
        if latest is not None and latest.state in (
            ApplicationState.DRAFT,
            ApplicationState.EXPORTED,
        ):
            return follow_record(latest, record)
        p = record.practitioner
        kind = kind_for(record)
        if latest is not None and latest.state is ApplicationState.REJECTED:
            return follow_record(resubmission(latest), record)
        draft = ApplicationDraft(
            practitioner_id=practitioner_id,
            kind=kind,
            uid=str(uuid.uuid4()),
            phone=p.phone,
            employer=p.employer,
            employer_credit_code=p.employer_credit_code,
            post=p.post,
        )
        profile_photo = self._profiles.photo_path(p)
        if profile_photo is not None:
            # a profile photo that is not acceptable is left out: the fix list asks for one
            with contextlib.suppress(UserFixableError):
                draft = self.attach(draft, MaterialRole.PHOTO, profile_photo)
        return draft

    # -- editing -------------------------------------------------------------------------
    def save_draft(self, draft: ApplicationDraft) -> ApplicationDraft:
        """Save whatever the draft holds (always possible), its typed fields in their
        canonical forms (`normalised_draft`) and its kind following the record
        (`follow_record`), an accepted declaration stamped with the moment it was first
        saved accepted (`declaration_stamped`). Changing an exported application starts its
        next version; the exported one is kept."""
        draft = declaration_stamped(normalised_draft(draft), self._now)
        with self._db.session() as session:
            repo = ApplicationRepository(session)
            record = self._record_if_open(session, draft.practitioner_id)
            if record is not None and draft.state is ApplicationState.DRAFT:
                draft = follow_record(draft, record)
            if draft.id is None:
                same = next(
                    (
                        a
                        for a in repo.history(draft.practitioner_id)
                        if a.uid == draft.uid and a.version == draft.version
                    ),
                    None,
                )
                if same is None:
                    return repo.get(repo.add(replace(draft, state=ApplicationState.DRAFT)))
                draft = replace(draft, id=same.id)
            draft_id = draft.id
            assert draft_id is not None  # a stored application (as `same` was) has an id
            stored = repo.get(draft_id)
            if stored.state is not ApplicationState.DRAFT:
                if same_content(stored, draft):
                    # e.g. the signed scan attached after printing: same version, same QR
                    orphans = repo.update(replace(draft, state=stored.state))
                    result = repo.get(draft_id)
                    self._evidence.remove_unreferenced(orphans)
                    return result
                new_version = next_version(stored, draft)
                if record is not None:
                    new_version = follow_record(new_version, record)
                return repo.get(repo.add(new_version))
            orphans = repo.update(draft)
            result = repo.get(draft_id)
        self._evidence.remove_unreferenced(orphans)
        return result

    def accept_declaration(
        self, draft: ApplicationDraft, accepted: bool = True
    ) -> ApplicationDraft:
        """The draft with the declaration accepted (stamped now on the service's clock, or
        kept as first stamped when it already was) or withdrawn (no time). Not saved yet:
        `save_draft` and `export` save it."""
        return declaration_stamped(replace(draft, declaration_accepted=accepted), self._now)

    @staticmethod
    def _record_if_open(session: Session, practitioner_id: int) -> PractitionerRecord | None:
        """The record, or None while the profile is protected and locked (the draft is then
        saved as it is; its kind follows the record the next time it is opened)."""
        try:
            return PractitionerRepository(session).get_record(practitioner_id)
        except ProfileLocked:
            return None

    def discard(self, draft: ApplicationDraft) -> None:
        """Delete a draft that was never exported, with its materials and generated form:
        their files are removed unless something else refers to them (an activity's
        evidence, another application), journaled in the same transaction that drops the
        references (`storage.references`), so a crash before the removal leaves nothing
        the next start cannot tidy. A draft never saved only releases the files it
        imported. The profile and the activity log are not touched.

        Refused (`ApplicationNotDiscardable`) for an application that was exported: the
        office may hold its bundle and will decide on exactly that version; the person
        withdraws it at the office, or changes it (a new version) and exports again."""
        names = {m.stored_name for m in draft.materials}
        with self._db.session() as session:
            repo = ApplicationRepository(session)
            stored = None
            if draft.id is not None:
                with contextlib.suppress(RecordNotFound):
                    stored = repo.get(draft.id)
            else:
                stored = repo.find(draft.uid, draft.version)
            if stored is not None:
                if stored.state is not ApplicationState.DRAFT:
                    raise ApplicationNotDiscardable(stored.state)
                assert stored.id is not None
                names.update(m.stored_name for m in stored.materials)
                names.update(repo.delete(stored.id))
            orphans = unreferenced(session, names)
        self._evidence.remove_unreferenced(orphans)

    def attach(self, draft: ApplicationDraft, role: MaterialRole, path: Path) -> ApplicationDraft:
        """Copy a material into the data folder and add it to the draft (not saved yet;
        `application_materials.with_material`)."""
        return with_material(self._evidence, draft, role, path)

    def detach(self, draft: ApplicationDraft, material: MaterialFile) -> ApplicationDraft:
        return replace(draft, materials=tuple(m for m in draft.materials if m != material))

    def material_path(self, material: MaterialFile) -> Path:
        """A path a viewer can open (a decrypted temporary copy for a protected profile)."""
        return self._evidence.readable_path(material.stored_name, material.original_name)

    # -- checking ------------------------------------------------------------------------
    def precheck(
        self, draft: ApplicationDraft, context: ApplicationContext | None = None
    ) -> list[FixItem]:
        ctx = context or self.context(draft.practitioner_id)
        pack = self._profiles.pack_for(ctx.record.practitioner)
        draft = follow_record(normalised_draft(draft), ctx.record)  # as it will be saved
        from swdesk.pdf.fonts import missing_glyphs  # loads ReportLab: not at start-up

        return precheck(
            ctx.record, draft, ctx.status, ctx.activities, pack, self._clock(), self._file_exists
        ) + unprintable_items(ctx.record, draft, ctx.counted, ctx.status.is_late, missing_glyphs)

    def _file_exists(self, stored_name: str) -> bool:
        return self._evidence.exists(stored_name)

    # -- the form ------------------------------------------------------------------------
    def plan(
        self, draft: ApplicationDraft, context: ApplicationContext | None = None
    ) -> tuple[BundlePlan, ApplicationFormData]:
        """Everything the bundle will hold, and the form data (with the QR's content digest)."""
        ctx = context or self.context(draft.practitioner_id)
        pack = self._profiles.pack_for(ctx.record.practitioner)
        resubmission_of = None
        attested = [a.id for a in ctx.counted if a.attestation is not None and a.id is not None]
        with self._db.session() as session:
            if draft.parent_id is not None:
                resubmission_of = ApplicationRepository(session).get(draft.parent_id).uid
            stored = AttendanceRecordRepository(session).for_activities(
                draft.practitioner_id, attested
            )
        plan = plan_bundle(
            draft,
            ctx.record,
            ctx.status,
            ctx.counted,
            pack,
            partial(member_source, self._evidence),
            exported_at=local_wall_time(self._now()),
            resubmission_of=resubmission_of,
            records={record.record_id: record.raw for record in stored.values()},
        )
        photo = draft.photo
        photo_bytes = self._evidence.read_bytes(photo.stored_name) if photo else None
        form = build_form_data(
            draft,
            ctx.record,
            ctx.status,
            ctx.counted,
            pack,
            plan.content_digest,
            photo_bytes,
            self._clock(),
        )
        return plan, form

    def render_form(self, draft: ApplicationDraft) -> bytes:
        """The form of the saved draft (saved first, so the printed QR matches the export),
        marked as a draft on every page while the fix list has items."""
        from swdesk.pdf import render_application_form

        saved = self.save_draft(draft)
        ctx = self.context(saved.practitioner_id)
        _plan, form = self.plan(saved, ctx)
        open_items = len(blocking_items(self.precheck(saved, ctx)))
        return render_application_form(replace(form, open_fix_items=open_items))

    def save_form(self, draft: ApplicationDraft, dest: Path) -> Path:
        """Write the form PDF into the folder the user chose (`swdesk.core.outfiles`)."""
        from swdesk.core.outfiles import write_bytes

        write_bytes(dest, self.render_form(draft))
        return dest

    # -- exporting -----------------------------------------------------------------------
    def export(self, draft: ApplicationDraft, dest: Path) -> ExportResult:
        """Pre-check, apply the personal-data changes (kept in the history), render the form
        and write the bundle; the application becomes "exported".

        The order makes a bundle at `dest` always one the database records: the form is
        stored in the data folder, the bundle written in full under a temporary name beside
        `dest`, the export committed (bundle id, content digest, path), and only then the
        bundle renamed to `dest`. If that rename fails the commit is undone; if the process
        dies between the two, the next export (or `recover_exports`) renames the finished
        bundle into place, since the database already records it.
        """
        from swdesk.pdf import render_application_form

        dest = Path(os.path.abspath(dest))  # recorded: found again from any working folder
        draft = self.save_draft(draft)
        ctx = self.context(draft.practitioner_id)
        items = blocking_items(self.precheck(draft, ctx))  # notes never hold back the export
        if items:
            raise FixListOpen(items)
        plan, form = self.plan(draft, ctx)
        pdf = render_application_form(form)
        self.recover_exports(dest.parent)
        return publish_export(self._db, self._evidence, draft, ctx.record, plan, pdf, dest)

    def recover_exports(self, folder: Path | None = None) -> list[Path]:
        """Finish publications a crash interrupted (`application_export.recover_exports`);
        with `folder`, only bundles exported into it. Returns the bundles put in place."""
        return recover_exports(self._db, folder)
