"""The electronic registration certificate of a final approval: what it prints (from the
profile as it is now and the signed decision) and the PDF rendered into the evidence store.

Rendering the same data again gives the same bytes, so a certificate file that went
missing is rendered again under the same name (`DecisionService.certificate_path`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from swdesk.domain.application import ApplicationDraft
from swdesk.domain.certificate import CertificateData
from swdesk.domain.models import PractitionerRecord
from swdesk.storage.files import EvidenceStore

from . import form_labels as zh

if TYPE_CHECKING:
    from swdesk.signing import SignedDecision

__all__ = ["CERTIFICATE_NAME", "certificate_data", "store_certificate"]

CERTIFICATE_NAME = "登记证书.pdf"  # the decrypted copy a viewer opens


def certificate_data(
    evidence: EvidenceStore,
    record: PractitionerRecord,
    application: ApplicationDraft,
    signed: SignedDecision,
) -> CertificateData:
    """What the certificate of the final approval `signed` prints: the holder from today's
    profile, the period, office and date from the decision, the application's photo."""
    d = signed.decision
    assert d.registration_from is not None and d.registration_to is not None
    p = record.practitioner
    certificate = record.current_certificate
    photo = application.photo
    photo_jpeg = None
    if photo is not None and evidence.exists(photo.stored_name):
        photo_jpeg = evidence.read_bytes(photo.stored_name)
    return CertificateData(
        holder_name=p.name,
        gender_label=zh.GENDERS[p.gender],
        id_number=p.id_number,
        level_label=zh.LEVELS[certificate.level] if certificate else "—",
        certificate_number=certificate.number if certificate else "—",
        registration_label=zh.REGISTRATION_TYPES[application.kind],
        valid_from=d.registration_from,
        valid_to=d.registration_to,
        office_name=d.office.name,
        decided_on=d.decided_at.date(),
        decision_digest=signed.digest,
        application_uid=d.application_uid,
        photo_jpeg=photo_jpeg,
    )


def store_certificate(
    evidence: EvidenceStore,
    record: PractitionerRecord,
    application: ApplicationDraft,
    signed: SignedDecision,
    created: list[str],
    session: Session,
) -> str:
    """Render the certificate into the evidence store; returns its stored name. A file
    that did not exist before is listed in `created` (removed if the caller fails).
    Its name is journaled in `session`, the transaction that refers to it (the caller
    already writes there: a second connection would wait for this one)."""
    from swdesk.pdf.certificate import render_registration_certificate

    data = certificate_data(evidence, record, application, signed)
    pdf = render_registration_certificate(data)
    owner = record.practitioner.id
    existed = evidence.exists(evidence.expected_name(pdf, owner))
    stored = evidence.import_bytes(pdf, f"登记证书-{data.serial}.pdf", owner=owner, session=session)
    if not existed:
        created.append(stored.stored_name)
    return stored.stored_name
