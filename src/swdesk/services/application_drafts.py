"""The rules a draft application follows before it is saved: its kind follows the record,
its typed fields take their canonical forms, its declaration carries the moment it was
accepted, and a changed export or a rejected application starts a new draft.

Pure functions over `ApplicationDraft` (no database); `ApplicationService` applies them
on every save, so the wizard, the command line and the self-check save the same draft.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from swdesk.domain.application import (
    ApplicationDraft,
    ApplicationKind,
    ApplicationState,
    MaterialFile,
    MaterialRole,
)
from swdesk.domain.credit_code import normalize_credit_code
from swdesk.domain.errors import UserFixableError
from swdesk.domain.models import Activity, PractitionerRecord
from swdesk.domain.normalise import normalise_free_text, normalise_line, normalise_phone
from swdesk.domain.rules import RegistrationStatus

__all__ = [
    "ApplicationContext",
    "ApplicationNotDiscardable",
    "declaration_stamped",
    "follow_record",
    "kind_for",
    "next_version",
    "normalised_draft",
    "resubmission",
    "same_content",
]


@dataclass(frozen=True, slots=True)
class ApplicationContext:
    """What the pre-check and the form need, read in one go."""

    record: PractitionerRecord
    status: RegistrationStatus
    activities: list[Activity]
    counted: list[Activity]


class ApplicationNotDiscardable(UserFixableError):
    """Discard refused: the application was exported (it awaits review or was decided)."""

    def __init__(self, state: ApplicationState) -> None:
        super().__init__("application_not_discardable", state=state.value)


def kind_for(record: PractitionerRecord) -> ApplicationKind:
    """What the practitioner applies for now: a registration on record makes it a renewal
    (再登记), none a first registration (首次登记)."""
    return ApplicationKind.RENEWAL if record.registrations else ApplicationKind.FIRST


def normalised_draft(draft: ApplicationDraft) -> ApplicationDraft:
    """The draft's typed fields in the canonical forms their validators check
    (`domain.normalise`): what passes the fix list is exactly what is stored and bundled."""
    return replace(
        draft,
        phone=normalise_phone(draft.phone),
        employer=normalise_line(draft.employer),
        employer_credit_code=normalize_credit_code(draft.employer_credit_code),
        post=normalise_line(draft.post),
        late_explanation=normalise_free_text(draft.late_explanation),
    )


def declaration_stamped(draft: ApplicationDraft, now: Callable[[], datetime]) -> ApplicationDraft:
    """The draft with its declaration's time as the bundle states it: an accepted
    declaration without a time is stamped `now()` (timezone-aware, to the second), kept as
    the naive local time the database stores (`swdesk.core.timestamps` gives it its offset
    on the way out); a declaration that is not accepted has no time; a time already
    recorded is kept. The windows and the command line only record the acceptance."""
    if not draft.declaration_accepted:
        return (
            draft
            if draft.declaration_accepted_at is None
            else replace(draft, declaration_accepted_at=None)
        )
    if draft.declaration_accepted_at is not None:
        return draft
    local = now().astimezone().replace(tzinfo=None, microsecond=0)
    return replace(draft, declaration_accepted_at=local)


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
    changed = replace(draft, kind=kind, declaration_accepted=False, declaration_accepted_at=None)
    if kind is ApplicationKind.FIRST:
        changed = replace(
            changed,
            late_explanation="",
            materials=tuple(
                m for m in changed.materials if m.role is not MaterialRole.LATE_EXPLANATION
            ),
        )
    return changed


def same_content(a: ApplicationDraft, b: ApplicationDraft) -> bool:
    """Equal in everything the printed form and the content digest depend on."""
    fields = (
        "kind",
        "phone",
        "employer",
        "employer_credit_code",
        "post",
        "identity_changed",
        "late_explanation",
        "declaration_accepted",
    )

    def content_materials(d: ApplicationDraft) -> list[MaterialFile]:
        return [m for m in d.materials if m.role is not MaterialRole.SIGNED_FORM]

    return all(getattr(a, f) == getattr(b, f) for f in fields) and content_materials(
        a
    ) == content_materials(b)


def next_version(stored: ApplicationDraft, draft: ApplicationDraft) -> ApplicationDraft:
    """The next version of the exported application `stored`, holding what `draft` holds
    (the exported version is kept as it is)."""
    return replace(
        draft,
        id=None,
        state=ApplicationState.DRAFT,
        version=stored.version + 1,
        exported_at=None,
        bundle_id="",
        content_digest="",
        parent_id=stored.parent_id,
    )


def resubmission(rejected: ApplicationDraft) -> ApplicationDraft:
    """A new draft (a new uid, version 1) starting from the rejected application: what the
    person entered and attached stays, except the signed form and the declaration."""
    return replace(
        rejected,
        id=None,
        uid=str(uuid.uuid4()),
        version=1,
        state=ApplicationState.DRAFT,
        declaration_accepted=False,
        declaration_accepted_at=None,
        exported_at=None,
        bundle_id="",
        content_digest="",
        parent_id=rejected.id,
        materials=tuple(m for m in rejected.materials if m.role is not MaterialRole.SIGNED_FORM),
    )
