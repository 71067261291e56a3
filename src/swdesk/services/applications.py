"""Re-registration (and first registration) applications: the draft the wizard edits, the
pre-check, the printable form, and the exported bundle."""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from swdesk import __version__
from swdesk.database.errors import RecordNotFound
from swdesk.domain.application import (
    ApplicationDraft,
    ApplicationFormData,
    ApplicationKind,
    ApplicationState,
    FixItem,
    MaterialFile,
    MaterialRole,
    blocking_items,
)
from swdesk.domain.credit_code import normalize_credit_code
from swdesk.domain.errors import UserFixableError
from swdesk.domain.models import Activity, Practitioner, PractitionerRecord
from swdesk.domain.normalise import normalise_free_text, normalise_line, normalise_phone
from swdesk.domain.precheck import precheck
from swdesk.domain.printable import unprintable_items
from swdesk.domain.rules import RegistrationStatus, compute_status, counted_on
from swdesk.storage.application_repository import (
    ApplicationRepository,
    ExportRecord,
    ProfileChangeRepository,
)
from swdesk.storage.database import Database
from swdesk.storage.files import EvidenceStore
from swdesk.storage.references import unreferenced
from swdesk.storage.repositories import ActivityRepository, PractitionerRepository
from swdesk.storage.sealing import ProfileLocked

from .application_bundle import BundlePlan, plan_bundle
from .application_form import build_form_data
from .clock import china_today
from .profiles import ProfileService, normalised_practitioner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

Clock = Callable[[], date]
PERSONAL_FIELDS = ("phone", "employer", "employer_credit_code", "post")


def kind_for(record: PractitionerRecord) -> ApplicationKind:
    """What the practitioner applies for now: a registration on record makes it a renewal
    (再登记), none a first registration (首次登记)."""
    return ApplicationKind.RENEWAL if record.registrations else ApplicationKind.FIRST


def normalised_draft(draft: ApplicationDraft) -> ApplicationDraft:
    """The draft's typed fields in the canonical forms their validators check
    (`domain.normalise`): what passes the fix list is exactly what is stored and bundled."""
    return replace(draft, phone=normalise_phone(draft.phone),
                   employer=normalise_line(draft.employer),
                   employer_credit_code=normalize_credit_code(draft.employer_credit_code),
                   post=normalise_line(draft.post),
                   late_explanation=normalise_free_text(draft.late_explanation))


def follow_record(draft: ApplicationDraft, record: PractitionerRecord) -> ApplicationDraft:
    """A draft whose kind no longer fits the record, made to fit it.

    A first-registration draft saved before a registration was recorded becomes a renewal
    (and the other way round when the registration was removed). What the person typed
    that applies to both kinds stays: personal data, the identity change, the photo and
    the other materials. What does not is dropped: the accepted declaration (it was given
    for the other kind of application: the person confirms it again for what is now
    printed) and, on a first registration, the written and scanned late explanation. An
    exported application is left as it is (it is what the office has)."""
    kind = kind_for(record)
    if draft.state is not ApplicationState.DRAFT or draft.kind is kind:
        return draft
    changed = replace(draft, kind=kind, declaration_accepted=False,
                      declaration_accepted_at=None)
    if kind is ApplicationKind.FIRST:
        changed = replace(changed, late_explanation="", materials=tuple(
            m for m in changed.materials if m.role is not MaterialRole.LATE_EXPLANATION))
    return changed


class ApplicationNotDiscardable(UserFixableError):
    """Discard refused: the application was exported (it awaits review or was decided)."""

    def __init__(self, state: ApplicationState) -> None:
        super().__init__("application_not_discardable", state=state.value)


class FixListOpen(UserFixableError):
    """Export refused: the fix list still has items."""

    def __init__(self, items: list[FixItem]) -> None:
        super().__init__("fix_list_open", count=len(items))
        self.items = items


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    bundle_id: str
    content_digest: str
    application: ApplicationDraft


@dataclass(frozen=True, slots=True)
class ApplicationContext:
    """What the pre-check and the form need, read in one go."""

    record: PractitionerRecord
    status: RegistrationStatus
    activities: list[Activity]
    counted: list[Activity]


