"""Practitioner profiles: create, edit, list, PIN-protect (seal), unlock, delete."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from swdesk.database.errors import RecordNotFound
from swdesk.domain.credit_code import normalize_credit_code
from swdesk.domain.errors import FieldIssue, UserFixableError, ValidationFailed
from swdesk.domain.identity import normalize_id_number
from swdesk.domain.models import (
    Certificate,
    EvidenceFile,
    Practitioner,
    PractitionerRecord,
    ProfileSummary,
    RegistrationPeriod,
)
from swdesk.domain.normalise import (
    compact_code,
    normalise_line,
    normalise_name,
    normalise_phone,
)
from swdesk.domain.registration_number import (
    normalise_registration_number,
    registration_number_issues,
)
from swdesk.domain.rulepack import RulePack
from swdesk.domain.validation import (
    certificate_issues,
    practitioner_issues,
    registration_issues,
)
from swdesk.rulepacks.loader import load_pack
from swdesk.storage.database import Database
from swdesk.storage.files import EvidenceStore, PhotoStore
from swdesk.storage.references import PHOTOS, note_dropped
from swdesk.storage.repositories import PractitionerRepository

from .clock import china_today
from .pin import pin_issues
from .protection import ProfileProtection


@dataclass(frozen=True, slots=True)
class ProfileDraft:
    """Everything the profile editor collects, validated and saved as one unit."""

    practitioner: Practitioner
    certificate: Certificate
    registration: RegistrationPeriod | None  # None: not registered yet (未登记)
    new_photo: Path | None = None  # a file the user picked; copied into the data folder


def normalised_practitioner(p: Practitioner) -> Practitioner:
    """`p` with every field that has a canonical form in that form: ID number and credit
    code compacted and upper-cased, phone canonical, name, employer and post one trimmed
    line in NFC, county code compacted. Idempotent."""
    return replace(
        p,
        name=normalise_name(p.name),
        id_number=normalize_id_number(p.id_number),
        phone=normalise_phone(p.phone),
        employer=normalise_line(p.employer),
        employer_credit_code=normalize_credit_code(p.employer_credit_code),
        post=normalise_line(p.post),
        county=compact_code(p.county),
    )


class ProfileService:
    def __init__(
        self,
        database: Database,
        photos: PhotoStore,
        clock: Callable[[], date] = china_today,
        evidence: EvidenceStore | None = None,
        scrub: Callable[[], object] | None = None,
    ) -> None:
        self._db = database
        self._photos = photos
        self._clock = clock
        self._evidence = evidence
        self.protection = ProfileProtection(database, evidence, photos, scrub)

    # -- reading -------------------------------------------------------------------------
    def list_profiles(self) -> list[ProfileSummary]:
        with self._db.session() as session:
            return PractitionerRepository(session).list_summaries()

    def get_record(self, practitioner_id: int) -> PractitionerRecord:
        with self._db.session() as session:
            return PractitionerRepository(session).get_record(practitioner_id)

    def pack_for(self, practitioner: Practitioner) -> RulePack:
        return load_pack(practitioner.rulepack_id)

    def photo_path(self, practitioner: Practitioner) -> Path | None:
        """A path a viewer can open (a decrypted temporary copy for a protected profile);
        None without a photo or when its file is missing."""
        name = practitioner.photo_file
        if not name or not self._photos.exists(name):
            return None
        return self._photos.readable_path(name, "photo")

    # -- validation ----------------------------------------------------------------------
    def draft_issues(self, draft: ProfileDraft) -> list[FieldIssue]:
        """Every problem in the draft, by field; empty when it can be saved."""
        today = self._clock()
        p = draft.practitioner
        pack = load_pack(p.rulepack_id)
        issues = practitioner_issues(p, today, pack)
        issues += certificate_issues(draft.certificate, today, p.birth_date)
        if draft.registration is not None:
            issues += registration_issues(draft.registration)
            issues += registration_number_issues(draft.registration.number)
        return issues

    @staticmethod
    def normalized(draft: ProfileDraft) -> ProfileDraft:
        """The draft in the canonical forms the validators check (`domain.normalise`):
        what is validated is exactly what is stored."""
        cert = replace(draft.certificate, number=compact_code(draft.certificate.number))
        registration = draft.registration
        if registration is not None:
            registration = replace(
                registration, number=normalise_registration_number(registration.number)
            )
        return replace(
            draft,
            practitioner=normalised_practitioner(draft.practitioner),
            certificate=cert,
            registration=registration,
        )

    # -- writing -------------------------------------------------------------------------
    def create_profile(self, draft: ProfileDraft, pin: str | None = None) -> int:
        """Validate and save a new profile whole; raises ValidationFailed listing every issue.
        With a PIN the profile is sealed at once (and left unlocked for this session)."""
        draft = self.normalized(draft)
        issues = self.draft_issues(draft)
        if pin:
            issues += pin_issues(pin)
        if issues:
            raise ValidationFailed(issues)
        practitioner = draft.practitioner
        if draft.new_photo is not None:
            stored = self._store_photo(draft.new_photo, None)
            practitioner = replace(practitioner, photo_file=stored.stored_name)
        record = PractitionerRecord(
            practitioner=practitioner,
            certificates=[draft.certificate],
            registrations=[draft.registration] if draft.registration else [],
        )
        try:
            with self._db.session() as session:
                new_id = PractitionerRepository(session).add_record(record)
        except BaseException:
            self._forget_new_photo(draft, practitioner.photo_file)
            raise
        if pin:
            try:
                self.protection.protect(new_id, pin)
            except BaseException:
                with contextlib.suppress(Exception):
                    self.delete_profile(new_id)  # never a profile meant to be protected in clear
                raise
        return new_id

    def set_registration_number(self, practitioner_id: int, number: str) -> RegistrationPeriod:
        """Record the number (登记证书编号) of the latest registration, in its canonical form;
        the registration's other data stays. Raises ValidationFailed (field
        registration_number) for a number that cannot be stored; RecordNotFound when the
        profile has no registration (the wizard offers the field only when it has one)."""
        number = normalise_registration_number(number)
        issues = registration_number_issues(number)
        if issues:
            raise ValidationFailed(issues)
        with self._db.session() as session:
            repo = PractitionerRepository(session)
            latest = repo.get_record(practitioner_id).latest_registration
            if latest is None:
                raise RecordNotFound("registration_periods", practitioner_id)
            changed = replace(latest, number=number)
            repo.save_registration(practitioner_id, changed)
        return changed

    def update_profile(self, practitioner_id: int, draft: ProfileDraft) -> None:
        """Save the edited profile whole: personal data, certificate and first registration."""
        draft = self.normalized(draft)
        issues = self.draft_issues(draft)
        if issues:
            raise ValidationFailed(issues)
        practitioner = replace(draft.practitioner, id=practitioner_id)
        if draft.new_photo is not None:
            stored = self._store_photo(draft.new_photo, practitioner_id)
            practitioner = replace(practitioner, photo_file=stored.stored_name)
        old_photo = ""
        try:
            with self._db.session() as session:
                repo = PractitionerRepository(session)
                old_photo = repo.get_record(practitioner_id).practitioner.photo_file
                repo.update_practitioner(practitioner)
                if old_photo != practitioner.photo_file:
                    note_dropped(session, PHOTOS, [old_photo])
                repo.save_certificate(practitioner_id, draft.certificate)
                if draft.registration is not None:
                    repo.save_registration(practitioner_id, draft.registration)
        except BaseException:
            self._forget_new_photo(draft, practitioner.photo_file)
            raise
        if old_photo and old_photo != practitioner.photo_file:
            self._forget_photo(old_photo)

    def _store_photo(self, path: Path, owner: int | None) -> EvidenceFile:
        """Check, scale and re-encode the chosen photo (media/photo.py: a camera original
        becomes a 354×472 JPEG without metadata), then store that. Raises UserFixableError
        (photo_* codes, file_unreadable) naming the file."""
        from swdesk.media.photo import normalise_photo

        try:
            data = path.read_bytes()
        except OSError as error:
            raise UserFixableError("file_unreadable", file=path.name) from error
        photo = normalise_photo(data, source_name=path.name)
        return self._photos.import_bytes(photo.jpeg, path.stem + ".jpg", owner=owner)

    def delete_profile(self, practitioner_id: int) -> None:
        """Delete the profile with its records, then its evidence files and photo (personal
        data must not linger in the data folder)."""
        with self._db.session() as session:
            repo = PractitionerRepository(session)
            photo = repo.get_record(practitioner_id).practitioner.photo_file
            evidence_names = repo.delete(practitioner_id)
            note_dropped(session, PHOTOS, [photo])  # garbage if a crash stops the removal
        self.protection.keyring.forget(practitioner_id)
        if self._evidence is not None:
            self._evidence.remove_unreferenced(evidence_names)
        if photo:
            self._forget_photo(photo)

    def _forget_new_photo(self, draft: ProfileDraft, name: str) -> None:
        """After a failed save: remove the photo just copied in, unless a profile uses it
        (no personal data may linger in the data folder). Never hides the save's error."""
        if draft.new_photo is not None and name:
            with contextlib.suppress(Exception):
                self._forget_photo(name)

    def _forget_photo(self, name: str) -> None:
        with self._db.session() as session:
            in_use = PractitionerRepository(session).photo_names()
        if name not in in_use:
            self._photos.remove_unreferenced([name])

    def mark_opened(self, practitioner_id: int) -> None:
        with self._db.session() as session:
            PractitionerRepository(session).touch_opened(practitioner_id)

    # -- PIN -----------------------------------------------------------------------------
    def has_pin(self, practitioner_id: int) -> bool:
        with self._db.session() as session:
            repo = PractitionerRepository(session)
            return (
                repo.get_pin_hash(practitioner_id) is not None
                or repo.get_wrapped_key(practitioner_id) is not None
            )

    def verify_pin(self, practitioner_id: int, pin: str) -> bool:
        """Whether `pin` is right (True without a PIN); unlocks nothing."""
        return self.protection.check(practitioner_id, pin)

    def unlock(self, practitioner_id: int, pin: str) -> bool:
        """Check the PIN and open the profile's sealed data for this session (a profile
        with an old-style PIN is sealed now). False for a wrong PIN."""
        return self.protection.unlock(practitioner_id, pin)

    def lock_all(self) -> None:
        """Close every unlocked profile: keys forgotten, decrypted viewer copies removed."""
        self.protection.lock_all()

    def set_pin(self, practitioner_id: int, pin: str | None) -> None:
        """Set (sealing the profile's data), change or, with None, remove a profile's PIN
        (its data is stored in clear again). A protected profile must be unlocked."""
        if pin:
            issues = pin_issues(pin)
            if issues:
                raise ValidationFailed(issues)
        self.protection.set_pin(practitioner_id, pin)
