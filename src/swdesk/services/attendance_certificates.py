"""The printable certificate of a signed attendance record, as the provider prints it when
issuing and as the attendee's swdesk keeps it as the activity's evidence: the same PDF from
the same record, so a paper copy always matches its record's QR code."""

from __future__ import annotations

from swdesk.pdf.attendance_certificate import (
    AttendanceCertificateData,
    render_attendance_certificate,
)
from swdesk.signing import OpenedCeRecord, ProviderIdentity
from swdesk.signing.ce_record import format_hours

from .form_labels import ACTIVITY_TYPES, CONTENT_AREAS

__all__ = ["attendance_certificate"]


def attendance_certificate(
    opened: OpenedCeRecord, provider: ProviderIdentity, masked_id_number: str
) -> bytes:
    """The certificate PDF of `opened`, signed by `provider`, showing the attendee's ID
    number masked."""
    record = opened.record
    return render_attendance_certificate(
        AttendanceCertificateData(
            attendee_name=record.attendee_name,
            masked_id_number=masked_id_number,
            course_title=record.title,
            activity_type=ACTIVITY_TYPES[record.activity_type],
            content_area=CONTENT_AREAS[record.content_area],
            start_date=record.start_date,
            end_date=record.end_date,
            hours=format_hours(record.hours),
            provider_name=record.provider_name,
            provider_credit_code=record.provider_credit_code,
            provider_fingerprint=provider.fingerprint_groups,
            record_id=record.record_id,
            issued_on=record.issued_at.date(),
            qr_payload=opened.qr_payload,
        )
    )