class ApplicationService:
    def __init__(self, database: Database, evidence: EvidenceStore, profiles: ProfileService,
                 clock: Clock = china_today) -> None:
        self._db = database
        self._evidence = evidence
        self._profiles = profiles
        self._clock = clock

    # -- reading -------------------------------------------------------------------------
    def context(self, practitioner_id: int, under_review: bool = False) -> ApplicationContext:
        with self._db.session() as session:
            record = PractitionerRepository(session).get_record(practitioner_id)
            activities = ActivityRepository(session).list_for(practitioner_id)
        # data stored before the services normalised it is read in its canonical form, so
        # the form and the bundle never carry a tab or a full-width digit the checks ignored
        record = replace(record, practitioner=normalised_practitioner(record.practitioner))
        pack = self._profiles.pack_for(record.practitioner)
        status = compute_status(record, activities, pack, self._clock(),
                                under_review=under_review)
        counted = counted_on(activities, status.counting_period, status.today)
        return ApplicationContext(record, status, activities, counted)

    def set_registration_number(self, practitioner_id: int,
                                number: str) -> ApplicationContext:
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
        if latest is not None and latest.state in (ApplicationState.DRAFT,
                                                   ApplicationState.EXPORTED):
            return follow_record(latest, record)
        p = record.practitioner
        kind = kind_for(record)
        if latest is not None and latest.state is ApplicationState.REJECTED:
            return follow_record(replace(latest, id=None, uid=str(uuid.uuid4()), version=1,
                           state=ApplicationState.DRAFT, declaration_accepted=False,
                           declaration_accepted_at=None, exported_at=None, bundle_id="",
                           content_digest="", parent_id=latest.id,
                           materials=tuple(m for m in latest.materials
                                           if m.role is not MaterialRole.SIGNED_FORM)), record)
        draft = ApplicationDraft(
            practitioner_id=practitioner_id, kind=kind, uid=str(uuid.uuid4()),
            phone=p.phone, employer=p.employer, employer_credit_code=p.employer_credit_code,
            post=p.post)
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
        (`follow_record`). Changing an exported application starts its next version; the
        exported one is kept."""
        draft = normalised_draft(draft)
        with self._db.session() as session:
            repo = ApplicationRepository(session)
            record = self._record_if_open(session, draft.practitioner_id)
            if record is not None and draft.state is ApplicationState.DRAFT:
                draft = follow_record(draft, record)
            if draft.id is None:
                same = next((a for a in repo.history(draft.practitioner_id)
                             if a.uid == draft.uid and a.version == draft.version), None)
                if same is None:
                    return repo.get(repo.add(replace(draft, state=ApplicationState.DRAFT)))
                draft = replace(draft, id=same.id)
            draft_id = draft.id
            assert draft_id is not None  # a stored application (as `same` was) has an id
            stored = repo.get(draft_id)
            if stored.state is not ApplicationState.DRAFT:
                if _same_content(stored, draft):
                    # e.g. the signed scan attached after printing: same version, same QR
                    orphans = repo.update(replace(draft, state=stored.state))
                    result = repo.get(draft_id)
                    self._evidence.remove_unreferenced(orphans)
                    return result
                new_version = replace(draft, id=None, state=ApplicationState.DRAFT,
                                      version=stored.version + 1, exported_at=None,
                                      bundle_id="", content_digest="",
                                      parent_id=stored.parent_id)
                if record is not None:
                    new_version = follow_record(new_version, record)
                return repo.get(repo.add(new_version))
            orphans = repo.update(draft)
            result = repo.get(draft_id)
        self._evidence.remove_unreferenced(orphans)
        return result

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
        """Copy a material into the data folder and add it to the draft (not saved yet).
        A photo is checked, re-encoded and stripped of metadata; one photo and one signed
        scan at most."""
        if role is MaterialRole.PHOTO:
            from swdesk.media.photo import normalise_photo

            try:
                data = path.read_bytes()
            except OSError as error:
                raise UserFixableError("file_unreadable", file=path.name) from error
            photo = normalise_photo(data, source_name=path.name)
            stored = self._evidence.import_bytes(photo.jpeg, path.stem + ".jpg",
                                                 owner=draft.practitioner_id)
        else:
            stored = self._evidence.import_file(path, owner=draft.practitioner_id)
        material = MaterialFile(role, path.name, stored.stored_name, stored.sha256, stored.size,
                                stored.media_type)
        keep = draft.materials
        if role in (MaterialRole.PHOTO, MaterialRole.SIGNED_FORM):
            keep = tuple(m for m in keep if m.role is not role)
        return replace(draft, materials=(*keep, material))

    def detach(self, draft: ApplicationDraft, material: MaterialFile) -> ApplicationDraft:
        return replace(draft, materials=tuple(m for m in draft.materials if m != material))

    def material_path(self, material: MaterialFile) -> Path:
        """A path a viewer can open (a decrypted temporary copy for a protected profile)."""
        return self._evidence.readable_path(material.stored_name, material.original_name)

    # -- checking ------------------------------------------------------------------------
    def precheck(self, draft: ApplicationDraft,
                 context: ApplicationContext | None = None) -> list[FixItem]:
        ctx = context or self.context(draft.practitioner_id)
        pack = self._profiles.pack_for(ctx.record.practitioner)
        draft = follow_record(normalised_draft(draft), ctx.record)  # as it will be saved
        from swdesk.pdf.fonts import missing_glyphs  # loads ReportLab: not at start-up

        return precheck(ctx.record, draft, ctx.status, ctx.activities, pack, self._clock(),
                        self._file_exists) + unprintable_items(
            ctx.record, draft, ctx.counted, ctx.status.is_late, missing_glyphs)

    def _member_source(self, stored_name: str) -> dict[str, Any]:
        """Where a bundle member's bytes come from: the stored file (streamed), or for a
        sealed file its decrypted bytes (a missing file is left for the writer to report)."""
        if self._evidence.is_sealed(stored_name) and self._evidence.exists(stored_name):
            return {"data": self._evidence.read_bytes(stored_name)}
        return {"path": self._evidence.path_for(stored_name)}

    def _file_exists(self, stored_name: str) -> bool:
        return self._evidence.exists(stored_name)

    # -- the form ------------------------------------------------------------------------
    def plan(self, draft: ApplicationDraft,
             context: ApplicationContext | None = None) -> tuple[BundlePlan, ApplicationFormData]:
        """Everything the bundle will hold, and the form data (with the QR's content digest)."""
        ctx = context or self.context(draft.practitioner_id)
        pack = self._profiles.pack_for(ctx.record.practitioner)
        resubmission_of = None
        if draft.parent_id is not None:
            with self._db.session() as session:
                resubmission_of = ApplicationRepository(session).get(draft.parent_id).uid
        plan = plan_bundle(draft, ctx.record, ctx.status, ctx.counted, pack,
                           self._member_source,
                           exported_at=datetime.now().replace(microsecond=0),
                           resubmission_of=resubmission_of)
        photo = draft.photo
        photo_bytes = self._evidence.read_bytes(photo.stored_name) if photo else None
        form = build_form_data(draft, ctx.record, ctx.status, ctx.counted, pack,
                               plan.content_digest, photo_bytes, self._clock())
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
        from swdesk.bundle import stage_bundle
        from swdesk.pdf import render_application_form

        dest = Path(os.path.abspath(dest))  # recorded: found again from any working folder
        draft = self.save_draft(draft)
        ctx = self.context(draft.practitioner_id)
        items = blocking_items(self.precheck(draft, ctx))  # notes never hold back the export
        if items:
            raise FixListOpen(items)
        plan, form = self.plan(draft, ctx)
        pdf = render_application_form(form)
        members = plan.members_with_form(pdf)
        self.recover_exports(dest.parent)
        form_file = self._evidence.import_bytes(pdf, f"{draft.uid}-v{draft.version}.pdf",
                                                owner=draft.practitioner_id)
        try:
            staged = stage_bundle(dest, members, created_at=plan.exported_at,
                                  generator=f"swdesk {__version__}")
        except BaseException:
            self._drop_if_unreferenced([form_file.stored_name])
            raise
        info = staged.info
        assert draft.id is not None
        try:
            undo, orphans = self._record_export(draft, ctx.record, form_file.stored_name,
                                                plan.exported_at, info.bundle_id,
                                                info.content_digest, str(info.path))
        except BaseException:
            staged.discard()
            self._drop_if_unreferenced([form_file.stored_name])
            raise
        try:
            staged.publish()
        except BaseException:
            self._undo_export(draft.id, undo)
            raise
        with self._db.session() as session:
            exported = ApplicationRepository(session).get(draft.id)
        self._evidence.remove_unreferenced(orphans)
        return ExportResult(info.path, info.bundle_id, info.content_digest, exported)

    def _record_export(self, draft: ApplicationDraft, record: PractitionerRecord,
                       form_file: str, exported_at: datetime, bundle_id: str,
                       content_digest: str, bundle_path: str
                       ) -> tuple[_ExportUndo, list[str]]:
        """Commit the export: personal changes, the form, the bundle's id and digest."""
        assert draft.id is not None
        with self._db.session() as session:
            repo = ApplicationRepository(session)
            before = repo.export_record(draft.id)
            changes = self._apply_personal_changes(session, record, draft)
            orphans = repo.set_form_file(draft.id, form_file)
            repo.mark_exported(draft.id, exported_at=exported_at, bundle_id=bundle_id,
                               content_digest=content_digest, bundle_path=bundle_path)
        return _ExportUndo(before, record.practitioner if changes else None, changes), orphans

    def _undo_export(self, app_id: int, undo: _ExportUndo) -> None:
        """The bundle was not published: the record goes back to what it was. If even that
        fails, the record names a bundle nobody has, which harms nothing (no decision can
        name it) and the next export replaces it."""
        try:
            with self._db.session() as session:
                dropped = ApplicationRepository(session).restore_export_record(app_id,
                                                                               undo.record)
                if undo.practitioner is not None:
                    PractitionerRepository(session).update_practitioner(undo.practitioner)
                    ProfileChangeRepository(session).delete(undo.change_ids)
        except Exception:  # noqa: BLE001 - the caller raises the publish error
            log.exception("an export that was not published could not be undone")
            return
        self._evidence.remove_unreferenced(dropped)

    def _drop_if_unreferenced(self, stored_names: list[str]) -> None:
        try:
            with self._db.session() as session:
                names = unreferenced(session, stored_names)
        except Exception:  # noqa: BLE001 - the start-up sweep removes it then
            log.warning("a generated form could not be tidied away")
            return
        self._evidence.remove_unreferenced(names)

    def recover_exports(self, folder: Path | None = None) -> list[Path]:
        """Finish publications a crash interrupted: an application awaiting review whose
        recorded bundle is not at its path, while a temporary file beside that path holds
        exactly that bundle (same id), gets it renamed into place. A different file at the
        path is replaced only if no application records it. With `folder`, only bundles
        exported into it are looked at. Returns the paths of the bundles put in place."""
        from swdesk.bundle import BundleError, verify_bundle
        from swdesk.core.outfiles import leftovers_of, publish

        with self._db.session() as session:
            exported = ApplicationRepository(session).exported_bundles()
        adopted: list[Path] = []
        for _app_id, bundle_id, bundle_path in exported:
            if not bundle_path:
                continue
            dest = Path(bundle_path)
            if folder is not None and os.path.normcase(dest.parent) != os.path.normcase(folder):
                continue
            if not dest.parent.is_dir():
                continue
            candidates = list(leftovers_of(dest))
            if not candidates:
                continue
            current = _bundle_id_of(dest) if dest.exists() else None
            if current == bundle_id:
                continue
            if current is not None:
                with self._db.session() as session:
                    if ApplicationRepository(session).knows_bundle(current):
                        continue
            for temp in candidates:
                try:
                    if verify_bundle(temp).bundle_id != bundle_id:
                        continue
                    publish(temp, dest)
                except (BundleError, UserFixableError, OSError) as problem:
                    log.warning("an interrupted export could not be finished: %s",
                                type(problem).__name__)
                    continue
                log.info("an interrupted export was finished: %s", dest.name)
                adopted.append(dest)
                break
        return adopted

    @staticmethod
    def _apply_personal_changes(session: Session, record: PractitionerRecord,
                                draft: ApplicationDraft) -> list[int]:
        """Update the profile from the draft; returns the ids of the changes recorded."""
        p = record.practitioner
        changes = {f: getattr(draft, f) for f in PERSONAL_FIELDS
                   if getattr(draft, f) != getattr(p, f)}
        if not changes:
            return []
        changes_repo = ProfileChangeRepository(session)
        ids = [changes_repo.record(draft.practitioner_id, name, getattr(p, name), new,
                                   draft.uid)
               for name, new in changes.items()]
        PractitionerRepository(session).update_practitioner(replace(p, **changes))
        return ids


@dataclass(frozen=True, slots=True)
class _ExportUndo:
    """What undoes a committed export: the row's export columns before it, and the profile
    before the personal changes it applied (None when it applied none)."""

    record: ExportRecord
    practitioner: Practitioner | None
    change_ids: list[int]


def _bundle_id_of(path: Path) -> str | None:
    """The id of the bundle at `path` (None when it is not a readable bundle)."""
    from swdesk.bundle import BundleError, verify_bundle

    try:
        return verify_bundle(path).bundle_id
    except (BundleError, UserFixableError, OSError):
        return None


def _same_content(a: ApplicationDraft, b: ApplicationDraft) -> bool:
    """Equal in everything the printed form and the content digest depend on."""
    fields = ("kind", "phone", "employer", "employer_credit_code", "post", "identity_changed",
              "late_explanation", "declaration_accepted")

    def content_materials(d: ApplicationDraft) -> list[MaterialFile]:
        return [m for m in d.materials if m.role is not MaterialRole.SIGNED_FORM]

    return (all(getattr(a, f) == getattr(b, f) for f in fields)
            and content_materials(a) == content_materials(b))
